/**
 * `jit-bench run` leaves the ticket's files by name beside its report:
 * benchmarks.json (the original script's JSON, with jit-bench's numbers
 * added) and, with --profile, profile.svg (the whole suite's flame graph),
 * each with the mark that lets the next run replace it. Debian's python3.11
 * has no JIT, so benchmarks.json must say so.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SVG_MARK } from "../../src/core/flamegraph/svg.js";
import { REPORT_MARK } from "../../src/core/own-files.js";
import { BenchmarksJsonSchema } from "../../src/core/seed-export.js";
import { parseSeedFile, seedLeg } from "../../src/core/seed-format.js";
import { DEBIAN_PYTHON } from "../pythons.js";
import { removeTempDirs, runCli, tempDir } from "./support.js";

afterAll(removeTempDirs);

const fast = ["--processes", "2", "--warmups", "0", "--values", "2", "--min-time", "1ms"];
let dir = "";
let profiled = { code: null as number | null, stdout: "", stderr: "" };
let plain = { code: null as number | null, stdout: "", stderr: "" };

beforeAll(async () => {
  dir = tempDir("jit-bench-run-docs-");
  [profiled, plain] = await Promise.all([
    runCli([
      "run",
      "test/fixtures/profile-run/benchmarks/bench_profiled.py",
      "--root",
      ".",
      "--include",
      "bench_shaped",
      ...fast,
      "--precision",
      "off",
      "--profile",
      "--profile-time",
      "1s",
      "--output-dir",
      join(dir, "p", ".jit-bench"),
      "--report",
      join(dir, "p", "docs", "benchmarks.md"),
    ]),
    runCli([
      "run",
      "test/fixtures/suites/basic/bench_sync.py",
      "--root",
      ".",
      "--python",
      DEBIAN_PYTHON,
      ...fast,
      "--precision",
      "off",
      "--output-dir",
      join(dir, "q", "out"),
      "--report",
      join(dir, "q", "site", "perf.md"),
    ]),
  ]);
});

describe("jit-bench run's files beside the report", () => {
  it("writes benchmarks.json beside the report, in the seed script's shape with our numbers", () => {
    expect(plain.code, plain.stderr).toBe(0);
    const path = join(dir, "q", "site", "perf.json");
    expect(plain.stderr).toContain("JSON:    ");
    const document = JSON.parse(readFileSync(path, "utf8"));
    // The published schema holds, and the file reads as the seed format: the JIT leg at the top level.
    expect(BenchmarksJsonSchema.safeParse(document).error).toBeUndefined();
    const seed = parseSeedFile(document, path);
    expect(seedLeg(seed)).toBe("on");
    expect(seed.python).toMatch(/^3\.11\.\d+/);
    expect(seed.results.length).toBeGreaterThan(0);
    const first = document.results[0];
    expect(first).toMatchObject({ status: "ok", processes: 2 });
    expect(first.iterations).toBe(4);
    expect(first.min_ms).toBeLessThanOrEqual(first.median_ms);
    expect(first.median_ms).toBeLessThanOrEqual(first.max_ms);
    expect(typeof first.speedup).toBe("number");
    expect(document.jit_bench).toMatchObject({
      schema: "jit-bench/benchmarks@1",
      results_file: "../out/results.json",
      verdict: "not-applicable",
    });
    expect(document.jit_bench.baseline.results).toHaveLength(document.results.length);
    // No --profile, no profile.svg.
    expect(existsSync(join(dir, "q", "site", "profile.svg"))).toBe(false);
  });

  it("says jit: false everywhere on CPython 3.11, which has no JIT, and that PYTHON_JIT=1 was asked for", () => {
    expect(plain.code, plain.stderr).toBe(0);
    const document = JSON.parse(readFileSync(join(dir, "q", "site", "perf.json"), "utf8"));
    expect(document.jit).toBe(false);
    expect(document.results.map((row: { jit: boolean }) => row.jit)).toEqual(
      document.results.map(() => false),
    );
    expect(document.jit_bench).toMatchObject({ python_jit: "1", jit_compiled: false });
    expect(document.jit_bench.jit_detail).toBe(
      JSON.parse(readFileSync(join(dir, "q", "out", "results.json"), "utf8")).legs.on.jit.detail,
    );
    expect(document.jit_bench.baseline).toMatchObject({ jit: false, python_jit: "0" });
    expect(
      document.jit_bench.baseline.results.every((row: { jit: boolean }) => row.jit === false),
    ).toBe(true);
  });

  it("marks the report and the flame graph as jit-bench's own", () => {
    expect(plain.code, plain.stderr).toBe(0);
    const report = readFileSync(join(dir, "q", "site", "perf.md"), "utf8");
    expect(report.split("\n")[0]).toBe(REPORT_MARK);
    expect(report).toContain("\n# Benchmarks\n");
    // On CPython 3.11 the verdict comes first, says not applicable, and shows no speedup;
    // the PYTHON_JIT=1 leg is not called "JIT on".
    const verdict = report.indexOf("## jit-bench: not applicable");
    expect(verdict).toBeGreaterThan(0);
    expect(verdict).toBeLessThan(report.indexOf("## How it was measured"));
    expect(report).toContain("## PYTHON_JIT=1, but no JIT: this interpreter was built without it");
    expect(report).not.toContain("## JIT on");
    expect(report).not.toMatch(/geometric mean speedup/);
    expect(report).toContain("A/A ratio of the legs");
    expect(profiled.code, profiled.stderr).toBe(0);
    const svg = readFileSync(join(dir, "p", "docs", "profile.svg"), "utf8");
    expect(svg.split("\n")[1]).toBe(SVG_MARK);
  });

  it("with --profile writes profile.svg beside the report: the suite's flame graph", () => {
    expect(profiled.code, profiled.stderr).toBe(0);
    const svg = readFileSync(join(dir, "p", "docs", "profile.svg"), "utf8");
    expect(svg).toMatch(/^<svg|^<\?xml/);
    // The suite graph puts each benchmark under its own frame. This interpreter has no JIT,
    // so it is the JIT leg's graph, not a differential one that would credit the JIT.
    expect(svg).toContain("bench_shaped");
    expect(svg).toContain("The suite, JIT on (this interpreter has no JIT)");
    expect(profiled.stderr).toMatch(/Profile: .*profile\.svg \(the whole suite, JIT-on leg\)/);
    expect(existsSync(join(dir, "p", "docs", "benchmarks.json"))).toBe(true);
  });
});
