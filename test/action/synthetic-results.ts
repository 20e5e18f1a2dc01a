/**
 * Results files with a known effect, from the compare tests' seeded noise
 * model, for the parts of the action that need a verdict other than the
 * "not applicable" a JIT-less test machine measures.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { RESULTS_SCHEMA_ID, type ResultsFile } from "../../src/core/results.js";
import { type BenchmarkSpec, suiteOf, syntheticRun } from "../core/compare/synthetic.js";

/** JIT time / no-JIT time: 0.7 is a clear win for the JIT, 1.4 a clear loss. */
export const CLEAR_WIN = 0.7;
export const CLEAR_LOSS = 1.4;

export function resultsFile(
  factor: number,
  options: { benchmarks?: BenchmarkSpec[]; processes?: number } = {},
): ResultsFile {
  const run = syntheticRun(7, {
    benchmarks: options.benchmarks ?? suiteOf(6, factor),
    processes: options.processes ?? 10,
    values: 5,
  });
  return {
    schema: RESULTS_SCHEMA_ID,
    tool: { name: "jit-bench", version: "0.1.0" },
    createdAt: "2025-01-01T00:00:00.000Z",
    partial: false,
    partialReason: null,
    settings: {
      processes: options.processes ?? 10,
      warmups: 3,
      values: 5,
      minTimeMs: 10,
      timeoutMs: 60_000,
      include: [],
      exclude: [],
    },
    shard: null,
    environment: run.off.environment,
    legs: { off: run.off.results, on: run.on.results },
  };
}

export async function writeResults(
  dir: string,
  name: string,
  results: ResultsFile,
): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}
