/**
 * A/A calibration. Unpaired legs: within each leg, processes alternate (by
 * their position in the run) between two halves, and the halves are compared
 * as the legs are. Both halves ran the same code, so what they show is this
 * machine's noise at this moment: the floor under which no difference between
 * the legs means much. Paired legs: the pairs' log ratios alternate between
 * two halves; both halves estimate the same speedup, so their difference is
 * the noise of the ratio itself.
 */
import { hodgesLehmann } from "../stats/hodges-lehmann.js";
import { median } from "../stats/median.js";
import { normalQuantile } from "../stats/normal.js";
import { mannWhitney } from "../stats/rank.js";
import { isNonEmpty } from "../stats/types.js";
import type { NoiseFloor } from "./types.js";

/** The median of |Z| for a standard normal Z: turns a typical |difference| into a standard deviation. */
const MEDIAN_ABS_NORMAL = normalQuantile(0.75);

/** One compared benchmark, as the A/A split sees it. */
export interface NoiseRow {
  /**
   * Series of log figures in run order, each split into halves: the legs'
   * per-process log medians (unpaired), or the pairs' log ratios (paired).
   */
  readonly groups: readonly (readonly number[])[];
  /**
   * The standard error of the row's estimate, in units of one figure's
   * spread: sqrt(1/m + 1/n) for two legs of m and n processes, sqrt(1/n) for n pairs.
   */
  readonly fullScale: number;
}

/** Null when no series of any benchmark has the four figures that two halves of two need. */
export function noiseFloor(
  rows: readonly NoiseRow[],
  alpha: number,
  level: number,
): NoiseFloor | null {
  const gaps: number[] = [];
  // |difference| scaled to one process per side, so that benchmarks with
  // different process counts pool into one estimate of the per-process spread.
  const spreads: number[] = [];
  const fullScales: number[] = [];
  let significant = 0;
  for (const row of rows) {
    for (const series of row.groups) {
      const [first, second] = halves(series);
      if (first.length < 2 || second.length < 2) continue;
      const gap = Math.abs(hodgesLehmann(first, second, level).estimate);
      gaps.push(gap);
      spreads.push(gap / Math.sqrt(1 / first.length + 1 / second.length));
      fullScales.push(row.fullScale);
      if (mannWhitney(first, second).p < alpha) significant++;
    }
  }
  if (!isNonEmpty(gaps) || !isNonEmpty(spreads) || !isNonEmpty(fullScales)) return null;
  const sigma = median(spreads) / MEDIAN_ABS_NORMAL;
  const z = normalQuantile(1 - alpha / 2);
  return {
    floor: Math.expm1(median(gaps)),
    detectable: Math.expm1(z * sigma * median(fullScales)),
    comparisons: gaps.length,
    significant,
  };
}

/** Alternate figures of a series in run order, so slow drift lands in both halves alike. */
function halves(series: readonly number[]): [number[], number[]] {
  const first: number[] = [];
  const second: number[] = [];
  series.forEach((value, i) => {
    (i % 2 === 0 ? first : second).push(value);
  });
  return [first, second];
}
