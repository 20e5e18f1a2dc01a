/**
 * What `jit-bench run` leaves beside its markdown report, under the names the
 * project's ticket gave them: benchmarks.json (the original script's JSON,
 * with jit-bench's numbers added) and, with --profile, profile.svg (the
 * whole suite's flame graph). Both go into the report's folder, so a run with
 * `--report docs/benchmarks.md` writes docs/benchmarks.json and docs/profile.svg.
 * Before the run, reportTargets lists them for the check that none of those
 * paths holds a file of the user's (adapters/own-files.ts).
 */
import { mkdir } from "node:fs/promises";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { writeFileAtomic } from "../adapters/files.js";
import { howToSet, type Target } from "../adapters/own-files.js";
import { readLegProfiles } from "../adapters/profile-files.js";
import type { RunSettings } from "../core/config/settings.js";
import { InputError } from "../core/errors.js";
import {
  type FlameGraphOutcome,
  type Profile,
  renderDiffFlameGraph,
  renderFlameGraph,
  suiteProfile,
} from "../core/flamegraph/index.js";
import type { Leg, ResultsFile } from "../core/results.js";
import { benchmarksJson, type SeedExportInput } from "../core/seed-export.js";

/** benchmarks.json beside benchmarks.md: the report's name with .json for its extension. */
export function benchmarksJsonPath(report: string): string {
  const ext = extname(report);
  return join(dirname(report), `${basename(report, ext)}.json`);
}

export function profileSvgPath(report: string): string {
  return join(dirname(report), "profile.svg");
}

/**
 * Refuses, before anything is measured, a report whose own files would land
 * on each other or on the run's results: `--report out/results.md` beside
 * `--output-dir out` would have its benchmarks.json replace results.json, and
 * `--report docs/benchmarks.json` would be overwritten by its own export.
 */
export function checkReportPaths(settings: RunSettings, resultsFile: string): void {
  const report = settings.report;
  if (report === null) return;
  const written: [string, string][] = [
    [
      resolve(settings.outputDir, resultsFile),
      `the results file (${settings.names["output-dir"]})`,
    ],
    [resolve(benchmarksJsonPath(report)), "the report's JSON export beside it"],
  ];
  if (settings.profile) written.push([resolve(profileSvgPath(report)), "the suite's flame graph"]);
  for (const leg of ["off", "on"] as const) {
    written.push([resolve(settings.outputDir, `${leg}.pyperf.json`), "a pyperf export"]);
  }
  const clash = written.find(([path]) => path === resolve(report));
  if (clash !== undefined) {
    throw new InputError(
      settings.names.report,
      relative(settings.root, report) || report,
      `is the path of ${clash[1]}, so one would overwrite the other`,
      "Name the report with a .md file of its own, e.g. docs/benchmarks.md.",
    );
  }
  const json = resolve(benchmarksJsonPath(report));
  const results = resolve(settings.outputDir, resultsFile);
  if (json === results) {
    throw new InputError(
      settings.names.report,
      relative(settings.root, report) || report,
      `would put its JSON export at ${relative(settings.root, json) || json}, the results file of this run, and replace it`,
      `Put the report in another folder than ${settings.names["output-dir"]}, or give it another name, e.g. docs/benchmarks.md.`,
    );
  }
}

/**
 * The files the report puts into the project, for the check that each path
 * is free or holds a file jit-bench wrote (adapters/own-files.ts).
 */
export function reportTargets(settings: RunSettings): Target[] {
  const report = settings.report;
  if (report === null) return [];
  const input = settings.names.report;
  const target = { input, value: relative(settings.root, report) || report };
  const move = input.startsWith("--")
    ? `name another report path with ${input} <path>, or write none with --no-report`
    : `${howToSet(input, "another path")}, or to false for no report`;
  const targets: Target[] = [
    { ...target, path: report, kind: "report", what: "the markdown report", move },
    {
      ...target,
      path: benchmarksJsonPath(report),
      kind: "benchmarks-json",
      what: "the report's JSON export (named after the report)",
      move,
    },
  ];
  if (settings.profile) {
    targets.push({
      ...target,
      path: profileSvgPath(report),
      kind: "svg",
      what: "the suite's flame graph (profile.svg, beside the report)",
      move,
    });
  }
  return targets;
}

export async function writeBenchmarksJson(
  report: string,
  resultsPath: string,
  results: ResultsFile,
  compared: SeedExportInput["compared"],
): Promise<string> {
  const path = benchmarksJsonPath(report);
  const document = benchmarksJson({
    results,
    compared,
    resultsFile: relative(dirname(path), resultsPath).split("\\").join("/"),
  });
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify(document, null, 2)}\n`);
  return path;
}

export type ProfileSvgOutcome =
  | { readonly kind: "written"; readonly path: string; readonly what: string }
  | { readonly kind: "note"; readonly note: string };

/**
 * The suite's flame graph from the profiles the run recorded: the differential
 * one (JIT on against off) when both legs were profiled and the JIT leg had a
 * JIT, else the graph of the JIT leg (or of the only leg profiled).
 */
export async function writeProfileSvg(
  report: string,
  resultsPath: string,
  results: ResultsFile,
): Promise<ProfileSvgOutcome> {
  const recorded = await readLegProfiles([resultsPath]);
  const merged: Partial<Record<Leg, Profile>> = {};
  for (const leg of ["off", "on"] as const) {
    const profiles = new Map<string, Profile>();
    for (const [name, entry] of recorded[leg]) if (entry.profile) profiles.set(name, entry.profile);
    try {
      const profile = suiteProfile(profiles);
      if (profile) merged[leg] = profile;
    } catch (error: unknown) {
      if (!(error instanceof InputError)) throw error;
      return { kind: "note", note: `the suite's profile is too large to draw: ${error.message}` };
    }
  }
  const jit = results.legs.on?.jit;
  const jitWorked = jit?.compiled === true && jit.enabled;
  let outcome: FlameGraphOutcome;
  let what: string;
  if (merged.off && merged.on && jitWorked) {
    outcome = renderDiffFlameGraph(merged.off, merged.on, {
      title: "The suite: JIT on against JIT off",
    });
    what = "the whole suite, JIT on against JIT off";
  } else {
    const leg = merged.on ? "on" : "off";
    const profile = merged[leg];
    if (!profile) return { kind: "note", note: "no benchmark was profiled" };
    outcome = renderFlameGraph(profile, {
      title: `The suite, JIT ${leg}${leg === "on" && !jitWorked ? " (this interpreter has no JIT)" : ""}`,
    });
    what = `the whole suite, JIT-${leg} leg`;
  }
  if (outcome.kind === "note") return { kind: "note", note: outcome.note };
  const path = profileSvgPath(report);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, outcome.svg);
  return { kind: "written", path, what };
}
