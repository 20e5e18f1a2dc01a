/**
 * Which pull request a workflow run measured, asked of GitHub. In the
 * `workflow_run` pattern the artifacts come from a fork's code, so nothing in
 * them may name the pull request: the run is looked up through the API, and
 * the one open pull request of this repository whose head is that run's head
 * repository, branch and commit is the only one the comment may go to.
 */
import { lazyOctokit, type Octokit } from "./github-client.js";
import {
  DEFAULT_RETRY_POLICY,
  GitHubForbiddenError,
  type RetryPolicy,
  requestWithRetries,
} from "./github-requests.js";
import type { PullRequestFinder, PullRequestLookup } from "./ports.js";

export interface PullRequestFinderOptions {
  token: string;
  owner: string;
  repo: string;
  baseUrl?: string;
  retry?: Partial<RetryPolicy>;
}

const PULL_REQUEST_EVENTS = new Set(["pull_request", "pull_request_target"]);
/** One head branch has few open pull requests; more than this is not one to guess among. */
const PER_PAGE = 100;

export function createPullRequestFinder(options: PullRequestFinderOptions): PullRequestFinder {
  const client = lazyOctokit(options.token, options.baseUrl);
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const call = <T>(operation: string, send: (request: { signal: AbortSignal }) => Promise<T>) =>
    requestWithRetries(operation, policy, [options.token], (signal) => send({ signal }));
  const where = { owner: options.owner, repo: options.repo };
  const here = `${options.owner}/${options.repo}`;

  return {
    async ofRun(runId: number): Promise<PullRequestLookup> {
      try {
        return await lookUp(runId);
      } catch (error: unknown) {
        if (!(error instanceof GitHubForbiddenError)) throw error;
        return none(
          `${error.message}. The job needs \`permissions: actions: read\` and \`pull-requests: read\` ` +
            "(or write) to learn which pull request the run measured",
        );
      }
    },
  };

  async function lookUp(runId: number): Promise<PullRequestLookup> {
    const { rest }: Octokit = await client();
    const { data: run } = await call(`look up workflow run ${runId}`, (request) =>
      rest.actions.getWorkflowRun({ ...where, run_id: runId, request }),
    );
    if (!PULL_REQUEST_EVENTS.has(run.event)) {
      return none(`workflow run ${runId} ran for a ${run.event} event, not for a pull request`);
    }
    const headRepo = run.head_repository?.full_name;
    const headOwner = run.head_repository?.owner?.login;
    const branch = run.head_branch;
    if (!headRepo || !headOwner || !branch) {
      return none(
        `GitHub names no head repository and branch for workflow run ${runId} (was the fork deleted?)`,
      );
    }
    const { data: pulls } = await call("list the pull requests of the run's branch", (request) =>
      rest.pulls.list({
        ...where,
        state: "open",
        head: `${headOwner}:${branch}`,
        per_page: PER_PAGE,
        request,
      }),
    );
    const matches = pulls.filter(
      (pr) =>
        pr.head.sha === run.head_sha &&
        pr.head.repo?.full_name === headRepo &&
        pr.base.repo.full_name === here,
    );
    const [only, ...more] = matches;
    if (only === undefined) {
      return none(
        `no open pull request in ${here} has ${headRepo} branch ${branch} at commit ${run.head_sha.slice(0, 12)} ` +
          `as its head, the commit workflow run ${runId} measured (pushed to or closed since?)`,
      );
    }
    if (more.length > 0) {
      return none(
        `pull requests ${matches.map((pr) => `#${pr.number}`).join(", ")} all have the run's head commit: not guessing`,
      );
    }
    return { kind: "pull-request", number: only.number };
  }
}

function none(reason: string): PullRequestLookup {
  return { kind: "none", reason };
}
