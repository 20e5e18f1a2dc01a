/**
 * The order-statistic interval for a median, checked against binomial
 * probabilities computed independently, by exact fractions.
 */
import { describe, expect, it } from "vitest";
import { medianDepth, medianInterval } from "../../../src/core/stats/median-interval.js";
import { sortedCopy } from "../../../src/core/stats/types.js";

/** P(B < k) for B ~ Binomial(n, 1/2), from exact integer counts (n small enough for doubles). */
function below(n: number, k: number): number {
  let count = 0;
  let choose = 1;
  for (let i = 0; i < k; i++) {
    count += choose;
    choose = (choose * (n - i)) / (i + 1);
  }
  return count / 2 ** n;
}

describe("medianDepth", () => {
  it("gives no interval where the extremes alone cannot reach the level", () => {
    expect(medianDepth(5, 0.95)).toBe(0); // 2/32 = 6.25% outside [min, max]
    expect(medianDepth(6, 0.95)).toBe(1); // 2/64 = 3.1%
    expect(medianDepth(6, 0.97)).toBe(0); // 3.1% > 3%
    expect(medianDepth(7, 0.97)).toBe(1);
  });

  it("is the largest depth whose tail stays within (1 - level) / 2, for every n up to 60", () => {
    for (const level of [0.9, 0.95, 0.97, 0.99]) {
      for (let n = 1; n <= 60; n++) {
        const k = medianDepth(n, level);
        const half = (1 - level) / 2;
        if (k > 0) expect(below(n, k)).toBeLessThanOrEqual(half + 1e-12);
        expect(below(n, k + 1)).toBeGreaterThan(half);
      }
    }
  });

  it("stays finite and sensible for large samples", () => {
    // Normal approximation: n/2 - z sqrt(n)/2, z = 1.96.
    expect(medianDepth(10_000, 0.95)).toBeGreaterThan(4900);
    expect(medianDepth(10_000, 0.95)).toBeLessThan(4903);
  });
});

describe("medianInterval", () => {
  it("takes the order statistics at that depth", () => {
    const sorted = sortedCopy([9, 1, 8, 2, 7, 3, 6, 4, 5, 10, 11, 12]);
    const k = medianDepth(12, 0.95);
    expect(k).toBe(3);
    expect(medianInterval(sorted, 0.95)).toEqual({ low: 3, high: 10 });
  });

  it("is null when too few values", () => {
    expect(medianInterval(sortedCopy([1, 2, 3]), 0.95)).toBeNull();
  });
});
