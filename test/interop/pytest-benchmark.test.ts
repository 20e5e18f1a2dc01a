/**
 * pytest-benchmark's JSON, produced here by a real pytest-benchmark run
 * (Debian's python3-pytest-benchmark, under Debian's /usr/bin/python3), is
 * compared by `jit-bench compare`: sessions become processes, a single
 * session per leg falls back to medians, and a file saved without its rounds
 * says what is lost.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTempDirs, runCli, tempDir } from "../cli/support.js";

afterAll(removeTempDirs);

/** The interpreter Debian's package installs pytest-benchmark for (see .ci/setup-system). */
const PYTHON = "/usr/bin/python3";

const TESTS = `
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def test_fib(benchmark):
    benchmark(fib, 10)


def test_join(benchmark):
    benchmark(lambda: ",".join(str(i) for i in range(40)))
`;

const dir = tempDir("jit-bench-pytest-benchmark-");

function pytest(...args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    execFile(
      PYTHON,
      [
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "test_tiny.py",
        "--benchmark-min-rounds=3",
        "--benchmark-max-time=0.005",
        ...args,
      ],
      { cwd: dir },
      (error, stdout, stderr) =>
        error
          ? fail(new Error(`pytest-benchmark under ${PYTHON} failed: ${stderr || stdout}`))
          : done(),
    );
  });
}

interface Report {
  verdict: { kind: string; reason: string };
  comparison: {
    method: string;
    rows: { name: string; baselineNs: number; processes: { baseline: number } }[];
    warnings: { kind: string; message: string }[];
  };
}

async function compare(...paths: string[]): Promise<Report> {
  const result = await runCli(["compare", ...paths, "--format", "json"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

describe("pytest-benchmark JSON", () => {
  beforeAll(async () => {
    writeFileSync(join(dir, "test_tiny.py"), TESTS);
    for (const leg of ["off", "on"]) mkdirSync(join(dir, leg));
    for (const session of [1, 2]) {
      for (const leg of ["off", "on"]) await pytest(`--benchmark-json=${leg}/${session}.json`);
    }
    // A saved run, as --benchmark-save writes it: without --benchmark-save-data it keeps no rounds.
    await pytest(`--benchmark-storage=file://${join(dir, "saved")}`, "--benchmark-save=nodata");
  });

  it("is a real pytest-benchmark file, with its rounds", () => {
    const file = JSON.parse(readFileSync(join(dir, "off/1.json"), "utf8"));
    expect(Object.keys(file.machine_info)).toContain("python_version");
    expect(file.benchmarks.map((b: { fullname: string }) => b.fullname)).toEqual([
      "test_tiny.py::test_fib",
      "test_tiny.py::test_join",
    ]);
    expect(file.benchmarks[0].stats.data.length).toBe(file.benchmarks[0].stats.rounds);
  });

  it("compares one folder of sessions per leg with the full statistics", async () => {
    const report = await compare(join(dir, "off"), join(dir, "on"));
    expect(report.comparison.method).toBe("processes");
    expect(report.comparison.rows.map((r) => r.name)).toEqual([
      "test_tiny.py::test_fib",
      "test_tiny.py::test_join",
    ]);
    expect(report.comparison.rows.every((r) => r.processes.baseline === 2)).toBe(true);
    // Debian's Python is 3.11: no JIT, and the report says so instead of a speedup verdict.
    expect(report.verdict.kind).toBe("not-applicable");
  });

  it("compares a single session per leg as medians, and says why there is no interval", async () => {
    const report = await compare(join(dir, "off/1.json"), join(dir, "on/1.json"));
    expect(report.comparison.method).toBe("point-estimates");
    const file = JSON.parse(readFileSync(join(dir, "off/1.json"), "utf8"));
    const sorted = [...file.benchmarks[0].stats.data].sort((a: number, b: number) => a - b);
    const mid = sorted.length / 2;
    const median =
      sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
    expect(report.comparison.rows[0]?.baselineNs).toBeCloseTo(median * 1e9, 6);
    expect(report.comparison.warnings.map((w) => w.message).join("\n")).toMatch(
      /only one process per leg/,
    );
  });

  it("reads a file saved without rounds, and says what is lost", async () => {
    const machines = readdirSync(join(dir, "saved"));
    const folder = join(dir, "saved", machines[0] as string);
    const saved = join(folder, readdirSync(folder)[0] as string);
    const raw = JSON.parse(readFileSync(saved, "utf8"));
    expect(raw.benchmarks[0].stats.data).toBeUndefined();
    const report = await compare(saved, join(dir, "on/1.json"));
    expect(report.comparison.rows[0]?.baselineNs).toBeCloseTo(
      raw.benchmarks[0].stats.median * 1e9,
      6,
    );
    expect(report.comparison.warnings.map((w) => w.message).join("\n")).toMatch(
      /has no rounds, only each benchmark's median/,
    );
  });

  it("can be exported for pyperf, so pyperf's tools read pytest-benchmark sessions", async () => {
    const out = join(dir, "pyperf");
    const result = await runCli([
      "compare",
      join(dir, "off"),
      join(dir, "on"),
      "--format",
      "pyperf",
      "--output",
      out,
    ]);
    expect(result.code).toBe(0);
    const off = JSON.parse(readFileSync(join(out, "off.pyperf.json"), "utf8"));
    expect(off.benchmarks[0].metadata.name).toBe("test_tiny.py::test_fib");
    expect(off.benchmarks[0].runs).toHaveLength(2);
  });

  it("refuses to mix pytest-benchmark files with jit-bench results", async () => {
    const result = await runCli([
      "compare",
      join(dir, "off/1.json"),
      "test/fixtures/results/on.json",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/mix pytest-benchmark JSON with jit-bench results files/);
  });
});
