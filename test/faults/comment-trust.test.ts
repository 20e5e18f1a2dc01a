/**
 * The privileged half of the fork pattern, end to end: a `workflow_run`
 * compare job (the bundled action under Node 24) reads artifacts a fork's
 * code uploaded, and may write. Which pull request it writes on comes from
 * GitHub's own record of the triggering run (the REST stand-in), and the
 * sticky comment is only ever one the token's identity wrote.
 */
import { copyFile, mkdtemp, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { commentMarker } from "../../src/adapters/github-comment.js";
import { HEAD_SHA, OWNER, REPO, useActionWorld } from "../action/action-world.js";

const { world, compare } = useActionWorld();

/** The fork's benchmark run: its artifacts claim pull request #99. */
const FORK_RUN = 7001;
const FORK_PR = 17;
const VICTIM_PR = 99;
const BRANCH = "feature";
const FIXTURES = resolve("test/fixtures/results");
const MARKER = commentMarker("jit-bench");

function workflowRunEvent(runId: number) {
  // As GitHub sends it for a fork: no pull_requests listed.
  return {
    action: "completed",
    workflow_run: { id: runId, head_sha: HEAD_SHA, pull_requests: [] },
  };
}

function compareAfter(runId: number) {
  return compare(
    runId + 1_000,
    { "run-id": String(runId) },
    { GITHUB_EVENT_NAME: "workflow_run" },
    workflowRunEvent(runId),
  );
}

/** Leg artifacts as a fork's run could upload them, with a record naming another pull request. */
async function uploadForkArtifacts(runId: number): Promise<void> {
  const { createActionsArtifactStore } = await import("../../src/adapters/artifacts.js");
  world.joinRun(runId);
  const store = createActionsArtifactStore({});
  for (const leg of ["off", "on"] as const) {
    const root = await mkdtemp(join(world.work, `fork-${leg}-`));
    await copyFile(join(FIXTURES, `${leg}.json`), join(root, `results-${leg}.json`));
    await writeFile(
      join(root, "pull-request.json"),
      JSON.stringify({ schema: "jit-bench/pull-request@1", number: VICTIM_PR, headSha: HEAD_SHA }),
    );
    await store.upload(
      `jit-bench-${leg}`,
      [join(root, `results-${leg}.json`), join(root, "pull-request.json")],
      root,
    );
  }
}

const prComments = (n: number) => world.github.comments(OWNER, REPO, n);

beforeAll(async () => {
  world.github.addIssue(OWNER, REPO, VICTIM_PR, [
    { body: `${MARKER}\nthe victim's own report`, login: "github-actions[bot]" },
  ]);
  world.github.addPullRequest(OWNER, REPO, {
    number: VICTIM_PR,
    headSha: "9".repeat(40),
    headBranch: "other",
    headRepo: `${OWNER}/${REPO}`,
  });
  world.github.addPullRequest(OWNER, REPO, {
    number: FORK_PR,
    headSha: HEAD_SHA,
    headBranch: BRANCH,
    headRepo: `mallory/${REPO}`,
  });
  for (const [id, headSha, headRepo, event] of [
    [FORK_RUN, HEAD_SHA, `mallory/${REPO}`, "pull_request"],
    [FORK_RUN + 1, "8".repeat(40), `mallory/${REPO}`, "pull_request"],
    [FORK_RUN + 2, HEAD_SHA, `mallory/renamed`, "pull_request"],
    [FORK_RUN + 3, HEAD_SHA, `mallory/${REPO}`, "push"],
  ] as const) {
    world.github.addWorkflowRun(OWNER, REPO, { id, headSha, headBranch: BRANCH, headRepo, event });
    await uploadForkArtifacts(id);
  }
}, 120_000);

describe("a workflow_run compare job reading a fork's artifacts", () => {
  it("comments only on the fork's own pull request, though its artifacts name another", async () => {
    const victim = prComments(VICTIM_PR).map((c) => ({ ...c }));
    const step = await compareAfter(FORK_RUN);
    expect(step.errors).toEqual([]);
    expect(step.code).toBe(0);
    expect(prComments(VICTIM_PR)).toEqual(victim);
    const mine = prComments(FORK_PR);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.body.startsWith(MARKER)).toBe(true);
    expect(step.stdout).toContain(`Comment created on pull request #${FORK_PR}`);
    expect(step.stdout).not.toContain(`#${VICTIM_PR}`);
    expect(
      world.github.requests.some(
        (r) => r.method !== "GET" && r.path.includes(`/issues/${VICTIM_PR}/`),
      ),
    ).toBe(false);
  });

  it("comments nowhere when no open pull request has the run's head commit, and says why", async () => {
    const before = world.github.requests.filter((r) => r.method !== "GET").length;
    const step = await compareAfter(FORK_RUN + 1);
    expect(step.code).toBe(0);
    expect(step.outputs["comment-url"]).toBe("");
    expect(step.stdout).toContain("No pull request comment: no open pull request in aria/app has");
    expect(step.summary).toContain("## jit-bench:");
    expect(world.github.requests.filter((r) => r.method !== "GET").length).toBe(before);
  });

  it("comments nowhere when the pull request's head repository is not the run's", async () => {
    const step = await compareAfter(FORK_RUN + 2);
    expect(step.code).toBe(0);
    expect(step.outputs["comment-url"]).toBe("");
    expect(step.stdout).toContain("mallory/renamed branch feature");
  });

  it("comments nowhere after a run that was not for a pull request", async () => {
    const step = await compareAfter(FORK_RUN + 3);
    expect(step.code).toBe(0);
    expect(step.outputs["comment-url"]).toBe("");
    expect(step.stdout).toContain("ran for a push event, not for a pull request");
  });

  it("fails the step, with the report written, when the triggering run cannot be looked up", async () => {
    world.github.fault({
      operationId: "actions/get-workflow-run",
      status: 404,
      message: "Not Found",
    });
    const step = await compareAfter(FORK_RUN);
    expect(step.code).toBe(1);
    expect(step.summary).toContain("## jit-bench:");
    expect(step.errors.join("\n")).toContain(
      `Could not look up workflow run ${FORK_RUN}: 404 Not Found`,
    );
  });
});

describe("the sticky comment in a workflow_run job", () => {
  it("leaves a look-alike by another user alone, and edits its own", async () => {
    const fake = world.github.addCommentBy(
      OWNER,
      REPO,
      FORK_PR,
      "mallory",
      `${MARKER}\n## jit-bench: enable\nverdict: ENABLE`,
    );
    const ours = prComments(FORK_PR).find((c) => c.login === "github-actions[bot]");
    const step = await compareAfter(FORK_RUN);
    expect(step.code).toBe(0);
    expect(step.stdout).toContain(`Comment updated on pull request #${FORK_PR}`);
    expect(step.outputs["comment-url"]).toContain(`#issuecomment-${ours?.id}`);
    expect(prComments(FORK_PR).find((c) => c.id === fake)?.body).toBe(
      `${MARKER}\n## jit-bench: enable\nverdict: ENABLE`,
    );
  });

  it("posts a new comment, with a warning saying why, when GitHub refuses to edit its own", async () => {
    const count = prComments(FORK_PR).length;
    world.github.fault({
      operationId: "issues/update-comment",
      status: 403,
      message: "Resource not accessible by integration",
    });
    const step = await compareAfter(FORK_RUN);
    expect(step.code).toBe(0);
    expect(step.errors).toEqual([]);
    expect(prComments(FORK_PR)).toHaveLength(count + 1);
    expect(step.warnings.join("\n")).toContain("could not be edited");
    expect(step.stdout).toContain(`Comment created on pull request #${FORK_PR}`);
  });
});
