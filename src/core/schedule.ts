/**
 * The order of a benchmark's processes. With both legs in one job they are
 * interleaved ABBA (off on on off, off on on off, ...): a linear drift of the
 * machine (thermal, a neighbour's load) then falls on both legs alike, which a
 * plain alternation (ABAB) does not give.
 */
import type { Leg } from "./results.js";

export interface ScheduledProcess {
  leg: Leg;
  /** Index of this process within its leg, 0-based. */
  index: number;
}

export function processSchedule(legs: readonly Leg[], processes: number): ScheduledProcess[] {
  const schedule: ScheduledProcess[] = [];
  if (legs.length === 1) {
    const [leg] = legs as [Leg];
    for (let index = 0; index < processes; index++) schedule.push({ leg, index });
    return schedule;
  }
  const [a, b] = legs as [Leg, Leg];
  for (let pair = 0; pair < processes; pair++) {
    const first = pair % 2 === 0 ? a : b;
    const second = first === a ? b : a;
    schedule.push({ leg: first, index: pair }, { leg: second, index: pair });
  }
  return schedule;
}

/** How many timed values each process takes: a count, or "auto" to fill a time. */
export type ValuesSetting = number | "auto";

/**
 * With `values: auto` (the default), each process takes as many values as
 * fill about `targetMs` at the speed calibration saw, within [min, max].
 * Short values, many of them, are what make a pair precise: on a shared
 * machine the speed changes from one millisecond to the next, so two
 * values taken next to each other agree more the shorter they are, and the
 * median of many such comparisons is steadier than that of a few long ones
 * (docs/methodology.md, "How long a value lasts"). A fixed count would make
 * a pair of a slow benchmark take many seconds; a time keeps every pair about
 * as long as the processes' start-up allows.
 */
export const AUTO_VALUES = { targetMs: 100, min: 20, max: 1000 } as const;

/** The values per process for a benchmark whose calibrated value lasts `valueNs` nanoseconds. */
export function valuesPerProcess(setting: ValuesSetting, valueNs: number): number {
  if (setting !== "auto") return setting;
  if (!(valueNs > 0)) return AUTO_VALUES.min;
  const fit = Math.round((AUTO_VALUES.targetMs * 1e6) / valueNs);
  return Math.min(AUTO_VALUES.max, Math.max(AUTO_VALUES.min, fit));
}

/**
 * "30 timed values", or with auto the counts the processes took: "48 to 52
 * timed values (auto: about 100 ms of values per process)".
 */
export function valuesText(setting: ValuesSetting, counts: readonly number[]): string {
  if (setting !== "auto") return `${setting} timed values`;
  const seen = counts.filter((n) => n > 0);
  const low = seen.length > 0 ? Math.min(...seen) : AUTO_VALUES.min;
  const high = seen.length > 0 ? Math.max(...seen) : AUTO_VALUES.max;
  const range = low === high ? `${low}` : `${low} to ${high}`;
  return `${range} timed values (auto: about ${AUTO_VALUES.targetMs} ms of values per process)`;
}
