/**
 * What `jit-bench run` leaves beside its markdown report, under the names the
 * project's ticket gave them: benchmarks.json (the original script's JSON,
 * with jit-bench's numbers added) and, with --profile, profile.svg (the
 * whole suite's flame graph). Both go into the report's folder, so a run with
 * `--report docs/benchmarks.md` writes docs/benchmarks.json and docs/profile.svg.
 */
import { mkdir } from "node:fs/promises";
import { basename, dirname, extname, join, relative } from "node:path";
import { writeFileAtomic } from "../adapters/files.js";
import { readLegProfiles } from "../adapters/profile-files.js";
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
