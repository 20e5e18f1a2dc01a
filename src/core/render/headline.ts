/**
 * The verdict in sentences, shared by every renderer. Text from outside goes
 * through `style.name`, which the Markdown renderer points at its escaper.
 */

import { LOOP_SHARE_FLAG } from "../compare/engagement.js";
import { LEG_LABELS } from "../compare/legs.js";
import type { Comparison, SuiteSummary } from "../compare/types.js";
import { JIT_BUILDS_HINT } from "../jit-builds.js";
import type { Verdict } from "../verdict.js";
import { regressionLimit, suiteIsIdle } from "../verdict.js";
import {
  formatChange,
  formatInterval,
  formatPercent,
  formatSpeedup,
  formatSpeedupWithInterval,
  speedupInWords,
} from "./format.js";
import { brokenTests, jitFailures } from "./tests.js";
import { CLI_VOICE, type Voice } from "./voice.js";

export interface Style {
  /** Text from outside: benchmark names, interpreters, paths. */
  readonly name: (text: string) => string;
  /** Emphasis for the key number. */
  readonly strong: (text: string) => string;
}

export const PLAIN: Style = { name: (text) => text, strong: (text) => text };

/**
 * For a step output, which a workflow may paste into a shell, a comment or a
 * file: outside text keeps letters, digits and a few harmless signs, and
 * every other character (quotes, $, backticks, ;, |, &, <, >, brackets,
 * line breaks, #, @) becomes _, so the output is data wherever it lands.
 */
export const DATA: Style = {
  name: (text) => text.replace(/[^\p{L}\p{N}_.,:/+=\- ]/gu, "_"),
  strong: (text) => text,
};

export const VERDICT_TITLES: Record<Verdict["kind"], string> = {
  enable: "enable the JIT",
  "tests-fail": "speed-up, but tests fail with the JIT",
  "keep-off": "keep the JIT off",
  regression: "regression",
  inconclusive: "inconclusive",
  "not-applicable": "not applicable",
};

/** The one sentence a reader needs: what to do, and the number it rests on. */
export function headline(comparison: Comparison, verdict: Verdict, style: Style): string {
  const suite = comparison.suite;
  const bar = formatSpeedup(1 + verdict.policy.threshold);
  const suiteText = suite
    ? `${style.strong(formatSpeedup(suite.geomean))}${suite.interval ? ` (95% CI ${formatInterval(suite.interval)})` : " (no interval)"}`
    : "";
  const allowed = `the ${formatPercent(verdict.policy.maxRegression)} slowdown allowed`;
  switch (verdict.reason) {
    case "suite-above-threshold":
      return `Enable the JIT: its speedup on this suite is ${suiteText}, surely above the ${bar} threshold.`;
    case "tests-fail-with-jit": {
      const n = verdict.testFailures.length;
      const failures = comparison.tests ? jitFailures(comparison.tests) : [];
      const which =
        failures.length > 0
          ? brokenTests(failures, style)
          : verdict.testFailures.slice(0, 3).map(style.name).join(", ");
      return `Speed-up, but tests fail with the JIT: its speedup on this suite is ${suiteText}, surely above the ${bar} threshold, but ${n === 1 ? "1 test breaks" : `${n} tests break`} only with the JIT: ${which}. Keep the JIT off until ${n === 1 ? "it passes" : "they pass"}.`;
    }
    case "memory-over-limit":
      return `Keep the JIT off: its speedup on this suite is ${suiteText}, but peak memory grows ${formatChange(comparison.memory?.change ?? null)}, over the ${formatPercent(verdict.policy.maxMemoryGrowth)} limit.`;
    case "suite-below-threshold":
      return `Keep the JIT off: its speedup on this suite is ${suiteText}, surely below the ${bar} that would make it worth enabling.`;
    case "benchmark-regression": {
      const worst = verdict.regressions[0];
      const more =
        verdict.regressions.length > 1 ? ` (and ${verdict.regressions.length - 1} more)` : "";
      // Exactly what the rule tested: the row's interval, at the level the table shows, lies wholly past the limit.
      const row = comparison.rows.find((r) => r.name === worst?.name);
      return worst
        ? `Regression: with the JIT, ${style.name(worst.name)} runs ${style.strong(speedupInWords(worst.speedup))}${more}, and its whole interval${row?.interval ? ` (${formatInterval(row.interval)})` : ""} is past ${allowed} (${formatSpeedup(regressionLimit(verdict.policy))}).`
        : "Regression.";
    }
    case "failed-with-jit": {
      const names = verdict.failedWithJit.slice(0, 3).map(style.name).join(", ");
      const more =
        verdict.failedWithJit.length > 3 ? ` and ${verdict.failedWithJit.length - 3} more` : "";
      return `Regression: ${names}${more} failed with the JIT and ran without it.`;
    }
    case "suite-regression":
      return `Regression: the JIT's speedup on this suite is ${suiteText}, an interval wholly past ${allowed} (${formatSpeedup(regressionLimit(verdict.policy))}).`;
    case "straddles-threshold":
      return `Inconclusive: the JIT's speedup on this suite is ${suiteText}, an interval that straddles the ${bar} threshold.`;
    case "regression-undecided": {
      const near = verdict.nearLimit[0];
      const row = comparison.rows.find((r) => r.name === near?.name);
      return near && row?.interval
        ? `Inconclusive: the JIT's speedup on this suite is ${suiteText}, above the ${bar} threshold, but with it ${style.name(near.name)} runs ${style.strong(`${formatSpeedup(near.speedup)} [${formatInterval(row.interval)}]`)}, an interval that reaches past ${allowed} (${formatSpeedup(regressionLimit(verdict.policy))}) without lying wholly past it.`
        : "Inconclusive.";
    }
    case "no-interval":
      return "Inconclusive: no benchmark was measured in both legs, so there is no suite speedup to judge.";
    case "no-raw-values":
      return `Inconclusive: these files hold only the seed script's summary numbers, so their ${suiteText} ratio of medians comes with no interval to hold against the ${bar} threshold.`;
    case "no-jit": {
      const gate = comparison.gate;
      const jitLeg = comparison.candidate.leg === "on" ? comparison.candidate : comparison.baseline;
      const who = gate.applicable ? "" : style.name(gate.interpreter);
      const why = gate.applicable ? "" : gate.reason;
      return `Not applicable: in the ${LEG_LABELS[jitLeg.leg]} leg, ${who}: ${why}.`;
    }
  }
}

/**
 * The suite's figure for the suite line: the geometric mean speedup, or,
 * when the JIT leg had no JIT, the legs' A/A ratio, which is no speedup and
 * is never printed as one. Names the rows left out of it, and why.
 */
export function suiteFigure(
  suite: SuiteSummary,
  applicable: boolean,
  name: (text: string) => string,
  strong: (text: string) => string,
): string {
  const interval = suite.interval
    ? ` [95% CI ${formatInterval(suite.interval)}]`
    : " (no interval)";
  const count = `${suite.benchmarks} benchmark${suite.benchmarks === 1 ? "" : "s"}`;
  const n = suite.leftOut.length;
  const shown = suite.leftOut.slice(0, 3).map(name).join(", ");
  const left =
    n > 0
      ? ` (${n} more left out, whose timing loop is ${formatPercent(LOOP_SHARE_FLAG)} or more of a call: ${shown}${n > 3 ? ` and ${n - 3} more` : ""})`
      : "";
  if (!applicable) {
    return `A/A ratio of the legs ${suite.geomean.toFixed(3)}${interval} over ${count}${left}: neither leg had a JIT, so this is the machine's noise, not a speedup`;
  }
  return `geometric mean speedup ${strong(formatSpeedup(suite.geomean))}${interval} over ${count}${left}`;
}

/** The one sentence for a suite in which the JIT compiled code for no benchmark. */
export const IDLE_SUITE =
  "No benchmark engaged the JIT: this suite never runs Python code hot enough for the JIT to compile it, so the figures show the JIT's cost or benefit around code it leaves alone.";

/**
 * Sentences that follow the headline: what to do next. Text from the results
 * files (the legs' differences quote their versions and CPUs) goes through
 * `style.name`, made safe for the sink like every name.
 */
export function followUp(
  verdict: Verdict,
  comparison: Comparison,
  style: Style = PLAIN,
  voice: Voice = CLI_VOICE,
): string[] {
  const engagement = engagementSentence(verdict);
  const next = nextSteps(verdict, comparison, style, voice);
  const near = nearLimitSentence(verdict, comparison, style);
  const speeds = speedLimitSentence(verdict, comparison, style);
  return [engagement, near, speeds, ...next].filter((line): line is string => line !== null);
}

/**
 * Benchmarks whose effect at the machine's two speeds (compare/speed-effects.ts)
 * lies on both sides of the regression limit. A row mixes the two speeds in
 * the share its run saw, so whether it is past the limit depends on that
 * share, and runs at other hours can call it the other way: said beside the
 * verdict, which still rests on this run's rows.
 */
function speedLimitSentence(verdict: Verdict, comparison: Comparison, style: Style): string | null {
  if (verdict.kind === "not-applicable") return null;
  const limit = regressionLimit(verdict.policy);
  const split = (comparison.clocks?.effects ?? []).filter(
    (e) =>
      Math.min(e.fast.speedup, e.slow.speedup) < limit &&
      Math.max(e.fast.speedup, e.slow.speedup) >= limit,
  );
  if (split.length === 0) return null;
  const each = split.map(
    (e) =>
      `${style.name(e.name)} ${formatSpeedupWithInterval(e.fast.speedup, e.fast.interval)} while the machine was fast, ${formatSpeedupWithInterval(e.slow.speedup, e.slow.interval)} while it was slow (${Math.round(e.slowShare * 100)}% of its values at the slow speed)`,
  );
  const one = split.length === 1;
  return `Past the ${formatPercent(verdict.policy.maxRegression)} slowdown allowed (${formatSpeedup(limit)}) at one of the machine's two speeds and within it at the other: ${each.join("; ")}. ${one ? "Its row mixes" : "Their rows mix"} the two in the share this run saw, so a run that spends more of its time at the other speed can call ${one ? "it" : "them"} the other way: more pairs will not settle that, a machine that keeps one speed would.`;
}

/**
 * Slower benchmarks whose interval reaches past the regression limit without
 * lying wholly past it, when the headline has not named them already.
 */
function nearLimitSentence(verdict: Verdict, comparison: Comparison, style: Style): string | null {
  const skip = verdict.reason === "regression-undecided" ? 1 : 0;
  const rest = verdict.nearLimit.slice(skip);
  if (rest.length === 0 || verdict.kind === "not-applicable") return null;
  const listed = rest.slice(0, 3).map((near) => {
    const row = comparison.rows.find((r) => r.name === near.name);
    return `${style.name(near.name)} ${formatSpeedup(near.speedup)}${row?.interval ? ` [${formatInterval(row.interval)}]` : ""}`;
  });
  const more = rest.length > 3 ? ` and ${rest.length - 3} more` : "";
  const limit = formatSpeedup(regressionLimit(verdict.policy));
  return `Slower with the JIT, with an interval that reaches past the ${formatPercent(verdict.policy.maxRegression)} slowdown allowed (${limit}) without lying wholly past it: ${listed.join(", ")}${more}.`;
}

/** How many benchmarks the JIT compiled code for, when it could have. */
function engagementSentence(verdict: Verdict): string | null {
  if (verdict.kind === "not-applicable") return null;
  if (suiteIsIdle(verdict)) return IDLE_SUITE;
  const { engaged, idle, unverified } = verdict.engagement;
  const total = engaged + idle + unverified;
  if (engaged === 0 || total === 0) return null;
  const parts = [
    `The JIT compiled code for ${engaged} of ${total} benchmark${total === 1 ? "" : "s"}`,
  ];
  if (idle > 0) parts.push(`${idle} ran no Python code hot enough for it (idle)`);
  if (unverified > 0) parts.push(`for ${unverified} the files do not say`);
  return `${parts.join("; ")}.`;
}

function nextSteps(verdict: Verdict, comparison: Comparison, style: Style, voice: Voice): string[] {
  switch (verdict.kind) {
    case "not-applicable": {
      // Only legs that ran one interpreter on one machine make an A/A check.
      const differ = comparison.warnings.filter(
        (w) => w.kind === "interpreter" || w.kind === "machine",
      );
      if (differ.length > 0) {
        return [
          JIT_BUILDS_HINT,
          `The table below was measured anyway, but it is no A/A check: ${differ.map((w) => style.name(w.message)).join("; ")}. Its differences are between those, not the JIT's, and no ✓ or ✗ in it says anything about the JIT.`,
        ];
      }
      return [
        JIT_BUILDS_HINT,
        "The table below was measured anyway: both legs ran the same code, so it is an A/A check of this machine's noise, and any ✓ or ✗ in it is a false alarm.",
      ];
    }
    case "inconclusive": {
      if (verdict.reason === "no-raw-values") {
        return [
          "Run the suite with jit-bench run to get per-process values; then the comparison has intervals and p-values and can decide.",
        ];
      }
      const more = verdict.moreProcesses;
      if (!more) return [];
      if (more.settleable) {
        const unit =
          comparison.method === "pairs"
            ? "pairs of processes per benchmark"
            : "processes per benchmark and leg";
        return [
          `About ${more.additional} more ${unit} (${voice.setting("processes", more.perLeg)}) would likely settle it, as the interval narrows with the square root of their count.`,
        ];
      }
      if (verdict.reason === "regression-undecided") {
        return [
          `Its estimate sits so close to the limit that only far more processes (${Math.round(more.factor)}× as many or more) could settle it; treat it as a slowdown at the limit of what the team allows.`,
        ];
      }
      return [
        `The estimate sits so close to the threshold that only far more processes (${Math.round(more.factor)}× as many or more) could settle it; for practical purposes the JIT makes no difference worth acting on here.`,
      ];
    }
    case "enable":
      return ["Set ENV PYTHON_JIT=1 in the image (the interpreter there must be a JIT build too)."];
    case "tests-fail":
      return [
        "No Dockerfile change is suggested: fix the tests below, or report a crash or hang to CPython with its traceback, then measure again.",
      ];
    case "keep-off":
    case "regression":
      return [];
  }
}
