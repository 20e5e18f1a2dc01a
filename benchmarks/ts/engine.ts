/**
 * The engine's own speed, as tinybench benchmarks: compare at 1,000
 * benchmarks with the full bootstrap, rendering the report, and reading 100
 * shard files. Inputs come from the seeded synthetic noise model the
 * compare tests use, so every run compares the same numbers.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Bench } from "tinybench";
import { defaultBootstrapRunner } from "../../src/adapters/bootstrap-threads.js";
import { loadComparisonInputs } from "../../src/adapters/results-files.js";
import { compareLegs, DEFAULT_RESAMPLES } from "../../src/core/compare/compare.js";
import type { LegInput } from "../../src/core/compare/types.js";
import { renderMarkdown } from "../../src/core/render/markdown.js";
import { RESULTS_SCHEMA_ID, type ResultsFile } from "../../src/core/results.js";
import { decideVerdict } from "../../src/core/verdict.js";
import { suiteOf, syntheticRun } from "../../test/core/compare/synthetic.js";

export interface TaskFigure {
  readonly name: string;
  /** Milliseconds per run of the task. */
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number;
}

export interface SuiteShape {
  readonly benchmarks: number;
  readonly processes: number;
  readonly values: number;
}

/**
 * The size is 60 values a leg. The bootstrap resamples processes, so
 * its cost grows with their number: SPREAD is those 60 values at their most
 * expensive, one per process; TYPICAL is them as the defaults record them.
 * HEAVY, five times the values, is a stress figure beyond the target's size.
 */
export const SPREAD: SuiteShape = { benchmarks: 1000, processes: 60, values: 1 };
export const TYPICAL: SuiteShape = { benchmarks: 1000, processes: 6, values: 10 };
export const HEAVY: SuiteShape = { benchmarks: 1000, processes: 60, values: 5 };

/** The compare tasks held to the 2 s target: those at the 60 values a leg. */
export const AT_TARGET_SIZE = "x 60 values";
const ONE_THREAD = "in one thread";

/** Whether a task is held to the 2 s target: compare as it runs, at the size. */
export function heldToTarget(task: TaskFigure): boolean {
  return task.name.includes(AT_TARGET_SIZE) && !task.name.includes(ONE_THREAD);
}

export function syntheticLegs(shape: SuiteShape, seed = 8): { off: LegInput; on: LegInput } {
  return syntheticRun(seed, {
    benchmarks: suiteOf(shape.benchmarks, 0.97),
    processes: shape.processes,
    values: shape.values,
  });
}

/** Runs tinybench over `tasks` and returns each task's figures. */
export async function timeTasks(
  tasks: Record<string, () => unknown>,
  iterations: number,
): Promise<TaskFigure[]> {
  const bench = new Bench({
    time: 0,
    iterations,
    warmup: true,
    warmupTime: 0,
    warmupIterations: 1,
    throws: true,
  });
  for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
  await bench.run();
  return bench.tasks.map((task) => {
    const result = task.result;
    if (result.state !== "completed") throw new Error(`${task.name} ended ${result.state}`);
    return {
      name: task.name,
      mean: result.latency.mean,
      min: result.latency.min,
      max: result.latency.max,
      samples: result.latency.samplesCount,
    };
  });
}

/** Writes `count` shard files of one `legs: both` run, `perShard` benchmarks each. */
export async function writeShards(dir: string, count: number, shape: SuiteShape): Promise<number> {
  await mkdir(dir, { recursive: true });
  const { off, on } = syntheticLegs(shape, 21);
  const perShard = Math.ceil(shape.benchmarks / count);
  let bytes = 0;
  for (let index = 1; index <= count; index++) {
    const slice = (leg: LegInput) => ({
      ...leg.results,
      benchmarks: leg.results.benchmarks.slice((index - 1) * perShard, index * perShard),
    });
    const file: ResultsFile = {
      schema: RESULTS_SCHEMA_ID,
      tool: { name: "jit-bench", version: "bench" },
      createdAt: "2026-01-01T00:00:00.000Z",
      partial: false,
      partialReason: null,
      settings: {
        processes: shape.processes,
        warmups: 0,
        values: shape.values,
        minTimeMs: 10,
        timeoutMs: 60_000,
        include: [],
        exclude: [],
      },
      shard: { index, count },
      environment: off.environment,
      legs: { off: slice(off), on: slice(on) },
    };
    const text = JSON.stringify(file);
    bytes += text.length;
    await writeFile(join(dir, `results-${String(index).padStart(3, "0")}.json`), text);
  }
  return bytes;
}

/** The engine benchmarks; `shards` is a folder of 100 shard files from writeShards. */
export async function engineFigures(shards: string): Promise<TaskFigure[]> {
  const spread = syntheticLegs(SPREAD);
  const typical = syntheticLegs(TYPICAL);
  const heavy = syntheticLegs(HEAVY);
  // As `jit-bench compare` runs it: the bootstrap on every core, with the worker beside the bundle.
  const bootstrap = defaultBootstrapRunner();
  const comparison = compareLegs(typical.off, typical.on, { bootstrap });
  const verdict = decideVerdict(comparison);
  return timeTasks(
    {
      [`compare: 1,000 benchmarks ${AT_TARGET_SIZE} a leg, each in a process of its own, ${DEFAULT_RESAMPLES} resamples`]:
        () => compareLegs(spread.off, spread.on, { bootstrap }),
      [`compare: the same, ${ONE_THREAD}`]: () => compareLegs(spread.off, spread.on),
      [`compare: 1,000 benchmarks ${AT_TARGET_SIZE} a leg, as 6 processes of 10 values, ${DEFAULT_RESAMPLES} resamples`]:
        () => compareLegs(typical.off, typical.on, { bootstrap }),
      [`compare: 1,000 benchmarks x 300 values a leg, as 60 processes of 5 values, ${DEFAULT_RESAMPLES} resamples`]:
        () => compareLegs(heavy.off, heavy.on, { bootstrap }),
      "markdown report of 1,000 rows, cut to fit a PR comment": () =>
        renderMarkdown(comparison, verdict),
      "read and merge 100 shard files (1,000 benchmarks, 6 processes a leg)": () =>
        loadComparisonInputs([shards]),
    },
    5,
  );
}

/**
 * Memory of one compare in a process of its own (main.ts runs this behind
 * --peak, with --expose-gc), in MiB. `peak` is the process's resident
 * high-water mark; the other figures are taken after a full collection.
 */
export async function peakOfCompare(shards: string | null): Promise<Record<string, number>> {
  const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const settled = () => {
    collect();
    return process.memoryUsage();
  };
  const start = settled();
  let input: { off: LegInput; on: LegInput };
  if (shards !== null) {
    const loaded = await loadComparisonInputs([shards]);
    if (loaded.kind !== "results") throw new Error("the shards did not load as results");
    input = { off: loaded.baseline, on: loaded.candidate };
  } else {
    input = syntheticLegs(HEAVY);
  }
  const loaded = settled();
  compareLegs(input.off, input.on, { bootstrap: defaultBootstrapRunner() });
  return {
    startRssMiB: mib(start.rss),
    inputHeapMiB: mib(loaded.heapUsed - start.heapUsed),
    inputRssMiB: mib(loaded.rss),
    peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
  };
}
