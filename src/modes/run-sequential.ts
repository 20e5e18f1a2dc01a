/**
 * The sequential half of `jit-bench run`: measures the whole suite to the
 * precision target within the budget (measure/sequential.ts) and prints each
 * look's interval width and each benchmark's reason for stopping.
 */
import type { RunSettings } from "../core/config.js";
import { formatHalfWidth, lookLine, stopLine } from "../core/render/sampling.js";
import type { BenchmarkResult, Leg } from "../core/results.js";
import type { MeasurePlan } from "../measure/measure-benchmark.js";
import { measureSequentially } from "../measure/sequential.js";
import type { BenchmarkRef } from "../measure/worker.js";

export interface SequentialRunDeps {
  log: (line: string) => void;
  signal: AbortSignal;
  nextOrder: () => number;
  settle: () => Promise<void>;
}

/** The line that opens the measuring, in place of the fixed schedule's process count. */
export function samplingPlanLine(settings: RunSettings, benchmarks: number): string {
  if (settings.precision === null) {
    return `Measuring ${benchmarks} benchmarks, ${settings.processes} processes per leg each, timed with ${settings.timer === "cpu" ? "CPU time" : "wall time"}.`;
  }
  return (
    `Measuring ${benchmarks} benchmarks to ${formatHalfWidth(settings.precision)} each ` +
    `(at least ${settings.processes} processes per leg, within a ${Math.round(settings.budgetMs / 1000)}s budget), ` +
    `timed with ${settings.timer === "cpu" ? "CPU time" : "wall time"}.`
  );
}

export async function measureSuiteSequentially(
  settings: RunSettings & { precision: number },
  plan: MeasurePlan,
  benchmarks: readonly BenchmarkRef[],
  deps: SequentialRunDeps,
): Promise<(Record<Leg, BenchmarkResult | undefined> | undefined)[]> {
  const total = benchmarks.length;
  return measureSequentially(
    { ...plan, precision: settings.precision, budgetMs: settings.budgetMs },
    benchmarks,
    {
      nextOrder: deps.nextOrder,
      signal: deps.signal,
      settle: deps.settle,
      onLook: ({ bench, position, look }) =>
        deps.log(`  ${lookLine(position + 1, total, bench.name, look)}`),
      onStop: ({ bench, position, stop, look, result }) =>
        deps.log(stopLine(position + 1, total, bench.name, result, stop, look)),
    },
  );
}
