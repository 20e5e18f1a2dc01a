/**
 * Sequential sampling on a seeded noise model: blocks of ABBA processes are
 * drawn until the stopping rule says stop, then the benchmark is compared as
 * `jit-bench compare` compares it. No clock, no processes: only the rule and
 * the statistics, so that many thousands of runs take seconds.
 */
import { measureRow } from "../../../src/core/compare/rows.js";
import type { BenchmarkRow } from "../../../src/core/compare/types.js";
import type { BenchmarkResult, JitState, Leg, ProcessRecord } from "../../../src/core/results.js";
import { limitLevel, settleRule, widestLook } from "../../../src/core/stats/near-limit.js";
import type { Rng } from "../../../src/core/stats/rng.js";
import {
  type Decision,
  decide,
  lookAt,
  type PrecisionLook,
  SEQUENTIAL_LEVEL,
  type StoppingRule,
} from "../../../src/core/stats/stopping-rule.js";

export interface ProcessNoise {
  /** Log-scale sd of a process's own offset (frequency, layout, address randomisation). */
  readonly processSd: number;
  /** Log-scale sd of the values within one process. */
  readonly valueSd: number;
  /** Values per process. */
  readonly values: number;
  /** Chance that a whole process runs 10% to 25% slow (a noisy neighbour). */
  readonly processOutlier: number;
  /** Chance that one value is 1.5x to 3x its expected time (an interrupt). */
  readonly valueOutlier: number;
}

export const QUIET: ProcessNoise = {
  processSd: 0.01,
  valueSd: 0.005,
  values: 5,
  processOutlier: 0.02,
  valueOutlier: 0.02,
};

const JIT: JitState = {
  compiled: true,
  tier2: true,
  enabled: true,
  active: true,
  method: "sys._jit",
  detail: "simulated",
};

export function gaussian(rng: Rng): number {
  const u = 1 - rng.nextFloat();
  const v = rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** One process of a benchmark whose per-call time is `ns`. */
export function simulatedProcess(
  rng: Rng,
  noise: ProcessNoise,
  ns: number,
  index: number,
  order: number,
): ProcessRecord {
  let offset = Math.exp(noise.processSd * gaussian(rng));
  if (rng.nextFloat() < noise.processOutlier) offset *= 1.1 + 0.15 * rng.nextFloat();
  const values = Array.from({ length: noise.values }, () => {
    let value = ns * offset * Math.exp(noise.valueSd * gaussian(rng));
    if (rng.nextFloat() < noise.valueOutlier) value *= 1.5 + 1.5 * rng.nextFloat();
    return value;
  });
  return { index, order, warmups: [], values, peakRssKb: null, jit: JIT };
}

/** The suite a simulated benchmark is one row of, as far as its run and its report see it. */
export interface SimulatedSuite {
  /** Where the run measures a benchmark on (settleRule); null: nowhere. */
  readonly limit: number | null;
  /** Rows in the suite: the run asks whether an interval holds the limit at limitLevel for this many. */
  readonly size: number;
  /** The level compare widens the row to for the suite when wider than its own (compare/marks.ts suiteLevel); 0: none. */
  readonly reportLevel: number;
}

/** A suite of one row, measured on nowhere: the row is drawn at the rule's level. */
export const ALONE: SimulatedSuite = { limit: null, size: 1, reportLevel: 0 };

export interface SequentialOutcome {
  readonly decision: Exclude<Decision, "continue">;
  /** The look the rule stopped on: its interval is the one the run records. */
  readonly look: PrecisionLook;
  /** Looks taken, the last included. */
  readonly looks: number;
  /** The row as compare computes it for the benchmark, at the rule's level or the suite's when wider. */
  readonly row: Omit<BenchmarkRow, "class" | "q" | "jit" | "level">;
  /** Whether its interval held the regression limit at the first target, so it went on (settleRule). */
  readonly settled: boolean;
}

/**
 * Runs one benchmark to its stop: `speedup` is the true no-JIT / JIT ratio
 * (1 for an A/A run). Blocks are off-on-on-off, as the run schedules them.
 * `level` is the level of the interval each look takes (the rule's by default).
 */
export function runToStop(
  rule: StoppingRule,
  noise: ProcessNoise,
  speedup: number,
  rng: Rng,
  level: number = SEQUENTIAL_LEVEL,
): SequentialOutcome {
  const ns: Record<Leg, number> = { off: 1000, on: 1000 / speedup };
  return untilStop(rule, level, false, (legs, order) => {
    for (const leg of ["off", "on", "on", "off"] as const) {
      legs[leg].push(simulatedProcess(rng, noise, ns[leg], legs[leg].length, order()));
    }
  });
}

/**
 * Adds a block with `block` until the rule stops, then compares the
 * benchmark as `jit-bench compare` does (pairwise when `paired`).
 */
function untilStop(
  first: StoppingRule,
  level: number,
  paired: boolean,
  block: (legs: Record<Leg, ProcessRecord[]>, order: () => number) => void,
  suite: SimulatedSuite = ALONE,
): SequentialOutcome {
  const legs: Record<Leg, ProcessRecord[]> = { off: [], on: [] };
  let order = 0;
  let looks = 0;
  let rule = first;
  let settled = false;
  for (;;) {
    block(legs, () => order++);
    if (legs.off.length < rule.minProcesses) continue;
    let look = lookAt(rule, legs, rule.level ?? level);
    looks++;
    const wide =
      settled || suite.limit === null
        ? null
        : widestLook(
            (at) => lookAt(rule, legs, at),
            limitLevel({ ...rule, level: rule.level ?? level }, suite.size),
            rule.level ?? level,
          );
    const narrower = settled ? null : settleRule(rule, look, wide, suite.limit);
    if (narrower !== null) {
      rule = narrower;
      settled = true;
      look = lookAt(rule, legs, rule.level ?? level);
    }
    const decision = decide(rule, look);
    if (decision === "continue") continue;
    const row = measureRow(
      "bench_sim",
      resultOf(legs.off),
      resultOf(legs.on),
      { baseline: "no-JIT", candidate: "JIT" },
      Math.max(rule.level ?? level, suite.reportLevel),
      paired,
    ).row;
    return { decision, look, looks, row, settled };
  }
}

function resultOf(processes: ProcessRecord[]): BenchmarkResult {
  return {
    name: "bench_sim",
    file: "bench_sim.py",
    async: false,
    status: "ok",
    reason: null,
    loops: 1,
    processes,
    failures: [],
    stats: null,
    summary: null,
  };
}

export interface PairNoise extends ProcessNoise {
  /** Chance that the host switches speed between two values; 0 keeps one speed. */
  readonly flip: number;
  /** The slow state's time over the fast state's: about 1.75 on the machines measured. */
  readonly slowFactor: number;
}

/**
 * One pair: two processes, one per leg, alive together. Each value k of both
 * meets the host's state of that moment (fast or slow), which neither process
 * can see; each process keeps an offset of its own (layout, hash seeds).
 */
export function simulatedPair(
  rng: Rng,
  noise: PairNoise,
  ns: Record<Leg, number>,
  index: number,
  order: number,
): Record<Leg, ProcessRecord> {
  const first: Leg = index % 2 === 0 ? "off" : "on";
  const offsets = { off: 0, on: 0 };
  for (const leg of ["off", "on"] as const) {
    offsets[leg] = Math.exp(noise.processSd * gaussian(rng));
    if (rng.nextFloat() < noise.processOutlier) offsets[leg] *= 1.1 + 0.15 * rng.nextFloat();
  }
  let slow = rng.nextFloat() < 0.5;
  const values: Record<Leg, number[]> = { off: [], on: [] };
  for (let k = 0; k < noise.values; k++) {
    for (const leg of ["off", "on"] as const) {
      if (rng.nextFloat() < noise.flip / 2) slow = !slow;
      let value =
        ns[leg] *
        offsets[leg] *
        (slow ? noise.slowFactor : 1) *
        Math.exp(noise.valueSd * gaussian(rng));
      if (rng.nextFloat() < noise.valueOutlier) value *= 1.5 + 1.5 * rng.nextFloat();
      values[leg].push(value);
    }
  }
  const record = (leg: Leg, at: number): ProcessRecord => ({
    index,
    order: at,
    warmups: [],
    values: values[leg],
    peakRssKb: null,
    jit: JIT,
    pair: { index, pairing: "alternate", cpu: index % 2, unpinned: null, first },
  });
  return first === "off"
    ? { off: record("off", order), on: record("on", order + 1) }
    : { on: record("on", order), off: record("off", order + 1) };
}

/**
 * As runToStop, for paired legs: blocks of two pairs until the rule stops.
 * With the suite's `limit`, a benchmark whose interval holds it at the
 * target goes on to the narrower rule, as the run's sampler does (settleRule).
 */
export function runPairsToStop(
  rule: StoppingRule,
  noise: PairNoise,
  speedup: number,
  rng: Rng,
  level: number = SEQUENTIAL_LEVEL,
  suite: SimulatedSuite = ALONE,
): SequentialOutcome {
  const ns: Record<Leg, number> = { off: 1000, on: 1000 / speedup };
  return untilStop(
    rule,
    level,
    true,
    (legs, order) => {
      for (let p = 0; p < 2; p++) {
        const pair = simulatedPair(rng, noise, ns, legs.off.length, order());
        order();
        legs.off.push(pair.off);
        legs.on.push(pair.on);
      }
    },
    suite,
  );
}
