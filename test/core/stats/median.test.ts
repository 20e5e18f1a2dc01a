import { describe, expect, it } from "vitest";
import { mean, median, medianSorted, quantileSorted } from "../../../src/core/stats/median.js";
import { sortedCopy } from "../../../src/core/stats/types.js";

describe("median and quantiles", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it("interpolates quantiles linearly (type 7, as Python's method='inclusive')", () => {
    // statistics.quantiles([1, 2, 3, 4, 10], n=4, method="inclusive") == [2.0, 3.0, 4.0]
    const sorted = sortedCopy([10, 1, 4, 2, 3]);
    expect(quantileSorted(sorted, 0.25)).toBe(2);
    expect(quantileSorted(sorted, 0.5)).toBe(3);
    expect(quantileSorted(sorted, 0.75)).toBe(4);
    // position 4 * 0.9 = 3.6: 4 + 0.6 * (10 - 4)
    expect(quantileSorted(sorted, 0.9)).toBeCloseTo(7.6, 14);
    expect(quantileSorted(sorted, 0)).toBe(1);
    expect(quantileSorted(sorted, 1)).toBe(10);
    expect(medianSorted(sorted)).toBe(3);
  });

  it("sorts numerically, not as strings, and leaves the input alone", () => {
    const input = [10, 9, 100];
    expect(Array.from(sortedCopy(input))).toEqual([9, 10, 100]);
    expect(input).toEqual([10, 9, 100]);
  });

  it("refuses NaN and empty input", () => {
    expect(() => sortedCopy([1, Number.NaN])).toThrow(RangeError);
    expect(() => quantileSorted(sortedCopy([]), 0.5)).toThrow(RangeError);
    expect(mean([1, 2, 6])).toBe(3);
  });
});
