/**
 * The stopping rule on paired legs: seeded simulations of a host whose speed
 * flips between two states (1.75x apart) from one value to the next, which
 * neither leg's process can see. Pairs take their values side by side, so
 * the interval the run stops on must stay honest: A/A runs put 1.00 outside
 * it in at most 5% of runs, and real effects are covered in at least 95%.
 */
import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/core/stats/rng.js";
import type { StoppingRule } from "../../../src/core/stats/stopping-rule.js";
import { type PairNoise, QUIET, runPairsToStop, type SequentialOutcome } from "./simulate.js";

const RULE: StoppingRule = { precision: 0.01, minProcesses: 6, maxProcesses: 300 };
const TRIALS = 600;
const SEED = 2029;

const REGIMES: readonly { name: string; noise: PairNoise }[] = [
  { name: "one speed", noise: { ...QUIET, values: 10, processSd: 0.006, flip: 0, slowFactor: 1 } },
  {
    name: "flipping host",
    noise: { ...QUIET, values: 10, processSd: 0.01, flip: 0.1, slowFactor: 1.75 },
  },
  {
    name: "flipping host, wide processes",
    noise: {
      ...QUIET,
      values: 10,
      processSd: 0.02,
      processOutlier: 0.03,
      flip: 0.3,
      slowFactor: 1.75,
    },
  },
];

function trials(speedup: number, seed: number): SequentialOutcome[][] {
  return REGIMES.map(({ noise }, r) => {
    const rng = createRng(seed, r);
    return Array.from({ length: TRIALS }, () => runPairsToStop(RULE, noise, speedup, rng));
  });
}

const share = (outcomes: readonly SequentialOutcome[], hit: (o: SequentialOutcome) => boolean) =>
  outcomes.filter(hit).length / outcomes.length;

const covers = (value: number) => (o: SequentialOutcome) =>
  o.look.interval !== null && o.look.interval.low <= value && o.look.interval.high >= value;

describe(`paired legs under a flipping host (seed ${SEED})`, () => {
  const aa = trials(1, SEED);
  const faster = trials(1.2, SEED + 1);
  const slower = trials(1 / 1.1, SEED + 2);

  it("reaches ±1% in every run", () => {
    for (const regime of aa) expect(share(regime, (o) => o.decision === "precise")).toBe(1);
  });

  it("keeps the A/A false-positive rate at or below 5%", () => {
    expect(share(aa.flat(), (o) => !covers(1)(o))).toBeLessThanOrEqual(0.05);
    for (const regime of aa) expect(share(regime, (o) => !covers(1)(o))).toBeLessThanOrEqual(0.065);
  });

  it("keeps coverage of a real effect at or above 95%", () => {
    expect(share(faster.flat(), covers(1.2))).toBeGreaterThanOrEqual(0.95);
    expect(share(slower.flat(), covers(1 / 1.1))).toBeGreaterThanOrEqual(0.95);
  });

  it("records the interval compare computes for the paired row", () => {
    for (const o of aa[1] ?? []) {
      expect(o.row.interval?.low).toBeCloseTo(o.look.interval?.low as number, 12);
      expect(o.row.interval?.high).toBeCloseTo(o.look.interval?.high as number, 12);
      expect(o.row.processes.baseline).toBe(o.look.processes);
    }
  });

  it("shows times that agree with the speedup", () => {
    for (const o of faster[1] ?? []) {
      const { baselineNs, candidateNs, speedup } = o.row;
      expect((baselineNs as number) / (candidateNs as number)).toBeCloseTo(speedup as number, 12);
    }
  });
});
