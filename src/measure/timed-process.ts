/**
 * One timed process of a benchmark, and what ends a benchmark. The schedules
 * that call it (a fixed number of processes, or sequential blocks) live in
 * fixed-sampler.ts; a pair of live processes, one per leg, in paired-process.ts.
 */

import type { Leg, Pairing, ProcessRecord, Timer } from "../core/results.js";
import type { ValuesSetting } from "../core/schedule.js";
import { sampleProcess } from "./sample.js";
import {
  type BenchmarkRef,
  MeasureSession,
  WorkerFailure,
  type WorkerOptions,
} from "./worker/calls.js";

export interface MeasurePlan {
  legs: readonly Leg[];
  /** Worker options for each leg: they differ in PYTHON_JIT only. */
  worker: (leg: Leg) => WorkerOptions;
  processes: number;
  warmups: number;
  /** A count, or "auto": the sampler settles it per benchmark after calibration (core/schedule.ts). */
  values: ValuesSetting;
  minTimeNs: number;
  /** The clock behind each value the statistics use; both are recorded. Default "wall". */
  timer?: Timer;
  /**
   * With both legs: how the legs' processes are paired (measure/paired-process.ts),
   * or "off" for separate processes in ABBA order. Default "off".
   */
  pairing?: Pairing | "off";
}

export interface MeasureHooks {
  /** Hands out the run-wide position of the next process. */
  nextOrder: () => number;
  /** Aborting kills the process under way and ends the benchmark. */
  signal: AbortSignal;
}

/** A plan whose value count is settled for one benchmark. */
export type CountedPlan = Omit<MeasurePlan, "values"> & { values: number };

export async function measureProcess(
  plan: CountedPlan,
  leg: Leg,
  index: number,
  bench: BenchmarkRef,
  loops: number,
  hooks: MeasureHooks,
): Promise<ProcessRecord> {
  const order = hooks.nextOrder();
  const session = await MeasureSession.start(plan.worker(leg), bench, loops, plan.timer ?? "wall");
  const kill = () => session.kill();
  hooks.signal.addEventListener("abort", kill, { once: true });
  try {
    const samples = await sampleProcess(session, bench.name, {
      warmups: plan.warmups,
      values: plan.values,
    });
    const done = await session.finish();
    return {
      index,
      order,
      warmups: samples.warmups,
      values: samples.values,
      wallValues: samples.wallValues,
      cpuValues: samples.cpuValues,
      ...(samples.queueValues === undefined ? {} : { queueValues: samples.queueValues }),
      loadAverage: done.loadAverage,
      peakRssKb: done.peakRssKb,
      jit: done.jit,
      role: "timed",
      sampler: done.sampler,
      engagement: done.engagement,
      loopOverheadNs: done.loopOverheadNs,
    };
  } finally {
    hooks.signal.removeEventListener("abort", kill);
    session.kill();
  }
}

/** How a WorkerFailure ends a benchmark; anything else is a bug and is thrown on. */
export function endingFor(
  error: unknown,
  where: string,
): { status: "failed" | "skipped"; reason: string } {
  if (error instanceof WorkerFailure) {
    return error.skipped
      ? { status: "skipped", reason: error.reason }
      : { status: "failed", reason: `${error.reason} (in ${where})` };
  }
  throw error;
}
