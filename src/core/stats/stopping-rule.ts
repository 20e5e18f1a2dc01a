/**
 * The stopping rule of sequential sampling: after each ABBA block of
 * processes, is a benchmark's interval narrow enough to stop?
 *
 * With both legs, the interval is compare's for the row: with paired
 * processes, the one-sample Hodges–Lehmann interval of the pairs' log ratios
 * (compare/pairs.ts); otherwise the Hodges–Lehmann interval of the speedup
 * across processes, from the same per-process medians (compare/rows.ts). With one leg (a matrix job measures each leg
 * apart) there is no speedup yet; the leg's own time is made precise instead,
 * to a target narrower by sqrt(2), because two legs of that precision combine
 * into a speedup of about the requested one.
 *
 * The rule looks only at the interval's width, never at where it lies, so it
 * cannot stop on a lucky effect the way stopping at significance does. What
 * remains is milder: it stops sooner when the processes so far happen to
 * agree, so the interval it stops on is a little too narrow more often than
 * a fixed-size one. Each look therefore uses a 97% interval, and no look
 * comes before a minimum sample. docs/methodology.md gives the argument;
 * test/core/sequential/ checks by simulation that the interval the run stops
 * on still covers the true speedup at least 95% of the time.
 */
import { pairRatios } from "../compare/pairs.js";
import { usableProcesses } from "../compare/rows.js";
import type { Leg, ProcessRecord } from "../results.js";
import { hodgesLehmann } from "./hodges-lehmann.js";
import { medianSorted } from "./median.js";
import { medianInterval } from "./median-interval.js";
import { normalQuantile } from "./normal.js";
import { pairedShift } from "./signed-rank.js";
import { type Interval, sortedCopy } from "./types.js";

/**
 * The confidence level of every interval the rule looks at. At 95%, stopping
 * on the first narrow one leaves about 94% coverage (simulated); 97% brings
 * the interval the run stops on back above 95%, for about a fifth more processes.
 */
export const SEQUENTIAL_LEVEL = 0.97;

export const SEQUENTIAL_LIMITS = {
  /**
   * Fewest processes per leg before the first look. Below 6 the rank
   * intervals are so coarse (4 against 4 has one possible 95% interval) that
   * a narrow one mostly means the few processes happened to agree.
   */
  minProcesses: 6,
  /**
   * Fewest pairs before the first look when the legs are paired. Below 7 the
   * signed-rank distribution has no 97% interval at all, and at 7 the only
   * one is the whole range of the pairs; 8 is the first that trims each end.
   */
  minPairs: 8,
  /** Most processes per leg: the budget normally ends a benchmark long before. */
  maxProcesses: 1000,
} as const;

export interface StoppingRule {
  /** Target half-width of the interval, as a fraction of its midpoint: 0.01 for ±1%. */
  readonly precision: number;
  /** Processes per leg before the first look. */
  readonly minProcesses: number;
  /** Processes per leg after which a benchmark stops, precise or not. */
  readonly maxProcesses: number;
  /** The level of the intervals it looks at; SEQUENTIAL_LEVEL when absent. */
  readonly level?: number;
}

export interface PrecisionLook {
  /** Usable processes per leg; with two legs, the smaller count. */
  readonly processes: number;
  /**
   * With two legs, the speedup interval (no-JIT time / JIT time); with one,
   * the leg's time per call in nanoseconds, at SEQUENTIAL_LEVEL. Null while
   * too few processes for any interval at that level.
   */
  readonly interval: Interval | null;
  /** (high - low) / (high + low): 0.01 is ±1% around the midpoint. Null with no interval. */
  readonly halfWidth: number | null;
  /** What halfWidth has to reach. */
  readonly target: number;
  /** Whether `processes` counts pairs (one process per leg, measured together). Absent: unpaired. */
  readonly paired?: boolean;
  /**
   * With pairs: the half-width the pairs' spread alone would give, from the
   * median absolute deviation of their log ratios, so that one wild pair
   * (a process 1.5 times off the rest) does not make the projection of what
   * the target needs absurd. Used for projections only; the decision to stop
   * is the interval's. Absent with fewer than 3 pairs, or unpaired.
   */
  readonly spreadHalfWidth?: number;
}

/**
 * continue: measure another block; precise: the interval is narrow enough;
 * limit: the process limit is reached without the precision.
 */
export const DECISIONS = ["continue", "precise", "limit"] as const;
export type Decision = (typeof DECISIONS)[number];

/** The interval of a benchmark measured so far, and the target it is held to. */
export function lookAt(
  rule: StoppingRule,
  legs: Partial<Record<Leg, readonly ProcessRecord[]>>,
  level: number = rule.level ?? SEQUENTIAL_LEVEL,
): PrecisionLook {
  const off = legs.off ? usableProcesses(legs.off) : null;
  const on = legs.on ? usableProcesses(legs.on) : null;
  const ratios = legs.off && legs.on ? pairRatios(legs.off, legs.on) : null;
  if (ratios !== null && ratios.length > 0) {
    const shift = pairedShift(
      ratios.map((r) => r.logRatio),
      level,
    );
    const interval = shift.interval
      ? { low: Math.exp(shift.interval.low), high: Math.exp(shift.interval.high) }
      : null;
    const spread = spreadHalfWidth(
      ratios.map((r) => r.logRatio),
      level,
    );
    return {
      processes: ratios.length,
      interval,
      halfWidth: relativeHalfWidth(interval),
      target: rule.precision,
      paired: true,
      ...(spread === null ? {} : { spreadHalfWidth: spread }),
    };
  }
  if (off && on) {
    const processes = Math.min(off.length, on.length);
    const target = rule.precision;
    if (off.length === 0 || on.length === 0) {
      return { processes, interval: null, halfWidth: null, target };
    }
    const shift = hodgesLehmann(
      off.map((p) => Math.log(p.medianNs)),
      on.map((p) => Math.log(p.medianNs)),
      level,
    );
    const interval = shift.interval
      ? { low: Math.exp(shift.interval.low), high: Math.exp(shift.interval.high) }
      : null;
    return { processes, interval, halfWidth: relativeHalfWidth(interval), target };
  }
  const one = off ?? on ?? [];
  const target = rule.precision / Math.SQRT2;
  const interval =
    one.length === 0 ? null : medianInterval(sortedCopy(one.map((p) => p.medianNs)), level);
  return { processes: one.length, interval, halfWidth: relativeHalfWidth(interval), target };
}

/** Whether to go on measuring; never stops before the minimum, never goes past the maximum. */
export function decide(rule: StoppingRule, look: PrecisionLook): Decision {
  if (look.processes < rule.minProcesses) return "continue";
  if (look.halfWidth !== null && look.halfWidth <= look.target) return "precise";
  if (look.processes >= rule.maxProcesses) return "limit";
  return "continue";
}

/**
 * Processes per leg that would likely reach the target, from the usual
 * 1/sqrt(n) narrowing of an interval; null when there is no interval yet.
 */
export function projectedProcesses(look: PrecisionLook): number | null {
  if (look.halfWidth === null || look.processes === 0) return null;
  if (look.halfWidth <= look.target) return look.processes;
  // A wild pair widens a small sample's interval far more than it will a large one's.
  const width = Math.min(look.halfWidth, look.spreadHalfWidth ?? look.halfWidth);
  return Math.max(look.processes + 1, Math.ceil(look.processes * (width / look.target) ** 2));
}

/**
 * The relative half-width of a normal-theory interval for the Hodges–Lehmann
 * shift of log ratios `d`, with the spread taken from the median absolute
 * deviation: 1.4826 x MAD estimates the sd, and the estimate's standard error
 * is about sqrt(pi / 3) sd / sqrt(n). Null with fewer than 3 ratios.
 */
export function spreadHalfWidth(d: readonly number[], level: number): number | null {
  if (d.length < 3) return null;
  const median = medianSorted(sortedCopy(d));
  const mad = medianSorted(sortedCopy(d.map((x) => Math.abs(x - median))));
  const z = normalQuantile(1 - (1 - level) / 2);
  const half = (z * Math.sqrt(Math.PI / 3) * 1.4826 * mad) / Math.sqrt(d.length);
  return Math.tanh(half);
}

/**
 * How much longer than all the time left a benchmark's projected need may be
 * before it stops. A projection from a few processes can be off by about
 * twice either way, so only a need well beyond reach counts.
 */
export const OUT_OF_REACH_SLACK = 3;

/**
 * Whether a benchmark still too wide cannot reach its target within the
 * whole time left (with OUT_OF_REACH_SLACK to spare), given what a process
 * pair (one process per leg) costs. Such a benchmark stops as noisy at once,
 * with its projection, and leaves its time to the ones that can use it.
 */
export function outOfReach(look: PrecisionLook, msPerPair: number, leftMs: number): boolean {
  const projected = projectedProcesses(look);
  if (projected === null || projected <= look.processes) return false;
  return (projected - look.processes) * msPerPair > OUT_OF_REACH_SLACK * leftMs;
}

export function relativeHalfWidth(interval: Interval | null): number | null {
  if (interval === null) return null;
  const { low, high } = interval;
  if (!(low > 0 && high >= low)) return null;
  return (high - low) / (high + low);
}
