/**
 * Reading files that pyperf itself wrote: calibration runs are skipped,
 * metadata applies from the suite down to the run, `loops` times
 * `inner_loops` is the loop count, and what pyperf does not record (the JIT)
 * is never claimed. The documents below follow pyperf's format "1.0" as
 * `pyperf timeit -o` writes it, with its own metadata keys.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { compareImported } from "../../src/core/interop/compare-imported.js";
import { assembleImportedLegs } from "../../src/core/interop/imported.js";
import { fromPyperf, looksLikePyperf } from "../../src/core/interop/pyperf-import.js";
import { decideVerdict } from "../../src/core/verdict.js";

function pyperfFile(version: string, scale: number, runs = 4) {
  return {
    version: "1.0",
    metadata: {
      perf_version: "2.9.0",
      python_implementation: "cpython",
      python_version: `${version} (64-bit) revision 4f8bb39`,
      python_executable: "/usr/bin/python3",
      python_compiler: "GCC 14.2.0",
      platform: "Linux-6.8.0-x86_64-with-glibc2.39",
      cpu_model_name: "Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz",
      cpu_count: 4,
      hostname: "runner",
      timer: "clock_gettime(CLOCK_MONOTONIC), resolution: 1.00 ns",
    },
    benchmarks: [
      {
        metadata: { name: "sort", loops: 128, inner_loops: 10, unit: "second" },
        runs: [
          { metadata: { calibrate_loops: 128 }, warmups: [[1, 2e-6 * scale]] },
          ...Array.from({ length: runs }, (_, i) => ({
            metadata: { date: `2026-11-20 10:00:0${i}`, mem_max_rss: 9_000_000 + i * 4096 },
            warmups: [[128, 1.3e-6 * scale]],
            values: [1.2e-6 * scale * (1 + i / 100), 1.21e-6 * scale, 1.19e-6 * scale],
          })),
        ],
      },
    ],
  };
}

describe("pyperf import", () => {
  it("recognises pyperf files and not pytest-benchmark's or ours", () => {
    expect(looksLikePyperf(pyperfFile("3.13.1", 1))).toBe(true);
    expect(looksLikePyperf({ machine_info: {}, benchmarks: [], version: "5.1.0" })).toBe(false);
    expect(looksLikePyperf({ schema: "jit-bench/results@1", benchmarks: [] })).toBe(false);
  });

  it("turns each measured run into a process and skips the calibration run", () => {
    const file = fromPyperf(pyperfFile("3.13.1", 1), "base.json");
    const [sort] = file.benchmarks;
    expect(sort?.name).toBe("sort");
    expect(sort?.loops).toBe(1280);
    expect(sort?.processes).toHaveLength(4);
    expect(sort?.processes[0]?.values).toEqual([1.2e-6 * 1e9, 1.21e-6 * 1e9, 1.19e-6 * 1e9]);
    expect(sort?.processes[0]?.warmups).toEqual([1.3e-6 * 1e9]);
    expect(sort?.processes[1]?.peakRssKb).toBe((9_000_000 + 4096) / 1024);
    expect(sort?.processes.map((p) => p.order)).toEqual([0, 1, 2, 3]);
    expect(file.leg).toBeNull();
    expect(file.jit).toBeNull();
    expect(file.environment.interpreter.implementation).toBe("CPython");
    expect(file.environment.fingerprint.cores).toBe(4);
  });

  it("takes the legs from the order of the paths and says the JIT could not be checked", () => {
    const off = fromPyperf(pyperfFile("3.13.1", 1), "off.json");
    const on = fromPyperf(pyperfFile("3.13.1", 0.5), "on.json");
    const legs = assembleImportedLegs([[off], [on]], ["off.json", "on.json"]);
    expect(legs.candidate.results.jit).toMatchObject({
      compiled: true,
      enabled: true,
      active: null,
    });
    expect(legs.warnings.map((w) => w.kind)).toContain("jit-unverified");
    const comparison = compareImported(legs.baseline, legs.candidate, {
      seed: 1,
      resamples: 200,
      warnings: legs.warnings,
    });
    expect(comparison.method).toBe("processes");
    expect(comparison.rows[0]?.speedup).toBeCloseTo(2, 1);
    expect(comparison.gate.applicable).toBe(true);
  });

  it("knows a CPython older than 3.13 has no JIT, whatever the order says", () => {
    const off = fromPyperf(pyperfFile("3.12.7", 1), "off.json");
    const on = fromPyperf(pyperfFile("3.12.7", 1), "on.json");
    const legs = assembleImportedLegs([[off], [on]], ["off.json", "on.json"]);
    const comparison = compareImported(legs.baseline, legs.candidate, { seed: 1, resamples: 200 });
    expect(decideVerdict(comparison).kind).toBe("not-applicable");
  });

  it("falls back to a ratio of medians, and no verdict, with one run per leg", () => {
    const off = fromPyperf(pyperfFile("3.13.1", 1, 1), "off.json");
    const on = fromPyperf(pyperfFile("3.13.1", 0.5, 1), "on.json");
    const legs = assembleImportedLegs([[off], [on]], ["off.json", "on.json"]);
    const comparison = compareImported(legs.baseline, legs.candidate, { seed: 1, resamples: 200 });
    expect(comparison.method).toBe("point-estimates");
    expect(comparison.suite?.interval).toBeNull();
    expect(comparison.rows[0]?.speedup).toBeCloseTo(2, 12);
    expect(decideVerdict(comparison)).toMatchObject({
      kind: "inconclusive",
      reason: "no-raw-values",
    });
  });

  it("needs the order of two paths when the files do not name their legs", () => {
    const one = fromPyperf(pyperfFile("3.13.1", 1), "both.json");
    expect(() => assembleImportedLegs([[one]], ["both.json"])).toThrow(
      /do not say which leg they hold/,
    );
  });

  it("refuses memory benchmarks and old file formats, saying what to do", () => {
    const memory = pyperfFile("3.13.1", 1);
    (memory.benchmarks[0]?.metadata as { unit: string }).unit = "byte";
    expect(() => fromPyperf(memory, "mem.json")).toThrow(/measures in bytes, not seconds/);
    expect(() => fromPyperf({ ...pyperfFile("3.13.1", 1), version: 6 }, "old.json")).toThrow(
      /pyperf convert old\.json -o new\.json/,
    );
    const broken = pyperfFile("3.13.1", 1);
    (broken.benchmarks[0]?.runs[1] as { values: number[] }).values = [0];
    expect(() => fromPyperf(broken, "zero.json")).toThrow(/zero\.json: benchmarks\[0\]\.runs\[1\]/);
  });

  it.each([
    [
      "a time beyond a day",
      (run: { values: number[] }) => {
        run.values = [1e300, 1e300, 1e300];
      },
      "values[0]",
      "must be a finite number",
    ],
    [
      "a time of a denormal",
      (run: { values: number[] }) => {
        run.values = [1e-320, 1e-320, 1e-320];
      },
      "values[0]",
      "no measurement",
    ],
    [
      "a memory of zero",
      (run: { metadata: { mem_max_rss: number } }) => {
        run.metadata.mem_max_rss = 0;
      },
      "peakRssKb",
      "0 KiB",
    ],
    [
      "a memory beyond any machine",
      (run: { metadata: { mem_max_rss: number } }) => {
        run.metadata.mem_max_rss = 1e308;
      },
      "peakRssKb",
      "1 PiB",
    ],
  ] as const)(
    "refuses %s at the edge, naming the file, the benchmark and the field",
    (_, forge, field, words) => {
      const on = pyperfFile("3.13.1", 1);
      forge(on.benchmarks[0]?.runs[2] as never);
      const legs = () =>
        assembleImportedLegs(
          [[fromPyperf(pyperfFile("3.13.1", 1), "off.json")], [fromPyperf(on, "on.json")]],
          ["off.json", "on.json"],
        );
      expect(legs).toThrow(InputError);
      expect(legs).toThrow(`on.json: benchmark "sort", run 2: ${field}`);
      expect(legs).toThrow(words);
    },
  );
});
