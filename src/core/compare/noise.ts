/**
 * A/A calibration. Within each leg, processes alternate (by their position in
 * the run) between two halves, and the halves are compared as the legs are.
 * Both halves ran the same code, so what they show is this machine's noise at
 * this moment: the floor under which no difference between the legs means much.
 */
import { hodgesLehmann } from "../stats/hodges-lehmann.js";
import { median } from "../stats/median.js";
import { normalQuantile } from "../stats/normal.js";
import { mannWhitney } from "../stats/rank.js";
import { isNonEmpty } from "../stats/types.js";
import type { Usable } from "./rows.js";
import type { NoiseFloor } from "./types.js";

/** The median of |Z| for a standard normal Z: turns a typical |difference| into a standard deviation. */
const MEDIAN_ABS_NORMAL = normalQuantile(0.75);

export interface LegProcesses {
  readonly baseline: readonly Usable[];
  readonly candidate: readonly Usable[];
}

/**
 * `rows` holds each compared benchmark's usable processes per leg. Null when no
 * leg of any benchmark has the four processes that two halves of two need.
 */
export function noiseFloor(
  rows: readonly LegProcesses[],
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
    const m = row.baseline.length;
    const n = row.candidate.length;
    for (const leg of [row.baseline, row.candidate]) {
      const [first, second] = halves(leg);
      if (first.length < 2 || second.length < 2) continue;
      const gap = Math.abs(hodgesLehmann(first, second, level).estimate);
      gaps.push(gap);
      spreads.push(gap / Math.sqrt(1 / first.length + 1 / second.length));
      fullScales.push(Math.sqrt(1 / m + 1 / n));
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

/** Log medians of alternate processes in run order, so slow drift lands in both halves alike. */
function halves(processes: readonly Usable[]): [number[], number[]] {
  const ordered = [...processes].sort((a, b) => a.order - b.order);
  const first: number[] = [];
  const second: number[] = [];
  ordered.forEach((proc, i) => {
    (i % 2 === 0 ? first : second).push(Math.log(proc.medianNs));
  });
  return [first, second];
}
