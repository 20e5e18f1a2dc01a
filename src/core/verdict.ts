/**
 * The verdict: what a team should do with PYTHON_JIT, decided from a
 * Comparison and the team's policy. Only facts go in here; the renderers
 * phrase them.
 */
import { countStates, type EngagementCounts } from "./compare/engagement.js";
import type { Comparison } from "./compare/types.js";
import { EXIT_CODES } from "./errors.js";

export const VERDICTS = [
  "enable",
  "tests-fail",
  "keep-off",
  "regression",
  "inconclusive",
  "not-applicable",
] as const;
export type VerdictKind = (typeof VERDICTS)[number];

/** Why the verdict came out as it did; each belongs to one verdict kind. */
export const VERDICT_REASONS = [
  "suite-above-threshold",
  "suite-below-threshold",
  "memory-over-limit",
  "benchmark-regression",
  "suite-regression",
  "failed-with-jit",
  "straddles-threshold",
  "regression-undecided",
  "no-interval",
  "no-raw-values",
  "no-jit",
  "tests-fail-with-jit",
] as const;
export type VerdictReason = (typeof VERDICT_REASONS)[number];

/** The team's rules, as fractions (0.05 is 5%). */
export interface Policy {
  /** Enable only when the suite is surely faster than 1 + threshold (the seed ticket's 5%). */
  readonly threshold: number;
  /** A benchmark whose interval lies wholly below 1 / (1 + maxRegression) is a regression. */
  readonly maxRegression: number;
  /**
   * Enable only when the suite's peak RSS grows less than this. 20% by default:
   * the JIT's code and trace buffers typically add a few MiB per process, which
   * is a large share only of a very small process.
   */
  readonly maxMemoryGrowth: number;
}

export const DEFAULT_POLICY: Policy = { threshold: 0.05, maxRegression: 0.1, maxMemoryGrowth: 0.2 };

export interface Regression {
  readonly name: string;
  readonly speedup: number;
}

/** For an inconclusive verdict: how many processes per leg would likely settle it. */
export type MoreProcesses =
  | { readonly settleable: true; readonly perLeg: number; readonly additional: number }
  | { readonly settleable: false; readonly factor: number };

export interface Verdict {
  readonly kind: VerdictKind;
  readonly reason: VerdictReason;
  readonly policy: Policy;
  /** Benchmarks whose interval lies wholly past the regression limit, slowest first. */
  readonly regressions: readonly Regression[];
  /**
   * Benchmarks significantly slower than without the JIT whose interval
   * reaches past the regression limit without lying wholly past it: not shown
   * to be regressions, not shown to be within the limit. Slowest first.
   */
  readonly nearLimit: readonly Regression[];
  readonly failedWithJit: readonly string[];
  /**
   * The team's tests that fail, crash or hang in every run with the JIT and
   * in none without it (core/tests/classify.ts), whatever the verdict; empty
   * when the tests passed, did not run, or the JIT could not be on.
   */
  readonly testFailures: readonly string[];
  readonly moreProcesses: MoreProcesses | null;
  /**
   * The compared rows by JIT state. The verdict rests on what was measured in
   * every row, idle ones included; with no row engaged it also says that the
   * suite never gave the JIT anything to compile.
   */
  readonly engagement: EngagementCounts;
}

/** True when the JIT was there to measure but compiled code for no benchmark of the suite. */
export function suiteIsIdle(verdict: Verdict): boolean {
  const { engaged, idle, unverified } = verdict.engagement;
  return verdict.kind !== "not-applicable" && engaged === 0 && unverified === 0 && idle > 0;
}

/** A speedup at or below this is a regression beyond the limit. */
export function regressionLimit(policy: Policy): number {
  return 1 / (1 + policy.maxRegression);
}

/** Above this factor more processes are no practical answer: the estimate sits on the threshold. */
const UNSETTLEABLE_FACTOR = 50;

/**
 * The speed verdict, then the tests: a speed-up that the team's tests do
 * not survive is no reason to enable the JIT, so "enable" becomes
 * "tests-fail". The other verdicts keep the JIT off already; their reports
 * still list the failing tests.
 */
export function decideVerdict(comparison: Comparison, policy: Policy = DEFAULT_POLICY): Verdict {
  const verdict = decideSpeed(comparison, policy);
  const tests = comparison.tests;
  const testFailures =
    tests?.status === "failed"
      ? tests.findings.filter((f) => f.kind === "jit-failure").map((f) => f.test)
      : [];
  if (verdict.kind === "enable" && testFailures.length > 0) {
    return { ...verdict, kind: "tests-fail", reason: "tests-fail-with-jit", testFailures };
  }
  return { ...verdict, testFailures };
}

function decideSpeed(comparison: Comparison, policy: Policy): Verdict {
  const limit = regressionLimit(policy);
  // Past the limit beyond doubt, as "enable" needs the suite beyond the threshold beyond
  // doubt: an estimate that sits on the limit would otherwise flip the verdict run to run.
  const slower = comparison.rows.filter(
    (r) => r.class === "slower" && r.speedup !== null && r.interval !== null,
  );
  const slowest = (rows: typeof slower): Regression[] =>
    rows
      .map((r) => ({ name: r.name, speedup: r.speedup as number }))
      .sort((a, b) => a.speedup - b.speedup);
  const regressions = slowest(slower.filter((r) => (r.interval?.high ?? 1) < limit));
  const nearLimit = slowest(
    slower.filter((r) => (r.interval?.high ?? 1) >= limit && (r.interval?.low ?? 1) < limit),
  );
  const failedWithJit = comparison.rows
    // A benchmark that skipped itself was not measured: it cannot show the JIT breaking it.
    .filter(
      (r) =>
        r.class === "failed" && !r.skipped && !r.unmeasured && r.side === sideOf(comparison, "on"),
    )
    .map((r) => r.name);
  const compared = comparison.rows.filter((r) => r.class !== "failed" && r.class !== "missing");
  const engagement = countStates(compared);
  const base = {
    policy,
    regressions,
    nearLimit,
    failedWithJit,
    testFailures: [],
    moreProcesses: null,
    engagement,
  };
  const verdict = (kind: VerdictKind, reason: VerdictReason): Verdict => ({
    ...base,
    kind,
    reason,
  });

  if (!comparison.gate.applicable) return verdict("not-applicable", "no-jit");
  if (comparison.method === "point-estimates") return verdict("inconclusive", "no-raw-values");
  if (regressions.length > 0) return verdict("regression", "benchmark-regression");
  if (failedWithJit.length > 0) return verdict("regression", "failed-with-jit");
  const suite = comparison.suite;
  if (!suite?.interval) return verdict("inconclusive", "no-interval");
  if (suite.interval.high < limit) return verdict("regression", "suite-regression");
  const bar = 1 + policy.threshold;
  if (suite.interval.low > bar) {
    const memory = comparison.memory;
    if (memory && memory.change >= policy.maxMemoryGrowth) {
      return verdict("keep-off", "memory-over-limit");
    }
    // Worth enabling for the suite, unless a benchmark may be slower than the team allows.
    const near = slower.find((r) => r.name === nearLimit[0]?.name);
    if (near?.interval && near.speedup !== null) {
      return {
        ...verdict("inconclusive", "regression-undecided"),
        moreProcesses: moreProcesses(
          near.speedup,
          near.interval,
          limit,
          comparison.processesPerLeg,
        ),
      };
    }
    return verdict("enable", "suite-above-threshold");
  }
  if (suite.interval.high < bar) return verdict("keep-off", "suite-below-threshold");
  return {
    ...verdict("inconclusive", "straddles-threshold"),
    moreProcesses: moreProcesses(suite.geomean, suite.interval, bar, comparison.processesPerLeg),
  };
}

function sideOf(comparison: Comparison, leg: "on" | "off"): "baseline" | "candidate" | null {
  if (comparison.candidate.leg === leg) return "candidate";
  if (comparison.baseline.leg === leg) return "baseline";
  return null;
}

/**
 * An interval's half-width shrinks about as 1/sqrt(n), so to pull the bound
 * that crosses the threshold back to it takes n * (half-width / distance)^2.
 */
export function moreProcesses(
  geomean: number,
  interval: { readonly low: number; readonly high: number },
  bar: number,
  perLeg: number,
): MoreProcesses {
  const center = Math.log(geomean);
  const distance = Math.abs(center - Math.log(bar));
  const halfWidth =
    geomean > bar ? center - Math.log(interval.low) : Math.log(interval.high) - center;
  const factor = distance > 0 ? (halfWidth / distance) ** 2 : Number.POSITIVE_INFINITY;
  if (!(factor <= UNSETTLEABLE_FACTOR) || perLeg < 1) {
    return { settleable: false, factor: Number.isFinite(factor) ? factor : UNSETTLEABLE_FACTOR };
  }
  const needed = Math.max(perLeg + 1, Math.ceil(perLeg * factor));
  return { settleable: true, perLeg: needed, additional: needed - perLeg };
}

/**
 * Whether the comparison fails the step or the command: tests that break
 * only with the JIT always do; a regression only when the caller asked to
 * fail on one (fail-on-regression in the action, --fail-on-regression in the
 * CLI). Each entry says it in its own words.
 */
export function isFailingOutcome(verdict: Verdict, failOnRegression: boolean): boolean {
  switch (verdict.kind) {
    case "tests-fail":
      return true;
    case "regression":
      return failOnRegression;
    case "enable":
    case "keep-off":
    case "inconclusive":
    case "not-applicable":
      return false;
  }
}

/** 0 for any decision, 1 for tests that fail only with the JIT, or a regression when the caller asked to fail on one. */
export function exitCodeFor(verdict: Verdict, failOnRegression: boolean): number {
  return isFailingOutcome(verdict, failOnRegression) ? EXIT_CODES.regression : EXIT_CODES.ok;
}
