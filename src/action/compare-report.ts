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
import { DATA, headline } from "../core/render/headline.js";
import { COMMENT_LIMIT_CHARS, JOB_SUMMARY_LIMIT_BYTES } from "../core/render/limits.js";
import { renderMarkdown } from "../core/render/markdown.js";
import type { Verdict } from "../core/verdict.js";
import { ACTION_VOICE } from "./inputs.js";
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
  /** The commit the legs measured (from GitHub's event, never an artifact), named in the comment. */
  commit?: string | null;
}

/** Room kept for the hidden marker the comment adapter puts first (at most 84 characters). */
export const MARKER_ROOM = 120;
/** Below this much room a cut report would be little more than its note. */
const MIN_REPORT_ROOM = 1024;

/**
 * The whole report, leaving rows out only past GitHub's limit. It is not cut
 * here: the job summary adapter cuts it, once, as only it knows how much of
 * the step's summary earlier steps have used.
 */
export function summaryMarkdown(parts: ReportParts): string {
  const advice = adviceOf(parts);
  const report = renderMarkdown(parts.comparison, parts.verdict, {
    limit: JOB_SUMMARY_LIMIT_BYTES - advice.length - 2,
    voice: ACTION_VOICE,
  });
  return joinBlocks([report, advice]);
}

/**
 * The report shortened by the renderer's own budgets (quiet rows first, then
 * the chart) until it fits, with a pointer to the full table in the summary.
 * This is where the comment is cut to size, once, when leaving rows out was
 * not enough: the report's tail, so that the advice stays whole, or, when the
 * advice alone leaves no room (it quotes a huge Dockerfile), the whole body.
 */
export function commentMarkdown(
  parts: ReportParts,
  limit = COMMENT_LIMIT_CHARS - MARKER_ROOM,
): string {
  const advice = joinBlocks([adviceOf(parts), commitLine(parts.commit ?? null)]);
  const where = parts.runUrl ? `the [job summary](${parts.runUrl})` : "the job summary";
  const pointer = `_The full table is in ${where}._`;
  const note = (omitted: number) => `\n\n_${omitted} characters cut; see ${where}._\n`;
  const room = limit - advice.length - pointer.length - 8;
  const full = renderMarkdown(parts.comparison, parts.verdict, {
    limit: Number.MAX_SAFE_INTEGER,
    voice: ACTION_VOICE,
  });
  const fitted = renderMarkdown(parts.comparison, parts.verdict, {
    limit: Math.max(0, room),
    voice: ACTION_VOICE,
  });
  if (fitted.length > room && room >= MIN_REPORT_ROOM) {
    const cut = fitMarkdown(fitted, room, "chars", note).text;
    return joinBlocks([cut, advice, pointer]);
  }
  const body = joinBlocks([fitted, advice, fitted === full ? "" : pointer]);
  return fitMarkdown(body, limit, "chars", note).text;
}

/** "Measured at commit 0123456789ab.": a newer push's comment can be told from an older one. */
export function commitLine(commit: string | null): string {
  return commit === null || !/^[0-9a-f]{7,64}$/.test(commit)
    ? ""
    : `<sub>Measured at commit ${commit.slice(0, 12)}.</sub>`;
}

function adviceOf(parts: ReportParts): string {
  const warning = parts.baseWarning ? renderBaseImageWarning(parts.baseWarning) : "";
  const plan = parts.plan ? renderDockerfileAdvice(parts.plan) : "";
  return warning || plan ? joinBlocks([warning, plan]) : "";
}

/** One sentence for the `recommendation` output: what to do, and on what evidence. */
export function recommendation(parts: ReportParts): string {
  const sentence = headline(parts.comparison, parts.verdict, DATA);
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
    "tests-with-jit": parts.comparison.tests?.status ?? "not-run",
  };
}

export function joinBlocks(blocks: readonly string[]): string {
  return `${blocks
    .map((block) => block.trim())
    .filter(Boolean)
    .join("\n\n")}\n`;
}

function assertNever(value: never): never {
  throw new Error(`unhandled Dockerfile plan ${JSON.stringify(value)}`);
}
