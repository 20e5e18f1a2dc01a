/**
 * The Mann–Whitney U (Wilcoxon rank-sum) test. It assumes nothing about the
 * shape of the distributions, which suits per-process benchmark times: skewed,
 * with the odd slow process.
 *
 * Small samples without ties get the exact null distribution; otherwise the
 * normal approximation with the tie correction and a continuity correction.
 */
import { normalSf } from "./normal.js";

/**
 * The exact distribution is used when m + n is at most this. Its counts are
 * then integers below C(50, 25) ~ 1.3e14, which a double holds exactly.
 */
export const EXACT_LIMIT = 50;

export type RankTestMethod = "exact" | "normal";

export interface RankTest {
  /** U of the first sample: pairs (x, y) with x > y, a tie counting one half. */
  readonly u: number;
  /** Two-sided p-value. */
  readonly p: number;
  readonly method: RankTestMethod;
}

export interface Ranking {
  readonly u: number;
  /** The sum of t^3 - t over groups of t tied values, for the variance correction. */
  readonly tieTerm: number;
}

/** U of `x` against `y`, from mid-ranks of the pooled sample. */
export function rankU(x: ArrayLike<number>, y: ArrayLike<number>): Ranking {
  const m = x.length;
  const n = y.length;
  const total = m + n;
  const pooled = new Float64Array(total);
  for (let i = 0; i < m; i++) pooled[i] = x[i] as number;
  for (let j = 0; j < n; j++) pooled[m + j] = y[j] as number;
  const order = Array.from({ length: total }, (_, i) => i);
  order.sort((a, b) => (pooled[a] as number) - (pooled[b] as number));

  let rankSumX = 0;
  let tieTerm = 0;
  let start = 0;
  while (start < total) {
    let end = start + 1;
    const value = pooled[order[start] as number];
    while (end < total && pooled[order[end] as number] === value) end++;
    // Ranks are 1-based; a tied group shares the mean of the ranks it spans.
    const midRank = (start + 1 + end) / 2;
    const tied = end - start;
    if (tied > 1) tieTerm += tied * tied * tied - tied;
    for (let k = start; k < end; k++) if ((order[k] as number) < m) rankSumX += midRank;
    start = end;
  }
  return { u: rankSumX - (m * (m + 1)) / 2, tieTerm };
}

const countsCache = new Map<string, Float64Array>();

/**
 * How many of the C(m+n, m) orderings of two untied samples give each U from
 * 0 to mn. The largest value either belongs to x (and beats all n values of y)
 * or to y (and beats none of x), which gives the recurrence.
 */
export function uCounts(m: number, n: number): Float64Array {
  const small = Math.min(m, n);
  const large = Math.max(m, n);
  const key = `${small},${large}`;
  const cached = countsCache.get(key);
  if (cached) return cached;
  let counts: Float64Array;
  if (small === 0) {
    counts = Float64Array.of(1);
  } else {
    // U's distribution is the same for (m, n) and (n, m), so recurse on the sorted pair.
    const fromX = uCounts(small - 1, large);
    const fromY = uCounts(small, large - 1);
    counts = new Float64Array(small * large + 1);
    for (let u = 0; u < fromY.length; u++) counts[u] = fromY[u] as number;
    for (let u = 0; u < fromX.length; u++) {
      counts[u + large] = (counts[u + large] as number) + (fromX[u] as number);
    }
  }
  countsCache.set(key, counts);
  return counts;
}

/** C(m+n, m), the number of orderings, as a double (exact below 2^53). */
export function binomial(total: number, chosen: number): number {
  const k = Math.min(chosen, total - chosen);
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (total - k + i)) / i;
  return Math.round(result);
}

/** The smallest two-sided p-value the exact test can give with samples of m and n. */
export function minimumTwoSidedP(m: number, n: number): number {
  if (m === 0 || n === 0) return 1;
  return Math.min(1, 2 / binomial(m + n, m));
}

function exactTwoSidedP(u: number, m: number, n: number): number {
  const counts = uCounts(m, n);
  let below = 0;
  let above = 0;
  let all = 0;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k] as number;
    all += c;
    if (k <= u) below += c;
    if (k >= u) above += c;
  }
  return Math.min(1, (2 * Math.min(below, above)) / all);
}

function normalTwoSidedP(u: number, m: number, n: number, tieTerm: number): number {
  const total = m + n;
  const variance = ((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (!(variance > 0)) return 1;
  const distance = Math.max(0, Math.abs(u - (m * n) / 2) - 0.5);
  return Math.min(1, 2 * normalSf(distance / Math.sqrt(variance)));
}

/** The two-sided Mann–Whitney U test of `x` against `y`; both need at least one value. */
export function mannWhitney(x: ArrayLike<number>, y: ArrayLike<number>): RankTest {
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0) throw new RangeError("the rank test needs values on both sides");
  const { u, tieTerm } = rankU(x, y);
  if (tieTerm === 0 && m + n <= EXACT_LIMIT) {
    return { u, p: exactTwoSidedP(u, m, n), method: "exact" };
  }
  return { u, p: normalTwoSidedP(u, m, n, tieTerm), method: "normal" };
}
