import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commentTarget } from "../../src/action/comment-target.js";
import { type GitHubContext, readGitHubContext } from "../../src/adapters/github-context.js";
import type { PullRequestFinder } from "../../src/adapters/ports.js";

const SHA = "a".repeat(40);
const base: GitHubContext = {
  owner: "aria",
  repo: "app",
  eventName: "workflow_run",
  runId: 2,
  pullRequest: null,
  workflowRun: { id: 1, headSha: SHA, pullRequests: [9] },
};

/** Answers for run 1 only, and counts the questions. */
function finder(number: number | null): PullRequestFinder & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    ofRun: async (runId) => {
      asked.push(runId);
      return number === null
        ? { kind: "none", reason: "no open pull request has that head" }
        : { kind: "pull-request", number };
    },
  };
}

describe("commentTarget", () => {
  it("comments on the pull request of a pull_request event, asking nothing", async () => {
    const context = {
      ...base,
      eventName: "pull_request",
      workflowRun: null,
      pullRequest: { number: 3, headSha: SHA },
    };
    const ask = finder(5);
    expect(await commentTarget(context, ask)).toEqual({ kind: "pull-request", number: 3 });
    expect(ask.asked).toEqual([]);
  });

  it("asks GitHub about the triggering run of a workflow_run event, whatever its payload lists", async () => {
    const ask = finder(5);
    expect(await commentTarget(base, ask)).toEqual({ kind: "pull-request", number: 5 });
    expect(ask.asked).toEqual([1]);
    expect(await commentTarget(base, finder(null))).toEqual({
      kind: "none",
      reason: "no open pull request has that head",
    });
  });

  it("does not comment for other events", async () => {
    const target = await commentTarget(
      { ...base, eventName: "push", workflowRun: null },
      finder(5),
    );
    expect(target).toEqual({ kind: "none", reason: "the push event is not about a pull request" });
  });
});

describe("readGitHubContext", () => {
  it("reads the repository, the run and the pull request from the runner's environment", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jit-bench-context-"));
    try {
      const path = join(dir, "event.json");
      await writeFile(path, JSON.stringify({ pull_request: { number: 42, head: { sha: SHA } } }));
      const context = await readGitHubContext({
        GITHUB_REPOSITORY: "aria/app",
        GITHUB_EVENT_NAME: "pull_request_target",
        GITHUB_EVENT_PATH: path,
        GITHUB_RUN_ID: "77",
      });
      expect(context).toEqual({
        owner: "aria",
        repo: "app",
        eventName: "pull_request_target",
        runId: 77,
        pullRequest: { number: 42, headSha: SHA },
        workflowRun: null,
      });
      await writeFile(
        path,
        JSON.stringify({
          workflow_run: { id: 5, head_sha: SHA, pull_requests: [{ number: 8 }, { number: "x" }] },
        }),
      );
      const run = await readGitHubContext({
        GITHUB_EVENT_NAME: "workflow_run",
        GITHUB_EVENT_PATH: path,
      });
      expect(run.workflowRun).toEqual({ id: 5, headSha: SHA, pullRequests: [8] });
      expect(run.pullRequest).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("treats a missing payload as no event to speak of", async () => {
    const context = await readGitHubContext({
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: "/nonexistent/event.json",
    });
    expect(context.pullRequest).toBeNull();
    expect(context.runId).toBeNull();
  });
});
