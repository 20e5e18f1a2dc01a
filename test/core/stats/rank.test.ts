import { describe, expect, it } from "vitest";
import {
  binomial,
  mannWhitney,
  minimumTwoSidedP,
  rankU,
  uCounts,
} from "../../../src/core/stats/rank.js";

// Reference values: test/fixtures/reference/stats_reference.py enumerates every
// split of the pooled sample (exact cases) or evaluates the textbook normal
// formula with tie and continuity corrections (normal cases).
describe("mannWhitney, exact", () => {
  it("3 against 3, fully separated: p = 2/20", () => {
    const test = mannWhitney([1, 2, 3], [4, 5, 6]);
    expect(test).toEqual({ u: 0, p: 0.1, method: "exact" });
  });

  it("2 against 2 can never reach p < 0.05 (smallest p is 1/3)", () => {
    const test = mannWhitney([1, 2], [3, 4]);
    expect(test.p).toBeCloseTo(1 / 3, 15);
    expect(minimumTwoSidedP(2, 2)).toBeCloseTo(1 / 3, 15);
  });

  it("4 against 5, interleaved", () => {
    const test = mannWhitney([1.1, 2.3, 3.5, 4.2], [0.5, 0.9, 1.7, 2.0, 2.2]);
    expect(test.u).toBe(17);
    expect(test.p).toBeCloseTo(0.1111111111111111, 14);
  });

  it("6 against 6", () => {
    const test = mannWhitney([10.2, 11.5, 9.8, 12.1, 10.9, 11.8], [9.1, 9.9, 10.1, 8.7, 10.4, 9.5]);
    expect(test.u).toBe(32);
    expect(test.p).toBeCloseTo(0.025974025974025976, 14);
    expect(test.method).toBe("exact");
  });

  it("gives the same p with the samples swapped, and U turns into mn - U", () => {
    const x = [10.2, 11.5, 9.8, 12.1, 10.9, 11.8];
    const y = [9.1, 9.9, 10.1, 8.7, 10.4, 9.5];
    const there = mannWhitney(x, y);
    const back = mannWhitney(y, x);
    expect(back.p).toBe(there.p);
    expect(back.u).toBe(36 - there.u);
  });
});

describe("mannWhitney, normal approximation", () => {
  it("uses the tie correction when values tie", () => {
    const test = mannWhitney([1, 2, 2, 3, 5], [2, 3, 3, 4, 6, 7]);
    expect(test.method).toBe("normal");
    expect(test.u).toBe(7);
    expect(test.p).toBeCloseTo(0.16304505585423734, 13);
  });

  it("is used beyond the exact limit", () => {
    const x = Array.from({ length: 30 }, (_, i) => ((i * 37) % 101) / 7);
    const y = Array.from({ length: 25 }, (_, i) => ((i * 53) % 97) / 7 + 1.3);
    const test = mannWhitney(x, y);
    expect(test.method).toBe("normal");
    expect(test.u).toBe(349);
    expect(test.p).toBeCloseTo(0.666447524317362, 13);
  });

  it("gives p = 1 when every value ties", () => {
    expect(mannWhitney([5, 5, 5], [5, 5, 5, 5, 5]).p).toBe(1);
  });
});

describe("the exact null distribution", () => {
  it("counts every ordering once: sums to C(m+n, m) and is symmetric", () => {
    for (const [m, n] of [
      [3, 4],
      [7, 7],
      [10, 12],
    ] as const) {
      const counts = Array.from(uCounts(m, n));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(binomial(m + n, m));
      expect(counts).toEqual([...counts].reverse());
      expect(Array.from(uCounts(n, m))).toEqual(counts);
    }
  });

  it("ranks ties at their mid-rank", () => {
    // pooled sorted: 1(x) 2(x) 2(y) 3(y): the 2s share rank 2.5.
    expect(rankU([1, 2], [2, 3])).toEqual({ u: 0.5, tieTerm: 6 });
  });
});
