/**
 * Array types that carry what the statistics rely on, so that a caller cannot
 * hand an empty or unsorted array to a function that assumes otherwise.
 */

/** At least one element. */
export type NonEmptyArray<T> = readonly [T, ...T[]];

declare const sortedBrand: unique symbol;

/** Numbers in ascending order, with no NaN. Made only by `sortedCopy`. */
export type SortedArray = Float64Array & { readonly [sortedBrand]: true };

export function isNonEmpty<T>(values: readonly T[]): values is NonEmptyArray<T> {
  return values.length > 0;
}

/** A sorted copy; the input is left as it was. Throws on NaN, which no statistic here can rank. */
export function sortedCopy(values: ArrayLike<number>): SortedArray {
  const copy = Float64Array.from(values);
  for (let i = 0; i < copy.length; i++) {
    if (Number.isNaN(copy[i])) throw new RangeError(`value ${i} is NaN`);
  }
  // Typed arrays sort numerically, unlike Array.prototype.sort.
  copy.sort();
  return copy as SortedArray;
}

/** A two-sided interval on whatever scale the caller works in. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}
