import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/errors.js";
import {
  compareSeedFiles,
  looksLikeSeedFile,
  parseSeedFile,
} from "../../../src/core/seed-format.js";
import { decideVerdict } from "../../../src/core/verdict.js";

function seed(jit: boolean, rows: Array<[string, number]>, python = "3.13.1") {
  return {
    python,
    jit,
    timestamp: "2025-06-01T10:00:00",
    results: rows.map(([name, median]) => ({
      name,
      iterations: 100,
      mean_ms: median,
      median_ms: median,
      p95_ms: median,
      p99_ms: median,
      min_ms: median,
      max_ms: median,
      std_ms: 0,
      jit,
    })),
  };
}

describe("the seed's JSON", () => {
  it("is recognised by its shape", () => {
    expect(looksLikeSeedFile(seed(false, []))).toBe(true);
    expect(looksLikeSeedFile({ schema: "jit-bench/results@1", results: [], jit: true })).toBe(
      false,
    );
  });

  it("compares ratios of medians, with no interval, no p-value, and an inconclusive verdict", () => {
    const off = parseSeedFile(
      seed(false, [
        ["bench_a", 0.2],
        ["bench_b", 1.5],
        ["bench_c", 0],
      ]),
      "nojit.json",
    );
    const on = parseSeedFile(
      seed(true, [
        ["bench_a", 0.16],
        ["bench_b", 1.5],
        ["bench_c", 0],
      ]),
      "jit.json",
    );
    const comparison = compareSeedFiles(
      { file: off, source: "nojit.json" },
      { file: on, source: "jit.json" },
      { seed: 1, resamples: 10 },
    );
    expect(comparison.method).toBe("point-estimates");
    expect(comparison.rows[0]).toMatchObject({
      name: "bench_a",
      speedup: 1.25,
      interval: null,
      p: null,
    });
    // 0.000 ms is the seed's rounding of anything under half a microsecond: no ratio.
    expect(comparison.rows[2]).toMatchObject({ name: "bench_c", speedup: null, baselineNs: null });
    expect(comparison.rows[2]?.note).toContain("0.000 ms");
    expect(comparison.suite).toEqual({
      geomean: Math.sqrt(1.25),
      interval: null,
      benchmarks: 2,
      leftOut: [],
    });
    expect(comparison.warnings.map((w) => w.kind)).toContain("no-raw-values");
    expect(decideVerdict(comparison)).toMatchObject({
      kind: "inconclusive",
      reason: "no-raw-values",
    });
  });

  it("from a Python before 3.13 is not-applicable, whatever PYTHON_JIT said: there was no JIT", () => {
    // benchmark_engine.py run on 3.11 with PYTHON_JIT=0 and 1, as the ticket did.
    const rows: Array<[string, number]> = [
      ["bench_a", 0.2],
      ["bench_b", 1.5],
    ];
    const comparison = compareSeedFiles(
      { file: parseSeedFile(seed(false, rows, "3.11.7"), "nojit.json"), source: "nojit.json" },
      { file: parseSeedFile(seed(true, rows, "3.11.7"), "jit.json"), source: "jit.json" },
      { seed: 1, resamples: 10 },
    );
    expect(comparison.gate).toEqual({
      applicable: false,
      reason:
        "CPython 3.11 has no JIT; the JIT first shipped, experimental, in CPython 3.13, so PYTHON_JIT=1 changed nothing",
      interpreter: "Python 3.11.7 (jit.json)",
    });
    expect(decideVerdict(comparison)).toMatchObject({ kind: "not-applicable", reason: "no-jit" });
    expect(comparison.warnings.map((w) => w.kind)).not.toContain("jit-unverified");
  });

  it("flags rows at the 0.001 ms rounding floor as unmeasurable instead of printing 1.000x", () => {
    const off = parseSeedFile(
      seed(false, [
        ["bench_floor", 0.001],
        ["bench_near", 0.004],
        ["bench_fine", 0.05],
      ]),
      "nojit.json",
    );
    const on = parseSeedFile(
      seed(true, [
        ["bench_floor", 0.001],
        ["bench_near", 0.005],
        ["bench_fine", 0.04],
      ]),
      "jit.json",
    );
    const comparison = compareSeedFiles(
      { file: off, source: "nojit.json" },
      { file: on, source: "jit.json" },
      { seed: 1, resamples: 10 },
    );
    const [floor, near, fine] = comparison.rows;
    expect(floor).toMatchObject({ name: "bench_floor", speedup: null, baselineNs: 1000 });
    expect(floor?.note).toBe(
      "unmeasurable: the seed file rounds to 0.001 ms, so these medians allow any ratio from 0.33x to 3.00x",
    );
    expect(near?.speedup).toBeNull();
    expect(near?.note).toMatch(/^unmeasurable: .* from 0\.64x to 1\.00x$/);
    // 0.05 against 0.04 ms: rounding moves the ratio by at most ±2.5%, well within what is shown.
    expect(fine).toMatchObject({ name: "bench_fine", speedup: 1.25, note: null });
    expect(comparison.suite).toEqual({ geomean: 1.25, interval: null, benchmarks: 1, leftOut: [] });
  });

  it("points at the offending field when a value is wrong", () => {
    const bad = seed(false, [["bench_a", 0.2]]);
    (bad.results[0] as { median_ms: number }).median_ms = -1;
    expect(() => parseSeedFile(bad, "nojit.json")).toThrow(InputError);
    expect(() => parseSeedFile(bad, "nojit.json")).toThrow(
      /^nojit\.json: results\[0\]\.median_ms: /,
    );
  });
});
