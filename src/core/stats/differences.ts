/**
 * One benchmark's two samples prepared for resampling: both sorted, and all
 * m*n pairwise differences sorted once, remembering which pair made each.
 */
import { medianSorted } from "./median.js";
import type { SortedArray } from "./types.js";

/**
 * One benchmark, prepared: both samples sorted, and all m*n differences
 * x[i] - y[j] sorted, with the (sorted) i and j that made each.
 */
export interface ShiftSample {
  readonly m: number;
  readonly n: number;
  readonly x: SortedArray;
  readonly y: SortedArray;
  /** Where each original value of x (and y) sits in the sorted sample. */
  readonly xRank: Uint16Array;
  readonly yRank: Uint16Array;
  readonly diffs: SortedArray;
  readonly first: Uint16Array;
  readonly second: Uint16Array;
  /** The last position holding the value of the lower median difference. */
  readonly pivot: number;
}

export function prepareShift(x: ArrayLike<number>, y: ArrayLike<number>): ShiftSample {
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0) throw new RangeError("the shift needs values on both sides");
  // Sorted positions are stored in 16 bits; a results file holds at most 10,000 processes per leg.
  if (m > 65_535 || n > 65_535) throw new RangeError(`too many processes: ${m} and ${n}`);
  const [xs, xRank] = sortWithRanks(x);
  const [ys, yRank] = sortWithRanks(y);
  const { diffs, first, second } = mergeDifferences(xs, ys);
  let pivot = (m * n - 1) >> 1;
  while (pivot + 1 < diffs.length && diffs[pivot + 1] === diffs[pivot]) pivot++;
  return { m, n, x: xs, y: ys, xRank, yRank, diffs, first, second, pivot };
}

function sortWithRanks(values: ArrayLike<number>): [SortedArray, Uint16Array] {
  const order = Array.from({ length: values.length }, (_, i) => i);
  order.sort((a, b) => (values[a] as number) - (values[b] as number));
  const sorted = new Float64Array(values.length);
  const rank = new Uint16Array(values.length);
  order.forEach((original, position) => {
    sorted[position] = values[original] as number;
    rank[original] = position;
  });
  return [sorted as SortedArray, rank];
}

/**
 * All differences in ascending order, by merging the m rows of the difference
 * matrix: row i, read from the largest y down, is already ascending. A heap of
 * row heads keeps this at O(mn log m) without a comparator callback per pair.
 */
function mergeDifferences(
  xs: Float64Array,
  ys: Float64Array,
): { diffs: SortedArray; first: Uint16Array; second: Uint16Array } {
  const m = xs.length;
  const n = ys.length;
  const diffs = new Float64Array(m * n);
  const first = new Uint16Array(m * n);
  const second = new Uint16Array(m * n);
  const heapValue = new Float64Array(m);
  const heapRow = new Uint16Array(m);
  const nextJ = new Int32Array(m).fill(n - 1);
  let size = 0;
  const siftDown = (start: number) => {
    let at = start;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) return;
      const right = left + 1;
      const child =
        right < size && (heapValue[right] as number) < (heapValue[left] as number) ? right : left;
      if ((heapValue[child] as number) >= (heapValue[at] as number)) return;
      swap(heapValue, at, child);
      swap(heapRow, at, child);
      at = child;
    }
  };
  // Rows in ascending x already form a valid heap of their first elements.
  for (let i = 0; i < m; i++) {
    heapValue[size] = (xs[i] as number) - (ys[n - 1] as number);
    heapRow[size] = i;
    size++;
  }
  for (let k = 0; k < m * n; k++) {
    const row = heapRow[0] as number;
    const j = nextJ[row] as number;
    diffs[k] = heapValue[0] as number;
    first[k] = row;
    second[k] = j;
    nextJ[row] = j - 1;
    if (j > 0) {
      heapValue[0] = (xs[row] as number) - (ys[j - 1] as number);
    } else {
      size--;
      heapValue[0] = heapValue[size] as number;
      heapRow[0] = heapRow[size] as number;
    }
    siftDown(0);
  }
  return { diffs: diffs as SortedArray, first, second };
}

function swap(array: Float64Array | Uint16Array, a: number, b: number): void {
  const t = array[a] as number;
  array[a] = array[b] as number;
  array[b] = t;
}

/** The Hodges–Lehmann estimate of a prepared sample (the median difference). */
export function shiftEstimate(sample: ShiftSample): number {
  return medianSorted(sample.diffs);
}
