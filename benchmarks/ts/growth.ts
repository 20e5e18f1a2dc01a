/**
 * How the time to ±1% grows with noise and with suite size, by simulation:
 * the stopping rule itself (core/stats/stopping-rule.ts) on the seeded noise model of
 * the tests, with each process costing what a real process cost in this run.
 */

import { createRng } from "../../src/core/stats/rng.js";
import { SEQUENTIAL_LIMITS, type StoppingRule } from "../../src/core/stats/stopping-rule.js";
import { QUIET, runToStop } from "../../test/core/sequential/simulate.js";

const RULE: StoppingRule = {
  precision: 0.01,
  minProcesses: SEQUENTIAL_LIMITS.minProcesses,
  maxProcesses: 400,
};

/** Processes per leg at which simulated benchmarks of this noise reach ±1%, sorted. */
function stopSizes(processSd: number, trials: number, seed: number): number[] {
  const rng = createRng(seed, Math.round(processSd * 1e4));
  const noise = { ...QUIET, processSd, processOutlier: 0.03 };
  return Array.from({ length: trials }, () => runToStop(RULE, noise, 1, rng).look.processes).sort(
    (a, b) => a - b,
  );
}

const at = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

export interface NoiseRow {
  readonly processSd: number;
  readonly medianProcesses: number;
  readonly p90Processes: number;
  /** One benchmark, both legs and its calibration, at the median. */
  readonly seconds: number;
  /** What the fixed default of 6 processes a leg typically leaves as the interval's half-width. */
  readonly fixedHalfWidth: number;
}

export function noiseGrowth(processSeconds: number): NoiseRow[] {
  return [0.0025, 0.005, 0.01, 0.02, 0.03, 0.04].map((processSd) => {
    const sizes = stopSizes(processSd, 300, 11);
    const median = at(sizes, 0.5);
    const fixedRule = { ...RULE, precision: 1e-9, maxProcesses: 6 };
    const rng = createRng(12, Math.round(processSd * 1e4));
    const widths = Array.from(
      { length: 300 },
      () =>
        runToStop(fixedRule, { ...QUIET, processSd, processOutlier: 0.03 }, 1, rng, 0.95).look
          .halfWidth ?? 1,
    ).sort((a, b) => a - b);
    return {
      processSd,
      medianProcesses: median,
      p90Processes: at(sizes, 0.9),
      seconds: (2 * median + 1) * processSeconds,
      fixedHalfWidth: at(widths, 0.5),
    };
  });
}

export interface SuiteRow {
  readonly benchmarks: number;
  /** With no budget: every benchmark measured until ±1%. */
  readonly secondsUnbounded: number;
  /** Within the default 120s budget, shared as the run shares it. */
  readonly secondsBudgeted: number;
  readonly reachedShare: number;
}

/**
 * The fair-share schedule of measure/sequential-sampler.ts in simulated time: every
 * benchmark gets its minimum, then a share of what is left; leftovers go
 * round again to the benchmarks still wide.
 */
function budgeted(needs: readonly number[], processSeconds: number, budget: number) {
  const block = 4 * processSeconds;
  const min = RULE.minProcesses;
  const taken = needs.map(() => min);
  let clock = 0;
  const open = new Set<number>();
  needs.forEach((need, i) => {
    const share = Math.max(0, budget - clock) / (needs.length - i);
    const until = clock + share;
    clock += (2 * min + 1) * processSeconds;
    while ((taken[i] as number) < need && clock + block <= until) {
      taken[i] = (taken[i] as number) + 2;
      clock += block;
    }
    if ((taken[i] as number) < need) open.add(i);
  });
  for (let progressed = true; progressed && open.size > 0; ) {
    progressed = false;
    let k = 0;
    for (const i of [...open]) {
      const share = Math.max(0, budget - clock) / (open.size - k++);
      const until = clock + share;
      while ((taken[i] as number) < (needs[i] as number) && clock + block <= until) {
        taken[i] = (taken[i] as number) + 2;
        clock += block;
        progressed = true;
      }
      if ((taken[i] as number) >= (needs[i] as number)) open.delete(i);
    }
  }
  const reached = needs.filter((need, i) => (taken[i] as number) >= need).length;
  return { seconds: clock, reachedShare: reached / needs.length };
}

export function suiteGrowth(processSeconds: number, processSd = 0.01, budget = 120): SuiteRow[] {
  const sizes = stopSizes(processSd, 400, 13);
  const rng = createRng(14, 0);
  return [1, 3, 10, 30, 100, 1000].map((benchmarks) => {
    const needs = Array.from(
      { length: benchmarks },
      () => sizes[rng.nextInt(sizes.length)] as number,
    );
    const unbounded = needs.reduce((sum, n) => sum + (2 * n + 1) * processSeconds, 0);
    const run = budgeted(needs, processSeconds, budget);
    return {
      benchmarks,
      secondsUnbounded: unbounded,
      secondsBudgeted: run.seconds,
      reachedShare: run.reachedShare,
    };
  });
}
