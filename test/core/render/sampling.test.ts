/** The progress lines of sequential sampling: the width at each look, the reason at the end. */
import { describe, expect, it } from "vitest";
import {
  formatHalfWidth,
  lookLine,
  settleLine,
  stopLine,
  stopText,
} from "../../../src/core/render/sampling.js";
import type { BenchmarkResult } from "../../../src/core/results.js";

const look = { processes: 8, halfWidth: 0.0241, interval: null, target: 0.01 };

describe("sampling progress", () => {
  it("shows each look's current interval width against the target", () => {
    expect(lookLine(3, 12, "bench_nbody", look)).toBe(
      "[ 3/12] bench_nbody  ±2.41% after 8 processes per leg (target ±1.00%)",
    );
    expect(formatHalfWidth(null)).toBe("no interval yet");
    expect(formatHalfWidth(0.0004)).toBe("±0.040%");
  });

  it("says why a benchmark stopped, with what it would have needed", () => {
    expect(stopText("precise", { ...look, halfWidth: 0.009 }, null)).toBe(
      "precise: ±0.90% after 8 processes per leg",
    );
    expect(stopText("noisy", look, 47)).toBe(
      "too noisy for the budget: ±2.41% after 8 processes per leg; about 47 per leg would reach ±1.00%",
    );
    expect(stopText("budget", look, 47)).toContain("budget spent before more than the minimum");
    expect(stopText("failed", null, null)).toBe("failed");
  });

  it("says how long the benchmark was measured to reach its interval", () => {
    expect(stopText("noisy", look, 47, 61_234)).toBe(
      "too noisy for the budget: ±2.41% after 8 processes per leg in 61.2s; about 47 per leg would reach ±1.00%",
    );
    expect(stopText("precise", { ...look, halfWidth: 0.009 }, null, 4_500)).toBe(
      "precise: ±0.90% after 8 processes per leg in 4.50s",
    );
  });

  it("counts pairs, not processes per leg, when the legs are paired", () => {
    const paired = { ...look, paired: true };
    expect(lookLine(3, 12, "bench_nbody", paired)).toBe(
      "[ 3/12] bench_nbody  ±2.41% after 8 pairs (target ±1.00%)",
    );
    expect(stopText("noisy", paired, 47, 61_234)).toBe(
      "too noisy for the budget: ±2.41% after 8 pairs in 61.2s; about 47 pairs would reach ±1.00%",
    );
  });

  it("says when a benchmark goes on near the regression limit, and what it reached there", () => {
    const at = { ...look, processes: 14, halfWidth: 0.0098, paired: true };
    expect(
      settleLine(6, 15, "bench_model_resolution", at, {
        limit: 1 / 1.1,
        target: 0.01 / Math.SQRT2,
        level: 0.985,
      }),
    ).toBe(
      "[ 6/15] bench_model_resolution  ±0.98% after 14 pairs, reaching across the regression limit 0.909×: measuring it on, ahead of the others, to ±0.71% (98.5% interval)",
    );
    const withSampling = (settle: boolean): BenchmarkResult => ({
      name: "bench_model_resolution",
      file: "bench.py",
      async: false,
      status: "ok",
      reason: null,
      loops: 1,
      processes: [],
      failures: [],
      stats: null,
      summary: null,
      sampling: {
        stop: "precise",
        target: 0.01,
        halfWidth: 0.0075,
        projected: null,
        interval: null,
        level: settle ? 0.985 : 0.97,
        ...(settle ? { settle: { limit: 1 / 1.1, target: 0.01 / Math.SQRT2 } } : {}),
      },
    });
    const last = { ...at, processes: 24, halfWidth: 0.0075 };
    const line = (settle: boolean) =>
      stopLine(
        6,
        15,
        "bench_model_resolution",
        { off: withSampling(settle), on: undefined },
        "precise",
        last,
      );
    expect(line(true)).toContain(
      "precise: ±0.75% after 24 pairs (past ±1.00%, toward ±0.71%: it reached across the regression limit 0.909×)",
    );
    expect(line(false)).not.toContain("regression limit");
  });
});
