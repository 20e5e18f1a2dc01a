import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type GitHubContext, readGitHubContext } from "../../src/action/context.js";
import {
  commentTarget,
  parsePullRequestRecord,
  pullRequestRecord,
} from "../../src/action/pull-request-record.js";

const SHA = "a".repeat(40);
const base: GitHubContext = {
  owner: "aria",
  repo: "app",
  eventName: "workflow_run",
  runId: 2,
  pullRequest: null,
  workflowRun: { id: 1, headSha: SHA, pullRequests: [] },
};

describe("the pull request record in leg artifacts", () => {
  it("round-trips a record and refuses anything that is not exactly one", () => {
    const text = pullRequestRecord({ number: 12, headSha: SHA });
    expect(parsePullRequestRecord(text)).toEqual({ number: 12, headSha: SHA });
    const bad = [
      "not json",
      JSON.stringify({ schema: "jit-bench/pull-request@1", number: 12 }),
      JSON.stringify({ schema: "jit-bench/pull-request@1", number: -1, headSha: SHA }),
      JSON.stringify({ schema: "jit-bench/pull-request@1", number: 1.5, headSha: SHA }),
      JSON.stringify({ schema: "jit-bench/pull-request@1", number: 12, headSha: "HEAD" }),
      JSON.stringify({ schema: "jit-bench/pull-request@1", number: 12, headSha: SHA, extra: 1 }),
      JSON.stringify({ schema: "other", number: 12, headSha: SHA }),
      `${text}${" ".repeat(2000)}`,
    ];
    for (const text of bad) expect(parsePullRequestRecord(text)).toBeNull();
  });
});

describe("commentTarget", () => {
  it("comments on the pull request of a pull_request event", () => {
    const context = {
      ...base,
      eventName: "pull_request",
      workflowRun: null,
      pullRequest: { number: 3, headSha: SHA },
    };
    expect(commentTarget(context, [])).toEqual({ kind: "pull-request", number: 3 });
  });

  it("prefers the pull request GitHub lists for the triggering run over any record", () => {
    const context = { ...base, workflowRun: { id: 1, headSha: SHA, pullRequests: [5] } };
    expect(commentTarget(context, [{ number: 9, headSha: SHA }])).toEqual({
      kind: "pull-request",
      number: 5,
    });
  });

  it("takes the records' pull request only when they agree and match the run's head commit", () => {
    const record = { number: 9, headSha: SHA };
    expect(commentTarget(base, [record, record])).toEqual({ kind: "pull-request", number: 9 });
    expect(commentTarget(base, [record, { number: 10, headSha: SHA }]).kind).toBe("none");
    expect(commentTarget(base, [{ number: 9, headSha: "b".repeat(40) }]).kind).toBe("none");
    expect(commentTarget(base, [null]).kind).toBe("none");
  });

  it("does not comment for other events", () => {
    const target = commentTarget({ ...base, eventName: "push", workflowRun: null }, []);
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
