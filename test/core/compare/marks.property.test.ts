/**
 * A row's mark and its interval never disagree: ✓ or ✗ exactly when the
 * suite-adjusted interval excludes 1, and the row's two times divide to its
 * speedup. Random suites of mixed effects, paired and unpaired, from a fixed
 * seed printed below (set MARKS_SEED to explore others).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareLegs } from "../../../src/core/compare/compare.js";
import { type BenchmarkSpec, syntheticRun } from "./synthetic.js";

const SEED = Number(process.env.MARKS_SEED ?? 20261207);

const suite = fc.array(
  fc.record({
    factor: fc.constantFrom(0.85, 0.95, 0.98, 0.99, 1, 1, 1.01, 1.02, 1.05, 1.15),
    ns: fc.integer({ min: 50, max: 5_000_000 }),
  }),
  { minLength: 1, maxLength: 12 },
);

describe(`marks and intervals (seed ${SEED})`, () => {
  it("mark a row exactly when its interval excludes 1, or say why not", () => {
    fc.assert(
      fc.property(
        suite,
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.integer({ min: 5, max: 14 }),
        fc.boolean(),
        (specs, runSeed, processes, paired) => {
          const benchmarks: BenchmarkSpec[] = specs.map((s, i) => ({
            name: `bench_${i}`,
            ns: s.ns,
            factor: s.factor,
          }));
          const run = syntheticRun(
            runSeed,
            { benchmarks, processes, values: 5 },
            paired
              ? { off: { paired: { unpinned: null } }, on: { paired: { unpinned: null } } }
              : {},
          );
          const comparison = compareLegs(run.off, run.on, { resamples: 20 });
          const marked = comparison.rows.filter(
            (r) => r.class === "faster" || r.class === "slower",
          ).length;
          const tested = comparison.rows.filter((r) => r.q !== null).length;
          const suiteLevel = 1 - (0.05 * Math.max(marked, 1)) / tested;
          for (const row of comparison.rows) {
            const isMarked = row.class === "faster" || row.class === "slower";
            if (row.interval === null) {
              expect(isMarked).toBe(false);
              continue;
            }
            const excludes = row.interval.low > 1 || row.interval.high < 1;
            // Marked: the interval excludes 1, on the side of the mark.
            if (row.class === "faster") expect(row.interval.low).toBeGreaterThan(1);
            if (row.class === "slower") expect(row.interval.high).toBeLessThan(1);
            if (row.level !== null && row.level >= suiteLevel - 1e-12) {
              // At the suite's level the two agree exactly.
              expect(isMarked, row.name).toBe(excludes);
            } else {
              // Too few for the suite's level: its own interval, and where it
              // excludes 1 unmarked, the row says why.
              expect(row.level).toBeCloseTo(0.95, 12);
              if (excludes && !isMarked) expect(row.note).toContain("false discovery control");
            }
            expect((row.baselineNs as number) / (row.candidateNs as number)).toBeCloseTo(
              row.speedup as number,
              9,
            );
          }
        },
      ),
      { seed: SEED, numRuns: 120 },
    );
  });
});
