import { describe, expect, it } from "vitest";
import type { BenchmarkRow, Comparison } from "../../../src/core/compare/types.js";
import {
  DEFAULT_POLICY,
  decideVerdict,
  exitCodeFor,
  moreProcesses,
} from "../../../src/core/verdict.js";
import { rowJitOf } from "../../row-jit.js";

function row(over: Partial<BenchmarkRow>): BenchmarkRow {
  return {
    name: "bench_a",
    class: "unchanged",
    baselineNs: 100,
    candidateNs: 100,
    speedup: 1,
    interval: { low: 0.98, high: 1.02 },
    level: 0.95,
    p: 0.5,
    q: 0.5,
    processes: { baseline: 10, candidate: 10 },
    memory: null,
    side: null,
    note: null,
    jit: rowJitOf("engaged", 1),
    ...over,
  };
}

function comparison(over: Partial<Comparison> = {}): Comparison {
  const leg = { python: "python3", interpreter: null, fingerprint: null, jit: null, sources: [] };
  return {
    method: "processes",
    baseline: { ...leg, leg: "off" },
    candidate: { ...leg, leg: "on" },
    rows: [row({})],
    suite: { geomean: 1.1, interval: { low: 1.07, high: 1.13 }, benchmarks: 1, leftOut: [] },
    memory: { change: 0.05, largest: { name: "bench_a", change: 0.05 }, benchmarks: 1 },
    noise: null,
    gate: { applicable: true },
    warnings: [],
    processesPerLeg: 10,
    settings: { alpha: 0.05, level: 0.95, seed: 1, resamples: 100 },
    ...over,
  };
}

describe("decideVerdict", () => {
  it("enables when the whole interval clears 1 + threshold and memory is within limits", () => {
    expect(decideVerdict(comparison())).toMatchObject({
      kind: "enable",
      reason: "suite-above-threshold",
    });
  });

  it("keeps the JIT off when it is faster but grows memory past the limit", () => {
    const verdict = decideVerdict(
      comparison({ memory: { change: 0.25, largest: { name: "a", change: 0.3 }, benchmarks: 1 } }),
    );
    expect(verdict).toMatchObject({ kind: "keep-off", reason: "memory-over-limit" });
    const relaxed = decideVerdict(
      comparison({ memory: { change: 0.25, largest: { name: "a", change: 0.3 }, benchmarks: 1 } }),
      { ...DEFAULT_POLICY, maxMemoryGrowth: 0.3 },
    );
    expect(relaxed.kind).toBe("enable");
  });

  it("keeps the JIT off when the whole interval lies below 1 + threshold", () => {
    const verdict = decideVerdict(
      comparison({
        suite: { geomean: 1.02, interval: { low: 1.01, high: 1.04 }, benchmarks: 1, leftOut: [] },
      }),
    );
    expect(verdict).toMatchObject({ kind: "keep-off", reason: "suite-below-threshold" });
  });

  it("moves with the threshold", () => {
    const c = comparison({
      suite: { geomean: 1.02, interval: { low: 1.01, high: 1.04 }, benchmarks: 1, leftOut: [] },
    });
    expect(decideVerdict(c, { ...DEFAULT_POLICY, threshold: 0 }).kind).toBe("enable");
    expect(decideVerdict(c, { ...DEFAULT_POLICY, threshold: 0.02 }).kind).toBe("inconclusive");
  });

  it("calls a slowdown whose interval lies wholly past the limit a regression, even if the suite is faster", () => {
    const slow = row({
      name: "bench_slow",
      class: "slower",
      speedup: 0.85,
      interval: { low: 0.83, high: 0.87 },
      q: 0.001,
    });
    const verdict = decideVerdict(comparison({ rows: [row({}), slow] }));
    expect(verdict).toMatchObject({ kind: "regression", reason: "benchmark-regression" });
    expect(verdict.regressions).toEqual([{ name: "bench_slow", speedup: 0.85 }]);
    // Within the allowed 10% (limit 1/1.1 = 0.909) it is not.
    const mild = row({
      name: "bench_mild",
      class: "slower",
      speedup: 0.95,
      interval: { low: 0.93, high: 0.97 },
      q: 0.001,
    });
    expect(decideVerdict(comparison({ rows: [mild] })).kind).toBe("enable");
    // Not significant: not a regression, however low the estimate.
    const noisy = row({
      name: "bench_noisy",
      class: "unchanged",
      speedup: 0.7,
      interval: { low: 0.4, high: 1.2 },
      q: 0.3,
    });
    expect(decideVerdict(comparison({ rows: [noisy] })).kind).toBe("enable");
  });

  it("calls a slowdown whose interval straddles the limit no regression, and no reason to enable", () => {
    const near = row({
      name: "bench_near",
      class: "slower",
      speedup: 0.9,
      interval: { low: 0.88, high: 0.92 },
      q: 0.01,
    });
    const verdict = decideVerdict(comparison({ rows: [row({}), near] }));
    expect(verdict).toMatchObject({ kind: "inconclusive", reason: "regression-undecided" });
    expect(verdict.regressions).toEqual([]);
    expect(verdict.nearLimit).toEqual([{ name: "bench_near", speedup: 0.9 }]);
    expect(verdict.moreProcesses).not.toBeNull();
    // A suite surely below the threshold keeps the JIT off either way, naming the row.
    const keepOff = decideVerdict(
      comparison({
        rows: [row({}), near],
        suite: { geomean: 1.0, interval: { low: 0.99, high: 1.01 }, benchmarks: 2, leftOut: [] },
      }),
    );
    expect(keepOff).toMatchObject({ kind: "keep-off", nearLimit: [{ name: "bench_near" }] });
  });

  it("calls a suite whose interval lies wholly past the limit a regression", () => {
    const verdict = decideVerdict(
      comparison({
        suite: { geomean: 0.85, interval: { low: 0.82, high: 0.88 }, benchmarks: 1, leftOut: [] },
      }),
    );
    expect(verdict).toMatchObject({ kind: "regression", reason: "suite-regression" });
    const straddling = decideVerdict(
      comparison({
        suite: { geomean: 0.9, interval: { low: 0.88, high: 0.92 }, benchmarks: 1, leftOut: [] },
      }),
    );
    expect(straddling).toMatchObject({ kind: "keep-off", reason: "suite-below-threshold" });
  });

  it("calls a benchmark that fails only with the JIT a regression", () => {
    const failed = row({ name: "bench_crash", class: "failed", side: "candidate", speedup: null });
    const verdict = decideVerdict(comparison({ rows: [row({}), failed] }));
    expect(verdict).toMatchObject({ kind: "regression", reason: "failed-with-jit" });
    expect(verdict.failedWithJit).toEqual(["bench_crash"]);
  });

  it("is not applicable when the gate says so, whatever the numbers", () => {
    const verdict = decideVerdict(
      comparison({ gate: { applicable: false, reason: "no JIT", interpreter: "CPython 3.13.0" } }),
    );
    expect(verdict).toMatchObject({ kind: "not-applicable", reason: "no-jit" });
  });

  it("is inconclusive without raw values, and without any compared benchmark", () => {
    expect(decideVerdict(comparison({ method: "point-estimates" })).reason).toBe("no-raw-values");
    expect(decideVerdict(comparison({ suite: null })).reason).toBe("no-interval");
  });

  it("is inconclusive when the interval straddles the threshold, and says how many processes would settle it", () => {
    const verdict = decideVerdict(
      comparison({
        suite: { geomean: 1.07, interval: { low: 1.03, high: 1.11 }, benchmarks: 1, leftOut: [] },
      }),
    );
    expect(verdict.kind).toBe("inconclusive");
    // (ln 1.07 - ln 1.03) / (ln 1.07 - ln 1.05) = 2.019; squared 4.077; 10 * 4.077 -> 41.
    expect(verdict.moreProcesses).toEqual({ settleable: true, perLeg: 41, additional: 31 });
  });
});

describe("moreProcesses", () => {
  it("gives up when the estimate sits on the threshold", () => {
    expect(moreProcesses(1.05, { low: 1.0, high: 1.1 }, 1.05, 10)).toMatchObject({
      settleable: false,
    });
    expect(moreProcesses(1.0501, { low: 1.0, high: 1.1 }, 1.05, 10)).toMatchObject({
      settleable: false,
    });
  });
});

describe("exitCodeFor", () => {
  it("is 1 only for a regression under --fail-on-regression", () => {
    const regression = decideVerdict(
      comparison({
        suite: { geomean: 0.85, interval: { low: 0.82, high: 0.88 }, benchmarks: 1, leftOut: [] },
      }),
    );
    expect(exitCodeFor(regression, true)).toBe(1);
    expect(exitCodeFor(regression, false)).toBe(0);
    expect(exitCodeFor(decideVerdict(comparison()), true)).toBe(0);
  });
});
