/**
 * Assembling legs from other tools' files: sessions of one leg become its
 * processes, what the files do not record is never claimed, and a file that
 * cannot be right is refused with a fix.
 */
import { describe, expect, it } from "vitest";
import {
  assembleImportedLegs,
  type ImportedFile,
  unrecordedJit,
} from "../../src/core/interop/imported.js";
import { fromPytestBenchmark } from "../../src/core/interop/pytest-benchmark.js";

/** A pytest-benchmark session as `--benchmark-json` writes it (version 3 and 5 share these fields). */
function session(medianS: number, data: number[] | null) {
  return {
    machine_info: {
      python_implementation: "CPython",
      python_version: "3.14.0",
      python_compiler: "GCC 14.2.0",
      python_build: ["main", "Oct  7 2025 12:00:00"],
      machine: "x86_64",
      system: "Linux",
      release: "6.8.0",
      cpu: { brand_raw: "AMD EPYC 7763 64-Core Processor", count: 4 },
    },
    commit_info: { id: "unversioned", dirty: false },
    benchmarks: [
      {
        group: null,
        name: "test_parse",
        fullname: "tests/test_parse.py::test_parse",
        params: null,
        stats: {
          min: medianS * 0.9,
          max: medianS * 1.2,
          mean: medianS,
          stddev: medianS / 20,
          rounds: data?.length ?? 5,
          median: medianS,
          iterations: 10,
          ...(data === null ? {} : { data }),
        },
      },
    ],
    datetime: "2026-11-20T10:00:00.000000",
    version: "5.1.0",
  };
}

const from = (raw: unknown, source: string): ImportedFile => fromPytestBenchmark(raw, source);

describe("imported legs", () => {
  it("turn several sessions of a leg into as many fresh processes", () => {
    const off = [1, 2, 3].map((i) => from(session(1e-5, [1e-5, 1.1e-5, 0.9e-5]), `off/${i}.json`));
    const on = [1, 2, 3].map((i) => from(session(5e-6, [5e-6, 5.5e-6]), `on/${i}.json`));
    const legs = assembleImportedLegs([off, on], ["off", "on"]);
    const [bench] = legs.baseline.results.benchmarks;
    expect(bench?.name).toBe("tests/test_parse.py::test_parse");
    expect(bench?.loops).toBe(10);
    expect(bench?.processes.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(new Set(bench?.processes.map((p) => p.order)).size).toBe(3);
    expect(bench?.processes[0]?.values).toEqual([1e4, 1.1e4, 0.9e4]);
    expect(legs.baseline.sources).toEqual(["off/1.json", "off/2.json", "off/3.json"]);
    expect(legs.baseline.environment.fingerprint.cpuModel).toBe("AMD EPYC 7763 64-Core Processor");
  });

  it("use a session's median when it was saved without rounds, and say what is lost", () => {
    const saved = from(session(2e-5, null), "saved.json");
    expect(saved.benchmarks[0]?.processes[0]?.values).toEqual([2e4]);
    expect(saved.notes.map((n) => n.message).join()).toMatch(/saved\.json has no rounds/);
  });

  it("never claim the JIT state a file does not record, and know which Pythons have none", () => {
    const py = (implementation: string, version: string) => ({
      implementation,
      version,
      build: "",
      executable: "",
      configArgs: null,
    });
    expect(unrecordedJit("on", py("CPython", "3.14.0"), "pyperf")).toMatchObject({
      compiled: true,
      enabled: true,
      active: null,
      method: "assumed",
    });
    expect(unrecordedJit("off", py("CPython", "3.14.0"), "pyperf").enabled).toBe(false);
    expect(unrecordedJit("on", py("CPython", "3.12.8"), "pyperf").compiled).toBe(false);
    expect(unrecordedJit("on", py("PyPy", "3.10.14"), "pytest-benchmark").detail).toMatch(
      /not CPython/,
    );
  });

  it("refuse a file that lists a benchmark twice, and keep a failed one as failed", () => {
    const twice = session(1e-5, [1e-5]);
    twice.benchmarks.push(twice.benchmarks[0] as (typeof twice.benchmarks)[number]);
    expect(() => from(twice, "twice.json")).toThrow(/holds this benchmark twice/);
    const failed = session(1e-5, [1e-5]) as { benchmarks: { stats: unknown }[] };
    (failed.benchmarks[0] as { stats: unknown }).stats = null;
    expect(from(failed, "failed.json").benchmarks[0]?.status).toBe("failed");
  });

  it("need two paths when the files do not name their legs, and both legs present", () => {
    const one = from(session(1e-5, [1e-5]), "a.json");
    expect(() => assembleImportedLegs([[one], [one], [one]], ["a", "b", "c"])).toThrow(
      /order of two paths must/,
    );
    expect(() => assembleImportedLegs([[one], []], ["a", "b"])).toThrow(/hold no JIT leg/);
  });
});
