/**
 * The shift of one bootstrap resample: the weighted median of the m*n
 * pairwise differences, where a process drawn w times weighs w, found
 * without sorting and, in the caller's scratch space, without allocating.
 * bootstrap.ts draws the weights; this finds the median.
 */
import type { ShiftSample } from "./differences.js";

/**
 * The shift of one resample given how often each original process was drawn
 * (counts by original index): what every replicate computes, exposed for
 * checking against a brute-force recomputation.
 */
export function resampledShift(
  sample: ShiftSample,
  countsX: ArrayLike<number>,
  countsY: ArrayLike<number>,
): number {
  const scratch: Scratch = {
    weightsX: new Float64Array(sample.m),
    weightsY: new Float64Array(sample.n),
    tailY: new Float64Array(sample.n + 1),
  };
  let drawnX = 0;
  let drawnY = 0;
  for (let i = 0; i < sample.m; i++) {
    scratch.weightsX[sample.xRank[i] as number] = countsX[i] as number;
    drawnX += countsX[i] as number;
  }
  for (let j = 0; j < sample.n; j++) {
    scratch.weightsY[sample.yRank[j] as number] = countsY[j] as number;
    drawnY += countsY[j] as number;
  }
  if (drawnX !== sample.m || drawnY !== sample.n) {
    throw new RangeError(
      `a resample draws ${sample.m} and ${sample.n} processes, not ${drawnX} and ${drawnY}`,
    );
  }
  return weightedMedian(sample, scratch);
}

/**
 * Positions from the median beyond which weightedMedian jumps rather than
 * walks: a pass over both samples costs about as much as this many steps.
 */
const JUMP_FROM = 64;

export interface Scratch {
  readonly weightsX: Float64Array;
  readonly weightsY: Float64Array;
  readonly tailY: Float64Array;
}

/**
 * The median of the resample's m*n differences. A process drawn w times puts
 * each of its differences in w times over, so difference (i, j) weighs
 * weightsX[i] * weightsY[j]. The weight up to the original median comes from
 * one pass over the sorted samples; the replicate's median lies a short walk
 * away from there.
 */
export function weightedMedian(sample: ShiftSample, scratch: Scratch): number {
  const { diffs, first, second } = sample;
  const { weightsX, weightsY } = scratch;
  const total = sample.m * sample.n;
  const lowTarget = (total - 1) >> 1;
  const highTarget = total >> 1;
  const weightAt = (k: number) =>
    (weightsX[first[k] as number] as number) * (weightsY[second[k] as number] as number);

  const { tailY } = scratch;
  let tail = 0;
  tailY[sample.n] = 0;
  for (let j = sample.n - 1; j >= 0; j--) {
    tail += weightsY[j] as number;
    tailY[j] = tail;
  }

  // seen = the weight of positions 0..k.
  let k = sample.pivot;
  let seen = weightUpTo(sample, scratch, diffs[k] as number);
  // The weights average 1 a position (they sum to m*n), so the median lies
  // about (seen - lowTarget) positions away. A long walk costs more than a
  // second pass: jump once, to the end of the jumped-to value's ties.
  const away = seen - lowTarget;
  if (away > JUMP_FROM || away < -JUMP_FROM) {
    k = Math.min(total - 1, Math.max(0, k - Math.round(away)));
    while (k + 1 < total && diffs[k + 1] === diffs[k]) k++;
    seen = weightUpTo(sample, scratch, diffs[k] as number);
  }
  // Down to the first position whose running weight still exceeds lowTarget...
  while (k > 0 && seen - weightAt(k) > lowTarget) {
    seen -= weightAt(k);
    k--;
  }
  // ...or up to it.
  while (seen <= lowTarget) {
    k++;
    seen += weightAt(k);
  }
  const low = diffs[k] as number;
  if (seen > highTarget) return low;
  while (seen <= highTarget) {
    k++;
    seen += weightAt(k);
  }
  return (low + (diffs[k] as number)) / 2;
}

/**
 * The total weight of differences <= t, given tailY[j], the weight of y[j..].
 * With both samples sorted, the y that
 * give x[i] - y[j] <= t are a tail of y that only shrinks as i grows, so one
 * pass finds them all. The test is the same subtraction that made `diffs`.
 */
function weightUpTo(sample: ShiftSample, scratch: Scratch, t: number): number {
  const { x, y, m, n } = sample;
  const { weightsX, tailY } = scratch;
  let weight = 0;
  let j = 0;
  for (let i = 0; i < m; i++) {
    const xi = x[i] as number;
    while (j < n && xi - (y[j] as number) > t) j++;
    weight += (weightsX[i] as number) * (tailY[j] as number);
  }
  return weight;
}
