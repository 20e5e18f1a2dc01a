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
