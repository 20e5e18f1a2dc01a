/**
 * The words and the last-resort cut of the sticky comment (github-comment.ts):
 * the marker goes first there, so only there is a comment's final length known.
 */
import { fitMarkdown } from "../core/fit-markdown.js";
import { COMMENT_LIMIT_CHARS } from "../core/render/limits.js";
import type { GitHubForbiddenError } from "./github-requests.js";

/**
 * A last resort, not the comment's cut: the port takes any body, and only here
 * is the marker put first, so only here is the final length known. The
 * action's report is cut to size before (action/compare-report.ts) with room
 * for the longest marker, so this never cuts it.
 */
export function fitBody(body: string, limit: number): string {
  return fitMarkdown(body, limit, "chars", (omitted) =>
    [
      "",
      "",
      "> [!NOTE]",
      `> This comment was cut: ${omitted} more characters would pass GitHub's limit of ${COMMENT_LIMIT_CHARS}.`,
      "> The full report is in the job summary.",
    ].join("\n"),
  ).text;
}

export function forbiddenReason(error: GitHubForbiddenError): string {
  return (
    `Did not comment on the pull request: GitHub refused (${error.detail}). ` +
    "The token may not write here: a pull request from a fork gets a read-only GITHUB_TOKEN, " +
    "and a job without `permissions: pull-requests: write` cannot comment either. " +
    "For fork pull requests, benchmark in the pull_request workflow, upload the results as an artifact, " +
    "and post the comment from a second workflow triggered by `workflow_run`, which may write; " +
    "see docs/fork-prs.md. The report is still in the job summary."
  );
}
