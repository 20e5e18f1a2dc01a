/**
 * The distribution-free interval for a median from order statistics: the
 * number of values below the true median is Binomial(n, 1/2), whatever the
 * distribution, so [x(k), x(n-k+1)] covers it with a probability known exactly.
 */
import type { Interval, SortedArray } from "./types.js";

/**
 * The largest k with P(B < k) <= (1 - level) / 2 for B ~ Binomial(n, 1/2):
 * the 1-based rank of the interval's lower end. Zero means no interval of n
 * values reaches the level (5 values cannot give 95%; 6 can).
 */
export function medianDepth(n: number, level: number): number {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`n must be a whole number, got ${n}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const halfAlpha = (1 - level) / 2;
  // log P(B = i), built up term by term so that large n neither overflows nor underflows.
  let logTerm = -n * Math.LN2;
  let below = 0;
  let k = 0;
  for (let i = 0; i <= n >> 1; i++) {
    below += Math.exp(logTerm);
    if (below > halfAlpha) break;
    k = i + 1;
    logTerm += Math.log((n - i) / (i + 1));
  }
  return k;
}

/** The interval for the median of `sorted` at `level`, or null when there are too few values. */
export function medianInterval(sorted: SortedArray, level: number): Interval | null {
  const n = sorted.length;
  const k = medianDepth(n, level);
  if (k < 1) return null;
  return { low: sorted[k - 1] as number, high: sorted[n - k] as number };
}
