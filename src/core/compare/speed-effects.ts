/**
 * The JIT's effect at each of the machine's two speeds. On a shared host the
 * same code runs at two speeds, and the JIT's code and the interpreter need
 * not slow down alike: on the bundled suite's JIT build, `nbody` ran about 4%
 * faster with the JIT while the machine was fast and 3% slower while it was
 * slow. A paired row mixes the two in the proportion its run happened to see,
 * so runs at other hours read it differently. This finds the benchmarks where
 * the two speeds disagree, so the report can say so with both figures.
 *
 * How: each leg's values of a benchmark are split at the cut that best
 * separates two clusters (on the log scale, the largest between-cluster
 * variance), if their medians lie SPEED_GAP apart; a couple (value k of both
 * processes of a pair) counts at a speed when both of its values lie on that
 * side of their leg's cut; a pair's ratio at a speed is the median of its
 * couples there, given MIN_COUPLES of them. Each speed's pairs give a
 * one-sample Hodges–Lehmann estimate and its signed-rank interval; the two
 * speeds' pairs are compared by a rank test, adjusted across the suite.
 *
 * The split is not exact: a known-effect suite, whose ratio cannot depend on
 * the machine's speed, read its effects 1% to 2% apart at the two speeds. So
 * a difference is reported only beyond MATERIAL_GAP, and only when the rank
 * test holds after the adjustment.
 */
import type { BenchmarkResult, ProcessRecord } from "../results.js";
import { benjaminiHochberg } from "../stats/fdr.js";
import { median } from "../stats/median.js";
import { mannWhitney } from "../stats/rank.js";
import { pairedShift } from "../stats/signed-rank.js";
import { type Interval, isNonEmpty } from "../stats/types.js";
import { matchPairs } from "./pairs.js";
import { SPEED_GAP } from "./speed-states.js";

/** Couples at a speed a pair needs before it has a ratio there. */
export const MIN_COUPLES = 5;
/** Pairs with a ratio at each speed before the two can be compared (6 give a 95% interval). */
export const MIN_PAIRS = 6;
/** Each cluster holds at least this share of a leg's values, so a few outliers make no second speed. */
export const MIN_SHARE = 0.05;
/** Differences between the speeds up to this are within what the split itself can make up. */
export const MATERIAL_GAP = 0.03;

export interface SpeedEstimate {
  /** Baseline / candidate at this speed: the pairs' one-sample Hodges–Lehmann estimate. */
  readonly speedup: number;
  /** 95%, from the signed-rank distribution; null when too few pairs. */
  readonly interval: Interval | null;
  readonly pairs: number;
}

export interface SpeedEffect {
  readonly name: string;
  readonly fast: SpeedEstimate;
  readonly slow: SpeedEstimate;
  /** Rank test of the fast pairs' ratios against the slow pairs'. */
  readonly p: number;
  /** p adjusted across the benchmarks that had both speeds (Benjamini–Hochberg). */
  readonly q: number;
  /** Share of the benchmark's counted couples taken at the slow speed. */
  readonly slowShare: number;
}

/** The log cut between a leg's two speeds, or null when its values show one speed. */
export function speedCut(values: readonly number[]): number | null {
  const logs = values.filter((v) => v > 0).map(Math.log);
  logs.sort((a, b) => a - b);
  const n = logs.length;
  const least = Math.max(2, Math.ceil(n * MIN_SHARE));
  if (n < 2 * least) return null;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] as number) + (logs[i] as number);
  const total = prefix[n] as number;
  let best = -1;
  let cut = -1;
  for (let i = least; i <= n - least; i++) {
    const low = (prefix[i] as number) / i;
    const high = (total - (prefix[i] as number)) / (n - i);
    const between = i * (n - i) * (high - low) ** 2;
    if (between > best) {
      best = between;
      cut = i;
    }
  }
  if (cut < 0) return null;
  const fast = logs.slice(0, cut);
  const slow = logs.slice(cut);
  if (!isNonEmpty(fast) || !isNonEmpty(slow)) return null;
  if (median(slow) - median(fast) < Math.log(SPEED_GAP)) return null;
  return ((logs[cut - 1] as number) + (logs[cut] as number)) / 2;
}

interface Split {
  readonly fast: number[];
  readonly slow: number[];
  fastCouples: number;
  slowCouples: number;
}

/** Each pair's log ratio at each speed, where it has MIN_COUPLES couples there. */
function splitPairs(
  matched: readonly (readonly [ProcessRecord, ProcessRecord])[],
  cuts: { readonly baseline: number; readonly candidate: number },
): Split {
  const split: Split = { fast: [], slow: [], fastCouples: 0, slowCouples: 0 };
  for (const [b, c] of matched) {
    const fast: number[] = [];
    const slow: number[] = [];
    const count = Math.min(b.values.length, c.values.length);
    for (let k = 0; k < count; k++) {
      const x = b.values[k] as number;
      const y = c.values[k] as number;
      if (!(x > 0 && y > 0)) continue;
      const lx = Math.log(x);
      const ly = Math.log(y);
      if (lx < cuts.baseline && ly < cuts.candidate) fast.push(lx - ly);
      else if (lx > cuts.baseline && ly > cuts.candidate) slow.push(lx - ly);
    }
    if (fast.length >= MIN_COUPLES && isNonEmpty(fast)) {
      split.fast.push(median(fast));
      split.fastCouples += fast.length;
    }
    if (slow.length >= MIN_COUPLES && isNonEmpty(slow)) {
      split.slow.push(median(slow));
      split.slowCouples += slow.length;
    }
  }
  return split;
}

function estimate(logRatios: readonly number[]): SpeedEstimate {
  const shift = pairedShift(logRatios, 0.95);
  return {
    speedup: Math.exp(shift.estimate),
    interval: shift.interval
      ? { low: Math.exp(shift.interval.low), high: Math.exp(shift.interval.high) }
      : null,
    pairs: logRatios.length,
  };
}

/**
 * One benchmark's effect at each speed, before the suite's adjustment; null
 * when its legs are not paired, either leg shows one speed, or either speed
 * has fewer than MIN_PAIRS pairs.
 */
export function speedEffect(
  baseline: BenchmarkResult,
  candidate: BenchmarkResult,
): Omit<SpeedEffect, "q"> | null {
  const matched = matchPairs(baseline.processes, candidate.processes);
  if (matched === null) return null;
  const baselineCut = speedCut(matched.flatMap(([b]) => b.values));
  const candidateCut = speedCut(matched.flatMap(([, c]) => c.values));
  if (baselineCut === null || candidateCut === null) return null;
  const split = splitPairs(matched, { baseline: baselineCut, candidate: candidateCut });
  if (split.fast.length < MIN_PAIRS || split.slow.length < MIN_PAIRS) return null;
  return {
    name: baseline.name,
    fast: estimate(split.fast),
    slow: estimate(split.slow),
    p: mannWhitney(split.fast, split.slow).p,
    slowShare: split.slowCouples / (split.fastCouples + split.slowCouples),
  };
}

/**
 * The benchmarks whose JIT effect differs between the machine's two speeds:
 * q < alpha across those that had both, and the two estimates more than
 * MATERIAL_GAP apart. Largest difference first.
 */
export function speedEffects(
  benchmarks: readonly {
    readonly baseline: BenchmarkResult;
    readonly candidate: BenchmarkResult;
  }[],
  alpha = 0.05,
): SpeedEffect[] {
  const found = benchmarks.flatMap(({ baseline, candidate }) => {
    const effect = speedEffect(baseline, candidate);
    return effect === null ? [] : [effect];
  });
  const q = benjaminiHochberg(found.map((e) => e.p));
  const gap = (e: Omit<SpeedEffect, "q">) => Math.abs(Math.log(e.fast.speedup / e.slow.speedup));
  return found
    .map((effect, i) => ({ ...effect, q: q[i] as number }))
    .filter((e) => e.q < alpha && gap(e) > Math.log1p(MATERIAL_GAP))
    .sort((a, b) => gap(b) - gap(a));
}
