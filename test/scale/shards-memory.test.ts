/**
 * Reading 100 shard files: they merge into one comparison of the whole
 * suite, and the memory they keep depends on the data, not on how many files
 * it came in. Retained heap is measured after a full garbage collection, so
 * the figures are of what the loader holds, not of timing.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { loadComparisonInputs } from "../../src/adapters/results-files.js";
import { compareLegs } from "../../src/core/compare/compare.js";
import type { LegInput } from "../../src/core/compare/types.js";
import { RESULTS_SCHEMA_ID, type ResultsFile } from "../../src/core/results.js";
import { suiteOf, syntheticRun } from "../core/compare/synthetic.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const BENCHMARKS = 1000;
const run = syntheticRun(23, { benchmarks: suiteOf(BENCHMARKS), processes: 6, values: 10 });

function writeSplit(files: number): string {
  const dir = mkdtempSync(join(tmpdir(), `jit-bench-shards-${files}-`));
  const per = BENCHMARKS / files;
  const slice = (leg: LegInput, index: number) => ({
    ...leg.results,
    benchmarks: leg.results.benchmarks.slice((index - 1) * per, index * per),
  });
  for (let index = 1; index <= files; index++) {
    const file: ResultsFile = {
      schema: RESULTS_SCHEMA_ID,
      tool: { name: "jit-bench", version: "test" },
      createdAt: "2026-01-01T00:00:00.000Z",
      partial: false,
      partialReason: null,
      settings: {
        processes: 6,
        warmups: 0,
        values: 10,
        minTimeMs: 10,
        timeoutMs: 60_000,
        include: [],
        exclude: [],
      },
      shard: files === 1 ? null : { index, count: files },
      environment: run.off.environment,
      legs: { off: slice(run.off, index), on: slice(run.on, index) },
    };
    writeFileSync(
      join(dir, `results-${String(index).padStart(3, "0")}.json`),
      JSON.stringify(file),
    );
  }
  return dir;
}

/** Heap kept alive by what `load` returns, after full collections on both sides. */
async function retained(load: () => Promise<unknown>): Promise<{ bytes: number; kept: unknown }> {
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = await load();
  gc();
  gc();
  return { bytes: process.memoryUsage().heapUsed - before, kept };
}

describe("100 shard files", () => {
  const hundred = writeSplit(100);
  const one = writeSplit(1);
  afterAll(() => {
    for (const dir of [hundred, one]) rmSync(dir, { recursive: true, force: true });
  });

  it("merge into both legs of the whole suite, with no warning", async () => {
    const loaded = await loadComparisonInputs([hundred]);
    if (loaded.kind !== "results") throw new Error(`loaded as ${loaded.kind}`);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.baseline.results.benchmarks).toHaveLength(BENCHMARKS);
    expect(loaded.candidate.results.benchmarks).toHaveLength(BENCHMARKS);
    expect(loaded.baseline.sources).toHaveLength(100);
    const comparison = compareLegs(loaded.baseline, loaded.candidate, { resamples: 20 });
    expect(comparison.rows.filter((r) => r.speedup !== null)).toHaveLength(BENCHMARKS);
  });

  it("keep about as much memory as the same results in one file", async () => {
    const single = await retained(() => loadComparisonInputs([one]));
    const split = await retained(() => loadComparisonInputs([hundred]));
    expect(single.kept).toBeTruthy();
    expect(split.kept).toBeTruthy();
    // The same values either way; a hundred file headers and sources are the only extra.
    expect(split.bytes).toBeLessThan(single.bytes * 1.5 + 2 * 2 ** 20);
  });
});
