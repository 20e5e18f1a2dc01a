/**
 * Pairs the legs of the files `jit-bench compare` was pointed at, once they
 * are read and parsed (adapters/results-files.ts reads them): a leg's shards
 * are merged into one, and a leg given twice or missing is an InputError
 * naming the file.
 */
import { InputError } from "../errors.js";
import type { Leg, LegResults, ResultsFile } from "../results.js";
import { parseSeedFile, type SeedInput, seedLeg } from "../seed-format.js";
import { LEG_LABELS } from "./legs.js";
import type { LegInput, Warning } from "./types.js";

export interface PairedResults {
  readonly kind: "results";
  readonly baseline: LegInput;
  readonly candidate: LegInput;
  readonly warnings: readonly Warning[];
}

export interface PairedSeeds {
  readonly kind: "seed";
  readonly baseline: SeedInput;
  readonly candidate: SeedInput;
}

const HOW_TO_PASS =
  "Pass one results file (or one folder of shards) per leg, as in jit-bench compare OFF.json ON.json, or one file from jit-bench run --legs both.";

interface Part {
  readonly source: string;
  readonly file: ResultsFile;
  readonly leg: LegResults;
}

/** The two legs of parsed results files, each merged from its shards. */
export function pairResults(
  documents: readonly { source: string; file: ResultsFile }[],
  paths: readonly string[],
): PairedResults {
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
    // Tests run once per sharded run (shard 1): whichever part carries them.
    tests: sorted.find((p) => p.file.tests !== undefined)?.file.tests,
  };
}

/** The two legs of the seed script's JSON, one file each. */
export function pairSeeds(
  documents: readonly { file: string; raw: unknown }[],
  paths: readonly string[],
): PairedSeeds {
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
