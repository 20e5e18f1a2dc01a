/**
 * Drives one worker process's values through tinybench. Each tinybench
 * iteration asks the worker for one timed value and hands tinybench the
 * worker's own duration (`overriddenDuration`), so the time spent passing
 * messages between the processes is never inside a measured value.
 */
import { Bench, type FnReturnedObject, type TaskResult } from "tinybench";
import type { TinybenchStats } from "../core/results.js";

/** Something that produces one timed value, in nanoseconds per call, on the run's timer and both clocks. */
export interface ValueSource {
  next(): Promise<{ ns: number; wallNs: number; cpuNs: number; queueNs?: number }>;
}

export interface ProcessSamples {
  warmups: number[];
  values: number[];
  /** The timed values on each clock, in the order of `values`. */
  wallValues: number[];
  cpuValues: number[];
  /** Time waiting for a CPU per call, when every timed value had it; else undefined. */
  queueValues?: number[];
  stats: TinybenchStats;
}

export async function sampleProcess(
  source: ValueSource,
  name: string,
  counts: { warmups: number; values: number },
): Promise<ProcessSamples> {
  const warmups: number[] = [];
  const values: number[] = [];
  const wallValues: number[] = [];
  const cpuValues: number[] = [];
  const queueValues: number[] = [];
  let queueKnown = true;
  let phase: "warmup" | "run" = "warmup";
  const bench = new Bench({
    // time 0: the counts alone decide how many values are taken.
    time: 0,
    iterations: counts.values,
    warmup: counts.warmups > 0,
    warmupTime: 0,
    warmupIterations: counts.warmups,
    throws: true,
    retainSamples: false,
  });
  bench.add(
    name,
    async (): Promise<FnReturnedObject> => {
      const { ns, wallNs, cpuNs, queueNs } = await source.next();
      if (phase === "warmup") warmups.push(ns);
      else {
        values.push(ns);
        wallValues.push(wallNs);
        cpuValues.push(cpuNs);
        if (queueNs === undefined) queueKnown = false;
        else queueValues.push(queueNs);
      }
      return { overriddenDuration: ns / 1e6 };
    },
    {
      async: true,
      beforeAll: (mode) => {
        phase = mode === "warmup" ? "warmup" : "run";
      },
    },
  );
  await bench.run();
  const task = bench.getTask(name);
  if (!task) throw new Error(`tinybench lost task ${name}`);
  return {
    warmups,
    values,
    wallValues,
    cpuValues,
    ...(queueKnown && queueValues.length === values.length ? { queueValues } : {}),
    stats: statsOf(task.result, name),
  };
}

/**
 * tinybench's statistics over values already measured (pooled across a leg's
 * processes), replayed as task-supplied durations.
 */
export async function statsOfValues(
  name: string,
  valuesNs: readonly number[],
): Promise<TinybenchStats> {
  let i = 0;
  const bench = new Bench({ time: 0, iterations: valuesNs.length, warmup: false, throws: true });
  bench.add(name, (): FnReturnedObject => ({ overriddenDuration: (valuesNs[i++] ?? 0) / 1e6 }), {
    async: false,
  });
  await bench.run();
  const task = bench.getTask(name);
  if (!task) throw new Error(`tinybench lost task ${name}`);
  return statsOf(task.result, name);
}

function statsOf(result: TaskResult, name: string): TinybenchStats {
  switch (result.state) {
    case "completed":
    case "aborted-with-statistics": {
      const l = result.latency;
      return {
        samples: l.samplesCount,
        mean: l.mean,
        sd: l.sd,
        min: l.min,
        max: l.max,
        p50: l.p50,
        p75: l.p75,
        p99: l.p99,
        rme: Number.isFinite(l.rme) ? l.rme : 0,
      };
    }
    case "errored":
      throw result.error;
    case "aborted":
    case "not-started":
    case "started":
      throw new Error(`tinybench task ${name} ended in state ${result.state}`);
  }
}
