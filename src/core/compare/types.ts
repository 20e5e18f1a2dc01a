/**
 * The comparison of two legs: everything the verdict and the renderers need,
 * as plain data (it is also the JSON output).
 *
 * `speedup` is always baseline time / candidate time, so with the default legs
 * (baseline = JIT off, candidate = JIT on) above 1 means the JIT is faster.
 */
import type {
  Fingerprint,
  Interpreter,
  JitState,
  Leg,
  LegResults,
  ResultsFile,
  SettingsRecord,
} from "../results.js";
import type { Interval } from "../stats/types.js";
import type { TestsRecord } from "../tests/record.js";
import type { ClockReport } from "./clocks.js";
import type { RowJit } from "./engagement.js";

export const ROW_CLASSES = ["faster", "slower", "unchanged", "failed", "missing"] as const;
export type RowClass = (typeof ROW_CLASSES)[number];

/** How the numbers were obtained: from raw per-process values, or from a file of point estimates. */
/**
 * How the numbers were obtained: from pairs of processes that shared the
 * moment and the CPU (pairs), from the legs' separate processes (processes),
 * or from a file of point estimates.
 */
export const COMPARISON_METHODS = ["pairs", "processes", "point-estimates"] as const;
export type ComparisonMethod = (typeof COMPARISON_METHODS)[number];

export type Environment = ResultsFile["environment"];

/** One leg as the compare step receives it from the loader. */
export interface LegInput {
  readonly results: LegResults;
  readonly environment: Environment;
  readonly settings: SettingsRecord | null;
  /** The files it came from, for the report. */
  readonly sources: readonly string[];
  /** The team's tests with the JIT off and on, when the run that wrote the leg ran them. */
  readonly tests?: TestsRecord | undefined;
}

export interface MemoryChange {
  /** Median peak RSS of the leg's processes, in KiB. */
  readonly baselineKb: number;
  readonly candidateKb: number;
  /** candidate / baseline - 1: above 0 means the candidate uses more memory. */
  readonly change: number;
}

export interface BenchmarkRow {
  readonly name: string;
  readonly class: RowClass;
  /**
   * Time per call, nanoseconds. The baseline's is the median of its per-process
   * medians; the candidate's is that divided by the speedup, so the two times
   * and the speedup agree (its own processes' median is in the run's report).
   */
  readonly baselineNs: number | null;
  readonly candidateNs: number | null;
  /** Hodges–Lehmann estimate of baseline / candidate across processes. */
  readonly speedup: number | null;
  /**
   * At `level`, adjusted for the suite (false coverage rate): it excludes 1
   * exactly for the rows classed faster or slower.
   */
  readonly interval: Interval | null;
  /** The interval's confidence level, e.g. 0.9875; null without an interval. */
  readonly level: number | null;
  /** Two-sided Mann–Whitney U p-value over per-process medians. */
  readonly p: number | null;
  /** p adjusted for the whole suite (Benjamini–Hochberg): a row is faster or slower only when q < alpha. */
  readonly q: number | null;
  readonly processes: { readonly baseline: number; readonly candidate: number };
  readonly memory: MemoryChange | null;
  /** Which side failed or lacks the benchmark (failed and missing rows only). */
  readonly side: "baseline" | "candidate" | "both" | null;
  /** Why a row has no figures, or a caveat about them, in words. */
  readonly note: string | null;
  /**
   * On a failed row: every side without figures skipped itself (unittest.SkipTest,
   * such as a module that interpreter lacks) rather than failed. Absent otherwise.
   */
  readonly skipped?: true;
  /**
   * On a failed row: no side failed, but a side had no time to compare (no
   * process finished, or none gave a time above zero). Not a failure of the
   * JIT, so never a regression. Absent otherwise.
   */
  readonly unmeasured?: true;
  /** Whether the JIT compiled code for this benchmark, and where. */
  readonly jit: RowJit;
}

export interface SuiteSummary {
  /** Geometric mean of the compared rows' speedups. */
  readonly geomean: number;
  /** Null when the inputs carry no raw values to build one from. */
  readonly interval: Interval | null;
  readonly benchmarks: number;
  /**
   * Compared rows left out of the suite figure: those whose timing loop is a
   * large share of a call (engagement.ts: LOOP_SHARE_FLAG), where part of the
   * difference may be the harness's own loop. Never all of them: when every
   * row is flagged, all enter and none is left out.
   */
  readonly leftOut: readonly string[];
}

export interface MemorySummary {
  /** Geometric mean of the per-benchmark peak RSS ratios, minus 1. */
  readonly change: number;
  readonly largest: { readonly name: string; readonly change: number };
  readonly benchmarks: number;
}

/**
 * The A/A calibration: each leg's processes split into two interleaved halves
 * and compared like the legs are. Fractions, e.g. 0.012 for 1.2%.
 */
export interface NoiseFloor {
  /** The typical (median) |difference| between two halves of the same leg. */
  readonly floor: number;
  /** The smallest speedup a benchmark of this run would show as significant, typically. */
  readonly detectable: number;
  /** Half-against-half comparisons made, and how many came out at p < alpha. */
  readonly comparisons: number;
  readonly significant: number;
}

export interface LegDescription {
  readonly leg: Leg;
  readonly python: string;
  readonly interpreter: Interpreter | null;
  readonly fingerprint: Fingerprint | null;
  readonly jit: JitState | null;
  readonly sources: readonly string[];
}

/** Whether the run could have measured the JIT at all. */
export type JitGate =
  | { readonly applicable: true }
  | {
      readonly applicable: false;
      /** What the interpreter said, in words. */
      readonly reason: string;
      /** The interpreter in question: version and executable. */
      readonly interpreter: string;
    };

export const WARNING_KINDS = [
  "machine",
  "interpreter",
  "loops",
  "partial",
  "shards",
  "small-sample",
  "unpinned",
  "no-raw-values",
  "jit-in-baseline",
  "jit-unverified",
  "failed-with-jit",
  "skipped-with-jit",
] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

export interface Warning {
  readonly kind: WarningKind;
  readonly message: string;
}

export interface Comparison {
  readonly method: ComparisonMethod;
  readonly baseline: LegDescription;
  readonly candidate: LegDescription;
  readonly rows: readonly BenchmarkRow[];
  readonly suite: SuiteSummary | null;
  readonly memory: MemorySummary | null;
  readonly noise: NoiseFloor | null;
  readonly gate: JitGate;
  readonly warnings: readonly Warning[];
  /**
   * The clock behind the rows, the benchmarks that wait and how busy the
   * machine was; absent or null when the legs carry one clock only.
   */
  readonly clocks?: ClockReport | null;
  /**
   * The team's tests with the JIT off and on, from the legs' results files;
   * absent or null when no run ran them.
   */
  readonly tests?: TestsRecord | null;
  /** Processes per leg for a typical benchmark (the median over compared rows); with pairs, pairs. */
  readonly processesPerLeg: number;
  readonly settings: {
    readonly alpha: number;
    readonly level: number;
    readonly seed: number;
    readonly resamples: number;
  };
}
