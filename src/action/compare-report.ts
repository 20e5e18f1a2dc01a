/**
 * What compare mode says, and where: the job summary holds the whole report,
 * the pull request comment a version that fits GitHub's limit, and the step
 * outputs the numbers. Pure: it only composes text from its arguments.
 */
import type { Comparison } from "../core/compare/types.js";
import type { DockerfilePlan } from "../core/dockerfile.js";
import { fitMarkdown } from "../core/fit-markdown.js";
import {
  renderBaseImageWarning,
  renderDockerfileAdvice,
} from "../core/render/dockerfile-advice.js";
import { escapeLogText, escapeTerminal } from "../core/render/escape.js";
import { headline, PLAIN } from "../core/render/headline.js";
import { renderMarkdown } from "../core/render/markdown.js";
import type { Verdict } from "../core/verdict.js";
import type { OutputName } from "./names.js";

export interface ReportParts {
  comparison: Comparison;
  verdict: Verdict;
  /** The Dockerfile advice for this verdict, or null when there is none to give. */
  plan: DockerfilePlan | null;
  /** That the Dockerfile's final stage is built on an image with no JIT, whatever the verdict. */
  baseWarning?: string | null;
  /** A link to this workflow run, where the job summary is. */
  runUrl: string | null;
}

/** Comment bodies over this many characters are refused; the marker line takes some of it. */
export const COMMENT_LIMIT = 65_536;
/** Room kept for the hidden marker the comment adapter puts first. */
const MARKER_ROOM = 120;
/** The job summary holds at most 1 MiB; the adapter trims the last bytes if need be. */
const SUMMARY_LIMIT = 1024 * 1024;

export function summaryMarkdown(parts: ReportParts): string {
  const advice = adviceOf(parts);
  const report = renderMarkdown(parts.comparison, parts.verdict, {
    limit: SUMMARY_LIMIT - advice.length - 2,
  });
  return joinBlocks([report, advice]);
}

/**
 * The report shortened by the renderer's own budgets (quiet rows first, then
 * the chart) until it fits, with a pointer to the full table in the summary.
 */
export function commentMarkdown(parts: ReportParts, limit = COMMENT_LIMIT - MARKER_ROOM): string {
  const advice = adviceOf(parts);
  const where = parts.runUrl ? `the [job summary](${parts.runUrl})` : "the job summary";
  const pointer = `_The full table is in ${where}._`;
  const room = limit - advice.length - pointer.length - 8;
  const full = renderMarkdown(parts.comparison, parts.verdict, { limit: Number.MAX_SAFE_INTEGER });
  const fitted = renderMarkdown(parts.comparison, parts.verdict, { limit: Math.max(0, room) });
  const body = joinBlocks([fitted, advice, fitted === full ? "" : pointer]);
  // The last guard: advice quoting a huge Dockerfile could still be too long.
  return fitMarkdown(
    body,
    limit,
    "chars",
    (omitted) => `\n\n_${omitted} characters cut; see ${where}._\n`,
  ).text;
}

function adviceOf(parts: ReportParts): string {
  const warning = parts.baseWarning ? renderBaseImageWarning(parts.baseWarning) : "";
  const plan = parts.plan ? renderDockerfileAdvice(parts.plan) : "";
  return warning || plan ? joinBlocks([warning, plan]) : "";
}

/** One sentence for the `recommendation` output: what to do, and on what evidence. */
export function recommendation(parts: ReportParts): string {
  const sentence = headline(parts.comparison, parts.verdict, PLAIN);
  const plan = parts.plan;
  if (plan === null) return sentence;
  switch (plan.kind) {
    case "change":
      return `${sentence} ${plan.action === "enable" ? "Set" : "Change"} ENV PYTHON_JIT=${plan.action === "enable" ? "1" : "0"} in ${plan.file} (line ${plan.line}).`;
    case "already":
    case "nothing":
      return `${sentence} ${plan.note}`;
    default:
      return assertNever(plan);
  }
}

/** The step outputs; numbers with four decimals, empty when the data has none. */
export function outputValues(parts: ReportParts): Partial<Record<OutputName, string>> {
  const suite = parts.comparison.suite;
  const number = (value: number | undefined) =>
    value === undefined || !Number.isFinite(value) ? "" : value.toFixed(4);
  return {
    verdict: parts.verdict.kind,
    speedup: number(suite?.geomean),
    "speedup-low": number(suite?.interval?.low),
    "speedup-high": number(suite?.interval?.high),
    // One line of plain text: a later step may print it, or put it in a comment of its own.
    recommendation: escapeLogText(escapeTerminal(recommendation(parts))),
  };
}

function joinBlocks(blocks: readonly string[]): string {
  return `${blocks
    .map((block) => block.trim())
    .filter(Boolean)
    .join("\n\n")}\n`;
}

function assertNever(value: never): never {
  throw new Error(`unhandled Dockerfile plan ${JSON.stringify(value)}`);
}
