/**
 * The shapes of a variants comparison (compare.ts computes them, render/variants.ts
 * draws them).
 */
import type { Interval } from "../stats/types.js";
import type { VariantBenchmark, VariantRecord } from "./results.js";

export const VARIANT_ALPHA = 0.05;
export const VARIANT_LEVEL = 0.95;

export interface VariantCompareOptions {
  readonly seed: number;
  readonly resamples: number;
}

/** One benchmark, one variant against the baseline. */
export interface VariantCell {
  readonly variant: number;
  /** Baseline time / variant time: above 1, the variant is faster. */
  readonly speedup: number | null;
  readonly interval: Interval | null;
  /** The level `interval` is drawn at: 95%, or wider for the table's false coverage control. */
  readonly level: number | null;
  readonly p: number | null;
  readonly q: number | null;
  readonly mark: "faster" | "slower" | "same" | "failed";
  readonly sets: number;
}

/**
 * Per variant and benchmark: `no-jit` (not compiled in), `off` (compiled in
 * but not enabled in this variant), `idle` (on, but the benchmark ran
 * nothing hot enough to compile), `engaged` (traces compiled for it), or
 * `unknown` (the worker could not say).
 */
export type VariantJit = "no-jit" | "off" | "idle" | "engaged" | "unknown";

export interface VariantRow {
  readonly name: string;
  /** The baseline's time per call: the median over its sets of their median values. */
  readonly baselineNs: number | null;
  /** One per variant after the baseline, in order. */
  readonly cells: readonly VariantCell[];
  /** One per variant, the baseline included. */
  readonly jit: readonly VariantJit[];
  /** Why the benchmark has no figures: failed or skipped, and in which variant. */
  readonly problem: string | null;
  readonly sets: number;
  readonly stop: VariantBenchmark["stop"];
}

/** Two variants over the whole suite: `to` against `from`, paired set by set. */
export interface Pairwise {
  readonly from: number;
  readonly to: number;
  /** Geometric mean over benchmarks of time_from / time_to: above 1, `to` is faster. */
  readonly geomean: number;
  readonly interval: Interval;
  /** The interval excludes 1. */
  readonly significant: boolean;
  readonly benchmarks: number;
}

export type EffectKind = "version" | "jit" | "same" | "build";

/** One effect the variants separate: `to` differs from `from` in one thing only. */
export interface Effect {
  readonly kind: EffectKind;
  readonly from: number;
  readonly to: number;
  /** In words: "3.14 vs 3.13", "the JIT on 3.14", "3.14 again (A/A)". */
  readonly label: string;
  readonly result: Pairwise | null;
}

export interface VariantSummary {
  readonly variant: number;
  readonly name: string;
  readonly version: string | null;
  /** The JIT of the variant as its interpreter reported it: no-jit, off, or on (idle/engaged per benchmark). */
  readonly jit: "no-jit" | "off" | "on" | "unknown";
  /** Benchmarks for which the JIT compiled code, and those it left idle, in this variant. */
  readonly engaged: number;
  readonly idle: number;
  /** Against the baseline; null for the baseline itself or with nothing to compare. */
  readonly suite: Pairwise | null;
  /** Median over its workers of their peak resident memory, KiB. */
  readonly memoryKb: number | null;
}

export interface Headline {
  /** The variant fastest by suite geometric mean (the baseline counts as 1). */
  readonly fastest: number;
  /** Fastest against the baseline; null when the fastest is the baseline. */
  readonly versusBaseline: Pairwise | null;
  /**
   * The fastest against the next fastest, measured together; null with two
   * variants unless the baseline is the fastest (else it is versusBaseline).
   */
  readonly versusRunnerUp: Pairwise | null;
  /**
   * "significant": the fastest's lead over every other variant is significant;
   * "inconclusive": some other variant may be as fast; "none": nothing could be compared.
   */
  readonly kind: "significant" | "inconclusive" | "none";
}

export interface VariantComparison {
  readonly variants: readonly VariantRecord[];
  readonly rows: readonly VariantRow[];
  readonly summaries: readonly VariantSummary[];
  readonly effects: readonly Effect[];
  /** What differs between the variants, in words: "version (3.13.0, 3.14.7)". */
  readonly differences: readonly string[];
  readonly headline: Headline;
  /** The level the table's intervals were drawn at, after the false coverage control. */
  readonly tableLevel: number;
  /** Sets that could not be pinned to one CPU, and all sets. */
  readonly unpinnedSets: number;
  readonly totalSets: number;
}
