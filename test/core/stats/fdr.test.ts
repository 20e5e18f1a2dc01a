import { describe, expect, it } from "vitest";
import { benjaminiHochberg } from "../../../src/core/stats/fdr.js";

describe("benjaminiHochberg", () => {
  it("matches a hand-worked example", () => {
    // m = 6. Sorted p: 0.005 0.01 0.03 0.04 0.2 0.7 at ranks 1..6.
    // p*m/rank:        0.03  0.03 0.06 0.06 0.24 0.7
    // Running minimum from the top leaves them as they are, so q, back in the
    // input order, is: (also stats_reference.py, with exact fractions)
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2, 0.7]);
    const expected = [0.03, 0.06, 0.06, 0.03, 0.24, 0.7];
    q.forEach((value, i) => {
      expect(value).toBeCloseTo(expected[i] as number, 15);
    });
  });

  it("takes the minimum from above, so a larger p never gets a smaller q", () => {
    // ranks: 0.02 -> 0.02*3/1 = 0.06, 0.021 -> 0.0315, 0.03 -> 0.03; min from the top.
    const q = benjaminiHochberg([0.02, 0.021, 0.03]);
    expect(q).toEqual([0.03, 0.03, 0.03]);
  });

  it("caps at 1 and leaves an empty list empty", () => {
    expect(benjaminiHochberg([0.9, 0.95])).toEqual([0.95, 0.95]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
