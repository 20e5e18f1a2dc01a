/**
 * The sequential half of `jit-bench run`: measures the whole suite to the
 * precision target within the budget (measure/sequential-sampler.ts) and prints each
 * look's interval width and each benchmark's reason for stopping.
 */

import type { RunSettings } from "../../core/config/settings.js";
import { formatHalfWidth, lookLine, stopLine } from "../../core/render/sampling.js";
import type { BenchmarkResult, Leg } from "../../core/results.js";
import { measureSequentially } from "../../measure/sequential-sampler.js";
import type { MeasurePlan } from "../../measure/timed-process.js";
import type { BenchmarkRef } from "../../measure/worker/calls.js";
import { orderedLines } from "./ordered-lines.js";

export interface SequentialRunDeps {
  log: (line: string) => void;
  signal: AbortSignal;
  nextOrder: () => number;
  settle: () => Promise<void>;
  /** One more benchmark reached its stop. */
  stopped?: () => void;
}

/** The line that opens the measuring, in place of the fixed schedule's process count. */
export function samplingPlanLine(settings: RunSettings, benchmarks: number): string {
  const suite = `${benchmarks} benchmark${benchmarks === 1 ? "" : "s"}`;
  const clock = settings.timer === "cpu" ? "CPU time" : "wall time";
  if (settings.precision === null) {
    // Say so when a count turned the budget off: a settings file's `processes` does it silently otherwise.
    const why =
      settings.fixedBy === undefined
        ? ""
        : ` ${settings.fixedBy} asks for exactly ${settings.processes}, which turns the precision target and the ${Math.round(settings.budgetMs / 1000)}s budget off; set precision too (e.g. precision: 1%) to keep them, with ${settings.processes} as the minimum.`;
    return `Measuring ${suite}, ${settings.processes} processes per leg each, timed with ${clock}.${why}`;
  }
  return (
    `Measuring ${suite} to ${formatHalfWidth(settings.precision)} each ` +
    `(at least ${settings.processes} processes per leg, within a ${Math.round(settings.budgetMs / 1000)}s budget), ` +
    `timed with ${clock}.`
  );
}

export async function measureSuiteSequentially(
  settings: RunSettings & { precision: number },
  plan: MeasurePlan,
  benchmarks: readonly BenchmarkRef[],
  deps: SequentialRunDeps,
): Promise<(Record<Leg, BenchmarkResult | undefined> | undefined)[]> {
  const total = benchmarks.length;
  const stops = orderedLines(deps.log);
  try {
    return await measureSequentially(
      { ...plan, precision: settings.precision, budgetMs: settings.budgetMs },
      benchmarks,
      {
        nextOrder: deps.nextOrder,
        signal: deps.signal,
        settle: deps.settle,
        onLook: ({ bench, position, look }) =>
          deps.log(`  ${lookLine(position + 1, total, bench.name, look)}`),
        onStop: ({ bench, position, stop, look, result }) => {
          stops.add(position, stopLine(position + 1, total, bench.name, result, stop, look));
          deps.stopped?.();
        },
      },
    );
  } finally {
    stops.flush();
  }
}
