/**
 * Compares legs imported from pyperf or pytest-benchmark. With two or more
 * fresh processes per benchmark and leg (pyperf's worker runs, or several
 * pytest sessions) they get the full statistics of compareLegs. With one
 * process a leg (a single pytest session) there is nothing to build an
 * interval from: all of a session's rounds share one process, so they are
 * not independent, and the comparison falls back to a ratio of medians.
 */
import { type CompareOptions, compareLegs } from "../compare/compare.js";
import { withUnrecordedJit } from "../compare/engagement.js";
import { jitGate, mismatches, refuseMismatches } from "../compare/gates.js";
import { LEG_LABELS, legDescription } from "../compare/legs.js";
import { noCommonBenchmarks } from "../compare/names.js";
import { usableProcesses } from "../compare/rows.js";
import type { BenchmarkRow, Comparison, LegInput, Warning } from "../compare/types.js";
import type { BenchmarkResult } from "../results.js";
import { geometricMean } from "../stats/geomean.js";
import { median } from "../stats/median.js";
import { isNonEmpty } from "../stats/types.js";
import { fewestProcesses } from "./imported.js";

export function compareImported(
  baseline: LegInput,
  candidate: LegInput,
  options: CompareOptions & { readonly seed: number; readonly resamples: number },
): Comparison {
  const fewest = fewestProcesses(baseline, candidate);
  if (fewest >= 2) return compareLegs(baseline, candidate, options);
  return compareMedians(baseline, candidate, options);
}

export const ONE_PROCESS =
  "some benchmarks have only one process per leg (one pytest session, or one pyperf run): all of a process's values share its state, so they are not independent, and there is no interval, p-value or noise floor; the speedups are ratios of medians, and no verdict beyond inconclusive can rest on them. Run the suite in several fresh sessions per leg (e.g. pytest --benchmark-json=off/1.json, off/2.json, ...) and pass the two folders";

function compareMedians(
  baseline: LegInput,
  candidate: LegInput,
  options: CompareOptions & { readonly seed: number; readonly resamples: number },
): Comparison {
  const candidateByName = new Map(candidate.results.benchmarks.map((b) => [b.name, b]));
  const baselineNames = new Set(baseline.results.benchmarks.map((b) => b.name));
  if (![...baselineNames].some((name) => candidateByName.has(name))) {
    throw noCommonBenchmarks(
      { baseline: baseline.sources.join(", "), candidate: candidate.sources.join(", ") },
      [...baselineNames],
      [...candidateByName.keys()],
    );
  }
  const labels = {
    baseline: LEG_LABELS[baseline.results.leg],
    candidate: LEG_LABELS[candidate.results.leg],
  };
  const rows: Omit<BenchmarkRow, "jit">[] = [];
  for (const b of baseline.results.benchmarks) {
    rows.push(row(b.name, b, candidateByName.get(b.name), labels));
  }
  for (const c of candidate.results.benchmarks) {
    if (!baselineNames.has(c.name)) rows.push(row(c.name, undefined, c, labels));
  }
  const speedups = rows.flatMap((r) => (r.speedup === null ? [] : [r.speedup]));
  const found = mismatches(baseline, candidate);
  if (options.strict) refuseMismatches(found, options.strict.input);
  const jitSide = [baseline, candidate].find((side) => side.results.leg === "on") ?? null;
  const gate = jitGate(jitSide);
  const warnings: Warning[] = [
    ...found,
    ...(options.warnings ?? []),
    { kind: "no-raw-values", message: ONE_PROCESS },
  ];
  return {
    method: "point-estimates",
    baseline: legDescription(baseline),
    candidate: legDescription(candidate),
    rows: withUnrecordedJit(rows, gate, "these files"),
    suite: isNonEmpty(speedups)
      ? {
          geomean: geometricMean(speedups),
          interval: null,
          benchmarks: speedups.length,
          leftOut: [],
        }
      : null,
    memory: null,
    noise: null,
    gate,
    warnings,
    processesPerLeg: 1,
    settings: {
      alpha: options.alpha ?? 0.05,
      level: options.level ?? 0.95,
      seed: options.seed,
      resamples: options.resamples,
    },
  };
}

const BLANK = {
  interval: null,
  level: null,
  p: null,
  q: null,
  memory: null,
  side: null,
  note: null,
};

function row(
  name: string,
  baseline: BenchmarkResult | undefined,
  candidate: BenchmarkResult | undefined,
  labels: { baseline: string; candidate: string },
): Omit<BenchmarkRow, "jit"> {
  const b = baseline ? medianNs(baseline) : null;
  const c = candidate ? medianNs(candidate) : null;
  const counts = {
    baseline: baseline ? usableProcesses(baseline.processes).length : 0,
    candidate: candidate ? usableProcesses(candidate.processes).length : 0,
  };
  if (!baseline || !candidate) {
    return {
      ...BLANK,
      name,
      class: "missing",
      side: baseline ? "candidate" : "baseline",
      baselineNs: b,
      candidateNs: c,
      speedup: null,
      processes: counts,
      note: `only in the ${baseline ? labels.baseline : labels.candidate} leg`,
    };
  }
  if (b === null || c === null) {
    const side = b === null && c === null ? "both" : b === null ? "baseline" : "candidate";
    return {
      ...BLANK,
      name,
      class: "failed",
      side,
      baselineNs: b,
      candidateNs: c,
      speedup: null,
      processes: counts,
      note: "no time above zero was recorded",
    };
  }
  return {
    ...BLANK,
    name,
    class: "unchanged",
    baselineNs: b,
    candidateNs: c,
    speedup: b / c,
    processes: counts,
  };
}

/** The median of the per-process medians, as compareLegs reports a leg's time. */
function medianNs(benchmark: BenchmarkResult): number | null {
  if (benchmark.status !== "ok") return null;
  const medians = usableProcesses(benchmark.processes).map((p) => p.medianNs);
  return isNonEmpty(medians) ? median(medians) : null;
}
