/**
 * A real run exported to pyperf and read back through `jit-bench compare`
 * gives the comparison of the results file itself: the same medians, the same
 * speedups and intervals, the same verdict. Real interpreter, real processes,
 * the bundled CLI.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTempDirs, runCli, tempDir } from "../cli/support.js";

afterAll(removeTempDirs);

interface Row {
  name: string;
  baselineNs: number | null;
  candidateNs: number | null;
  speedup: number | null;
  interval: { low: number; high: number } | null;
  processes: { baseline: number; candidate: number };
}
interface Report {
  verdict: { kind: string };
  comparison: { method: string; rows: Row[]; warnings: { kind: string }[] };
}

const out = tempDir("jit-bench-pyperf-");

async function compareJson(...paths: string[]): Promise<Report> {
  const result = await runCli(["compare", ...paths, "--format", "json"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

describe("pyperf round trip", () => {
  beforeAll(async () => {
    const run = await runCli([
      "run",
      "test/fixtures/suites/basic/bench_sync.py",
      "--root",
      ".",
      "--python",
      "python3",
      "--processes",
      // Six pairs: the fewest with a 95% interval, so the round trip has one to keep.
      "6",
      "--warmups",
      "1",
      "--values",
      "3",
      "--min-time",
      "1ms",
      "--no-report",
      "--output-dir",
      out,
      "--format",
      "pyperf",
    ]);
    expect(run.stderr).toContain("pyperf:");
    expect(run.code).toBe(0);
  });

  it("writes one pyperf file per leg beside the results", () => {
    for (const leg of ["off", "on"]) {
      const document = JSON.parse(readFileSync(join(out, `${leg}.pyperf.json`), "utf8"));
      expect(document.version).toBe("1.0");
      expect(document.metadata.jit_bench_leg).toBe(leg);
      expect(document.benchmarks.length).toBeGreaterThan(0);
    }
  });

  it("reads back through compare with the same medians, intervals and verdict", async () => {
    const direct = await compareJson(join(out, "results.json"));
    const back = await compareJson(join(out, "off.pyperf.json"), join(out, "on.pyperf.json"));
    expect(back.verdict.kind).toBe(direct.verdict.kind);
    expect(back.comparison.method).toBe(direct.comparison.method);
    expect(direct.comparison.method).toBe("pairs");
    expect(back.comparison.rows.map((r) => r.name)).toEqual(
      direct.comparison.rows.map((r) => r.name),
    );
    direct.comparison.rows.forEach((row, i) => {
      const other = back.comparison.rows[i] as Row;
      expect(other.processes).toEqual(row.processes);
      // Nanoseconds to seconds and back may move the last bit, nothing more.
      for (const key of ["baselineNs", "candidateNs", "speedup"] as const) {
        expect(other[key]).not.toBeNull();
        expect(Math.abs((other[key] as number) / (row[key] as number) - 1)).toBeLessThan(1e-12);
      }
      expect(row.interval).not.toBeNull();
      expect(other.interval?.low).toBeCloseTo(row.interval?.low as number, 12);
      expect(other.interval?.high).toBeCloseTo(row.interval?.high as number, 12);
    });
  });

  it("reads the results file, not the pyperf copies beside it, when given the whole folder", async () => {
    const direct = await compareJson(join(out, "results.json"));
    const folder = await compareJson(out);
    expect(folder.comparison.rows).toEqual(direct.comparison.rows);
  });

  it("gives the same medians when the legs are passed in either order: the files name their legs", async () => {
    const forward = await compareJson(join(out, "off.pyperf.json"), join(out, "on.pyperf.json"));
    const swapped = await compareJson(join(out, "on.pyperf.json"), join(out, "off.pyperf.json"));
    expect(swapped.comparison.rows.map((r) => r.baselineNs)).toEqual(
      forward.comparison.rows.map((r) => r.baselineNs),
    );
  });

  it("exports from compare too, the same runs as run --format pyperf", async () => {
    const folder = join(out, "from-compare");
    const result = await runCli([
      "compare",
      join(out, "results.json"),
      "--format",
      "pyperf",
      "--output",
      folder,
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("pyperf compare_to");
    for (const leg of ["off", "on"]) {
      const fromRun = JSON.parse(readFileSync(join(out, `${leg}.pyperf.json`), "utf8"));
      const fromCompare = JSON.parse(readFileSync(join(folder, `${leg}.pyperf.json`), "utf8"));
      expect(fromCompare.benchmarks).toEqual(fromRun.benchmarks);
    }
  });

  it("refuses --format pyperf without a folder to write to, with exit 2", async () => {
    const result = await runCli(["compare", join(out, "results.json"), "--format", "pyperf"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--output: is needed with --format pyperf/);
  });
});
