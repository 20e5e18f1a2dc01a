/**
 * The measuring step of `jit-bench run`: every benchmark of the shard, on the
 * fixed schedule or sampled to a precision target, each recorded (and the
 * file saved) before it is reported, then profiled if asked.
 */
import { join } from "node:path";
import type { RunSettings } from "../../core/config/settings.js";
import { benchmarkLine } from "../../core/render/progress.js";
import type { BenchmarkResult, Leg } from "../../core/results.js";
import { measureBenchmark } from "../../measure/fixed-sampler.js";
import { FLAMEGRAPH_DIR, profileMeasured } from "../../measure/profile.js";
import type { MeasurePlan } from "../../measure/timed-process.js";
import type { BenchmarkRef } from "../../measure/worker/calls.js";
import type { RunRecord } from "./record.js";
import { measureSuiteSequentially, samplingPlanLine } from "./sampling-plan.js";
import type { RunWorkers } from "./workers.js";

export interface MeasureDeps {
  log: (line: string) => void;
  warn: (line: string) => void;
  signal: AbortSignal;
  progress?: { plan: (total: number, budgetMs: number | null) => void; done: () => void };
  /** Where sequential sampling measures a benchmark on (probe.ts settleLimit); null: nowhere. */
  regressionLimit?: number | null;
  /** Benchmarks in the whole suite, when a shard measures part of it (SequentialPlan.suiteSize). */
  suiteSize?: number;
}

/** Announces the plan, then measures `benchmarks` into `record`; stops early when the signal aborts. */
export async function measureBenchmarks(
  settings: RunSettings,
  legs: readonly Leg[],
  workers: RunWorkers,
  benchmarks: readonly BenchmarkRef[],
  record: RunRecord,
  deps: MeasureDeps,
): Promise<void> {
  const { worker, settle } = workers;
  deps.log(
    samplingPlanLine(settings, benchmarks.length) +
      (settings.profile
        ? ` Then one untimed profiling process per leg each, flame graphs in ${join(settings.outputDir, FLAMEGRAPH_DIR)}.`
        : ""),
  );
  deps.progress?.plan(benchmarks.length, settings.precision === null ? null : settings.budgetMs);

  let order = 0;
  const nextOrder = () => order++;
  const timedPlan: MeasurePlan = {
    legs,
    worker,
    processes: settings.processes,
    warmups: settings.warmups,
    values: settings.values,
    minTimeNs: settings.minTimeMs * 1e6,
    timer: settings.timer,
    pairing: settings.pairing,
  };
  // Sequential sampling measures the whole suite first (benchmarks share its budget);
  // the fixed schedule measures one benchmark at a time below.
  const sequential =
    settings.precision === null
      ? null
      : await measureSuiteSequentially(
          { ...settings, precision: settings.precision },
          timedPlan,
          benchmarks,
          {
            log: deps.log,
            signal: deps.signal,
            nextOrder,
            settle,
            regressionLimit: deps.regressionLimit ?? null,
            ...(deps.suiteSize === undefined ? {} : { suiteSize: deps.suiteSize }),
            ...(deps.progress ? { stopped: deps.progress.done } : {}),
            onTurn: (standing) => record.checkpoint(byLeg(legs, standing)),
          },
        );
  if (sequential !== null) {
    // All at once, then saved: the file never holds fewer benchmarks than after the last turn.
    for (const measured of sequential) if (measured) addResults(record, legs, measured);
    await record.checkpoint();
  }
  for (const [i, bench] of benchmarks.entries()) {
    let measured = sequential?.[i];
    if (sequential === null) {
      if (deps.signal.aborted) break;
      measured = await measureBenchmark(timedPlan, bench, { nextOrder, signal: deps.signal });
      await settle();
      if (deps.signal.aborted) break;
      addResults(record, legs, measured);
      // Saved before it is reported: a line on the screen means the file holds it.
      await record.checkpoint();
      deps.log(benchmarkLine(i + 1, benchmarks.length, bench.name, measured));
      deps.progress?.done();
    }
    // A stopped run still records what it measured, but starts nothing new.
    if (measured === undefined || deps.signal.aborted) continue;
    if (settings.profile) {
      await profileBenchmark(settings, legs, workers, bench, measured, { ...deps, nextOrder });
    }
  }
}

function addResults(
  record: RunRecord,
  legs: readonly Leg[],
  measured: Record<Leg, BenchmarkResult | undefined>,
): void {
  for (const leg of legs) {
    const result = measured[leg];
    if (result) record.add(leg, result);
  }
}

/** Each leg's benchmarks, in the order given. */
function byLeg(
  legs: readonly Leg[],
  results: readonly Record<Leg, BenchmarkResult | undefined>[],
): Map<Leg, BenchmarkResult[]> {
  return new Map(
    legs.map((leg) => [
      leg,
      results.map((r) => r[leg]).filter((r): r is BenchmarkResult => r !== undefined),
    ]),
  );
}

/** After the timed processes, in processes of its own: sampling never touches a measured value. */
async function profileBenchmark(
  settings: RunSettings,
  legs: readonly Leg[],
  workers: RunWorkers,
  bench: BenchmarkRef,
  measured: Record<Leg, BenchmarkResult | undefined>,
  deps: MeasureDeps & { nextOrder: () => number },
): Promise<void> {
  const plan = {
    legs,
    worker: workers.worker,
    seconds: settings.profileTimeMs / 1000,
    outputDir: settings.outputDir,
  };
  const lines = await profileMeasured(plan, bench, measured, {
    nextOrder: deps.nextOrder,
    signal: deps.signal,
  });
  for (const line of lines) {
    if (line.level === "warning") deps.warn(line.text);
    else deps.log(`  ${line.text}`);
  }
  await workers.settle();
}
