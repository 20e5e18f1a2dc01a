/**
 * The sequential half of `jit-bench run`: measures the whole suite to the
 * precision target within the budget (measure/sequential-sampler.ts) and prints each
 * look's interval width and each benchmark's reason for stopping.
 */

import type { RunSettings } from "../../core/config/settings.js";
import { formatHalfWidth, lookLine, settleLine, stopLine } from "../../core/render/sampling.js";
import type { BenchmarkResult, Leg } from "../../core/results.js";
import { SEQUENTIAL_LIMITS } from "../../core/stats/stopping-rule.js";
import { measureSequentially, type SequentialHooks } from "../../measure/sequential-sampler.js";
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
  /** Where a benchmark is measured on (SequentialPlan.regressionLimit); null: nowhere. */
  regressionLimit: number | null;
  /** Benchmarks in the whole suite (SequentialPlan.suiteSize); this run's when absent. */
  suiteSize?: number;
  /** After each turn, every benchmark so far (SequentialHooks.onTurn): the run saves them. */
  onTurn?: SequentialHooks["onTurn"];
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
    const count = pairsOf(settings)
      ? `${settings.processes} pairs of processes (one per leg) each`
      : `${settings.processes} processes per leg each`;
    return `Measuring ${suite}, ${count}, timed with ${clock}.${why}`;
  }
  const budget = `within a ${Math.round(settings.budgetMs / 1000)}s budget`;
  if (pairsOf(settings)) {
    const pairs = Math.max(settings.processes, SEQUENTIAL_LIMITS.minPairs);
    const how =
      settings.pairing === "concurrent"
        ? "each pinned to a CPU of its own, values taken at the same moment"
        : "both pinned to one CPU, values taken in turn";
    return (
      `Measuring ${suite} to ${formatHalfWidth(settings.precision)} each in pairs of processes, one per leg ` +
      `(${how}; at least ${pairs} pairs, ${budget}), timed with ${clock}.`
    );
  }
  return (
    `Measuring ${suite} to ${formatHalfWidth(settings.precision)} each ` +
    `(at least ${settings.processes} processes per leg, ${budget}), ` +
    `timed with ${clock}.`
  );
}

/** Whether the run measures its legs in pairs: both legs, pairing not off. */
function pairsOf(settings: RunSettings): boolean {
  return settings.legs === "both" && settings.pairing !== "off";
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
      {
        ...plan,
        precision: settings.precision,
        budgetMs: settings.budgetMs,
        regressionLimit: deps.regressionLimit,
        ...(deps.suiteSize === undefined ? {} : { suiteSize: deps.suiteSize }),
      },
      benchmarks,
      {
        nextOrder: deps.nextOrder,
        signal: deps.signal,
        settle: deps.settle,
        ...(deps.onTurn ? { onTurn: deps.onTurn } : {}),
        onLook: ({ bench, position, look }) =>
          deps.log(`  ${lookLine(position + 1, total, bench.name, look)}`),
        onSettle: ({ bench, position, look, limit, target, level }) =>
          deps.log(
            `  ${settleLine(position + 1, total, bench.name, look, { limit, target, level })}`,
          ),
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
