import { describe, expect, it } from "vitest";
import { prepareShift } from "../../../src/core/stats/differences.js";
import { geometricMean, suiteGeomean } from "../../../src/core/stats/geomean.js";
import { median } from "../../../src/core/stats/median.js";
import type { NonEmptyArray } from "../../../src/core/stats/types.js";

// The two-benchmark suite of stats_reference.py (SUITE there): raw values per process.
const SUITE = [
  {
    baseline: [
      [105, 101, 99],
      [98, 103, 100, 97],
      [110, 104, 102],
    ],
    candidate: [
      [92, 95, 90],
      [94, 91, 93],
      [89, 96, 90.5, 91.5],
    ],
  },
  {
    baseline: [[2000, 2100], [1980, 2050, 2010], [2200, 2020, 1990], [2005]],
    candidate: [
      [2040, 2010, 2090],
      [2100, 2060],
      [1995, 2080, 2030],
    ],
  },
];

function logMedians(processes: number[][]): number[] {
  return processes.map((values) => Math.log(median(values as unknown as NonEmptyArray<number>)));
}

const samples = SUITE.map((b) =>
  prepareShift(logMedians(b.baseline), logMedians(b.candidate)),
) as unknown as NonEmptyArray<ReturnType<typeof prepareShift>>;
const options = { seed: 7, resamples: 200, level: 0.95, streams: { baseline: 1, candidate: 2 } };

describe("geometricMean", () => {
  it("matches math.fsum of logs in Python", () => {
    expect(geometricMean([1.25, 0.8, 1.1, 0.95, 2])).toBeCloseTo(1.1588554224212262, 14);
  });

  it("refuses zero and negative values", () => {
    expect(() => geometricMean([1, 0])).toThrow(RangeError);
  });
});

describe("suiteGeomean", () => {
  it("matches the reference re-implementation of the bootstrap", () => {
    // stats_reference.py: geomean, and the 2.5% and 97.5% points of 200 replicates.
    const suite = suiteGeomean(samples, options);
    expect(suite.geomean).toBeCloseTo(1.040744176591923, 14);
    expect(suite.interval.low).toBeCloseTo(1.0204148493231677, 12);
    expect(suite.interval.high).toBeCloseTo(1.060406201575489, 12);
  });

  it("inverts when the legs swap along with their streams", () => {
    const there = suiteGeomean(samples, options);
    const swapped = SUITE.map((b) =>
      prepareShift(logMedians(b.candidate), logMedians(b.baseline)),
    ) as unknown as NonEmptyArray<ReturnType<typeof prepareShift>>;
    const back = suiteGeomean(swapped, { ...options, streams: { baseline: 2, candidate: 1 } });
    expect(back.geomean).toBeCloseTo(1 / there.geomean, 14);
    expect(back.interval.low).toBeCloseTo(1 / there.interval.high, 12);
    expect(back.interval.high).toBeCloseTo(1 / there.interval.low, 12);
  });

  it("depends on the seed, and only on the seed", () => {
    const a = suiteGeomean(samples, options);
    expect(suiteGeomean(samples, options)).toEqual(a);
    expect(suiteGeomean(samples, { ...options, seed: 8 }).interval).not.toEqual(a.interval);
  });
});
