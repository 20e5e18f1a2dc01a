import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile, normalSf } from "../../../src/core/stats/normal.js";

// Reference: Python's statistics.NormalDist (math.erf and Wichura's AS241),
// printed by test/fixtures/reference/stats_reference.py.
const CDF: Array<[number, number]> = [
  [-6, 9.865876449133282e-10],
  [-3, 0.0013498980316301035],
  [-1.96, 0.024997895148220428],
  [-0.5, 0.3085375387259869],
  [0, 0.5],
  [0.3, 0.6179114221889526],
  [1, 0.8413447460685429],
  [1.959963984540054, 0.975],
  [2.5, 0.9937903346742238],
  [4, 0.9999683287581669],
  [8, 0.9999999999999993],
];

const QUANTILE: Array<[number, number]> = [
  [0.975, 1.9599639845400536],
  [0.75, 0.6744897501960817],
  [0.5, 0],
  [0.025, -1.9599639845400538],
  [0.995, 2.5758293035489],
  [1e-6, -4.753424308822899],
];

describe("normalCdf", () => {
  it.each(CDF)("Φ(%d) matches the reference", (x, expected) => {
    expect(Math.abs(normalCdf(x) - expected)).toBeLessThan(1e-14);
  });

  // Reference: 0.5 * math.erfc(x / sqrt(2)) in Python (the CDF above, built on
  // 1 + erf, is only accurate in absolute terms out there).
  it.each([
    [6, 9.865876450377012e-10],
    [8, 6.220960574271819e-16],
    [10, 7.619853024160593e-24],
  ])("keeps relative precision far in the tail: P(Z > %d)", (x, expected) => {
    expect(normalSf(x) / expected).toBeCloseTo(1, 12);
    expect(normalCdf(-x) / expected).toBeCloseTo(1, 12);
  });
});

describe("normalQuantile", () => {
  it.each(QUANTILE)("Φ⁻¹(%d) matches the reference", (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 12);
  });

  it("refuses probabilities outside (0, 1)", () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});
