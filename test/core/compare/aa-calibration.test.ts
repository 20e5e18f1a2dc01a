/**
 * A/A: both legs run the same code, so every "significant" row is a false
 * positive and the suite interval should contain 1.00. Many seeded trials of
 * the synthetic noise model measure how often each goes wrong; nothing here
 * reads a clock.
 */
import { describe, expect, it } from "vitest";
import { compareLegs } from "../../../src/core/compare/compare.js";
import { suiteOf, syntheticRun } from "./synthetic.js";

const TRIALS = 120;
const BENCHMARKS = 20;

describe("A/A calibration over seeded trials", () => {
  const outcomes = Array.from({ length: TRIALS }, (_, trial) => {
    const run = syntheticRun(1000 + trial, {
      benchmarks: suiteOf(BENCHMARKS),
      processes: 8,
      values: 5,
    });
    return compareLegs(run.off, run.on, { seed: trial, resamples: 400 });
  });

  it("calls at most 5% of benchmark rows significant", () => {
    const rows = outcomes.flatMap((c) => c.rows);
    const significant = rows.filter((r) => r.class === "faster" || r.class === "slower").length;
    expect(rows.length).toBe(TRIALS * BENCHMARKS);
    expect(significant / rows.length).toBeLessThanOrEqual(0.05);
  });

  it("keeps unadjusted p-values honest too: about 5% below 0.05, not far more", () => {
    const ps = outcomes.flatMap((c) => c.rows.map((r) => r.p as number));
    const share = ps.filter((p) => p < 0.05).length / ps.length;
    expect(share).toBeLessThanOrEqual(0.07);
  });

  it("puts 1.00 inside the suite interval in at least 95% of trials", () => {
    const covered = outcomes.filter((c) => {
      const interval = c.suite?.interval;
      return interval !== null && interval !== undefined && interval.low <= 1 && interval.high >= 1;
    }).length;
    expect(covered / TRIALS).toBeGreaterThanOrEqual(0.95);
  });

  // Across trials the suite's log geomean varies with some sd; a 95% interval
  // should then be about 1.96 sd wide on each side. Coverage alone could be met
  // by uselessly wide intervals, so check the width too.
  const logs = outcomes.map((c) => Math.log(c.suite?.geomean as number));
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1));

  it("gives suite intervals about as wide as the real spread, not wider by much", () => {
    const halfWidths = outcomes.map((c) => {
      const interval = c.suite?.interval as { low: number; high: number };
      return Math.log(interval.high / interval.low) / 2;
    });
    expect(middle(halfWidths) / (1.96 * sd)).toBeGreaterThan(0.8);
    expect(middle(halfWidths) / (1.96 * sd)).toBeLessThan(1.6);
  });

  it("reports a smallest detectable effect that matches the spread the trials show", () => {
    // One benchmark averages nothing, so its detectable effect is about
    // sqrt(BENCHMARKS) times the suite's half-width.
    const detectable = outcomes.map((c) => Math.log1p(c.noise?.detectable as number));
    const ratio = middle(detectable) / (1.96 * sd * Math.sqrt(BENCHMARKS));
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });
});

function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
