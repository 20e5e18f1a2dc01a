/**
 * `jit-bench run`: probe the interpreter in each leg, discover the suite,
 * measure every benchmark, and write the results file. Returns what happened;
 * printing and exit codes belong to the entry points.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { ensureWritableDir } from "../../adapters/files.js";
import type { LegChoice, RunSettings } from "../../core/config/settings.js";
import { InputError } from "../../core/errors.js";
import { benchmarkLine, jitLine } from "../../core/render/progress.js";
import {
  type BenchmarkResult,
  LEGS,
  type Leg,
  PYTHON_JIT_VALUE,
  type ResultsFile,
} from "../../core/results.js";
import { inShard, type Shard } from "../../core/shard.js";
import { measureBenchmark } from "../../measure/fixed-sampler.js";
import { FLAMEGRAPH_DIR, profileMeasured } from "../../measure/profile.js";
import {
  type Discovery,
  type DiscoveryProblem,
  discover,
  probe,
  WorkerFailure,
  type WorkerOptions,
} from "../../measure/worker/calls.js";
import { startHeartbeat } from "./heartbeat.js";
import { RunRecord, stoppedReason } from "./record.js";
import { measureSuiteSequentially, samplingPlanLine } from "./sampling-plan.js";

export { resultsFileName } from "./record.js";

export interface RunDeps {
  now: () => Date;
  /** Progress, one line at a time. */
  log: (line: string) => void;
  warn: (line: string) => void;
  /** Aborting stops the run: the process under way is killed and a partial file is written. */
  signal: AbortSignal;
  /**
   * Aborted when the process must exit at once (a second Ctrl-C): the results
   * measured so far are written synchronously, before the abort returns.
   */
  urgent?: AbortSignal;
  /** Extra environment for every worker (the action passes the container image name). */
  env?: Readonly<Record<string, string>>;
  /** Measure only the benchmarks this shard owns (recorded in the results file). */
  shard?: Shard | null;
  /**
   * Changes to one worker process's options, asked for once per process: image
   * mode gives each its own `docker run` argv and container name.
   */
  worker?: (leg: Leg) => Partial<WorkerOptions>;
  /**
   * Called whenever no worker process should be alive any more: after the
   * probes, the discovery and each benchmark. Image mode stops containers
   * there that outlived their killed `docker run` client.
   */
  settle?: () => Promise<void>;
  /**
   * With a value, a line (elapsed time, benchmarks done, an estimate of what
   * is left) whenever the run has said nothing for this many milliseconds.
   */
  heartbeatMs?: number;
  /** Told the work ahead and each benchmark finished; the heartbeat listens here. */
  progress?: { plan: (total: number, budgetMs: number | null) => void; done: () => void };
}

export interface RunOutcome {
  results: ResultsFile;
  resultsPath: string;
  /** Names of benchmarks that failed or were skipped, with why. */
  problems: { name: string; status: "failed" | "skipped"; reason: string }[];
}

export function legsOf(choice: LegChoice): Leg[] {
  switch (choice) {
    case "off":
      return ["off"];
    case "on":
      return ["on"];
    case "both":
      return [...LEGS];
  }
}

export async function runSuite(settings: RunSettings, deps: RunDeps): Promise<RunOutcome> {
  if (deps.heartbeatMs === undefined) return measureSuite(settings, deps);
  const heartbeat = startHeartbeat({
    now: () => deps.now().getTime(),
    log: deps.log,
    everyMs: deps.heartbeatMs,
  });
  try {
    return await measureSuite(settings, { ...deps, log: heartbeat.log, progress: heartbeat });
  } finally {
    heartbeat.stop();
  }
}

async function measureSuite(settings: RunSettings, deps: RunDeps): Promise<RunOutcome> {
  for (const path of settings.suite) {
    const full = isAbsolute(path) ? path : join(settings.root, path);
    if (!existsSync(full)) {
      throw new InputError(
        settings.names.suite,
        path,
        `does not exist (looked in ${settings.root})`,
        "Pass a file or folder of bench_* functions, relative to the project root.",
      );
    }
  }
  await ensureWritableDir(settings.outputDir, settings.names["output-dir"]);

  const legs = legsOf(settings.legs);
  const worker = (leg: Leg): WorkerOptions => {
    const own = deps.worker?.(leg) ?? {};
    return {
      python: settings.python,
      pythonInput: settings.names.python,
      root: settings.root,
      timeoutMs: settings.timeoutMs,
      ...own,
      env: { ...deps.env, ...own.env, PYTHON_JIT: PYTHON_JIT_VALUE[leg] },
    };
  };
  const settle = async () => {
    await deps.settle?.();
  };

  // Discovery comes first: a suite with nothing to measure is refused before any other output.
  const found = await discoverSuite(worker("off"), settings);
  await settle();
  const shard = deps.shard ?? null;
  const importProblems = inShard(found.problems, shard, (problem) => problem.file);
  for (const problem of importProblems) deps.warn(`${problem.file}: ${problem.reason}`);
  if (found.benchmarks.length === 0) {
    const filtered = settings.include.length > 0 || settings.exclude.length > 0;
    throw new InputError(
      settings.names.suite,
      settings.suite.join(" "),
      filtered ? "has no benchmarks left after include/exclude" : "has no benchmarks",
      filtered
        ? "Check the include and exclude patterns against the bench_* names."
        : "Define module-level functions named bench_* (def or async def) in .py files there.",
    );
  }
  const benchmarks = inShard(found.benchmarks, shard, (bench) => bench.name);
  if (shard !== null) {
    deps.log(
      `Shard ${shard.index} of ${shard.count}: ${benchmarks.length} of the ${found.benchmarks.length} benchmarks.`,
    );
  }

  const probes = new Map<Leg, Awaited<ReturnType<typeof probe>>>();
  for (const leg of legs) {
    const facts = await probe(worker(leg));
    probes.set(leg, facts);
    deps.log(jitLine(leg, facts.jit, facts.interpreter.version));
  }
  await settle();
  const first = probes.get(legs[0] ?? "off");
  if (!first) throw new Error("no leg was probed");

  const record = new RunRecord({
    settings,
    legs,
    shard,
    jit: new Map([...probes].map(([leg, facts]) => [leg, facts.jit])),
    interpreter: first.interpreter,
    fingerprint: first.fingerprint,
    total: benchmarks.length + importProblems.length,
    now: deps.now,
    warn: deps.warn,
  });
  const writeNow = () =>
    record.writeNow(
      `${stoppedReason(deps.urgent?.reason)} at once, before the benchmark under way finished`,
    );
  deps.urgent?.addEventListener("abort", writeNow, { once: true });
  const onProbe = probes.get("on");
  if (onProbe && !onProbe.jit.compiled) {
    deps.warn(
      `This interpreter (${first.interpreter.implementation} ${first.interpreter.version}) has no JIT compiled in: ` +
        "PYTHON_JIT=1 does nothing here, so the JIT-on leg measures the plain interpreter. " +
        "Run `jit-bench probe` for where to get a JIT-enabled build.",
    );
  }
  deps.log(
    samplingPlanLine(settings, benchmarks.length) +
      (settings.profile
        ? ` Then one untimed profiling process per leg each, flame graphs in ${join(settings.outputDir, FLAMEGRAPH_DIR)}.`
        : ""),
  );
  deps.progress?.plan(benchmarks.length, settings.precision === null ? null : settings.budgetMs);

  for (const problem of importProblems) {
    for (const leg of legs) record.add(leg, discoveryFailure(problem));
  }
  let order = 0;
  const timedPlan = {
    legs,
    worker,
    processes: settings.processes,
    warmups: settings.warmups,
    values: settings.values,
    minTimeNs: settings.minTimeMs * 1e6,
    timer: settings.timer,
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
            nextOrder: () => order++,
            settle,
            ...(deps.progress ? { stopped: deps.progress.done } : {}),
          },
        );
  for (const [i, bench] of benchmarks.entries()) {
    if (deps.signal.aborted && sequential === null) break;
    const measured =
      sequential?.[i] ??
      (sequential === null
        ? await measureBenchmark(timedPlan, bench, {
            nextOrder: () => order++,
            signal: deps.signal,
          })
        : undefined);
    if (measured === undefined) continue;
    if (sequential === null) {
      await settle();
      if (deps.signal.aborted) break;
    }
    for (const leg of legs) {
      const result = measured[leg];
      if (result) record.add(leg, result);
    }
    // Saved before it is reported: a line on the screen means the file holds it.
    await record.checkpoint();
    if (sequential === null) {
      deps.log(benchmarkLine(i + 1, benchmarks.length, bench.name, measured));
      deps.progress?.done();
    }
    // A stopped sequential run still records what it measured, but starts nothing new.
    if (deps.signal.aborted) continue;
    if (settings.profile) {
      // After the timed processes, in processes of its own: sampling never touches a measured value.
      const plan = {
        legs,
        worker,
        seconds: settings.profileTimeMs / 1000,
        outputDir: settings.outputDir,
      };
      const lines = await profileMeasured(plan, bench, measured, {
        nextOrder: () => order++,
        signal: deps.signal,
      });
      for (const line of lines) {
        if (line.level === "warning") deps.warn(line.text);
        else deps.log(`  ${line.text}`);
      }
      await settle();
    }
  }

  const results = await record.finish(
    deps.signal.aborted ? stoppedReason(deps.signal.reason) : null,
  );
  deps.urgent?.removeEventListener("abort", writeNow);

  // Both legs of a benchmark end the same way, so one leg's list names every problem.
  const problems = record
    .benchmarks(legs[0] ?? "off")
    .flatMap((b) =>
      b.status === "ok" ? [] : [{ name: b.name, status: b.status, reason: b.reason ?? "" }],
    );
  return { results, resultsPath: record.path, problems };
}

/**
 * Discovery imports every suite file in one process; if that process itself
 * dies (a file that hangs or crashes at import), no benchmark can be named,
 * so the suite is refused as bad input.
 */
async function discoverSuite(options: WorkerOptions, settings: RunSettings): Promise<Discovery> {
  try {
    return await discover(options, settings.suite, {
      include: settings.include,
      exclude: settings.exclude,
    });
  } catch (error: unknown) {
    if (!(error instanceof WorkerFailure)) throw error;
    throw new InputError(
      settings.names.suite,
      settings.suite.join(" "),
      `could not be read: importing its files ${error.reason}`,
      "Make every suite file importable on its own (no work at import time), or exclude the one that fails.",
    );
  }
}

function discoveryFailure(problem: DiscoveryProblem): BenchmarkResult {
  const { file, reason } = problem;
  return {
    name: file,
    file,
    async: false,
    status: "failed",
    reason: problem.kind === "import" ? `could not be imported: ${reason}` : reason,
    loops: 1,
    processes: [],
    failures: [],
    stats: null,
    summary: null,
  };
}
