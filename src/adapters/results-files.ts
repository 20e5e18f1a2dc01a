/**
 * Reads what `jit-bench compare` is pointed at: results files, folders of them
 * (a leg's shards, or downloaded artifacts), or the seed script's JSON, and
 * returns the two legs. Every problem is an InputError naming the file.
 */
import { readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import { LEG_LABELS } from "../core/compare/legs.js";
import type { LegInput, Warning } from "../core/compare/types.js";
import { InputError } from "../core/errors.js";
import { type Leg, type LegResults, parseResultsFile, type ResultsFile } from "../core/results.js";
import { looksLikeSeedFile, parseSeedFile, type SeedInput, seedLeg } from "../core/seed-format.js";
import { containedPath, readCapped, UnsafeReadError } from "./files.js";
import {
  type ImportedInputs,
  importFormatOf,
  loadImported,
  ownFilesFirst,
} from "./imported-files.js";

export type LoadedInputs =
  | {
      readonly kind: "results";
      readonly baseline: LegInput;
      readonly candidate: LegInput;
      readonly warnings: readonly Warning[];
    }
  | { readonly kind: "seed"; readonly baseline: SeedInput; readonly candidate: SeedInput }
  | ImportedInputs;

const HOW_TO_PASS =
  "Pass one results file (or one folder of shards) per leg, as in jit-bench compare OFF.json ON.json, or one file from jit-bench run --legs both.";

/** Loads both legs; the baseline is the JIT-off leg and the candidate the JIT-on leg. */
export async function loadComparisonInputs(paths: readonly string[]): Promise<LoadedInputs> {
  const files = await expandAll(paths);
  const documents = ownFilesFirst(
    await Promise.all(
      files.map(async ({ file, group }) => ({ file, group, raw: await readJson(file) })),
    ),
  );
  // pyperf and pytest-benchmark files: converted, and the path order names the legs.
  if (documents.some((d) => importFormatOf(d.raw) !== null)) return loadImported(documents, paths);
  const seeds = documents.filter((d) => looksLikeSeedFile(d.raw));
  if (seeds.length > 0 && seeds.length < documents.length) {
    const seed = seeds[0]?.file;
    const other = documents.find((d) => !looksLikeSeedFile(d.raw))?.file;
    throw new InputError(
      `${seed} and ${other}`,
      "mixed formats",
      "mix the seed script's JSON with jit-bench results files",
      "Compare two seed files with each other, or two jit-bench results with each other.",
    );
  }
  if (seeds.length > 0)
    return loadSeeds(
      documents.map((d) => ({ file: d.file, raw: d.raw })),
      paths,
    );
  return loadResults(
    documents.map((d) => ({ source: d.file, file: parseResultsFile(d.raw, d.file) })),
    paths,
  );
}

/**
 * Files behind the given paths, each once even if named twice or through a
 * folder, with the index of the path that named it first.
 */
async function expandAll(paths: readonly string[]): Promise<{ file: string; group: number }[]> {
  const seen = new Set<string>();
  const files: { file: string; group: number }[] = [];
  for (const [group, path] of paths.entries()) {
    for (const file of await expand(path)) {
      const real = await realpath(file);
      if (seen.has(real)) continue;
      seen.add(real);
      files.push({ file, group });
    }
  }
  return files;
}

async function expand(path: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      path,
      path,
      code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? String(error)})`,
      "Check the path: pass a results file written by jit-bench run, or the folder that holds them.",
    );
  }
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path, { recursive: true })).filter((name) => name.endsWith(".json"));
  const files: string[] = [];
  for (const name of names.sort()) {
    const file = join(path, name);
    if (!(await stat(file)).isFile()) continue;
    // A link in the folder must not lead the read elsewhere.
    try {
      await containedPath(path, name);
    } catch (error: unknown) {
      if (!(error instanceof UnsafeReadError)) throw error;
      throw new InputError(
        file,
        file,
        error.reason,
        "Results folders hold plain files: copy the file in instead of linking it.",
      );
    }
    files.push(file);
  }
  if (files.length === 0) {
    throw new InputError(
      path,
      path,
      "is a folder with no .json files in it",
      "Point at the folder the results were written or downloaded to, or at a results file.",
    );
  }
  return files;
}

/**
 * The largest file read as results. A process takes about 1 KiB of a results
 * file, so this holds over 100,000 processes (a thousand benchmarks of 60
 * processes in each leg), and a file from an untrusted artifact still cannot
 * make the parser take more than a bounded amount of memory.
 */
export const RESULTS_FILE_MAX_BYTES = 128 * 1024 * 1024;

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    const size = (await stat(file)).size;
    if (size > RESULTS_FILE_MAX_BYTES) {
      throw new InputError(
        file,
        `${size} bytes`,
        `is larger than the ${RESULTS_FILE_MAX_BYTES} bytes a results file may have`,
        "Pass a results file written by jit-bench run; split a very large suite with shards.",
      );
    }
    text = await readCapped(file, RESULTS_FILE_MAX_BYTES);
  } catch (error: unknown) {
    if (error instanceof InputError) throw error;
    if (error instanceof UnsafeReadError) {
      throw new InputError(
        file,
        file,
        error.reason,
        "Pass a results file written by jit-bench run, or the folder that holds them.",
      );
    }
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      file,
      file,
      `cannot be read (${code ?? String(error)})`,
      "Check the file's permissions.",
    );
  }
  try {
    return JSON.parse(text);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(
      file,
      text.trim().split("\n", 1)[0]?.slice(0, 40) ?? "",
      `is not JSON (${reason})`,
      "Pass a results file written by jit-bench run, pyperf or pytest-benchmark JSON, or the seed script's docs/benchmarks_*.json.",
    );
  }
}

interface Part {
  readonly source: string;
  readonly file: ResultsFile;
  readonly leg: LegResults;
}

function loadResults(
  documents: readonly { source: string; file: ResultsFile }[],
  paths: readonly string[],
): LoadedInputs {
  const byLeg: Record<Leg, Part[]> = { off: [], on: [] };
  for (const { source, file } of documents) {
    for (const leg of [file.legs.off, file.legs.on]) {
      if (leg) byLeg[leg.leg].push({ source, file, leg });
    }
  }
  const warnings: Warning[] = [];
  for (const { source, file } of documents) {
    if (file.partial) {
      warnings.push({
        kind: "partial",
        message: `${source} is partial: the run stopped before every benchmark finished${file.partialReason ? ` (${file.partialReason})` : ""}`,
      });
    }
  }
  // Merge first: two files of one leg is the better diagnosis than a missing other leg.
  const baseline = byLeg.off.length > 0 ? mergeShards("off", byLeg.off, warnings) : null;
  const candidate = byLeg.on.length > 0 ? mergeShards("on", byLeg.on, warnings) : null;
  if (!baseline || !candidate) {
    const present: Leg = baseline ? "off" : "on";
    const absent: Leg = present === "off" ? "on" : "off";
    throw new InputError(
      paths.join(" and "),
      present,
      `hold${paths.length === 1 ? "s" : ""} only the ${LEG_LABELS[present]} leg, and no ${LEG_LABELS[absent]} leg to compare it with`,
      HOW_TO_PASS,
    );
  }
  return { kind: "results", baseline, candidate, warnings };
}

/** One leg from one file, or from the shards of a sharded run. */
function mergeShards(leg: Leg, parts: readonly Part[], warnings: Warning[]): LegInput {
  const label = LEG_LABELS[leg];
  const unsharded = parts.find((p) => p.file.shard === null);
  if (parts.length > 1 && unsharded) {
    const other = parts.find((p) => p !== unsharded) as Part;
    throw new InputError(
      other.source,
      leg,
      `holds the ${label} leg, as ${unsharded.source} does`,
      HOW_TO_PASS,
    );
  }
  const sorted = [...parts].sort((a, b) => (a.file.shard?.index ?? 0) - (b.file.shard?.index ?? 0));
  const first = sorted[0] as Part;
  const count = first.file.shard?.count ?? 1;
  const byIndex = new Map<number, Part>();
  for (const part of sorted) {
    const shard = part.file.shard ?? { index: 1, count: 1 };
    if (shard.count !== count) {
      throw new InputError(
        part.source,
        `${shard.index}/${shard.count}`,
        `is shard ${shard.index} of ${shard.count}, but ${first.source} is one of ${count} shards of the ${label} leg`,
        "Pass the shards of one sharded run only.",
      );
    }
    const clash = byIndex.get(shard.index);
    if (clash) {
      throw new InputError(
        part.source,
        `${shard.index}/${shard.count}`,
        `holds shard ${shard.index} of ${count} of the ${label} leg, as ${clash.source} does`,
        HOW_TO_PASS,
      );
    }
    byIndex.set(shard.index, part);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    warnings.push({
      kind: "shards",
      message: `the ${label} leg is missing shard${missing.length === 1 ? "" : "s"} ${missing.join(", ")} of ${count}, so ${missing.length === 1 ? "its" : "their"} benchmarks are not in this comparison`,
    });
  }
  const machines = new Set(sorted.map((p) => p.file.environment.fingerprint.cpuModel));
  if (machines.size > 1) {
    warnings.push({
      kind: "machine",
      message: `the ${label} leg's shards ran on different CPUs (${[...machines].map((m) => JSON.stringify(m)).join(", ")}), so its times mix machines`,
    });
  }
  const owner = new Map<string, string>();
  const benchmarks = sorted.flatMap((part) =>
    part.leg.benchmarks.map((benchmark) => {
      const previous = owner.get(benchmark.name);
      if (previous !== undefined) {
        throw new InputError(
          part.source,
          benchmark.name,
          `holds a ${label} result for this benchmark, as ${previous === part.source ? "an earlier entry of the same file" : previous} does`,
          "Give every benchmark a unique name, and pass each shard once.",
        );
      }
      owner.set(benchmark.name, part.source);
      return benchmark;
    }),
  );
  return {
    results: { ...first.leg, benchmarks },
    environment: first.file.environment,
    settings: first.file.settings,
    sources: sorted.map((p) => p.source),
  };
}

function loadSeeds(
  documents: readonly { file: string; raw: unknown }[],
  paths: readonly string[],
): LoadedInputs {
  const parsed = documents.map((d) => ({ file: parseSeedFile(d.raw, d.file), source: d.file }));
  const off = parsed.filter((p) => seedLeg(p.file) === "off");
  const on = parsed.filter((p) => seedLeg(p.file) === "on");
  for (const group of [off, on]) {
    if (group.length > 1) {
      const [a, b] = group as [SeedInput, SeedInput];
      throw new InputError(
        b.source,
        b.file.jit,
        `holds the ${LEG_LABELS[seedLeg(b.file)]} leg, as ${a.source} does`,
        HOW_TO_PASS,
      );
    }
  }
  const baseline = off[0];
  const candidate = on[0];
  if (!baseline || !candidate) {
    const present = baseline ? "off" : "on";
    throw new InputError(
      paths.join(" and "),
      present,
      `hold${paths.length === 1 ? "s" : ""} only the seed script's ${LEG_LABELS[present]} results ("jit": ${present === "on"})`,
      "Pass both docs/benchmarks_nojit.json and docs/benchmarks_jit.json.",
    );
  }
  return { kind: "seed", baseline, candidate };
}
