import { describe, expect, it } from "vitest";
import { compareLegs } from "../../../src/core/compare/compare.js";
import { suiteOf, syntheticRun } from "./synthetic.js";

describe("known effects are found", () => {
  const slowdown = 1.1; // the JIT leg takes 10% longer: speedup 1 / 1.1 = 0.909
  const trials = Array.from({ length: 20 }, (_, trial) => {
    const run = syntheticRun(500 + trial, {
      benchmarks: [...suiteOf(6), { name: "bench_slow", ns: 4000, factor: slowdown }],
      processes: 10,
      values: 5,
    });
    return compareLegs(run.off, run.on, { seed: trial, resamples: 300 });
  });

  it("classes a 10% slowdown as slower, with an interval that contains 0.909", () => {
    for (const comparison of trials) {
      const row = comparison.rows.find((r) => r.name === "bench_slow");
      expect(row?.class).toBe("slower");
      expect(row?.interval?.low).toBeLessThanOrEqual(1 / slowdown);
      expect(row?.interval?.high).toBeGreaterThanOrEqual(1 / slowdown);
      expect(row?.speedup).toBeCloseTo(1 / slowdown, 1);
    }
  });

  it("leaves the unaffected benchmarks unchanged", () => {
    const others = trials.flatMap((c) => c.rows.filter((r) => r.name !== "bench_slow"));
    const flagged = others.filter((r) => r.class !== "unchanged").length;
    expect(flagged / others.length).toBeLessThanOrEqual(0.05);
  });

  it("finds a 10% speedup of the whole suite, with the suite interval around it", () => {
    const run = syntheticRun(77, { benchmarks: suiteOf(12, 1 / 1.1), processes: 8, values: 5 });
    const comparison = compareLegs(run.off, run.on, { seed: 1, resamples: 500 });
    // A process that ran 10-25% slow (the model's outliers) can hide one benchmark's effect.
    const faster = comparison.rows.filter((r) => r.class === "faster").length;
    expect(faster).toBeGreaterThanOrEqual(10);
    expect(comparison.rows.some((r) => r.class === "slower")).toBe(false);
    expect(comparison.suite?.interval?.low).toBeLessThan(1.1);
    expect(comparison.suite?.interval?.high).toBeGreaterThan(1.1);
    expect(comparison.suite?.interval?.low).toBeGreaterThan(1.05);
  });
});
