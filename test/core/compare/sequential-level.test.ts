import { describe, expect, it } from "vitest";
import { compareLegs } from "../../../src/core/compare/compare.js";
import type { LegInput } from "../../../src/core/compare/types.js";
import { suiteOf, syntheticRun } from "./synthetic.js";

/** The same leg, as if sequential sampling had stopped every benchmark on a 97% interval. */
function stoppedSequentially(leg: LegInput): LegInput {
  const sampling = {
    stop: "precise" as const,
    target: 0.01,
    halfWidth: 0.009,
    projected: null,
    interval: null,
    level: 0.97,
  };
  return {
    ...leg,
    results: {
      ...leg.results,
      benchmarks: leg.results.benchmarks.map((b) => ({ ...b, sampling })),
    },
  };
}

describe("rows of sequentially sampled benchmarks", () => {
  it("report the wider interval the stopping rule used, around the same estimate", () => {
    const run = syntheticRun(11, { benchmarks: suiteOf(4, 0.97), processes: 12, values: 4 });
    const fixed = compareLegs(run.off, run.on, { resamples: 50 });
    const sequential = compareLegs(stoppedSequentially(run.off), stoppedSequentially(run.on), {
      resamples: 50,
    });
    fixed.rows.forEach((row, i) => {
      const wider = sequential.rows[i];
      expect(wider?.speedup).toBe(row.speedup);
      expect(wider?.interval?.low).toBeLessThan(row.interval?.low as number);
      expect(wider?.interval?.high).toBeGreaterThan(row.interval?.high as number);
    });
  });
});
