/**
 * Measures one benchmark in one or both legs: calibrate once, then run its
 * fresh processes in ABBA order, each one sampled through tinybench.
 * The first failure ends the benchmark (the next process would most likely
 * fail the same way, and a hang would cost a timeout each time); what was
 * measured before it is kept.
 */

import type { BenchmarkResult, Leg, ProcessRecord } from "../core/results.js";
import { processSchedule } from "../core/schedule.js";
import { seedSummary } from "../core/summary.js";
import { sampleProcess, statsOfValues } from "./sample.js";
import {
  type BenchmarkRef,
  calibrate,
  MeasureSession,
  WorkerFailure,
  type WorkerOptions,
} from "./worker.js";

export interface MeasurePlan {
  legs: readonly Leg[];
  /** Worker options for each leg: they differ in PYTHON_JIT only. */
  worker: (leg: Leg) => WorkerOptions;
  processes: number;
  warmups: number;
  values: number;
  minTimeNs: number;
}

export interface ProcessEvent {
  bench: BenchmarkRef;
  leg: Leg;
  index: number;
  total: number;
}

export interface MeasureHooks {
  /** Hands out the run-wide position of the next process. */
  nextOrder: () => number;
  /** Aborting kills the process under way and ends the benchmark. */
  signal: AbortSignal;
  onProcess?: (event: ProcessEvent) => void;
}

export async function measureBenchmark(
  plan: MeasurePlan,
  bench: BenchmarkRef,
  hooks: MeasureHooks,
): Promise<Record<Leg, BenchmarkResult | undefined>> {
  const perLeg = new Map<
    Leg,
    { processes: ProcessRecord[]; failures: { index: number; reason: string }[] }
  >(plan.legs.map((leg) => [leg, { processes: [], failures: [] }]));
  let loops = 1;
  let overheadNs: number | undefined;
  let ending: { status: "failed" | "skipped"; reason: string } | null = null;
  try {
    // Calibrated once with the JIT off, and used by both legs: the same work per value on each side.
    ({ loops, overheadNs } = await calibrate(plan.worker("off"), bench, plan.minTimeNs));
  } catch (error: unknown) {
    ending = endingFor(error, "calibration");
  }

  const schedule = ending ? [] : processSchedule(plan.legs, plan.processes);
  for (const [position, slot] of schedule.entries()) {
    if (hooks.signal.aborted) break;
    hooks.onProcess?.({ bench, leg: slot.leg, index: position, total: schedule.length });
    const record = perLeg.get(slot.leg);
    if (!record) continue;
    try {
      record.processes.push(await measureProcess(plan, slot.leg, slot.index, bench, loops, hooks));
    } catch (error: unknown) {
      if (hooks.signal.aborted) break;
      ending = endingFor(error, `process ${slot.index + 1} of the JIT-${slot.leg} leg`);
      record.failures.push({ index: slot.index, reason: ending.reason });
      break;
    }
  }

  const result: Record<Leg, BenchmarkResult | undefined> = { off: undefined, on: undefined };
  for (const [leg, record] of perLeg) {
    const pooled = record.processes.flatMap((p) => p.values);
    result[leg] = {
      name: bench.name,
      file: bench.file,
      async: bench.async,
      status: ending?.status ?? "ok",
      reason: ending?.reason ?? null,
      loops,
      processes: record.processes,
      failures: record.failures,
      stats: pooled.length > 0 ? await statsOfValues(bench.name, pooled) : null,
      summary: seedSummary(pooled.map((ns) => ns / 1e6)),
      ...(overheadNs === undefined ? {} : { loopOverheadNs: overheadNs }),
    };
  }
  return result;
}

/** One fresh process of one leg, sampled through tinybench; throws WorkerFailure when it fails. */
export async function measureProcess(
  plan: MeasurePlan,
  leg: Leg,
  index: number,
  bench: BenchmarkRef,
  loops: number,
  hooks: MeasureHooks,
): Promise<ProcessRecord> {
  const order = hooks.nextOrder();
  const session = await MeasureSession.start(plan.worker(leg), bench, loops);
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
      peakRssKb: done.peakRssKb,
      jit: done.jit,
      role: "timed",
      sampler: done.sampler,
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
