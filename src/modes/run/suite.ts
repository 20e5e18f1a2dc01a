/**
 * `jit-bench run`: probe the interpreter in each leg, discover the suite,
 * measure every benchmark, and write the results file. Returns what happened;
 * printing and exit codes belong to the entry points.
 */
import type { LegChoice, RunSettings } from "../../core/config/settings.js";
import { InputError } from "../../core/errors.js";
import { LEGS, type Leg, type ResultsFile } from "../../core/results.js";
import type { Shard } from "../../core/shard.js";
import { summarizeTests } from "../../core/tests/classify.js";
import type { TestsRecord } from "../../core/tests/record.js";
import type { WorkerOptions } from "../../measure/worker/calls.js";
import { runTests, type TestsDeps } from "../tests.js";
import { checkPaths, type DiscoveredSuite, discoverSuite, discoveryFailure } from "./discover.js";
import { startHeartbeat } from "./heartbeat.js";
import { measureBenchmarks } from "./measure.js";
import {
  type LegProbes,
  probeLegs,
  settleLimit,
  shortRunWithoutJit,
  warnWithoutJit,
} from "./probe.js";
import { RunRecord, stoppedReason } from "./record.js";
import { runWorkers } from "./workers.js";

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

/** The steps of a run, in order; each prints its own lines. */
async function measureSuite(asked: RunSettings, deps: RunDeps): Promise<RunOutcome> {
  await checkPaths(asked);
  const legs = legsOf(asked.legs);
  const workers = runWorkers(asked, deps);
  // Discovery comes first: a suite with nothing to measure is refused before any other output.
  const suite = await discoverSuite(asked, workers, { ...deps, shard: deps.shard ?? null });
  const probes = await probeLegs(legs, workers, deps.log);
  // Without a JIT to measure, a default run is a short A/A; the results record what was measured.
  const short = shortRunWithoutJit(asked, probes);
  const settings = short?.settings ?? asked;
  const record = openRecord(settings, legs, suite, probes, deps);
  const writeNow = () =>
    record.writeNow(
      `${stoppedReason(deps.urgent?.reason)} at once, before the benchmark under way finished`,
    );
  deps.urgent?.addEventListener("abort", writeNow, { once: true });
  warnWithoutJit(probes, deps.warn);
  if (short) deps.log(short.line);
  await measureBenchmarks(settings, legs, workers, suite.benchmarks, record, {
    ...deps,
    regressionLimit: settleLimit(settings, probes),
    suiteSize: suite.suiteSize,
  });
  // After the benchmarks, so that nothing the tests start can disturb a measurement; once per sharded run.
  const firstShard = deps.shard === undefined || deps.shard === null || deps.shard.index === 1;
  if (settings.tests !== null && !deps.signal.aborted && firstShard) {
    record.setTests(await testsOrReason(settings, { ...deps, probes: probes.byLeg }));
  }
  const results = await record.finish(
    deps.signal.aborted ? stoppedReason(deps.signal.reason) : null,
  );
  deps.urgent?.removeEventListener("abort", writeNow);
  return outcome(results, record, legs);
}

/** A test run that fails to start or breaks down takes only itself down, never the benchmarks. */
async function testsOrReason(settings: RunSettings, deps: TestsDeps): Promise<TestsRecord> {
  try {
    return await runTests(settings, deps);
  } catch (error: unknown) {
    if (error instanceof InputError) throw error;
    const said = error instanceof Error ? error.message : String(error);
    deps.warn(`Tests: could not be run: ${said}. The benchmark results are kept.`);
    return summarizeTests([], {
      command: settings.tests ?? "",
      jit: null,
      countsForNothing: `the test run broke down: ${said}`,
      leftBehind: [],
    });
  }
}

/** The run's record, holding a failed benchmark for each file that could not be discovered. */
function openRecord(
  settings: RunSettings,
  legs: readonly Leg[],
  suite: DiscoveredSuite,
  probes: LegProbes,
  deps: RunDeps,
): RunRecord {
  const { benchmarks, importProblems } = suite;
  const record = new RunRecord({
    settings,
    legs,
    shard: deps.shard ?? null,
    jit: new Map([...probes.byLeg].map(([leg, facts]) => [leg, facts.jit])),
    interpreter: probes.first.interpreter,
    fingerprint: probes.first.fingerprint,
    total: benchmarks.length + importProblems.length,
    now: deps.now,
    warn: deps.warn,
  });
  for (const problem of importProblems) {
    for (const leg of legs) record.add(leg, discoveryFailure(problem));
  }
  return record;
}

function outcome(results: ResultsFile, record: RunRecord, legs: readonly Leg[]): RunOutcome {
  // Both legs of a benchmark end the same way, so one leg's list names every problem.
  const problems = record
    .benchmarks(legs[0] ?? "off")
    .flatMap((b) =>
      b.status === "ok" ? [] : [{ name: b.name, status: b.status, reason: b.reason ?? "" }],
    );
  return { results, resultsPath: record.path, problems };
}
