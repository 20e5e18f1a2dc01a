import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bootstrapMeanShift,
  bootstrapShifts,
  drawsBefore,
  smallSampleFactor,
} from "../../../src/core/stats/bootstrap.js";
import { prepareShift, shiftEstimate } from "../../../src/core/stats/differences.js";
import { hodgesLehmann } from "../../../src/core/stats/hodges-lehmann.js";
import { median } from "../../../src/core/stats/median.js";
import { resampledShift } from "../../../src/core/stats/resampled-shift.js";
import { createRng } from "../../../src/core/stats/rng.js";

const streams = { baseline: 1, candidate: 2 };

describe("prepareShift", () => {
  it("sorts the pairwise differences and remembers which sorted pair made each", () => {
    const sample = prepareShift([20, 10], [5, 1, 8]);
    expect(Array.from(sample.x)).toEqual([10, 20]);
    expect(Array.from(sample.y)).toEqual([1, 5, 8]);
    expect(Array.from(sample.xRank)).toEqual([1, 0]);
    expect(Array.from(sample.diffs)).toEqual([2, 5, 9, 12, 15, 19]);
    // 2 = 10 - 8 (sorted x0, sorted y2), 19 = 20 - 1 (x1, y0)
    expect([sample.first[0], sample.second[0]]).toEqual([0, 2]);
    expect([sample.first[5], sample.second[5]]).toEqual([1, 0]);
    expect(sample.pivot).toBe(2);
  });

  it("gives the Hodges–Lehmann estimate", () => {
    const x = [0.12, 0.31, -0.05, 0.22, 0.4, 0.18];
    const y = [0.02, -0.1, 0.08, 0.01, -0.04];
    expect(shiftEstimate(prepareShift(x, y))).toBe(hodgesLehmann(x, y).estimate);
  });
});

describe("resampledShift", () => {
  // Brute force: expand the drawn processes and take the median of all differences.
  function bruteForce(x: number[], y: number[], countsX: number[], countsY: number[]): number {
    const xs = x.flatMap((v, i) => Array<number>(countsX[i] as number).fill(v));
    const ys = y.flatMap((v, j) => Array<number>(countsY[j] as number).fill(v));
    const diffs = xs.flatMap((a) => ys.map((b) => a - b));
    return median(diffs as [number, ...number[]]);
  }

  /** Counts of `size` draws with replacement from `size` items, from fast-check's picks. */
  const draws = (size: number) =>
    fc.array(fc.nat(size - 1), { minLength: size, maxLength: size }).map((picks) => {
      const counts = new Array<number>(size).fill(0);
      for (const p of picks) counts[p] = (counts[p] as number) + 1;
      return counts;
    });

  /**
   * Samples of m and n values (m and n from `sizes`) drawn from `value`, with
   * resample counts, checked against the brute force.
   */
  function agreesWithBruteForce(
    sizes: { min: number; max: number },
    value: fc.Arbitrary<number>,
    run: { numRuns: number; seed: number },
  ): void {
    const samples = fc
      .tuple(fc.integer(sizes), fc.integer(sizes))
      .chain(([m, n]) =>
        fc.tuple(
          fc.array(value, { minLength: m, maxLength: m }),
          fc.array(value, { minLength: n, maxLength: n }),
          draws(m),
          draws(n),
        ),
      );
    fc.assert(
      fc.property(samples, ([x, y, countsX, countsY]) => {
        const sample = prepareShift(x, y);
        expect(resampledShift(sample, countsX, countsY)).toBe(bruteForce(x, y, countsX, countsY));
      }),
      run,
    );
  }

  it("equals the median of the expanded resample, ties included", () => {
    agreesWithBruteForce({ min: 1, max: 9 }, fc.integer({ min: 0, max: 6 }), {
      numRuns: 400,
      seed: 20251020,
    });
  });

  it("equals it for samples large enough that the median is found by a jump", () => {
    // 20 to 60 a side: a resample's median can lie hundreds of positions from the original one.
    agreesWithBruteForce(
      { min: 20, max: 60 },
      fc.oneof(fc.integer({ min: 0, max: 9 }), fc.double({ min: 0, max: 9, noNaN: true })),
      { numRuns: 100, seed: 20261126 },
    );
    // Every draw on the smallest x: the median moves from the middle to the low end.
    const x = Array.from({ length: 60 }, (_, i) => i);
    const y = Array.from({ length: 60 }, (_, j) => j * 0.5);
    const allFirst = [60, ...Array<number>(59).fill(0)];
    const once = Array<number>(60).fill(1);
    expect(resampledShift(prepareShift(x, y), allFirst, once)).toBe(
      bruteForce(x, y, allFirst, once),
    );
  });

  it("gives the estimate itself when every process is drawn once", () => {
    const x = [0.3, 0.1, 0.25, 0.4];
    const y = [0.05, 0.2, 0.0];
    const sample = prepareShift(x, y);
    expect(resampledShift(sample, [1, 1, 1, 1], [1, 1, 1])).toBe(hodgesLehmann(x, y).estimate);
  });
});

describe("smallSampleFactor", () => {
  it("undoes the (n - 1) / n shrinkage of a bootstrap variance", () => {
    // stats_reference.py: widen(3, 3) and widen(4, 3)
    expect(smallSampleFactor(3, 3)).toBeCloseTo(1.224744871391589, 15);
    expect(smallSampleFactor(4, 3)).toBeCloseTo(1.1932010784269858, 15);
    expect(smallSampleFactor(1, 1)).toBe(1);
    expect(smallSampleFactor(1000, 1000)).toBeCloseTo(Math.sqrt(1000 / 999), 14);
  });
});

describe("bootstrapMeanShift", () => {
  const sample = prepareShift([4.6, 4.62, 4.7, 4.58], [4.5, 4.52, 4.49]);

  it("returns sorted replicates, each within the estimate's widened range", () => {
    const replicates = bootstrapMeanShift([sample], { seed: 3, resamples: 500, streams });
    expect(replicates.length).toBe(500);
    for (let i = 1; i < replicates.length; i++) {
      expect(replicates[i]).toBeGreaterThanOrEqual(replicates[i - 1] as number);
    }
    const estimate = shiftEstimate(sample);
    const widen = smallSampleFactor(4, 3);
    const lowest = estimate + widen * ((sample.diffs[0] as number) - estimate);
    const highest = estimate + widen * ((sample.diffs[11] as number) - estimate);
    expect(replicates[0]).toBeGreaterThanOrEqual(lowest - 1e-12);
    expect(replicates[499]).toBeLessThanOrEqual(highest + 1e-12);
    expect(replicates[0]).toBeLessThan(replicates[499] as number);
  });

  it("has no spread when nothing varies", () => {
    const flat = prepareShift([2, 2, 2], [1, 1]);
    const replicates = bootstrapMeanShift([flat], { seed: 1, resamples: 50, streams });
    expect(new Set(replicates)).toEqual(new Set([1]));
  });

  it("refuses an empty suite or a resample count that is not a positive integer", () => {
    expect(() => bootstrapMeanShift([], { seed: 1, resamples: 10, streams })).toThrow(RangeError);
    expect(() => bootstrapMeanShift([sample], { seed: 1, resamples: 0, streams })).toThrow(
      RangeError,
    );
  });
});

describe("bootstrapShifts", () => {
  // Twelve benchmarks of different sizes, from a seeded generator.
  const rng = createRng(5, 0);
  const values = (count: number, shift: number) =>
    Array.from({ length: count }, () => shift + rng.nextFloat() * 0.1);
  const suite = Array.from({ length: 12 }, (_, b) =>
    prepareShift(values(3 + (b % 5), 4.6), values(4 + (b % 3), 4.5)),
  );
  const options = { resamples: 50, seed: 11, streams };

  it("gives a slice its one-thread draws, so computed shifts change no replicate", () => {
    const whole = Array.from(bootstrapMeanShift(suite, options));
    for (const from of [1, 5, 11]) {
      const rest = suite.slice(from);
      const shifts = new Float64Array(rest.length * options.resamples);
      // Two slices computed apart, as two threads would.
      const cut = Math.ceil(rest.length / 2);
      bootstrapShifts(
        rest.slice(0, cut),
        options,
        drawsBefore(suite, from, options.resamples),
        shifts.subarray(0, cut * options.resamples),
      );
      bootstrapShifts(
        rest.slice(cut),
        options,
        drawsBefore(suite, from + cut, options.resamples),
        shifts.subarray(cut * options.resamples),
      );
      let taken = 0;
      const split = bootstrapMeanShift(suite, options, {
        from,
        take: () => {
          taken++;
          return shifts;
        },
      });
      expect(Array.from(split)).toEqual(whole);
      expect(taken).toBe(1);
    }
  });

  it("uses the shifts it is given for the benchmarks it did not compute", () => {
    const zeros = new Float64Array(options.resamples);
    const last = suite.length - 1;
    const replicates = bootstrapMeanShift(suite, options, { from: last, take: () => zeros });
    expect(Array.from(replicates)).not.toEqual(Array.from(bootstrapMeanShift(suite, options)));
    expect(() =>
      bootstrapMeanShift(suite, options, { from: last, take: () => new Float64Array(3) }),
    ).toThrow(/50 computed shifts expected, got 3/);
  });

  it("counts the draws before a benchmark: processes times resamples, per side", () => {
    expect(drawsBefore(suite, 0, 50)).toEqual({ baseline: 0, candidate: 0 });
    const [a, b] = suite;
    expect(drawsBefore(suite, 2, 50)).toEqual({
      baseline: ((a?.m ?? 0) + (b?.m ?? 0)) * 50,
      candidate: ((a?.n ?? 0) + (b?.n ?? 0)) * 50,
    });
  });
});
