/**
 * The Hodges–Lehmann estimate of the shift between two samples, with its
 * distribution-free (Moses) confidence interval.
 *
 * Given log times, the shift is a log ratio: exp of it is the speedup and exp
 * of its bounds the speedup's interval. Swapping the samples negates every
 * pairwise difference, so the estimate and the interval invert exactly.
 */
import { medianSorted } from "./median.js";
import { normalQuantile } from "./normal.js";
import { EXACT_LIMIT, uCounts } from "./rank.js";
import type { Interval, SortedArray } from "./types.js";

export interface ShiftEstimate {
  /** The median of all pairwise differences x[i] - y[j]. */
  readonly estimate: number;
  /**
   * The interval at the requested level, or null when the samples are too
   * small for any distribution-free interval to reach it (3 against 3 cannot
   * give 95%; 4 against 4 can).
   */
  readonly interval: Interval | null;
  readonly method: "exact" | "normal";
}

/** All m*n differences x[i] - y[j], sorted. */
export function pairwiseDifferences(x: ArrayLike<number>, y: ArrayLike<number>): SortedArray {
  const m = x.length;
  const n = y.length;
  const diffs = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const xi = x[i] as number;
    for (let j = 0; j < n; j++) diffs[i * n + j] = xi - (y[j] as number);
  }
  diffs.sort();
  return diffs as SortedArray;
}

/**
 * How many differences to cut from each end for a two-sided interval at
 * `level`: the k with P(U < k) <= (1 - level) / 2 under the null, as large as
 * possible. Zero means no interval reaches the level.
 */
export function mosesDepth(m: number, n: number, level: number): { k: number; exact: boolean } {
  const halfAlpha = (1 - level) / 2;
  if (m + n <= EXACT_LIMIT) {
    const counts = uCounts(m, n);
    let all = 0;
    for (let u = 0; u < counts.length; u++) all += counts[u] as number;
    let cumulative = 0;
    let k = 0;
    for (let u = 0; u < counts.length; u++) {
      cumulative += counts[u] as number;
      if (cumulative / all > halfAlpha) break;
      k = u + 1;
    }
    return { k, exact: true };
  }
  const z = normalQuantile(1 - halfAlpha);
  const sd = Math.sqrt((m * n * (m + n + 1)) / 12);
  // With the continuity correction: the largest c with P(U <= c) <= halfAlpha, plus one.
  return { k: Math.max(0, Math.floor((m * n) / 2 + 0.5 - z * sd)), exact: false };
}

export function hodgesLehmann(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  level = 0.95,
): ShiftEstimate {
  if (x.length === 0 || y.length === 0) {
    throw new RangeError("the shift estimate needs values on both sides");
  }
  return shiftFromDifferences(pairwiseDifferences(x, y), x.length, y.length, level);
}

/** The same, from the m*n sorted pairwise differences when the caller has them already. */
export function shiftFromDifferences(
  diffs: SortedArray,
  m: number,
  n: number,
  level = 0.95,
): ShiftEstimate {
  const total = diffs.length;
  if (total !== m * n || total === 0) throw new RangeError(`${total} differences for ${m} x ${n}`);
  const { k, exact } = mosesDepth(m, n, level);
  const interval =
    k >= 1 && k <= total - k + 1
      ? { low: diffs[k - 1] as number, high: diffs[total - k] as number }
      : null;
  return { estimate: medianSorted(diffs), interval, method: exact ? "exact" : "normal" };
}
