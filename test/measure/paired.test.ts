/**
 * Paired sampling with real interpreters: each pair's two processes (one per
 * leg) live together on one CPU, their values alternate ABBA, and compare
 * reads the pairs back. The suite's work depends on PYTHON_JIT, not on a JIT,
 * so the truth is known on any build.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareLegs } from "../../src/core/compare/compare.js";
import { pairRatios } from "../../src/core/compare/pairs.js";
import { type BenchmarkResult, type Leg, PYTHON_JIT_VALUE } from "../../src/core/results.js";
import { measureBenchmark } from "../../src/measure/fixed-sampler.js";
import type { MeasurePlan } from "../../src/measure/timed-process.js";
import { options, PY } from "../harness/support.js";

const root = mkdtempSync(join(tmpdir(), "jit-bench-paired-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(
  join(root, "bench_pairs.py"),
  `import os

ON = os.environ.get("PYTHON_JIT") == "1"


def _work(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def bench_less():
    _work(2000 if ON else 2400)


def bench_fails_with_jit():
    if ON:
        raise RuntimeError("only with the JIT flag")
    _work(100)
`,
);

function plan(pairing: MeasurePlan["pairing"], processes = 4): MeasurePlan {
  return {
    legs: ["off", "on"],
    worker: (leg: Leg) => options(PY.py313, { root, env: { PYTHON_JIT: PYTHON_JIT_VALUE[leg] } }),
    processes,
    warmups: 1,
    values: 6,
    minTimeNs: 2e6,
    timer: "cpu",
    pairing,
  };
}

const hooks = () => {
  let order = 0;
  return { nextOrder: () => order++, signal: new AbortController().signal };
};

const ref = (name: string) => ({ name, file: "bench_pairs.py", async: false });

function legInput(result: BenchmarkResult, leg: Leg) {
  const jit = result.processes[0]?.jit ?? {
    compiled: false,
    tier2: false,
    enabled: false,
    active: false,
    method: "test",
    detail: "test",
  };
  return {
    results: { leg, pythonJit: PYTHON_JIT_VALUE[leg], jit, benchmarks: [result] },
    environment: {
      python: PY.py313,
      interpreter: {
        implementation: "CPython",
        version: "3.13.0",
        build: "",
        executable: PY.py313,
        configArgs: null,
      },
      fingerprint: {
        cpuModel: null,
        cores: 2,
        kernel: null,
        platform: "linux",
        machine: "x86_64",
        containerImage: null,
      },
    },
    settings: null,
    sources: [leg],
  };
}

describe("alternate pairs", () => {
  it("record each pair's two processes on one CPU, in ABBA order, first leg alternating", async () => {
    const measured = await measureBenchmark(plan("alternate"), ref("bench_less"), hooks());
    const off = measured.off as BenchmarkResult;
    const on = measured.on as BenchmarkResult;
    expect(off.status).toBe("ok");
    expect(off.processes).toHaveLength(4);
    expect(on.processes).toHaveLength(4);
    off.processes.forEach((proc, i) => {
      const partner = on.processes[i];
      expect(proc.pair?.index).toBe(i);
      expect(partner?.pair?.index).toBe(i);
      expect(proc.pair?.cpu).not.toBeNull();
      expect(partner?.pair?.cpu).toBe(proc.pair?.cpu);
      expect(proc.pair?.first).toBe(i % 2 === 0 ? "off" : "on");
      expect(proc.values).toHaveLength(6);
      expect(proc.warmups).toHaveLength(1);
    });
    // Consecutive pairs move to the next CPU, so no one CPU decides the result.
    const cpus = new Set(off.processes.map((p) => p.pair?.cpu));
    expect(cpus.size).toBe(Math.min(2, availableParallelism()));
    expect(pairRatios(off.processes, on.processes)).toHaveLength(4);
  });

  it("compare as pairs, near the truth, with times that agree with the speedup", async () => {
    const measured = await measureBenchmark(plan("alternate", 8), ref("bench_less"), hooks());
    const comparison = compareLegs(
      legInput(measured.off as BenchmarkResult, "off"),
      legInput(measured.on as BenchmarkResult, "on"),
    );
    expect(comparison.method).toBe("pairs");
    const [row] = comparison.rows;
    expect(row?.processes).toEqual({ baseline: 8, candidate: 8 });
    // Truth 1.2; a loose bound, since this machine is shared with the rest of the suite.
    expect(row?.speedup).toBeGreaterThan(1.1);
    expect(row?.speedup).toBeLessThan(1.3);
    expect((row?.baselineNs as number) / (row?.candidateNs as number)).toBeCloseTo(
      row?.speedup as number,
      12,
    );
  });

  it("end a benchmark whose JIT-flag process fails, naming that leg, with nothing recorded in halves", async () => {
    const measured = await measureBenchmark(
      plan("alternate"),
      ref("bench_fails_with_jit"),
      hooks(),
    );
    const off = measured.off as BenchmarkResult;
    const on = measured.on as BenchmarkResult;
    expect(on.status).toBe("failed");
    expect(on.reason).toBe(
      "raised RuntimeError: only with the JIT flag (at bench_pairs.py:19 in bench_fails_with_jit) (in process 1 of the JIT-on leg)",
    );
    expect(on.failures).toEqual([{ index: 0, reason: on.reason }]);
    expect(off.failures).toEqual([]);
    expect(off.processes).toEqual([]);
    expect(on.processes).toEqual([]);
  });
});

describe("concurrent pairs", () => {
  it("put each process of a pair on a CPU of its own, and still compare as pairs", async () => {
    const measured = await measureBenchmark(plan("concurrent"), ref("bench_less"), hooks());
    const off = measured.off as BenchmarkResult;
    const on = measured.on as BenchmarkResult;
    off.processes.forEach((proc, i) => {
      expect(proc.pair?.pairing).toBe("concurrent");
      expect(on.processes[i]?.pair?.cpu).not.toBe(proc.pair?.cpu);
    });
    expect(pairRatios(off.processes, on.processes)).toHaveLength(4);
  });
});

describe("pairing off", () => {
  it("measures separate processes that compare unpaired", async () => {
    const measured = await measureBenchmark(plan("off"), ref("bench_less"), hooks());
    const off = measured.off as BenchmarkResult;
    expect(off.processes.every((p) => p.pair === undefined)).toBe(true);
    const comparison = compareLegs(
      legInput(off, "off"),
      legInput(measured.on as BenchmarkResult, "on"),
    );
    expect(comparison.method).toBe("processes");
  });
});
