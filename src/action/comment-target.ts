/**
 * Which pull request compare mode may comment on. A pull_request event names
 * it in the payload GitHub wrote. A workflow_run job asks GitHub which open
 * pull request has the triggering run's head repository and commit: the
 * artifacts it reads come from a fork's code, so nothing in them may choose
 * where the comment goes.
 */

import type { GitHubContext } from "../adapters/github-context.js";
import type { PullRequestFinder, PullRequestLookup } from "../adapters/ports.js";

/**
 * A file by this name in a leg artifact is left over from older versions,
 * which carried the pull request there; it is removed unread.
 */
export const LEGACY_PULL_REQUEST_FILE = "pull-request.json";

export async function commentTarget(
  context: GitHubContext,
  finder: PullRequestFinder,
): Promise<PullRequestLookup> {
  if (context.pullRequest) return { kind: "pull-request", number: context.pullRequest.number };
  const run = context.workflowRun;
  if (run === null) {
    return {
      kind: "none",
      reason: `the ${context.eventName || "unknown"} event is not about a pull request`,
    };
  }
  return finder.ofRun(run.id);
}
