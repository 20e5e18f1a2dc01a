/**
 * A failed benchmark fails the command, through the bundled CLI on a real
 * interpreter: `run` and `compare` exit 3 (unless failures are allowed) after
 * the results and the report are written, name each failed benchmark and the
 * setting that lets the run pass; a benchmark that skips itself is no failure.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEBIAN_PYTHON } from "../pythons.js";
import { type CliResult, removeTempDirs, runCli, tempDir } from "./support.js";

afterAll(removeTempDirs);

const FAST = [
  "--python",
  DEBIAN_PYTHON,
  "--processes",
  "2",
  "--warmups",
  "0",
  "--values",
  "2",
  "--min-time",
  "1ms",
  "--root",
  ".",
];
const BROKEN = [
  "test/fixtures/suites/import-error",
  "test/fixtures/suites/failures/bench_raise.py",
];

let dir = "";
let strict: CliResult;
let allowed: CliResult;
let skipped: CliResult;

function run(name: string, suite: string[], extra: string[] = []): Promise<CliResult> {
  return runCli([
    "run",
    ...suite,
    ...FAST,
    ...extra,
    "--output-dir",
    join(dir, name, "out"),
    "--report",
    join(dir, name, "report.md"),
  ]);
}

beforeAll(async () => {
  dir = tempDir("jit-bench-failures-");
  [strict, allowed, skipped] = await Promise.all([
    run("strict", BROKEN),
    run("allowed", BROKEN, ["--allow-failures"]),
    run("skipped", [
      "test/fixtures/suites/failures/bench_skiptest.py",
      "test/fixtures/suites/import-error/bench_fine.py",
    ]),
  ]);
});

describe("jit-bench run with failed benchmarks", () => {
  it("exits 3 after writing the results and the report, naming each failure and --allow-failures", () => {
    expect(strict.code, strict.stderr).toBe(3);
    expect(existsSync(join(dir, "strict", "out", "results.json"))).toBe(true);
    expect(existsSync(join(dir, "strict", "report.md"))).toBe(true);
    const error = strict.stderr.split("\n").find((line) => line.startsWith("error: ")) ?? "";
    expect(error).toMatch(/^error: 3 benchmarks failed/);
    for (const name of ["bench_broken.py", "bench_raises_at_import.py", "bench_raise"]) {
      expect(error).toContain(name);
    }
    expect(error).toContain("ValueError: boom");
    expect(error).toContain("--allow-failures");
    // The error comes after the files were reported written.
    expect(strict.stderr.indexOf("Report:")).toBeLessThan(strict.stderr.indexOf("error: "));
    // The comparison still printed, with the fine benchmark measured.
    expect(strict.stdout).toContain("bench_fine");
  });

  it("exits 0 with --allow-failures, still naming the failures, and records that they were allowed", () => {
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stderr).toContain("failed: bench_raise:");
    expect(allowed.stderr).not.toMatch(/^error: /m);
    const results = JSON.parse(readFileSync(join(dir, "allowed", "out", "results.json"), "utf8"));
    expect(results.settings.allowFailures).toBe(true);
    const strictResults = JSON.parse(
      readFileSync(join(dir, "strict", "out", "results.json"), "utf8"),
    );
    expect(strictResults.settings.allowFailures).toBe(false);
  });

  it("exits 0 when a benchmark only skipped itself", () => {
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stderr).toContain("skipped: bench_not_here:");
  });
});

describe("jit-bench compare on results with failed benchmarks", () => {
  it("exits 3 with the report on stdout and the failures on stderr", async () => {
    const result = await runCli(["compare", join(dir, "strict", "out", "results.json")]);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stdout).toContain("jit-bench verdict:");
    expect(result.stderr).toMatch(/^jit-bench: 3 benchmarks failed.*--allow-failures/m);
  });

  it("exits 0 with --allow-failures", async () => {
    const result = await runCli([
      "compare",
      "--allow-failures",
      join(dir, "strict", "out", "results.json"),
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
  });

  it("exits 0 on results whose run allowed failures", async () => {
    const result = await runCli(["compare", join(dir, "allowed", "out", "results.json")]);
    expect(result.code, result.stderr).toBe(0);
  });

  it("exits 3 rather than 1 when a regression is asked to fail too", async () => {
    const result = await runCli([
      "compare",
      "--fail-on-regression",
      join(dir, "strict", "out", "results.json"),
    ]);
    expect(result.code, result.stderr).toBe(3);
  });
});
