/**
 * Whether the machine ran at two speeds during the run. A small cloud VM on a
 * shared host can run the same loop at two speeds, about 1.75x apart, for a
 * second at a time, and neither clock of the process sees why. Inside one
 * process this shows as values in two clusters far apart: the slow ones taken
 * while the host was slow. The report says so, because it is why pairs (which
 * share the moment) agree where whole processes do not.
 */
import type { LegResults } from "../results.js";
import { median } from "../stats/median.js";
import { isNonEmpty } from "../stats/types.js";

/** Two clusters at least this far apart (as a ratio of their medians) are two speeds. */
export const SPEED_GAP = 1.25;
/** Fewest values a process needs before it can show two clusters of at least two each. */
const MIN_VALUES = 6;

export interface SpeedStates {
  /** Processes with enough values to tell, and among them those whose values fell into two clusters. */
  readonly processes: number;
  readonly flipped: number;
  /** Median over flipped processes of slow cluster median / fast cluster median. */
  readonly ratio: number;
  /** Share of the flipped processes' values that fell in the slow cluster. */
  readonly slowShare: number;
}

/**
 * The two speeds of one process's values, when they split into two clusters
 * (at the widest gap between sorted values, with at least two on each side)
 * whose medians are at least SPEED_GAP apart; else null.
 */
export function twoSpeeds(values: readonly number[]): { ratio: number; slow: number } | null {
  const positive = values.filter((v) => v > 0);
  if (positive.length < MIN_VALUES) return null;
  const sorted = positive.map(Math.log).sort((a, b) => a - b);
  let cut = -1;
  let widest = 0;
  for (let i = 2; i <= sorted.length - 2; i++) {
    const gap = (sorted[i] as number) - (sorted[i - 1] as number);
    if (gap > widest) {
      widest = gap;
      cut = i;
    }
  }
  if (cut < 0) return null;
  const fast = sorted.slice(0, cut);
  const slow = sorted.slice(cut);
  if (!isNonEmpty(fast) || !isNonEmpty(slow)) return null;
  const ratio = Math.exp(median(slow) - median(fast));
  return ratio >= SPEED_GAP ? { ratio, slow: slow.length } : null;
}

/** Null when no process had enough values to tell. */
export function speedStates(legs: readonly LegResults[]): SpeedStates | null {
  let processes = 0;
  let values = 0;
  let slowValues = 0;
  const ratios: number[] = [];
  for (const leg of legs) {
    for (const bench of leg.benchmarks) {
      for (const proc of bench.processes) {
        if (proc.values.length < MIN_VALUES) continue;
        processes++;
        const split = twoSpeeds(proc.values);
        if (split === null) continue;
        ratios.push(split.ratio);
        values += proc.values.length;
        slowValues += split.slow;
      }
    }
  }
  if (processes === 0) return null;
  return {
    processes,
    flipped: ratios.length,
    ratio: isNonEmpty(ratios) ? median(ratios) : 1,
    slowShare: values > 0 ? slowValues / values : 0,
  };
}
