/**
 * `jit-bench run --variants` through the bundled CLI, as users run it: pyenv's
 * 3.11, 3.12 and 3.13 on a suite of two small benchmarks, a fixed number of
 * sets. The variants file must hold every set of every variant; the report
 * must be the comparison of that file, and its structure is a golden file in
 * test/golden/variants/ with every measured figure masked (regenerate with
 * UPDATE_GOLDEN=1 npx vitest run test/cli/variants-e2e.test.ts and read the
 * diff). A second run has one variant whose benchmark raises.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from "../../src/core/compare/compare.js";
import { markReport } from "../../src/core/own-files.js";
import { renderVariantsMarkdown } from "../../src/core/render/variants.js";
import { renderVariantsText } from "../../src/core/render/variants-text.js";
import { compareVariants } from "../../src/core/variants/compare.js";
import { type VariantsFile, VariantsFileSchema } from "../../src/core/variants/results.js";
import { setOrder } from "../../src/measure/variant-sets.js";
import { pyenvPython, pyenvVersion } from "../pythons.js";
import { type CliResult, removeTempDirs, runCli, tempDir } from "./support.js";

afterAll(removeTempDirs);

const GOLDEN = fileURLToPath(new URL("../golden/variants/cli-three-versions.md", import.meta.url));
const SUITE = "test/fixtures/suites/variants";
const SETS = 6;
const VALUES = 5;
const fixed = ["--processes", String(SETS), "--values", String(VALUES), "--min-time", "1ms"];
const PYTHONS = (["3.11", "3.12", "3.13"] as const).map((series) => pyenvPython(series));

let dir = "";
let ok: CliResult;
let failing: CliResult;

beforeAll(async () => {
  dir = tempDir("jit-bench-variants-e2e-");
  [ok, failing] = await Promise.all([
    runCli([
      "run",
      `${SUITE}/bench_two.py`,
      "--root",
      ".",
      ...PYTHONS.flatMap((python, i) => [
        "--variants",
        `${["3.11", "3.12", "3.13"][i]}: ${python}`,
      ]),
      ...fixed,
      "--output-dir",
      join(dir, "ok", "out"),
      "--report",
      join(dir, "ok", "report.md"),
    ]),
    runCli([
      "run",
      `${SUITE}/bench_env.py`,
      "--root",
      ".",
      "--include",
      "bench_raises_under_env",
      "--variants",
      `3.11: ${PYTHONS[0]}`,
      "--variants",
      `3.13 raising: JIT_BENCH_TEST_RAISE=1 ${PYTHONS[2]}`,
      "--processes",
      "2",
      "--values",
      "2",
      "--min-time",
      "1ms",
      "--output-dir",
      join(dir, "failing", "out"),
      "--report",
      join(dir, "failing", "report.md"),
    ]),
  ]);
});

function variantsFile(run: string): VariantsFile {
  const parsed = VariantsFileSchema.safeParse(
    JSON.parse(readFileSync(join(dir, run, "out", "variants.json"), "utf8")),
  );
  expect(parsed.error).toBeUndefined();
  return parsed.data as VariantsFile;
}

/**
 * The report with every measured figure masked: times, ratios and their
 * intervals, memory and its change, the bars, the marks and words that follow
 * from them, the headline, the intervals' level, and the machine.
 */
function masked(report: string): string {
  return report
    .replace(/^\*\*.+\*\*$/m, "**<headline>**")
    .replace(/\d+\.\d+×/g, "<ratio>")
    .replace(/\[\d[\d.]*–\d[\d.]*\]/g, "[<interval>]")
    .replace(/\b\d+(\.\d+)? (ns|µs|ms|s)\b/g, "<time>")
    .replace(/\d+\.\d MiB/g, "<MiB>")
    .replace(/\([+−]\d+\.\d%\)/g, "(<change>)")
    .replace(/[ █]{24}│[ █]{24}/g, "<bar>│<bar>")
    .replace(/\] [▲▼]/g, "]")
    .replace(/, (faster|slower|inconclusive \(the interval holds 1\))\./g, ", <verdict>.")
    .replace(/with [\d.]+% intervals[^;]*;/, "with <level> intervals;")
    .replace(/CPython (3\.\d+)\.\d+/g, "CPython $1.x")
    .replace(/measured together.*?: each set/, "measured together on <machine>: each set");
}

describe("jit-bench run --variants with pyenv's 3.11, 3.12 and 3.13", () => {
  it("measures them and exits 0, saying what each variant is", () => {
    expect(ok.code, ok.stderr).toBe(0);
    for (const [i, python] of PYTHONS.entries()) {
      const name = ["3.11", "3.12", "3.13"][i];
      expect(ok.stderr).toContain(
        `${i === 0 ? "Baseline" : "Variant"} ${name}: CPython ${pyenvVersion(python)}, no JIT compiled in.`,
      );
    }
    expect(ok.stderr).toContain(
      "Measuring 2 benchmarks × 3 variants, 6 sets each: a set is one worker per variant on one CPU, 5 values each in turn.",
    );
  });

  it("writes a variants file the schema accepts, with 6 sets × 3 variants × 5 values per benchmark", () => {
    const file = variantsFile("ok");
    expect(file.partial).toBe(false);
    expect(file.variants.map((v) => [v.name, v.version, v.python])).toEqual(
      PYTHONS.map((python, i) => [["3.11", "3.12", "3.13"][i], pyenvVersion(python), [python]]),
    );
    expect(file.settings).toMatchObject({ sets: SETS, values: VALUES, precision: null });
    expect(file.benchmarks.map((b) => [b.name, b.status, b.stop])).toEqual([
      ["bench_squares", "ok", "fixed"],
      ["bench_join", "ok", "fixed"],
    ]);
    for (const bench of file.benchmarks) {
      expect(bench.loops).toBeGreaterThanOrEqual(1);
      expect(bench.sets).toHaveLength(SETS);
      bench.sets.forEach((set, i) => {
        expect(set.index).toBe(i);
        expect(set.order).toEqual(setOrder(3, i));
        expect(set.values.map((v) => v.length)).toEqual([VALUES, VALUES, VALUES]);
        expect(set.cpu === null).toBe(set.unpinned !== null);
      });
    }
  });

  it("prints and writes the comparison of that file", () => {
    const file = variantsFile("ok");
    const comparison = compareVariants(file, { seed: DEFAULT_SEED, resamples: DEFAULT_RESAMPLES });
    const report = readFileSync(join(dir, "ok", "report.md"), "utf8");
    expect(report).toBe(markReport(renderVariantsMarkdown(comparison, file)));
    expect(ok.stdout).toBe(`\n${renderVariantsText(comparison, file)}\n\n`);
    // Three versions without the JIT: each later one's effect against the baseline.
    expect(comparison.effects.map((e) => [e.kind, e.from, e.to])).toEqual([
      ["version", 0, 1],
      ["version", 0, 2],
    ]);
  });

  it("writes a report whose structure matches the golden file", () => {
    const report = masked(readFileSync(join(dir, "ok", "report.md"), "utf8"));
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(GOLDEN, report);
    expect(report).toBe(readFileSync(GOLDEN, "utf8"));
  });
});

describe("jit-bench run --variants with a variant whose benchmark raises", () => {
  it("exits 3 naming the benchmark, and keeps the failure with its variant in the file and the report", () => {
    expect(failing.code, failing.stderr).toBe(3);
    expect(failing.stderr).toContain("error: 1 benchmark failed (bench_raises_under_env)");
    const file = variantsFile("failing");
    const bench = file.benchmarks[0];
    expect(bench).toMatchObject({ status: "failed", failedVariant: 1, stop: "failed", sets: [] });
    expect(bench?.reason).toContain("RuntimeError: raised because JIT_BENCH_TEST_RAISE=1");
    expect(bench?.reason).toContain("(in set 1, variant 3.13 raising)");
    expect(file.variants[1]?.env).toEqual([["JIT_BENCH_TEST_RAISE", "1"]]);
    const report = readFileSync(join(dir, "failing", "report.md"), "utf8");
    expect(report).toContain(
      "| bench\\_raises\\_under\\_env | failed (3.13 raising): raised RuntimeError: raised because JIT\\_BENCH\\_TEST\\_RAISE=1",
    );
    expect(report).toContain("No two variants could be compared");
  });
});
