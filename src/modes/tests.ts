/**
 * The team's tests under both legs (the `tests` setting): prove the JIT on
 * in the JIT leg, run the command once per leg in a fresh copy of the
 * project, rerun both legs when a test failed in one leg only, and sum it
 * all up as the results file's `tests` section. `jit-bench run` calls it
 * after the benchmarks; `jit-bench test` calls it alone.
 */
import { dirname } from "node:path";
import {
  changes,
  makeSandbox,
  readJUnit,
  resolveCommand,
  snapshot,
} from "../adapters/test-sandbox.js";
import type { RunSettings } from "../core/config/settings.js";
import { LEGS, type Leg, PYTHON_JIT_VALUE } from "../core/results.js";
import {
  needsRerun,
  type Observation,
  observe,
  RERUNS,
  summarizeTests,
} from "../core/tests/classify.js";
import type { TestsRecord } from "../core/tests/record.js";
import { runTestCommand } from "../measure/test-command.js";
import type { ProbeResult } from "../measure/worker/calls.js";
import { probeLegs } from "./run/probe.js";
import { runWorkers, type WorkerDeps } from "./run/workers.js";

/** How often a long run of the tests says it is still running. */
const HEARTBEAT_MS = 30_000;

export interface TestsDeps extends WorkerDeps {
  log: (line: string) => void;
  warn: (line: string) => void;
  /** Aborting ends the run under way as the timeout would, and runs no more. */
  signal: AbortSignal;
  /** Probes already made by the benchmarks' run, by leg; the missing legs are probed here. */
  probes?: ReadonlyMap<Leg, ProbeResult>;
}

export async function runTests(settings: RunSettings, deps: TestsDeps): Promise<TestsRecord> {
  const command = settings.tests;
  if (command === null) throw new Error("runTests needs the tests setting");
  const probes = await probeBoth(settings, deps);
  const on = probes.get("on");
  const noJit = jitNotProven(on);
  if (noJit !== null)
    deps.warn(`Tests: ${noJit}; the legs are still run and compared, but count for nothing.`);
  const basePath = deps.env?.PATH ?? process.env.PATH ?? "";
  const python = await resolveCommand(settings.python, settings.root, basePath);
  const interpreterDir = on?.interpreter.executable ? dirname(on.interpreter.executable) : null;
  const keepOut = [settings.outputDir];
  const original = await snapshot(settings.root, keepOut);
  const leftBehind: string[] = [];
  const observations: Observation[] = [];

  const runOnce = async (leg: Leg, attempt: number): Promise<void> => {
    const sandbox = await makeSandbox({ root: settings.root, exclude: keepOut, python });
    try {
      const path = [sandbox.bin, interpreterDir, basePath].filter(Boolean).join(":");
      const inherited = deps.env?.PYTEST_ADDOPTS ?? process.env.PYTEST_ADDOPTS ?? "";
      // A test suite can be quiet for minutes: say now and then that it still runs.
      const started = Date.now();
      const heartbeat = setInterval(() => {
        deps.log(
          `Tests: ${runName(leg, attempt)} is still running (${Math.round((Date.now() - started) / 1000)}s of the ${Math.round(settings.testsTimeoutMs / 1000)}s allowed)`,
        );
      }, HEARTBEAT_MS);
      const result = await runTestCommand({
        command,
        cwd: sandbox.project,
        env: {
          ...stringEnv(process.env),
          ...deps.env,
          PATH: path,
          PYTHON_JIT: PYTHON_JIT_VALUE[leg],
          PYTHONFAULTHANDLER: "1",
          // pytest splits PYTEST_ADDOPTS as a shell would: the path is quoted.
          PYTEST_ADDOPTS: `${inherited} --junitxml=${JSON.stringify(sandbox.junit)}`.trim(),
          JIT_BENCH_JUNIT: sandbox.junit,
        },
        timeoutMs: settings.testsTimeoutMs,
        signal: deps.signal,
      }).finally(() => clearInterval(heartbeat));
      // Stopped from outside, the run ended as a timeout would: it says nothing about the tests.
      if (deps.signal.aborted) {
        deps.log(`Tests: ${runName(leg, attempt)} was stopped`);
        return;
      }
      const junit = await readJUnit(sandbox.junit);
      if (junit.problem !== null)
        deps.warn(`Tests: the JUnit XML of ${runName(leg, attempt)} ${junit.problem}.`);
      const observation = observe({
        leg,
        attempt,
        exitCode: result.exitCode,
        signal: result.signal,
        timedOut: result.timedOut,
        durationMs: result.durationMs,
        // Paths in tracebacks as in the project, not in its temporary copy.
        output: result.output.split(`${sandbox.project}/`).join(""),
        junit: junit.text,
      });
      observations.push(observation);
      deps.log(runLine(observation));
      if (result.survivors > 0) {
        leftBehind.push(
          `${runName(leg, attempt)} left ${result.survivors === 1 ? "1 process" : `${result.survivors} processes`} running after the command ended; ${result.survivors === 1 ? "it was" : "they were"} killed`,
        );
      }
      const wrote = changes(sandbox.before, await snapshot(sandbox.project, []));
      if (wrote.length > 0) {
        leftBehind.push(
          `${runName(leg, attempt)} wrote into its copy of the project, which was removed: ${listed(wrote)}`,
        );
      }
    } finally {
      await sandbox.dispose();
    }
  };

  deps.log(`Tests: ${command} (JIT off, then on; each run in a fresh copy of ${settings.root})`);
  for (const leg of LEGS) if (!deps.signal.aborted) await runOnce(leg, 1);
  if (!deps.signal.aborted && needsRerun(observations)) {
    deps.log(
      `Tests: a test failed in one leg only; running both legs ${RERUNS} more times to tell a flake from the JIT.`,
    );
    for (let attempt = 2; attempt <= 1 + RERUNS && !deps.signal.aborted; attempt += 1) {
      for (const leg of LEGS) if (!deps.signal.aborted) await runOnce(leg, attempt);
    }
  }
  const touched = changes(original, await snapshot(settings.root, keepOut));
  if (touched.length > 0) {
    leftBehind.push(`the tests changed the project itself, outside their copy: ${listed(touched)}`);
  }
  for (const line of leftBehind) deps.warn(`Tests: ${line}.`);
  // A run stopped part way (Ctrl-C, a cancelled job) has not compared the legs: it says so.
  const stopped = deps.signal.aborted
    ? `the tests were stopped (${String(deps.signal.reason ?? "aborted")}) before every run had finished`
    : null;
  return summarizeTests(observations, {
    command,
    jit: on?.jit ?? null,
    countsForNothing: stopped ?? noJit,
    leftBehind,
  });
}

async function probeBoth(
  settings: RunSettings,
  deps: TestsDeps,
): Promise<ReadonlyMap<Leg, ProbeResult>> {
  const known = new Map(deps.probes ?? []);
  const missing = LEGS.filter((leg) => !known.has(leg));
  if (missing.length > 0) {
    const probed = await probeLegs(missing, runWorkers(settings, deps), deps.log);
    for (const [leg, facts] of probed.byLeg) known.set(leg, facts);
  }
  return known;
}

/** Null when the JIT leg's interpreter proved its JIT active, as the benchmarks need it. */
export function jitNotProven(probe: ProbeResult | undefined): string | null {
  if (probe === undefined) return "the JIT leg was not probed";
  const { jit, interpreter } = probe;
  if (jit.compiled && jit.enabled && jit.active === true) return null;
  return `the JIT could not be proven on with PYTHON_JIT=1 (${interpreter.implementation} ${interpreter.version}: ${jit.detail.replace(/\.+$/, "")})`;
}

function runName(leg: Leg, attempt: number): string {
  return `the ${ordinal(attempt)} run ${leg === "on" ? "with" : "without"} the JIT`;
}

function ordinal(n: number): string {
  return ["first", "second", "third", "fourth", "fifth"][n - 1] ?? `${n}th`;
}

function runLine(observation: Observation): string {
  const { run, outcome, report } = observation;
  const cases = report?.ok ? report.cases : null;
  const counts =
    cases === null
      ? "no JUnit XML"
      : `${cases.length} tests, ${cases.filter((c) => c.outcome === "failed").length} failed`;
  const status = run.signal ?? `exit ${run.exitCode}`;
  return `Tests: JIT ${run.leg}, run ${run.attempt}: ${outcome} (${status}; ${counts}) in ${(run.durationMs / 1000).toFixed(1)}s`;
}

function listed(paths: readonly string[]): string {
  const shown = paths.slice(0, 10).join(", ");
  return paths.length > 10 ? `${shown} and ${paths.length - 10} more` : shown;
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
