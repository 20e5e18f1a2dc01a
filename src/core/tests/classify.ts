/**
 * The team's tests in both legs, compared: each run's outcome, each test's
 * outcome in each run, which tests fail only with the JIT, which are flaky,
 * and the status the verdict and the `tests-with-jit` output carry. Pure:
 * the runs come in as what the command printed and wrote.
 *
 * One module on purpose: a test's outcome in one run, its outcome across the
 * reruns and the status of the whole comparison are one decision, read top
 * to bottom, and splitting it would scatter the rule that keeps a flaky test
 * from being called a JIT failure.
 */
import type { JitState, Leg } from "../results.js";
import { crashSignal, type FatalError, type Frame, fatalError, testFrame } from "./crash.js";
import { DETAIL_LINES, firstLines, type JUnitReport, parseJUnit, type TestCase } from "./junit.js";
import {
  type ComparedBy,
  type FindingKind,
  type RunOutcome,
  type TestFinding,
  type TestsRecord,
  type TestsRunRecord,
  WHOLE_RUN,
} from "./record.js";

/** Reruns of each leg when a test failed in one leg only, before anything is called the JIT's. */
export const RERUNS = 2;

export interface TestRunResult {
  readonly leg: Leg;
  /** 1 for a leg's first run. */
  readonly attempt: number;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** True when the run was stopped at the tests timeout. */
  readonly timedOut: boolean;
  readonly durationMs: number;
  /** The end of what the command printed, stdout and stderr together. */
  readonly output: string;
  /** The JUnit XML the run wrote, or null when it wrote none. */
  readonly junit: string | null;
}

export interface Observation {
  readonly run: TestRunResult;
  readonly outcome: RunOutcome;
  readonly report: JUnitReport | null;
  readonly fatal: FatalError | null;
  readonly crashFrame: Frame | null;
}

export function observe(run: TestRunResult): Observation {
  const fatal = fatalError(run.output);
  const signal = crashSignal(run.exitCode, run.signal);
  let outcome: RunOutcome;
  if (run.timedOut) outcome = "hung";
  else if (signal !== null || fatal !== null) outcome = "crashed";
  else outcome = run.exitCode === 0 ? "passed" : "failed";
  return {
    run,
    outcome,
    report: run.junit === null ? null : parseJUnit(run.junit),
    fatal,
    crashFrame: fatal === null ? null : testFrame(fatal),
  };
}

/** Per test when every run that ended on its own wrote a readable report, else by exit status. */
export function comparedBy(observations: readonly Observation[]): ComparedBy {
  const ended = observations.filter((o) => o.outcome === "passed" || o.outcome === "failed");
  return ended.length > 0 && ended.every((o) => o.report?.ok === true) ? "per-test" : "whole-run";
}

type TestOutcome = "passed" | "failed" | "crashed" | "hung" | "skipped";

interface Seen {
  readonly outcome: TestOutcome;
  readonly detail: string;
}

/** Each test's outcome in one run; a test the run never reached is absent. */
function outcomesOf(
  observation: Observation,
  by: ComparedBy,
  idOf: (frame: Frame) => string,
): Map<string, Seen> {
  const seen = new Map<string, Seen>();
  const { outcome, report, crashFrame, fatal, run } = observation;
  const died = outcome === "crashed" || outcome === "hung";
  if (by === "whole-run") {
    seen.set(WHOLE_RUN, { outcome, detail: died ? deathDetail(observation) : tail(run.output) });
    return seen;
  }
  if (report?.ok) {
    for (const c of report.cases) seen.set(c.id, { outcome: c.outcome, detail: c.detail });
  }
  if (died) {
    const id = crashFrame === null ? WHOLE_RUN : idOf(crashFrame);
    seen.set(id, { outcome, detail: deathDetail(observation) });
  } else if (fatal === null) {
    seen.set(WHOLE_RUN, { outcome: "passed", detail: "" });
  }
  return seen;
}

function deathDetail(observation: Observation): string {
  const { run, fatal, outcome } = observation;
  const signal = crashSignal(run.exitCode, run.signal);
  const head =
    outcome === "hung"
      ? `Still running after the tests timeout (${Math.round(run.durationMs / 1000)}s): stopped.`
      : signal !== null
        ? `The interpreter died of ${signal}.`
        : "The interpreter stopped with a fatal error.";
  return firstLines([head, fatal?.lines ?? tail(run.output)].join("\n"), DETAIL_LINES);
}

function tail(output: string): string {
  const lines = output.split(/\r?\n/).filter((line) => line.trim() !== "");
  return firstLines(lines.slice(-DETAIL_LINES).join("\n"), DETAIL_LINES);
}

/**
 * A crashed or hung test is named by a frame of faulthandler's traceback; the
 * JUnit report of another run names the same test `classname::name`. The
 * frame's function and file stem pick it out; otherwise `file::function`.
 */
function frameIds(observations: readonly Observation[]): (frame: Frame) => string {
  const cases: TestCase[] = observations.flatMap((o) => (o.report?.ok ? [...o.report.cases] : []));
  return (frame) => {
    const stem = (frame.file.split(/[\\/]/).pop() ?? frame.file).replace(/\.py$/, "");
    const match = cases.find(
      (c) =>
        c.name.replace(/\[.*\]$/, "") === frame.function &&
        c.classname.split(/[.:/]/).includes(stem),
    );
    return match?.id ?? `${stem}.py::${frame.function}`;
  };
}

interface Tally {
  readonly runs: number;
  readonly failed: number;
  readonly worst: "failed" | "crashed" | "hung" | null;
  readonly detail: string;
}

function tally(seen: readonly (Seen | undefined)[]): Tally {
  let runs = 0;
  let failed = 0;
  let worst: Tally["worst"] = null;
  let detail = "";
  const rank = { failed: 1, hung: 2, crashed: 3 } as const;
  for (const s of seen) {
    if (s === undefined || s.outcome === "skipped") continue;
    runs += 1;
    if (s.outcome === "passed") continue;
    failed += 1;
    if (worst === null || rank[s.outcome] > rank[worst]) worst = s.outcome;
    if (detail === "") detail = s.detail;
  }
  return { runs, failed, worst, detail };
}

interface PerTest {
  readonly id: string;
  readonly off: Tally;
  readonly on: Tally;
}

function perTest(observations: readonly Observation[]): {
  by: ComparedBy;
  tests: PerTest[];
  all: Map<string, Map<Observation, Seen>>;
} {
  const by = comparedBy(observations);
  const idOf = frameIds(observations);
  const all = new Map<string, Map<Observation, Seen>>();
  for (const observation of observations) {
    for (const [id, seen] of outcomesOf(observation, by, idOf)) {
      const runs = all.get(id) ?? new Map<Observation, Seen>();
      runs.set(observation, seen);
      all.set(id, runs);
    }
  }
  const tests = [...all].map(([id, runs]) => {
    const leg = (l: Leg) =>
      tally(observations.filter((o) => o.run.leg === l).map((o) => runs.get(o)));
    return { id, off: leg("off"), on: leg("on") };
  });
  return { by, tests, all };
}

/** True when a test failed in one leg only: the legs are rerun before anyone is blamed. */
export function needsRerun(observations: readonly Observation[]): boolean {
  return perTest(observations).tests.some((t) => t.off.failed > 0 !== t.on.failed > 0);
}

function kindOf(test: PerTest): FindingKind | null {
  const { off, on } = test;
  if (off.failed === 0 && on.failed === 0) return null;
  if (off.runs > 0 && off.failed === off.runs) return "fails-without-jit";
  // Blamed on the JIT only after the reruns: one failing run could be any flake.
  const confirmed = off.runs > RERUNS && on.runs > RERUNS;
  if (confirmed && off.failed === 0 && on.failed === on.runs) return "jit-failure";
  return "flaky";
}

export interface TestsContext {
  readonly command: string;
  /** The JIT leg's interpreter, from the probe. */
  readonly jit: JitState | null;
  /**
   * Null when the runs count; else why they count for nothing: the JIT
   * could not be proven on in the JIT leg, or the runs were stopped.
   */
  readonly countsForNothing: string | null;
  readonly leftBehind: readonly string[];
}

/** Exit codes of a shell that could not run the command at all. */
const NOT_RUN_CODES: Readonly<Record<number, string>> = {
  126: "found but not executable",
  127: "not found",
};

export function summarizeTests(
  observations: readonly Observation[],
  context: TestsContext,
): TestsRecord {
  const { by, tests } = perTest(observations);
  const findings: TestFinding[] = tests.flatMap((test) => {
    const kind = kindOf(test);
    if (kind === null) return [];
    const blamed =
      kind === "fails-without-jit" ? test.off : test.on.failed > 0 ? test.on : test.off;
    return [
      {
        test: test.id,
        kind,
        outcome: blamed.worst ?? "failed",
        withJit: { failed: test.on.failed, runs: test.on.runs },
        withoutJit: { failed: test.off.failed, runs: test.off.runs },
        detail: blamed.detail,
      },
    ];
  });
  findings.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.test.localeCompare(b.test));
  const named = tests.filter((t) => t.id !== WHOLE_RUN);
  const counts =
    by === "per-test"
      ? {
          tests: named.length,
          passedBoth: named.filter(
            (t) => t.off.runs > 0 && t.on.runs > 0 && t.off.failed === 0 && t.on.failed === 0,
          ).length,
          skipped: named.filter((t) => t.off.runs === 0 && t.on.runs === 0).length,
        }
      : null;
  const firstOff = observations.find((o) => o.run.leg === "off");
  const unrunnable =
    firstOff?.run.exitCode != null ? NOT_RUN_CODES[firstOff.run.exitCode] : undefined;
  let status: TestsRecord["status"] = findings.some((f) => f.kind === "jit-failure")
    ? "failed"
    : "passed";
  let reason: string | null = null;
  if (unrunnable !== undefined) {
    status = "not-run";
    reason = `the test command could not be run: the shell exited ${firstOff?.run.exitCode} (command ${unrunnable})`;
  } else if (context.countsForNothing !== null) {
    status = "not-run";
    reason = context.countsForNothing;
  }
  return {
    command: context.command,
    status,
    reason,
    comparedBy: by,
    jit: context.jit,
    counts,
    runs: observations.map(runRecord),
    findings: findings.slice(0, 1000),
    leftBehind: [...context.leftBehind].slice(0, 100),
  };
}

const KIND_ORDER: Readonly<Record<FindingKind, number>> = {
  "jit-failure": 0,
  flaky: 1,
  "fails-without-jit": 2,
};

function runRecord(observation: Observation): TestsRunRecord {
  const { run, outcome, report } = observation;
  const cases = report?.ok ? report.cases : null;
  return {
    leg: run.leg,
    attempt: run.attempt,
    outcome,
    exitCode: run.exitCode,
    signal: crashSignal(run.exitCode, run.signal) ?? run.signal,
    durationMs: Math.max(0, Math.round(run.durationMs)),
    tests: cases === null ? null : cases.length,
    failed: cases === null ? null : cases.filter((c) => c.outcome === "failed").length,
  };
}
