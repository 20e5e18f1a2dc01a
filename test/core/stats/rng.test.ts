import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/core/stats/rng.js";

describe("createRng", () => {
  it("reproduces the reference sequence (stats_reference.py re-implements it)", () => {
    const rng = createRng(42, 0);
    const first = Array.from({ length: 5 }, () => rng.nextUint32());
    expect(first).toEqual([3540317514, 4019810751, 1576945272, 851002896, 604794528]);
    const other = createRng(7, 3);
    expect(Array.from({ length: 8 }, () => other.nextInt(10))).toEqual([2, 8, 4, 4, 9, 8, 6, 6]);
  });

  it("gives different sequences for different streams of one seed", () => {
    const a = createRng(1, 1);
    const b = createRng(1, 2);
    const seqA = Array.from({ length: 4 }, () => a.nextUint32());
    const seqB = Array.from({ length: 4 }, () => b.nextUint32());
    expect(seqA).not.toEqual(seqB);
  });

  it("spreads nextInt evenly (chi-square well inside its 99.9% bound)", () => {
    const rng = createRng(123);
    const bins = new Array<number>(10).fill(0);
    const draws = 100_000;
    for (let i = 0; i < draws; i++) {
      const k = rng.nextInt(10);
      bins[k] = (bins[k] as number) + 1;
    }
    const expected = draws / 10;
    const chi2 = bins.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    // 27.88 is the 99.9% quantile of chi-square with 9 degrees of freedom.
    expect(chi2).toBeLessThan(27.88);
    expect(Math.min(...bins)).toBeGreaterThan(0);
  });

  it("skips exactly the outputs it is told to", () => {
    const drawn = createRng(9, 4);
    for (let i = 0; i < 1000; i++) drawn.nextUint32();
    const skipped = createRng(9, 4);
    skipped.skip(1000);
    expect(Array.from({ length: 5 }, () => skipped.nextUint32())).toEqual(
      Array.from({ length: 5 }, () => drawn.nextUint32()),
    );
    const none = createRng(9, 4);
    none.skip(0);
    expect(none.nextUint32()).toBe(createRng(9, 4).nextUint32());
  });
});
