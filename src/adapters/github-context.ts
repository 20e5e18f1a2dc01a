/**
 * What the runner tells the action about the workflow run: the repository,
 * the event and, for pull requests, which one. Read from the environment and
 * the event payload file once, into plain data the modes can be given.
 */
import { readFile } from "node:fs/promises";

export interface PullRequestRef {
  number: number;
  headSha: string;
}

export interface GitHubContext {
  owner: string;
  repo: string;
  eventName: string;
  /** GITHUB_RUN_ID: the run this job belongs to. */
  runId: number | null;
  /** The pull request of a pull_request or pull_request_target event. */
  pullRequest: PullRequestRef | null;
  /** For a workflow_run event: the run that triggered this one. */
  workflowRun: { id: number; headSha: string; pullRequests: number[] } | null;
}

export const PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"] as const;

export async function readGitHubContext(
  env: Readonly<Record<string, string | undefined>>,
): Promise<GitHubContext> {
  const [owner = "", repo = ""] = (env.GITHUB_REPOSITORY ?? "").split("/");
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const payload = await readPayload(env.GITHUB_EVENT_PATH);
  return {
    owner,
    repo,
    eventName,
    runId: positiveInt(env.GITHUB_RUN_ID),
    pullRequest: (PULL_REQUEST_EVENTS as readonly string[]).includes(eventName)
      ? pullRequestOf(payload)
      : null,
    workflowRun: eventName === "workflow_run" ? workflowRunOf(payload) : null,
  };
}

/** This workflow run's page, or null outside a run (no run id or repository). */
export function runUrlOf(
  env: Readonly<Record<string, string | undefined>>,
  context: GitHubContext,
): string | null {
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  if (context.runId === null || context.owner === "") return null;
  return `${server.replace(/\/+$/, "")}/${context.owner}/${context.repo}/actions/runs/${context.runId}`;
}

async function readPayload(path: string | undefined): Promise<Record<string, unknown>> {
  if (!path) return {};
  try {
    const parsed: unknown = JSON.parse(await readFile(path, "utf8"));
    return isRecord(parsed) ? parsed : {};
  } catch {
    // No payload file is what a local run looks like: no pull request to comment on.
    return {};
  }
}

function pullRequestOf(payload: Record<string, unknown>): PullRequestRef | null {
  const pr = payload.pull_request;
  if (!isRecord(pr)) return null;
  const number = positiveInt(pr.number);
  const head = isRecord(pr.head) ? pr.head : {};
  if (number === null) return null;
  return { number, headSha: typeof head.sha === "string" ? head.sha : "" };
}

function workflowRunOf(payload: Record<string, unknown>): GitHubContext["workflowRun"] {
  const run = payload.workflow_run;
  if (!isRecord(run)) return null;
  const id = positiveInt(run.id);
  if (id === null) return null;
  const prs = Array.isArray(run.pull_requests) ? run.pull_requests : [];
  return {
    id,
    headSha: typeof run.head_sha === "string" ? run.head_sha : "",
    pullRequests: prs.flatMap((pr) => {
      const n = isRecord(pr) ? positiveInt(pr.number) : null;
      return n === null ? [] : [n];
    }),
  };
}

function positiveInt(value: unknown): number | null {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? n : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
