/**
 * Real runs, side by side on the same benchmarks and interpreter: the
 * ticket's script (10 warm-ups and 100 timed calls in one process per leg,
 * legs one after the other), our fixed schedule, and sequential sampling.
 * The interpreter has no JIT built in, so both legs run the same code and the
 * true speedup is exactly 1: every method's error can be read off directly.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compareLegs } from "../../src/core/compare/compare.js";
import type { LegInput } from "../../src/core/compare/types.js";
import { resolveRunSettings } from "../../src/core/config/settings.js";
import type { Leg, ResultsFile } from "../../src/core/results.js";
import { relativeHalfWidth } from "../../src/core/stats/stopping-rule.js";
import {
  calibrate,
  discover,
  MeasureSession,
  type WorkerOptions,
} from "../../src/measure/worker/calls.js";
import { runSuite } from "../../src/modes/run/suite.js";

export interface MethodRow {
  readonly name: string;
  readonly speedup: number;
  /** Half-width of the reported 95% interval, null when the method gives none. */
  readonly halfWidth: number | null;
  /** Sequential sampling's own interval (97%) and why it stopped. */
  readonly sampling: {
    halfWidth: number | null;
    stop: string;
    processes: number;
    projected: number | null;
  } | null;
}

export interface MethodRun {
  readonly method: string;
  readonly seconds: number;
  readonly processes: number;
  readonly rows: readonly MethodRow[];
}

const now = () => performance.now();

function worker(python: string, root: string, leg: Leg): WorkerOptions {
  return {
    python: [python],
    root,
    env: { PYTHON_JIT: leg === "on" ? "1" : "0" },
    timeoutMs: 120_000,
  };
}

/** The ticket's benchmark_engine.py, on our harness: one process per leg, each call timed alone. */
export async function ticketMethod(
  python: string,
  root: string,
  names: string[],
): Promise<MethodRun> {
  const started = now();
  const found = await discover(worker(python, root, "off"), ["benchmarks/python"], {
    include: names,
    exclude: [],
  });
  const means: Record<Leg, number[]> = { off: [], on: [] };
  for (const leg of ["off", "on"] as const) {
    for (const bench of found.benchmarks) {
      const session = await MeasureSession.start(worker(python, root, leg), bench, 1);
      for (let i = 0; i < 10; i++) (await session.next()).ns;
      let sum = 0;
      for (let i = 0; i < 100; i++) sum += (await session.next()).ns;
      await session.finish();
      means[leg].push(sum / 100);
    }
  }
  const rows = found.benchmarks.map((bench, i) => ({
    name: bench.name,
    // Its compare script's figure: the ratio of the two means.
    speedup: (means.off[i] as number) / (means.on[i] as number),
    halfWidth: null,
    sampling: null,
  }));
  return {
    method: "ticket: 10 warm-ups + 100 calls",
    seconds: (now() - started) / 1000,
    processes: 2 * rows.length,
    rows,
  };
}

/** `jit-bench run` in one of its two modes, then the comparison it reports. */
export async function ourMethod(
  python: string,
  root: string,
  names: string[],
  mode: { precision: string; budget?: string },
): Promise<MethodRun> {
  const out = mkdtempSync(join(tmpdir(), "jit-bench-side-"));
  const settings = resolveRunSettings({
    flags: {
      suite: ["benchmarks/python"],
      python,
      include: names,
      report: false,
      "output-dir": out,
      precision: mode.precision,
      ...(mode.budget ? { budget: mode.budget } : {}),
    },
    file: null,
    cwd: root,
  });
  const started = now();
  const outcome = await runSuite(settings, {
    now: () => new Date(),
    log: () => {},
    warn: (line) => process.stderr.write(`warning: ${line}\n`),
    signal: new AbortController().signal,
  });
  const seconds = (now() - started) / 1000;
  const file = outcome.results;
  const comparison = compareLegs(legInput(file, "off"), legInput(file, "on"));
  const off = file.legs.off?.benchmarks ?? [];
  const rows = comparison.rows.map((row) => {
    const bench = off.find((b) => b.name === row.name);
    const sampling = bench?.sampling;
    return {
      name: row.name,
      speedup: row.speedup ?? Number.NaN,
      halfWidth: relativeHalfWidth(row.interval),
      sampling: sampling
        ? {
            halfWidth: sampling.halfWidth,
            stop: sampling.stop,
            processes: bench.processes.length,
            projected: sampling.projected,
          }
        : null,
    };
  });
  const processes = [...off, ...(file.legs.on?.benchmarks ?? [])].reduce(
    (sum, b) => sum + b.processes.length,
    0,
  );
  const method =
    settings.precision === null
      ? `fixed: ${settings.processes} processes per leg`
      : `sequential: ±${mode.precision} within ${mode.budget ?? "120s"}`;
  return { method, seconds, processes, rows };
}

function legInput(file: ResultsFile, leg: Leg): LegInput {
  const results = file.legs[leg];
  if (!results) throw new Error(`no ${leg} leg`);
  return { results, environment: file.environment, settings: file.settings, sources: ["run"] };
}

export interface FloorFigure {
  readonly python: string;
  readonly version: string;
  readonly timeitNs: number;
  readonly oursMinNs: number;
  readonly oursMedianNs: number;
  readonly loopOverheadNs: number;
}

const PROCESSES = 5;

function timeitBest(python: string): number {
  const out = execFileSync(python, ["-m", "timeit", "-s", "def f(): pass", "f()"], {
    encoding: "utf8",
    env: { ...process.env, PYTHON_JIT: "0" },
  });
  const match = /best of \d+: ([\d.]+) (nsec|usec) per loop/.exec(out);
  if (!match) throw new Error(`timeit said: ${out}`);
  return Number(match[1]) * (match[2] === "usec" ? 1000 : 1);
}

const middle = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
};

/**
 * The empty benchmark against `python -m timeit` for the same empty function.
 * Either side runs in 5 processes, alternating, and the median process counts:
 * timings this small shift from one process to the next with code layout.
 */
export async function floorFigure(python: string, suites: string): Promise<FloorFigure> {
  const opts = worker(python, suites, "off");
  const noop = { name: "bench_noop", file: "noop/bench_noop.py", async: false };
  const calibration = await calibrate(opts, noop, 20_000_000);
  const timeit: number[] = [];
  const best: number[] = [];
  const medians: number[] = [];
  for (let p = 0; p < PROCESSES; p++) {
    timeit.push(timeitBest(python));
    const session = await MeasureSession.start(opts, noop, calibration.loops);
    const values: number[] = [];
    for (let i = 0; i < 5; i++) values.push((await session.next()).ns);
    await session.finish();
    best.push(Math.min(...values));
    medians.push(middle(values));
  }
  return {
    python,
    version: execFileSync(python, ["--version"], { encoding: "utf8" }).trim(),
    timeitNs: middle(timeit),
    oursMinNs: middle(best),
    oursMedianNs: middle(medians),
    loopOverheadNs: calibration.overheadNs,
  };
}
