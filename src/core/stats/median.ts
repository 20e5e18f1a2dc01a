/**
 * Medians and quantiles. `quantileSorted` uses linear interpolation between
 * order statistics (Hyndman & Fan type 7, the default of R and NumPy, and
 * Python's `statistics.quantiles(method="inclusive")`).
 */
import { type NonEmptyArray, type SortedArray, sortedCopy } from "./types.js";

/** The q-quantile (0 <= q <= 1) of a non-empty sorted array. */
export function quantileSorted(sorted: SortedArray, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("quantile of an empty array");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} is outside [0, 1]`);
  const position = (n - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, n - 1);
  const weight = position - below;
  const low = sorted[below] as number;
  const high = sorted[above] as number;
  return weight === 0 ? low : low + (high - low) * weight;
}

/** The median of a sorted array: the middle value, or the mean of the two middle values. */
export function medianSorted(sorted: SortedArray): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("median of an empty array");
  const mid = n >> 1;
  const upper = sorted[mid] as number;
  return n % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

export function median(values: NonEmptyArray<number> | Float64Array): number {
  return medianSorted(sortedCopy(values));
}

export function mean(values: NonEmptyArray<number> | Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}
