/**
 * benchmarks.json (jit-bench/benchmarks@1) says `jit: true` only where the
 * JIT ran: the JIT leg, on an interpreter whose every process reported its
 * JIT compiled in and enabled. `python_jit` keeps what was asked for, so the
 * file still reads back as the leg it holds. Legs come from the compare
 * tests' synthetic runs (fixed seed 7), with the JIT states set per case.
 */
import { describe, expect, it } from "vitest";
import {
  type JitState,
  type LegResults,
  RESULTS_SCHEMA_ID,
  type ResultsFile,
} from "../../src/core/results.js";
import {
  BENCHMARKS_JSON_SCHEMA,
  type BenchmarksJson,
  BenchmarksJsonSchema,
  benchmarksJson,
} from "../../src/core/seed-export.js";
import { compareSeedFiles, parseSeedFile, seedLeg } from "../../src/core/seed-format.js";
import {
  JIT_ACTIVE,
  JIT_OFF,
  type LegSpec,
  NO_JIT_BUILD,
  suiteOf,
  syntheticRun,
} from "./compare/synthetic.js";

const SEED = 7;

function results(
  jit: { off: JitState; on: JitState },
  options: { legs?: "both" | "off" | "on"; version?: string } = {},
): ResultsFile {
  const shape: Omit<LegSpec, "leg"> = {
    benchmarks: suiteOf(3),
    processes: 3,
    values: 4,
    ...(options.version ? { version: options.version } : {}),
  };
  const run = syntheticRun(SEED, shape, { off: { jit: jit.off }, on: { jit: jit.on } });
  const legs = options.legs ?? "both";
  return {
    schema: RESULTS_SCHEMA_ID,
    tool: { name: "jit-bench", version: "0.1.0" },
    createdAt: "2025-01-01T00:00:00.000Z",
    partial: false,
    partialReason: null,
    settings: {
      processes: 3,
      warmups: 0,
      values: 4,
      minTimeMs: 10,
      timeoutMs: 60_000,
      include: [],
      exclude: [],
    },
    shard: null,
    environment: run.off.environment,
    legs: {
      ...(legs !== "on" ? { off: run.off.results } : {}),
      ...(legs !== "off" ? { on: run.on.results } : {}),
    },
  };
}

function exported(file: ResultsFile): BenchmarksJson {
  const document = benchmarksJson({ results: file, compared: null, resultsFile: "results.json" });
  // Every export fits the published schema, and survives JSON as written to disk.
  return BenchmarksJsonSchema.parse(JSON.parse(JSON.stringify(document)));
}

describe("benchmarks.json's jit", () => {
  it("is true for the JIT leg of a JIT build, and false for its baseline", () => {
    const document = exported(results({ off: JIT_OFF, on: JIT_ACTIVE }));
    expect(document.jit).toBe(true);
    expect(document.results.map((row) => row.jit)).toEqual([true, true, true]);
    expect(document.jit_bench).toMatchObject({
      schema: BENCHMARKS_JSON_SCHEMA,
      python_jit: "1",
      jit_compiled: true,
      jit_detail: JIT_ACTIVE.detail,
    });
    expect(document.jit_bench.baseline).toMatchObject({
      jit: false,
      python_jit: "0",
      jit_compiled: true,
      jit_detail: JIT_OFF.detail,
    });
    expect(document.jit_bench.baseline?.results.map((row) => row.jit)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it("is false everywhere on an interpreter without a JIT (CPython 3.11), which asked for one", () => {
    const document = exported(
      results({ off: NO_JIT_BUILD, on: NO_JIT_BUILD }, { version: "3.11.2" }),
    );
    expect(document.python).toBe("3.11.2");
    expect(document.jit).toBe(false);
    expect(document.results.map((row) => row.jit)).toEqual([false, false, false]);
    expect(document.jit_bench).toMatchObject({
      python_jit: "1",
      jit_compiled: false,
      jit_detail: NO_JIT_BUILD.detail,
    });
    expect(document.jit_bench.baseline?.jit).toBe(false);
  });

  it("is false for a JIT build whose JIT was not enabled in the JIT leg", () => {
    const disabled: JitState = {
      ...JIT_ACTIVE,
      enabled: false,
      active: null,
      detail: "ignored -E",
    };
    const document = exported(results({ off: JIT_OFF, on: disabled }));
    expect(document.jit).toBe(false);
    expect(document.results.every((row) => !row.jit)).toBe(true);
    expect(document.jit_bench).toMatchObject({ python_jit: "1", jit_compiled: true });
  });

  it("is false for a benchmark one of whose processes ran without the JIT", () => {
    const file = results({ off: JIT_OFF, on: JIT_ACTIVE });
    const on = file.legs.on as LegResults;
    const second = on.benchmarks[1];
    const proc = second?.processes[2];
    if (!second || !proc)
      throw new Error("the synthetic leg has three processes of three benchmarks");
    proc.jit = { ...JIT_ACTIVE, enabled: false };
    const document = exported(file);
    expect(document.results.map((row) => row.jit)).toEqual([true, false, true]);
    // The leg's probe still found the JIT: the top level says it ran.
    expect(document.jit).toBe(true);
  });

  it("takes the leg's probe for a benchmark that ran no process", () => {
    const file = results({ off: JIT_OFF, on: JIT_ACTIVE });
    const on = file.legs.on as LegResults;
    on.benchmarks[0] = {
      ...(on.benchmarks[0] as LegResults["benchmarks"][number]),
      status: "failed",
      reason: "boom",
      processes: [],
    };
    const document = exported(file);
    expect(document.results[0]).toMatchObject({
      status: "failed",
      reason: "boom",
      processes: 0,
      jit: true,
    });
    on.jit = NO_JIT_BUILD;
    expect(exported(file).results[0]?.jit).toBe(false);
  });

  it("is false with only the no-JIT leg, whatever the build", () => {
    const document = exported(results({ off: JIT_OFF, on: JIT_ACTIVE }, { legs: "off" }));
    expect(document.jit).toBe(false);
    expect(document.jit_bench).toMatchObject({ python_jit: "0", baseline: null });
  });
});

describe("benchmarks.json read back by compare", () => {
  it("is the leg its python_jit names, even when jit says the JIT did not run", () => {
    const document = exported(results({ off: NO_JIT_BUILD, on: NO_JIT_BUILD }));
    const top = parseSeedFile(document, "benchmarks.json");
    expect(seedLeg(top)).toBe("on");
    const baseline = parseSeedFile(
      {
        ...document,
        jit: false,
        results: document.jit_bench.baseline?.results,
        jit_bench: { python_jit: "0" },
      },
      "baseline.json",
    );
    expect(seedLeg(baseline)).toBe("off");
    const comparison = compareSeedFiles(
      { file: baseline, source: "baseline.json" },
      { file: top, source: "benchmarks.json" },
      { seed: 1, resamples: 10 },
    );
    // The export's own word that the JIT did not run settles it: nothing to compare.
    expect(comparison.gate).toMatchObject({ applicable: false });
    if (comparison.gate.applicable) throw new Error("unreachable");
    expect(comparison.gate.reason).toContain(NO_JIT_BUILD.detail);
    expect(comparison.warnings.map((w) => w.kind)).not.toContain("jit-unverified");
  });

  it("reads a file without python_jit (written before it) by its jit, as the seed script meant it", () => {
    const document = exported(results({ off: JIT_OFF, on: JIT_ACTIVE }));
    const { python_jit: _asked, ...older } = document.jit_bench;
    expect(seedLeg(parseSeedFile({ ...document, jit_bench: older }, "old.json"))).toBe("on");
    expect(seedLeg(parseSeedFile({ ...document, jit: false, jit_bench: older }, "old.json"))).toBe(
      "off",
    );
  });
});

describe("benchmarks.json's numbers", () => {
  it("pools every value of a leg into the seed script's summary, in milliseconds", () => {
    const file = results({ off: JIT_OFF, on: JIT_ACTIVE }, { legs: "on" });
    const on = file.legs.on as LegResults;
    const bench = on.benchmarks[0] as LegResults["benchmarks"][number];
    bench.processes = [
      { ...(bench.processes[0] as (typeof bench.processes)[number]), values: [1e6, 4e6] },
      { ...(bench.processes[1] as (typeof bench.processes)[number]), values: [3e6, 2e6] },
    ];
    const row = exported(file).results[0];
    // Values 1, 2, 3, 4 ms: numpy's linear percentiles and the sample standard deviation.
    expect(row).toMatchObject({
      iterations: 4,
      processes: 2,
      mean_ms: 2.5,
      median_ms: 2.5,
      p95_ms: 3.85,
      p99_ms: 3.97,
      min_ms: 1,
      max_ms: 4,
      std_ms: Number(Math.sqrt(5 / 3).toPrecision(6)),
      speedup: null,
    });
  });
});
