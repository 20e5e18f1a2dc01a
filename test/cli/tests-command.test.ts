/**
 * `jit-bench test` and `jit-bench run --tests` through the bundled CLI, on
 * Debian's python3.11 (which has pytest and no JIT): the legs are run and
 * compared, and the report says that without a JIT they count for nothing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEBIAN_PYTHON } from "../pythons.js";
import { removeTempDirs, runCli, tempDir } from "./support.js";

const FIXTURES = resolve("test/fixtures/tests");

afterAll(removeTempDirs);

describe("jit-bench test", () => {
  it("runs the command in both legs and prints each test that broke in one leg only", async () => {
    const cwd = join(FIXTURES, "jit-env");
    const result = await runCli(["test", "pytest -q", "--python", DEBIAN_PYTHON], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(
      /^Tests: not compared with the JIT: the JIT could not be proven on with PYTHON_JIT=1 \(CPython 3\.11\.\d+: CPython 3\.11 has no JIT; the JIT first shipped, experimental, in CPython 3\.13\)\. In the runs anyway, which say nothing about a JIT: 1 test breaks only with PYTHON_JIT=1: tests\.test_env::test_fails_with_jit_set \(fails\)\.$/,
    );
    expect(lines[1]).toBe(
      "  tests.test_env::test_fails_with_jit_set: fails, only with PYTHON_JIT=1 (failed in 3 of 3 runs with PYTHON_JIT=1 and 0 of 3 without)",
    );
    expect(lines[2]).toBe(
      "      AssertionError: PYTHON_JIT is 1: this test fails only in the JIT leg",
    );
    expect(result.stderr).toContain("Tests: JIT off, run 1: passed (exit 0; 2 tests, 0 failed)");
    expect(result.stderr).toContain("Tests: JIT on, run 3: failed (exit 1; 2 tests, 1 failed)");
  });

  it("prints the results file's tests section with --format json", async () => {
    const cwd = join(FIXTURES, "passing");
    const result = await runCli(
      ["test", "--tests", "pytest -q", "--python", DEBIAN_PYTHON, "--format", "json"],
      { cwd },
    );
    expect(result.code, result.stderr).toBe(0);
    const tests = JSON.parse(result.stdout);
    expect(tests.status).toBe("not-run");
    expect(tests.counts).toEqual({ tests: 4, passedBoth: 3, skipped: 1 });
    expect(tests.runs).toHaveLength(2);
  });

  it("asks for the command when none is given, with exit 2", async () => {
    const cwd = join(FIXTURES, "passing");
    const result = await runCli(["test", "--python", DEBIAN_PYTHON], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'jit-bench: jit-bench test: needs the test command (got "no command"). Pass it, e.g. jit-bench test "pytest -q", or set tests in jit-bench.yml.\n',
    );
  });
});

describe("jit-bench run --tests", () => {
  it("runs the tests after the benchmarks, writes them into the results and reports them", async () => {
    const root = tempDir();
    writeFileSync(join(root, "bench_tiny.py"), "def bench_sum():\n    return sum(range(50))\n");
    writeFileSync(
      join(root, "test_tiny.py"),
      "def test_sum():\n    assert sum(range(5)) == 10\n\n\ndef test_join():\n    assert 'a,b' == ','.join('ab')\n",
    );
    const result = await runCli(
      [
        "run",
        "bench_tiny.py",
        "--python",
        DEBIAN_PYTHON,
        "--processes",
        "2",
        "--precision",
        "off",
        "--values",
        "2",
        "--warmups",
        "0",
        "--min-time",
        "1ms",
        "--no-report",
        "--tests",
        "pytest -q",
      ],
      { cwd: root },
    );
    expect(result.code, result.stderr).toBe(0);
    // The benchmarks first, the tests after them.
    const bench = result.stderr.indexOf("bench_sum");
    const tests = result.stderr.indexOf("Tests: pytest -q");
    expect(bench).toBeGreaterThanOrEqual(0);
    expect(tests).toBeGreaterThan(bench);
    expect(result.stdout).toMatch(
      /\ntests: {3}not compared with the JIT: the JIT could not be proven on with PYTHON_JIT=1 \(CPython 3\.11\.\d+: [^\n]*\)\. In the runs anyway, which say nothing about a JIT: 2 tests pass with PYTHON_JIT=0 and PYTHON_JIT=1\.\n/,
    );
    const results = JSON.parse(readFileSync(join(root, ".jit-bench", "results.json"), "utf8"));
    expect(results.partial).toBe(false);
    expect(results.tests.command).toBe("pytest -q");
    expect(results.tests.counts).toEqual({ tests: 2, passedBoth: 2, skipped: 0 });
    const compared = await runCli([
      "compare",
      join(root, ".jit-bench", "results.json"),
      "--format",
      "json",
    ]);
    expect(compared.code, compared.stderr).toBe(0);
    const document = JSON.parse(compared.stdout);
    expect(document.verdict.tests).toMatch(/^Tests: not compared with the JIT: /);
    expect(document.comparison.tests.status).toBe("not-run");
  });
});
