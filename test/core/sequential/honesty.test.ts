/**
 * Is the interval a sequential run stops on still honest? Seeded simulations
 * of the stopping rule (no clock, no processes) over three noise levels: one
 * that is precise at the minimum sample, and two that need 2 and 8 times more.
 *
 * A/A runs (both legs the same code) must put 1.00 outside the interval in at
 * most 5% of runs; runs with a real effect must cover it in at least 95%. The
 * same simulation must also catch the problem the rule's wider level exists
 * for, or it would prove nothing: stopping on plain 95% intervals.
 */
import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/core/stats/rng.js";
import { SEQUENTIAL_LEVEL, type StoppingRule } from "../../../src/core/stats/stopping-rule.js";
import { type ProcessNoise, QUIET, runToStop, type SequentialOutcome } from "./simulate.js";

const RULE: StoppingRule = { precision: 0.01, minProcesses: 6, maxProcesses: 300 };
const TRIALS = 700;

const REGIMES: readonly { name: string; noise: ProcessNoise }[] = [
  { name: "quiet (precise at the minimum)", noise: { ...QUIET, processSd: 0.006 } },
  { name: "typical", noise: { ...QUIET, processSd: 0.01, processOutlier: 0.03 } },
  { name: "noisy", noise: { ...QUIET, processSd: 0.02, processOutlier: 0.03 } },
];

function trials(speedup: number, level: number, seed: number): SequentialOutcome[][] {
  return REGIMES.map(({ noise }, r) => {
    const rng = createRng(seed, r);
    return Array.from({ length: TRIALS }, () => runToStop(RULE, noise, speedup, rng, level));
  });
}

function share(outcomes: readonly SequentialOutcome[], hit: (o: SequentialOutcome) => boolean) {
  return outcomes.filter(hit).length / outcomes.length;
}

const covers = (value: number) => (o: SequentialOutcome) =>
  o.look.interval !== null && o.look.interval.low <= value && o.look.interval.high >= value;

describe("the stopping rule, on seeded simulations", () => {
  const aa = trials(1, SEQUENTIAL_LEVEL, 2026);
  const faster = trials(1.1, SEQUENTIAL_LEVEL, 2027);
  const slower = trials(0.95, SEQUENTIAL_LEVEL, 2028);

  it("stops every run on precision, at varied sample sizes", () => {
    for (const regime of aa) expect(share(regime, (o) => o.decision === "precise")).toBe(1);
    const medianProcesses = aa.map((regime) => {
      const sizes = regime.map((o) => o.look.processes).sort((a, b) => a - b);
      return sizes[sizes.length >> 1] as number;
    });
    // The three regimes really exercise the rule: from the minimum up to many looks.
    expect(medianProcesses[0]).toBeLessThanOrEqual(8);
    expect(medianProcesses[2]).toBeGreaterThanOrEqual(30);
  });

  it("keeps the A/A false-positive rate at or below 5%", () => {
    const all = aa.flat();
    expect(share(all, (o) => !covers(1)(o))).toBeLessThanOrEqual(0.05);
    // In each regime alone too, with room for the simulation's own error (about ±1.5 points).
    for (const regime of aa) expect(share(regime, (o) => !covers(1)(o))).toBeLessThanOrEqual(0.065);
  });

  it("keeps coverage of a real effect at or above 95%", () => {
    expect(share(faster.flat(), covers(1.1))).toBeGreaterThanOrEqual(0.95);
    expect(share(slower.flat(), covers(0.95))).toBeGreaterThanOrEqual(0.95);
  });

  it("records the interval compare computes for the row at the rule's level", () => {
    for (const o of aa[1] ?? []) {
      expect(o.row.interval?.low).toBeCloseTo(o.look.interval?.low as number, 12);
      expect(o.row.interval?.high).toBeCloseTo(o.look.interval?.high as number, 12);
    }
  });

  it("is sharp enough to catch a rule that stops on plain 95% intervals", () => {
    const naive = trials(1, 0.95, 2026).flat();
    const honest = aa.flat();
    const naiveMisses = share(naive, (o) => !covers(1)(o));
    expect(naiveMisses).toBeGreaterThan(0.05);
    expect(naiveMisses).toBeGreaterThan(share(honest, (o) => !covers(1)(o)) + 0.01);
  });
});
