/**
 * The protocol client of the Python harness: one fresh process per call
 * (probe, discover, calibrate) or per measured process (MeasureSession).
 *
 * Failures come back two ways. A python command that cannot run the harness
 * at all (not found, not Python, older than 3.9) throws InputError for
 * `--python`. Anything that goes wrong once the harness runs (the benchmark
 * raised, crashed, hung, exited early, printed nonsense on the channel)
 * throws WorkerFailure, whose `reason` is written into results files.
 */

import type { z } from "zod";
import type {
  ClockResolution,
  Fingerprint,
  Interpreter,
  JitState,
  Timer,
} from "../../core/results.js";
import type { MessageOf, PinSchema } from "../protocol.js";
import { type Client, start, type WorkerOptions } from "./client.js";

export type { WorkerOptions } from "./client.js";
export { WorkerFailure } from "./process.js";
export { FAILURE_KINDS, type FailureKind } from "./reasons.js";

/** Where a timed process pinned itself: the CPU, or null and why not. */
export type Pin = z.infer<typeof PinSchema>;

export interface BenchmarkRef {
  /** The function name, or "file.py::bench_x" when the name occurs in more than one file. */
  name: string;
  /** Relative to the root. */
  file: string;
  async: boolean;
}

export interface ProbeResult {
  interpreter: Interpreter;
  fingerprint: Fingerprint;
  jit: JitState;
  pythonVersion: [number, number, number];
}

export interface DiscoveryProblem {
  file: string;
  /** "import": the file could not be imported; "arguments": a bench_* function needs arguments. */
  kind: "import" | "arguments";
  reason: string;
}

export interface Discovery {
  benchmarks: BenchmarkRef[];
  problems: DiscoveryProblem[];
  /** Paths that were given but do not exist under the root. */
  missing: string[];
}

export interface Calibration {
  /** Inner loop count: a power of two, so that one value lasts at least the minimum time. */
  loops: number;
  /** Nanoseconds per call in the last calibration value. */
  ns: number;
  /** Nanoseconds per iteration of the timing loop with an empty body: included in every value. */
  overheadNs: number;
  /** The smallest step each clock took in the calibrating process. */
  resolutionNs: ClockResolution;
}

/** One timed value, per call: `ns` on the run's timer, and both clocks. */
export interface TimedValue {
  ns: number;
  wallNs: number;
  cpuNs: number;
  /** Time the thread waited for a CPU while runnable (Linux); absent elsewhere. */
  queueNs?: number;
}

export async function probe(opts: WorkerOptions): Promise<ProbeResult> {
  const proc = start(opts, "probe", { root: opts.root }, false);
  const answer = await proc.expect("probe");
  await proc.end();
  const hello = proc.helloMessage;
  if (hello === null) throw new Error("the harness answered before its hello");
  return {
    interpreter: answer.interpreter,
    fingerprint: answer.fingerprint,
    jit: answer.jit,
    pythonVersion: hello.version,
  };
}

export async function discover(
  opts: WorkerOptions,
  paths: readonly string[],
  filter: { include: readonly string[]; exclude: readonly string[] },
): Promise<Discovery> {
  const request = { root: opts.root, paths, include: filter.include, exclude: filter.exclude };
  const proc = start(opts, "discover", request, false);
  const answer = await proc.expect("discovery");
  await proc.end();
  return { benchmarks: answer.benchmarks, problems: answer.problems, missing: answer.missing };
}

export async function calibrate(
  opts: WorkerOptions,
  bench: BenchmarkRef,
  minTimeNs: number,
  timer: Timer = "wall",
): Promise<Calibration> {
  const request = { root: opts.root, file: bench.file, name: bench.name, minTimeNs, timer };
  const proc = start(opts, "calibrate", request, false);
  const answer = await proc.expect("calibration");
  await proc.end();
  return {
    loops: answer.loops,
    ns: answer.ns,
    overheadNs: answer.overheadNs,
    resolutionNs: answer.resolutionNs,
  };
}

export interface ProfileRequest {
  /** How long to call the benchmark under the sampler. */
  seconds: number;
  /** Time between two samples. */
  intervalS: number;
}

export type ProfileAnswer = Omit<MessageOf<"profile">, "type">;

/**
 * Stack samples of one benchmark, from a process of their own that is never
 * timed. Aborting `signal` kills it (and the call rejects with the process's end).
 */
export async function profileBenchmark(
  opts: WorkerOptions,
  bench: BenchmarkRef,
  request: ProfileRequest,
  signal?: AbortSignal,
): Promise<ProfileAnswer> {
  const proc = start(
    opts,
    "profile",
    { root: opts.root, file: bench.file, name: bench.name, ...request },
    false,
  );
  const kill = () => proc.kill();
  signal?.addEventListener("abort", kill, { once: true });
  if (signal?.aborted) kill();
  try {
    const { type: _type, ...answer } = await proc.expect("profile");
    await proc.end();
    return answer;
  } finally {
    signal?.removeEventListener("abort", kill);
    proc.kill();
  }
}

/** One measured process: `ready` after import, then one timed value per next(). */
export class MeasureSession {
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly proc: Client,
    readonly ready: { jit: JitState; pin: Pin | null },
  ) {}

  /** Resolves once the benchmark is imported and the harness is ready to time it. */
  static async start(
    opts: WorkerOptions,
    bench: BenchmarkRef,
    loops: number,
    timer: Timer = "wall",
    cpu?: number,
  ): Promise<MeasureSession> {
    const request = {
      root: opts.root,
      file: bench.file,
      name: bench.name,
      loops,
      timer,
      ...(cpu === undefined ? {} : { cpu }),
    };
    const proc = start(opts, "measure", request, true);
    try {
      const ready = await proc.expect("ready");
      return new MeasureSession(proc, { jit: ready.jit, pin: ready.pin ?? null });
    } catch (error: unknown) {
      proc.kill();
      throw error;
    }
  }

  /** One timed value: `loops` calls, in nanoseconds per call. */
  next(): Promise<TimedValue> {
    return this.serial(async () => {
      this.proc.send("value");
      const { ns, wallNs, cpuNs, queueNs } = await this.proc.expect("value");
      return queueNs === undefined ? { ns, wallNs, cpuNs } : { ns, wallNs, cpuNs, queueNs };
    });
  }

  /** Ends the process and returns what it says about itself after the values. */
  finish(): Promise<Omit<MessageOf<"done">, "type">> {
    return this.serial(async () => {
      this.proc.send("done");
      const done = await this.proc.expect("done");
      await this.proc.end();
      return {
        peakRssKb: done.peakRssKb,
        jit: done.jit,
        sampler: done.sampler,
        engagement: done.engagement,
        loopOverheadNs: done.loopOverheadNs,
        loadAverage: done.loadAverage,
      };
    });
  }

  /** Kills the process group. Idempotent. */
  kill(): void {
    this.proc.kill();
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  /** Resolves when the process has ended (after finish() or kill()). */
  get closed(): Promise<void> {
    return this.proc.closed;
  }

  /** The end of what the process wrote to stderr (and what the benchmark printed), up to 64 KiB. */
  get stderr(): string {
    return this.proc.stderr();
  }

  private serial<T>(step: () => Promise<T>): Promise<T> {
    const run = this.chain.then(step, step);
    this.chain = run.catch(() => undefined);
    return run;
  }
}
