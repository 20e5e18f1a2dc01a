/**
 * The bundled action end to end, as the runner runs it: two run-mode jobs
 * (one per leg) upload their artifacts to the artifact service stand-in
 * (Azurite behind its twirp endpoints), and compare-mode jobs download them
 * and keep one sticky comment through the REST stand-in, which checks every
 * request against GitHub's OpenAPI description.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectNoSecret, HEAD_SHA, OWNER, PR, REPO, useActionWorld } from "./action-world.js";

const { world, runLeg, compare, comments, calls } = useActionWorld();

describe("the bundled action (dist/index.js under Node 24)", () => {
  const RUN = 4242;

  beforeAll(() => {
    world.github.addIssue(OWNER, REPO, PR, ["An unrelated comment by a person."]);
    world.github.addPullRequest(OWNER, REPO, {
      number: PR,
      headSha: HEAD_SHA,
      headBranch: "speedups",
      headRepo: `contributor/${REPO}`,
    });
    world.github.addWorkflowRun(OWNER, REPO, {
      id: RUN,
      headSha: HEAD_SHA,
      headBranch: "speedups",
      headRepo: `contributor/${REPO}`,
    });
  });

  it("uploads one artifact per leg from two run jobs, each with a summary that proves the JIT state", async () => {
    const [off, on] = await Promise.all([runLeg(RUN, "0"), runLeg(RUN, "1")]);
    for (const [step, leg] of [
      [off, "off"],
      [on, "on"],
    ] as const) {
      expect(step.errors).toEqual([]);
      expect(step.code).toBe(0);
      expect(step.outputs["results-path"]).toMatch(new RegExp(`results-${leg}\\.json$`));
      expect(step.summary).toContain(
        "JIT compiled in: no — this leg measured the plain interpreter.",
      );
      expect(step.summary).toContain(`jit-bench-${leg}`);
      expect(step.stdout).toContain("::group::Measure");
      expect(step.stdout).toContain("::group::Upload results");
      expectNoSecret(step);
    }
    expect(
      world.service
        .artifacts(RUN)
        .map((a) => a.name)
        .sort(),
    ).toEqual(["jit-bench-off", "jit-bench-on"]);
  });

  it("downloads both legs in a compare job, writes the summary and outputs, and posts one comment", async () => {
    const step = await compare(RUN);
    expect(step.errors).toEqual([]);
    expect(step.code).toBe(0);
    // python3 here has no JIT compiled in: the honest verdict says so.
    expect(step.outputs.verdict).toBe("not-applicable");
    expect(Number(step.outputs.speedup)).toBeGreaterThan(0);
    expect(Number(step.outputs["speedup-low"])).toBeLessThanOrEqual(Number(step.outputs.speedup));
    expect(Number(step.outputs["speedup-high"])).toBeGreaterThanOrEqual(
      Number(step.outputs.speedup),
    );
    expect(step.outputs.recommendation).toMatch(/^Not applicable/);
    expect(step.outputs["results-path"]).toMatch(/\.jit-bench\/comparison\.json$/);
    expect(step.summary).toContain("## jit-bench: not applicable");
    expect(step.summary).toContain("bench\\_sum");
    // No JIT, no speedup to chart.
    expect(step.summary).not.toContain("xychart-beta");

    const mine = comments().filter((c) => c.body.startsWith("<!-- jit-bench:jit-bench -->"));
    expect(mine).toHaveLength(1);
    expect(comments()).toHaveLength(2);
    expect(step.outputs["comment-url"]).toBe(
      `https://github.com/${OWNER}/${REPO}/pull/${PR}#issuecomment-${mine[0]?.id}`,
    );
    expect(mine[0]?.body).toContain("bench\\_join");
    // The commit it measured, from the event GitHub wrote: a newer push's comment is told apart.
    expect(mine[0]?.body).toContain(`Measured at commit ${HEAD_SHA.slice(0, 12)}.`);
    expectNoSecret(step);
  });

  it("updates the same comment on a second compare instead of adding one", async () => {
    const before = comments().map((c) => ({ ...c }));
    const updates = calls("issues/update-comment");
    const step = await compare(RUN);
    expect(step.code).toBe(0);
    expect(comments()).toHaveLength(before.length);
    expect(calls("issues/update-comment")).toBe(updates + 1);
    const mine = comments().find((c) => c.body.startsWith("<!-- jit-bench:jit-bench -->"));
    const earlier = before.find((c) => c.id === mine?.id);
    expect(mine?.updatedAt).not.toBe(earlier?.updatedAt);
  });

  it("leaves the comment alone when the pull request has moved on to a newer commit, and says so", async () => {
    const before = comments().map((c) => ({ ...c }));
    const older = "fedcba9876543210fedcba9876543210fedcba98";
    const step = await compare(
      RUN,
      {},
      {},
      {
        action: "synchronize",
        number: PR,
        pull_request: { number: PR, head: { sha: older } },
      },
    );
    expect(step.code).toBe(0);
    expect(comments()).toEqual(before);
    expect(step.outputs["comment-url"]).toBe("");
    expect(step.warnings.join("\n")).toContain(
      `this run measured commit ${older.slice(0, 12)}, but pull request #${PR} has moved on to ${HEAD_SHA.slice(0, 12)}`,
    );
    expect(step.summary).toContain("> No pull request comment: this run measured commit");
  });

  it("keeps a second workflow's comment apart by its key", async () => {
    const step = await compare(RUN, { "comment-key": "nightly-py313" });
    expect(step.code).toBe(0);
    expect(comments().filter((c) => c.body.startsWith("<!-- jit-bench:"))).toHaveLength(2);
  });

  it("retries GitHub's server errors and rate limits with backoff, then updates the comment", async () => {
    world.github.fault({ operationId: "issues/list-comments", status: 502, times: 2 });
    world.github.fault({
      operationId: "issues/update-comment",
      status: 429,
      headers: { "retry-after": "0" },
      message: "You have exceeded a secondary rate limit",
    });
    const lists = calls("issues/list-comments");
    const updates = calls("issues/update-comment");
    const step = await compare(RUN);
    expect(step.errors).toEqual([]);
    expect(step.code).toBe(0);
    expect(calls("issues/list-comments")).toBe(lists + 3);
    expect(calls("issues/update-comment")).toBe(updates + 2);
    expect(step.outputs["comment-url"]).toContain(`/pull/${PR}#issuecomment-`);
  });

  it("still writes the summary and outputs when commenting is forbidden, with a warning on the two-workflow pattern", async () => {
    world.github.fault({
      operationId: "issues/list-comments",
      status: 403,
      message: "Resource not accessible by integration",
    });
    const step = await compare(RUN);
    expect(step.code).toBe(0);
    expect(step.errors).toEqual([]);
    expect(step.outputs.verdict).toBe("not-applicable");
    expect(step.outputs["comment-url"]).toBe("");
    expect(step.summary).toContain("## jit-bench: not applicable");
    const warning = step.warnings.find((w) => w.includes("workflow_run"));
    expect(warning).toContain("docs/fork-prs.md");
    expect(warning).toContain("Resource not accessible by integration");
  });

  it("comments from a workflow_run job on the pull request GitHub names for the triggering run, reading its artifacts", async () => {
    const commenter = 5151;
    const event = {
      action: "completed",
      workflow_run: { id: RUN, head_sha: HEAD_SHA, pull_requests: [] },
    };
    const updates = calls("issues/update-comment");
    const step = await compare(
      commenter,
      { "run-id": String(RUN) },
      { GITHUB_EVENT_NAME: "workflow_run" },
      event,
    );
    expect(step.errors).toEqual([]);
    expect(step.code).toBe(0);
    expect(calls("actions/list-workflow-run-artifacts")).toBeGreaterThan(0);
    expect(calls("actions/get-workflow-run")).toBeGreaterThan(0);
    expect(calls("pulls/list")).toBeGreaterThan(0);
    expect(calls("issues/update-comment")).toBe(updates + 1);
    expect(step.outputs["comment-url"]).toContain(`/pull/${PR}#issuecomment-`);
  });
});
