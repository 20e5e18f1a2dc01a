/**
 * The suite of shapes a JIT's proof must find (test/fixtures/suites/jit-shapes),
 * run end to end through the bundled CLI on a real interpreter without the JIT:
 * every row says "no JIT", the verdict is not-applicable with its reason, and
 * the comparison JSON carries each row's JIT state. The same suite on a real
 * JIT build is reported in docs/methodology.md.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PY } from "../harness/support.js";
import { removeTempDirs, runCli, tempDir } from "./support.js";

const SUITES = resolve("test/fixtures/suites");

afterAll(removeTempDirs);

describe("the JIT-shapes suite on CPython 3.13 without a JIT", () => {
  it("is not applicable, says why, and marks every row no JIT in every format", async () => {
    const out = tempDir();
    const common = ["--python", PY.py313, "--processes", "2", "--precision", "off"];
    const run = await runCli(
      [
        "run",
        "jit-shapes",
        ...common,
        "--values",
        "2",
        "--warmups",
        "0",
        "--min-time",
        "1ms",
        "--include",
        "bench_helper",
        "--include",
        "bench_tiny",
        "--output-dir",
        out,
        "--no-report",
      ],
      { cwd: SUITES },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("jit-bench verdict: NOT APPLICABLE");
    expect(run.stdout).toContain("the interpreter was built without the JIT");
    const results = join(out, "results.json");
    const json = await runCli(["compare", results, "--format", "json"]);
    expect(json.code, json.stderr).toBe(0);
    const document = JSON.parse(json.stdout);
    expect(document.verdict.kind).toBe("not-applicable");
    expect(document.verdict.engagement).toMatchObject({ engaged: 0, idle: 0, "no-jit": 2 });
    for (const row of document.comparison.rows) {
      expect(row.jit).toMatchObject({ state: "no-jit", executors: null });
    }
    // The processes themselves recorded the scan: 3.13 can tell, and nothing was compiled.
    const file = JSON.parse(readFileSync(results, "utf8"));
    for (const bench of file.legs.on.benchmarks) {
      for (const process of bench.processes) {
        expect(process.engagement).toMatchObject({ executors: 0, timingLoopExecutors: 0 });
        expect(process.loopOverheadNs).toBeGreaterThan(0);
      }
    }
    const markdown = await runCli(["compare", results, "--format", "markdown"]);
    // Without a JIT the table is an A/A check: its ratio is no speedup, and the suite line says so.
    expect(markdown.stdout).toMatch(
      /\| benchmark \| no-JIT \| JIT \| A\/A ratio \[[\d.]*%? ?CI\] \| q \| memory \| JIT \|/,
    );
    expect(markdown.stdout).not.toMatch(/speedup \*\*/);
    expect(markdown.stdout).toContain("this is the machine's noise, not a speedup");
    expect(markdown.stdout).toMatch(/\| no JIT \|\n/);
  });
});
