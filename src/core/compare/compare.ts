/**
 * Two legs in, one Comparison out: per-benchmark rows, the suite's geometric
 * mean with its interval, memory, the A/A noise floor, gates and warnings.
 *
 * One module on purpose: it is the one place where two legs become the
 * Comparison that the verdict and every renderer read; each step it calls
 * has a module of its own (rows, marks, pairs, noise, gates, clocks).
 */
import type { BenchmarkResult } from "../results.js";
import type { ShiftSample } from "../stats/differences.js";
import { type BootstrapRunner, geometricMean, suiteGeomean } from "../stats/geomean.js";
import { median } from "../stats/median.js";
import { pairedSuiteGeomean } from "../stats/paired-bootstrap.js";
import { minimumTwoSidedP } from "../stats/rank.js";
import { minimumSignedRankP } from "../stats/signed-rank.js";
import { isNonEmpty } from "../stats/types.js";
import { clockReport } from "./clocks.js";
import { LOOP_SHARE_FLAG, legTiming, rowJit } from "./engagement.js";
import { jitGate, jitWarnings, mismatches, refuseMismatches } from "./gates.js";
import { LEG_LABELS, legDescription } from "./legs.js";
import { classify, DEFAULT_ALPHA } from "./marks.js";
import { noCommonBenchmarks } from "./names.js";
import { noiseFloor } from "./noise.js";
import { pairable, unpinnedWarnings } from "./pairs.js";
import { type MeasuredRow, measureRow, unionOfNames } from "./rows.js";
import { speedEffects } from "./speed-effects.js";
import { onOneClock, type RequestedClock } from "./timer.js";
import type {
  BenchmarkRow,
  Comparison,
  LegInput,
  MemorySummary,
  SuiteSummary,
  Warning,
} from "./types.js";

export const DEFAULT_SEED = 1;
/**
 * Enough for stable 2.5% and 97.5% points (their Monte Carlo error is a few
 * percent of the interval's half-width), and fast enough for a thousand
 * benchmarks of 60 processes a leg in about two seconds.
 */
export const DEFAULT_RESAMPLES = 1000;

export interface CompareOptions {
  /** Seed of the suite bootstrap: the same seed gives the same report. */
  readonly seed?: number;
  readonly resamples?: number;
  /**
   * Refuse legs measured on different machines, interpreters or loop counts,
   * naming the setting that asked (`--strict`); absent, they are compared with a warning.
   */
  readonly strict?: { readonly input: string } | undefined;
  /** Significance level for classes, after the false discovery rate control. */
  readonly alpha?: number;
  /** Confidence level of the intervals. */
  readonly level?: number;
  /** Warnings found while loading (partial files, missing shards). */
  readonly warnings?: readonly Warning[];
  /** Runs the suite bootstrap; in this thread when absent. Every runner gives the same replicates. */
  readonly bootstrap?: BootstrapRunner;
  /** The clock to compare on (compare --timer); by default the one the legs were timed with. */
  readonly timer?: RequestedClock | undefined;
}

/** Bootstrap streams by leg, so that swapping the sides leaves each leg's draws alone. */
const STREAM = { off: 1, on: 2 } as const;
/** The paired bootstrap's stream: one draw per pair, whichever side is the baseline. */
const PAIRED_STREAM = 3;

export function compareLegs(
  recordedBaseline: LegInput,
  recordedCandidate: LegInput,
  options: CompareOptions = {},
): Comparison {
  const { baseline, candidate, timer } = onOneClock(
    recordedBaseline,
    recordedCandidate,
    options.timer,
  );
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const level = options.level ?? 0.95;
  const seed = options.seed ?? DEFAULT_SEED;
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;

  const found = mismatches(baseline, candidate);
  if (options.strict) refuseMismatches(found, options.strict.input);

  const baselineByName = byName(baseline.results.benchmarks);
  const candidateByName = byName(candidate.results.benchmarks);
  const common = [...baselineByName.keys()].filter((name) => candidateByName.has(name));
  if (common.length === 0) {
    throw noCommonBenchmarks(
      { baseline: baseline.sources.join(", "), candidate: candidate.sources.join(", ") },
      [...baselineByName.keys()],
      [...candidateByName.keys()],
    );
  }

  const labels = {
    baseline: LEG_LABELS[baseline.results.leg],
    candidate: LEG_LABELS[candidate.results.leg],
  };
  // Paired only when every benchmark both legs measured is: one method for the whole table.
  const paired = common.every((name) =>
    pairable(baselineByName.get(name), candidateByName.get(name)),
  );
  const measured = unionOfNames(baseline.results.benchmarks, candidate.results.benchmarks).map(
    (name) =>
      measureRow(name, baselineByName.get(name), candidateByName.get(name), labels, level, paired),
  );
  const jitSide = [baseline, candidate].find((side) => side.results.leg === "on") ?? null;
  const noJitSide = [baseline, candidate].find((side) => side.results.leg === "off") ?? null;
  const gate = jitGate(jitSide);
  const jitByName = jitSide === candidate ? candidateByName : baselineByName;
  const rows = classify(measured, alpha).map((row, i) => {
    // Each leg's own time per call: the row's JIT time is derived from the speedup.
    const usable = measured[i]?.usable ?? { baseline: [], candidate: [] };
    return {
      ...row,
      jit: rowJit(gate, jitSide ? jitByName.get(row.name) : undefined, {
        baseline: legTiming(baselineByName.get(row.name), ownTime(usable.baseline)),
        candidate: legTiming(candidateByName.get(row.name), ownTime(usable.candidate)),
      }),
    };
  });
  const compared = measured.filter((m) => m.sample !== null);
  // Rows whose timing loop is a large share of a call stay out of the suite figure, unless all are.
  const flagged = new Set(
    rows
      .filter((r) => r.jit.loopShare !== null && r.jit.loopShare >= LOOP_SHARE_FLAG)
      .map((r) => r.name),
  );
  const inSuite = compared.filter((m) => !flagged.has(m.row.name));
  const suiteRows = inSuite.length > 0 ? inSuite : compared;
  const leftOut = suiteRows === compared ? [] : compared.filter((m) => flagged.has(m.row.name));
  const processesPerLeg = typicalProcesses(rows);
  const method = compared.some((m) => m.paired !== null) ? "pairs" : "processes";

  const warnings: Warning[] = [
    ...found,
    ...(options.warnings ?? []),
    ...jitWarnings(noJitSide, jitSide),
    ...sampleWarnings(processesPerLeg, alpha, compared.length, method),
    ...(method === "pairs" ? unpinnedWarnings(baseline.results.benchmarks) : []),
    ...failureWarnings(
      rows,
      candidate.results.leg === "on" ? "candidate" : "baseline",
      found.some((m) => m.kind === "interpreter"),
    ),
  ];

  const clocks = clockReport([baseline.results, candidate.results], timer);
  // Only where there is a JIT's effect to speak of: between two legs without one, a difference
  // between the machine's speeds could only be the split's own.
  const effects =
    clocks && paired && gate.applicable
      ? speedEffects(
          common.flatMap((name) => {
            const b = baselineByName.get(name);
            const c = candidateByName.get(name);
            return b && c ? [{ baseline: b, candidate: c }] : [];
          }),
          alpha,
        )
      : null;

  return {
    method,
    baseline: legDescription(baseline),
    candidate: legDescription(candidate),
    rows,
    suite: suiteSummary(
      suiteRows,
      leftOut.map((m) => m.row.name),
      {
        seed,
        resamples,
        level,
        baseline,
        candidate,
        bootstrap: options.bootstrap,
      },
    ),
    memory: memorySummary(rows),
    noise: noiseFloor(
      compared.flatMap((m) => (m.noise === null ? [] : [m.noise])),
      alpha,
      level,
    ),
    gate,
    warnings,
    clocks: clocks && effects ? { ...clocks, effects } : clocks,
    processesPerLeg,
    settings: { alpha, level, seed, resamples },
  };
}

/** A leg's own time per call: the median of its processes' medians. */
function ownTime(processes: readonly { readonly medianNs: number }[]): number | null {
  const medians = processes.map((p) => p.medianNs);
  return isNonEmpty(medians) ? median(medians) : null;
}

function byName(benchmarks: readonly BenchmarkResult[]): Map<string, BenchmarkResult> {
  return new Map(benchmarks.map((b) => [b.name, b]));
}

function typicalProcesses(rows: readonly Omit<BenchmarkRow, "jit">[]): number {
  const counts = rows
    .filter((r) => r.speedup !== null)
    .map((r) => Math.min(r.processes.baseline, r.processes.candidate));
  return isNonEmpty(counts) ? median(counts) : 0;
}

function suiteSummary(
  compared: readonly MeasuredRow[],
  leftOut: readonly string[],
  context: {
    seed: number;
    resamples: number;
    level: number;
    baseline: LegInput;
    candidate: LegInput;
    bootstrap: BootstrapRunner | undefined;
  },
): SuiteSummary | null {
  const samples = compared.map((m) => m.sample as ShiftSample);
  if (!isNonEmpty(samples)) return null;
  const pairs = compared.flatMap((m) => (m.paired === null ? [] : [m.paired]));
  if (pairs.length === samples.length) {
    const paired = pairedSuiteGeomean(pairs, {
      seed: context.seed,
      resamples: context.resamples,
      level: context.level,
      stream: PAIRED_STREAM,
    });
    return {
      geomean: paired.geomean,
      interval: paired.interval,
      benchmarks: pairs.length,
      leftOut,
    };
  }
  const estimate = suiteGeomean(
    samples,
    {
      seed: context.seed,
      resamples: context.resamples,
      level: context.level,
      streams: {
        baseline: STREAM[context.baseline.results.leg],
        candidate: STREAM[context.candidate.results.leg],
      },
    },
    context.bootstrap,
  );
  return {
    geomean: estimate.geomean,
    interval: estimate.interval,
    benchmarks: samples.length,
    leftOut,
  };
}

function memorySummary(rows: readonly BenchmarkRow[]): MemorySummary | null {
  const withMemory = rows.filter((r) => r.memory !== null);
  const ratios = withMemory.map((r) => (r.memory?.change ?? 0) + 1);
  if (!isNonEmpty(ratios)) return null;
  let largest = { name: "", change: Number.NEGATIVE_INFINITY };
  for (const r of withMemory) {
    const change = r.memory?.change ?? 0;
    if (change > largest.change) largest = { name: r.name, change };
  }
  return { change: geometricMean(ratios) - 1, largest, benchmarks: ratios.length };
}

function sampleWarnings(
  processes: number,
  alpha: number,
  compared: number,
  method: "pairs" | "processes",
): Warning[] {
  if (compared === 0) return [];
  const smallest =
    method === "pairs" ? minimumSignedRankP(processes) : minimumTwoSidedP(processes, processes);
  if (smallest < alpha) return [];
  const unit = method === "pairs" ? "pairs" : "processes per leg";
  return [
    {
      kind: "small-sample",
      message: `with ${processes} ${unit} the smallest possible p-value is ${smallest.toPrecision(2)}, so no benchmark can be called faster or slower; run at least ${method === "pairs" ? 6 : 4} ${unit} (10 or more to detect small effects)`,
    },
  ];
}

function failureWarnings(
  rows: readonly BenchmarkRow[],
  jitSide: "baseline" | "candidate",
  interpretersDiffer: boolean,
): Warning[] {
  const jitOnly = rows.filter((r) => r.class === "failed" && !r.unmeasured && r.side === jitSide);
  const failed = listed(jitOnly.filter((r) => !r.skipped).map((r) => r.name));
  const skipped = listed(jitOnly.filter((r) => r.skipped).map((r) => r.name));
  const warnings: Warning[] = [];
  if (failed) {
    warnings.push({
      kind: "failed-with-jit",
      // With two interpreters, a module one of them lacks fails one leg as surely as a JIT bug.
      message: interpretersDiffer
        ? `failed only in the JIT leg, which ran another interpreter, so the JIT need not be the cause: ${failed}`
        : `failed only with the JIT: ${failed}`,
    });
  }
  if (skipped) {
    // A benchmark that skips itself (a module its interpreter lacks) was not measured: no regression.
    warnings.push({
      kind: "skipped-with-jit",
      message: `skipped themselves only in the JIT leg, so they were not compared (the row says why): ${skipped}`,
    });
  }
  return warnings;
}

function listed(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  const more = names.length > 5 ? ` and ${names.length - 5} more` : "";
  return `${names.slice(0, 5).join(", ")}${more}`;
}
