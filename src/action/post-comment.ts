/**
 * The one sticky comment of compare mode, for either kind of report: the pull
 * request comes from GitHub's event or API (comment-target.ts), the commit
 * from GitHub's event payload, never from an artifact; a verdict for a commit
 * the pull request has moved past leaves the comment to the newer run.
 */
import type { GitHubContext } from "../adapters/github-context.js";
import type {
  CommentPoster,
  CommentResult,
  JobSummary,
  PullRequestFinder,
} from "../adapters/ports.js";
import { commentTarget } from "./comment-target.js";
import type { Reporter } from "./run.js";

export interface CommentDeps {
  context: GitHubContext;
  reporter: Reporter;
  summary: JobSummary | null;
  /** Makes the poster for a pull request; only called when there is one to comment on. */
  commenter: (pullRequest: number) => CommentPoster;
  pullRequests: PullRequestFinder;
}

export interface CommentRequest {
  /** The `comment` input: false posts nothing. */
  comment: boolean;
  commentKey: string;
}

export type PostedComment = CommentResult | { action: "not-posted"; reason: string };

/**
 * The commit this job's results measured, from GitHub's own event payload
 * (never from an artifact): a pull request's head, or the triggering run's.
 * Null when the payload names none in the form a commit id has.
 */
export function measuredCommit(context: GitHubContext): string | null {
  const sha = context.pullRequest?.headSha || context.workflowRun?.headSha || "";
  return /^[0-9a-f]{7,64}$/.test(sha) ? sha : null;
}

/** Posts or updates the comment whose body `body` makes for the measured commit. */
export async function postComment(
  request: CommentRequest,
  deps: CommentDeps,
  body: (commit: string | null) => string,
): Promise<{ comment: PostedComment; error: Error | null }> {
  if (!request.comment) {
    deps.reporter.info("comment is false: no pull request comment.");
    return { comment: { action: "not-posted", reason: "comment is false" }, error: null };
  }
  try {
    const target = await commentTarget(deps.context, deps.pullRequests);
    if (target.kind === "none") {
      deps.reporter.info(`No pull request comment: ${target.reason}.`);
      return { comment: { action: "not-posted", reason: target.reason }, error: null };
    }
    const poster = deps.commenter(target.number);
    const measured = measuredCommit(deps.context);
    const head = measured === null ? null : await poster.currentHead();
    if (measured !== null && head !== null && head !== measured) {
      // A newer push's job owns the comment now; this older report must not replace it.
      const reason = `this run measured commit ${measured.slice(0, 12)}, but pull request #${target.number} has moved on to ${head.slice(0, 12)}: the comment is left to the run for that commit, and this report is in this job's summary only`;
      deps.reporter.warning(`No pull request comment: ${reason}.`);
      await deps.summary?.write(`> [!NOTE]
> No pull request comment: ${reason}.
`);
      return { comment: { action: "not-posted", reason }, error: null };
    }
    const result = await poster.upsert(request.commentKey, body(measured));
    switch (result.action) {
      case "created":
      case "updated":
        if (result.note !== undefined) deps.reporter.warning(result.note);
        deps.reporter.info(
          `Comment ${result.action} on pull request #${target.number}: ${result.url}`,
        );
        break;
      case "skipped":
        deps.reporter.warning(result.reason);
        break;
    }
    return { comment: result, error: null };
  } catch (error: unknown) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return { comment: { action: "not-posted", reason: failure.message }, error: failure };
  }
}
