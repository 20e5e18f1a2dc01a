import { describe, expect, it } from "vitest";
import { hodgesLehmann, mosesDepth } from "../../../src/core/stats/hodges-lehmann.js";

describe("hodgesLehmann", () => {
  // Reference: stats_reference.py, all 30 pairwise differences, and the Moses
  // depth from the enumerated null distribution of U.
  const x = [0.12, 0.31, -0.05, 0.22, 0.4, 0.18];
  const y = [0.02, -0.1, 0.08, 0.01, -0.04];

  it("estimates the shift as the median pairwise difference, with the Moses interval", () => {
    const shift = hodgesLehmann(x, y);
    expect(shift.estimate).toBeCloseTo(0.215, 15);
    expect(shift.interval?.low).toBeCloseTo(-0.010000000000000002, 15);
    expect(shift.interval?.high).toBeCloseTo(0.39, 15);
    expect(shift.method).toBe("exact");
  });

  it("inverts exactly when the samples swap", () => {
    const there = hodgesLehmann(x, y);
    const back = hodgesLehmann(y, x);
    expect(back.estimate).toBe(-there.estimate);
    expect(back.interval?.low).toBe(-(there.interval?.high as number));
    expect(back.interval?.high).toBe(-(there.interval?.low as number));
  });

  it("gives no 95% interval for 3 against 3, since no split reaches it", () => {
    expect(hodgesLehmann([1, 2, 3], [2, 3, 4]).interval).toBeNull();
  });

  it("uses the normal approximation for large samples, close to the exact depth", () => {
    const big = mosesDepth(40, 40, 0.95);
    expect(big.exact).toBe(false);
    // Exact depth at 25 against 25 is inside the limit; the normal one just outside it.
    const exact = mosesDepth(25, 25, 0.95).k;
    const approx = Math.floor(
      (25 * 25) / 2 + 0.5 - 1.959963984540054 * Math.sqrt((25 * 25 * 51) / 12),
    );
    expect(Math.abs(exact - approx)).toBeLessThanOrEqual(1);
  });
});

describe("mosesDepth", () => {
  it.each([
    // From the enumeration in stats_reference.py.
    [3, 3, 0],
    [4, 4, 1],
    [5, 5, 3],
    [4, 6, 3],
    // Published two-sided 5% critical values of U (Mann–Whitney tables): 2 for
    // 5/5, 23 for 10/10, 127 for 20/20; the depth is the critical value plus one.
    [10, 10, 24],
    [20, 20, 128],
  ])("m=%i n=%i cuts %i differences from each end", (m, n, k) => {
    expect(mosesDepth(m, n, 0.95).k).toBe(k);
  });
});
