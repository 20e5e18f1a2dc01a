/**
 * The pull request a benchmark run measured, carried in its leg artifacts so
 * that a `workflow_run` workflow can comment on it: GitHub leaves
 * `workflow_run.pull_requests` empty for pull requests from forks.
 *
 * The record comes from a run of untrusted code, so it is data only: a strict
 * schema, a number and a commit id, and its head commit must be the one
 * GitHub itself names as the triggering run's head.
 */
import { z } from "zod";
import type { GitHubContext, PullRequestRef } from "./context.js";

export const PULL_REQUEST_FILE = "pull-request.json";
export const PULL_REQUEST_SCHEMA_ID = "jit-bench/pull-request@1";

const RecordSchema = z.strictObject({
  schema: z.literal(PULL_REQUEST_SCHEMA_ID),
  number: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  headSha: z.string().regex(/^[0-9a-f]{40}$/),
});

export function pullRequestRecord(pr: PullRequestRef): string {
  return `${JSON.stringify({ schema: PULL_REQUEST_SCHEMA_ID, number: pr.number, headSha: pr.headSha })}\n`;
}

/** The record, or null when the text is not one (too long, not JSON, wrong fields). */
export function parsePullRequestRecord(text: string): PullRequestRef | null {
  if (text.length > 1000) return null;
  try {
    const parsed = RecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? { number: parsed.data.number, headSha: parsed.data.headSha } : null;
  } catch {
    return null;
  }
}

export type CommentTarget =
  | { kind: "pull-request"; number: number }
  | { kind: "none"; reason: string };

/**
 * Which pull request this compare step may comment on. A pull_request event
 * names it; a workflow_run event names it when GitHub lists it, and otherwise
 * only through records that agree with each other and with the head commit
 * GitHub reports for the triggering run.
 */
export function commentTarget(
  context: GitHubContext,
  records: readonly (PullRequestRef | null)[],
): CommentTarget {
  if (context.pullRequest) return { kind: "pull-request", number: context.pullRequest.number };
  const run = context.workflowRun;
  if (run === null) {
    return {
      kind: "none",
      reason: `the ${context.eventName || "unknown"} event is not about a pull request`,
    };
  }
  const [listed, ...others] = run.pullRequests;
  if (listed !== undefined && others.length === 0) return { kind: "pull-request", number: listed };
  const found = records.filter((r): r is PullRequestRef => r !== null);
  if (found.length === 0) {
    return { kind: "none", reason: "the benchmark run's artifacts name no pull request" };
  }
  const numbers = new Set(found.map((r) => r.number));
  const [number] = numbers;
  if (numbers.size > 1 || number === undefined) {
    return { kind: "none", reason: "the benchmark run's artifacts disagree on the pull request" };
  }
  if (found.some((r) => r.headSha !== run.headSha)) {
    return {
      kind: "none",
      reason:
        "the pull request's head commit in the artifacts is not the one GitHub reports for the benchmark run",
    };
  }
  return { kind: "pull-request", number };
}
