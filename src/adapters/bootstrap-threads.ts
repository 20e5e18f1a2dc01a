/**
 * The suite bootstrap spread over threads. It is most of compare's time at a
 * thousand benchmarks; each benchmark's replicates are independent once its
 * draws are known, so the benchmarks are cut into contiguous slices, one per
 * thread. This thread takes the first slice; each worker (dist/bootstrap-worker)
 * moves its streams past the draws of the slices before it and writes its
 * shifts into shared memory. The replicates are summed in benchmark order,
 * so they are the same to the last bit as in one thread.
 *
 * Compare stays synchronous: this thread waits on the workers with
 * Atomics.wait. A worker that does not start, fails or takes far too long is
 * left behind and its slice computed here, so a thread problem costs time,
 * never a result.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import {
  type BootstrapOptions,
  bootstrapMeanShift,
  bootstrapShifts,
  type Draws,
  drawsBefore,
} from "../core/stats/bootstrap.js";
import type { ShiftSample } from "../core/stats/differences.js";
import type { BootstrapRunner } from "../core/stats/geomean.js";
import type { SortedArray } from "../core/stats/types.js";
import { moduleDir } from "./install-paths.js";

/** What a worker is given (as workerData) and where it reports. */
export interface BootstrapJob {
  readonly samples: readonly ShiftSample[];
  readonly options: BootstrapOptions;
  readonly drawn: Draws;
  /** Its slice of the shared shifts. */
  readonly shifts: Float64Array;
  /** [0]: one of JOB_STATE, set by the worker, with Atomics.notify. */
  readonly state: Int32Array;
}

export const JOB_STATE = { waiting: 0, started: 1, done: 2, failed: 3 } as const;

/**
 * Below this many process draws (processes x resamples, both legs) the
 * bootstrap takes a few tens of milliseconds, about what starting a thread costs.
 */
export const THREADED_FROM_DRAWS = 5_000_000;

export interface ThreadOptions {
  /** The worker's bundled script; null runs everything in this thread. */
  readonly script: string | null;
  /** Threads to use, this one included. */
  readonly threads: number;
  /** How long a worker may take to start before its slice is done here. */
  readonly startMs?: number;
}

/** The bundled worker beside this bundle (dist/ or dist/cli/), or null when running from source. */
export function findBootstrapWorker(dir: string = moduleDir()): string | null {
  const candidates = [dir, dirname(dir)].map((d) => join(d, "bootstrap-worker", "index.js"));
  return candidates.find((path) => existsSync(path)) ?? null;
}

/** Most threads compare uses: each has a heap of its own, so a large runner does not start dozens. */
export const MAX_THREADS = 8;

/** The runner compare uses: every core up to MAX_THREADS, when the bundled worker is there. */
export function defaultBootstrapRunner(): BootstrapRunner {
  return threadedBootstrap({
    script: findBootstrapWorker(),
    threads: Math.min(availableParallelism(), MAX_THREADS),
  });
}

export function threadedBootstrap(threading: ThreadOptions): BootstrapRunner {
  return (samples, options) => {
    const threads = Math.min(threading.threads, samples.length);
    const draws = drawsBefore(samples, samples.length, options.resamples);
    if (
      threading.script === null ||
      threads < 2 ||
      draws.baseline + draws.candidate < THREADED_FROM_DRAWS
    ) {
      return bootstrapMeanShift(samples, options);
    }
    return spread(samples, options, threading.script, threads, threading.startMs ?? 5_000);
  };
}

function spread(
  samples: readonly ShiftSample[],
  options: BootstrapOptions,
  script: string,
  threads: number,
  startMs: number,
): SortedArray {
  const cuts = slices(samples, threads);
  const own = cuts[1] as number;
  const R = options.resamples;
  const shared = new Float64Array(new SharedArrayBuffer((samples.length - own) * R * 8));
  const jobs: { job: BootstrapJob; worker: Worker | null }[] = [];
  for (let t = 1; t < threads; t++) {
    const from = cuts[t] as number;
    const to = cuts[t + 1] as number;
    const job: BootstrapJob = {
      samples: samples.slice(from, to),
      options: { resamples: R, seed: options.seed, streams: { ...options.streams } },
      drawn: drawsBefore(samples, from, R),
      shifts: shared.subarray((from - own) * R, (to - own) * R),
      state: new Int32Array(new SharedArrayBuffer(4)),
    };
    jobs.push({ job, worker: start(script, job) });
  }
  const started = performance.now();
  return bootstrapMeanShift(samples, options, {
    from: own,
    take: () => {
      // This thread's slice took `ownMs`; a worker's is about as long.
      const ownMs = performance.now() - started;
      for (const { job, worker } of jobs) {
        if (!finished(job.state, startMs, ownMs * 4 + 10_000)) {
          worker?.terminate().catch(() => {});
          bootstrapShifts(job.samples, job.options, job.drawn, job.shifts);
        }
      }
      return shared;
    },
  });
}

/** Boundaries of `threads` slices with about equal draws each: [0, ..., samples.length]. */
function slices(samples: readonly ShiftSample[], threads: number): number[] {
  const total = samples.reduce((sum, s) => sum + s.m + s.n, 0);
  const cuts = [0];
  let sum = 0;
  samples.forEach((sample, b) => {
    sum += sample.m + sample.n;
    if (cuts.length < threads && sum >= (total * cuts.length) / threads && b + 1 < samples.length) {
      cuts.push(b + 1);
    }
  });
  while (cuts.length < threads) cuts.push(samples.length);
  cuts.push(samples.length);
  return cuts;
}

function start(script: string, job: BootstrapJob): Worker | null {
  try {
    const worker = new Worker(script, { workerData: job });
    // A failure shows in job.state, or as a worker that never finishes.
    worker.on("error", () => {});
    worker.unref();
    return worker;
  } catch {
    return null;
  }
}

/** Waits until the worker is done: false if it failed, or did not start or finish in time. */
function finished(state: Int32Array, startMs: number, runMs: number): boolean {
  const wait = (from: number, limitMs: number): number => {
    const deadline = performance.now() + limitMs;
    let now = Atomics.load(state, 0);
    while (now === from) {
      const left = deadline - performance.now();
      if (left <= 0) break;
      Atomics.wait(state, 0, from, left);
      now = Atomics.load(state, 0);
    }
    return now;
  };
  if (wait(JOB_STATE.waiting, startMs) === JOB_STATE.waiting) return false;
  return wait(JOB_STATE.started, runMs) === JOB_STATE.done;
}
