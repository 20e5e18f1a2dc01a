/**
 * The bundled action when legs or shards are missing: compare merges each
 * leg's shards and fails with one error naming exactly what it expected.
 */
import { describe, expect, it } from "vitest";
import { expression } from "../../src/action/names.js";
import { useActionWorld } from "./action-world.js";

const { runLeg, compare } = useActionWorld();

describe("the bundled action with missing artifacts", () => {
  it("merges each leg's shards in compare, and names a shard that is missing", async () => {
    const sharded = 4545;
    const first = await Promise.all([
      runLeg(sharded, "0", "1/2"),
      runLeg(sharded, "0", "2/2"),
      runLeg(sharded, "1", "1/2"),
    ]);
    for (const step of first) expect(step.code).toBe(0);
    const missing = await compare(sharded, { comment: "false" });
    expect(missing.code).not.toBe(0);
    expect(missing.errors).toHaveLength(1);
    expect(missing.errors[0]).toMatch(
      /^Artifact "jit-bench-on-shard-2-of-2" not found in this workflow run/,
    );

    expect((await runLeg(sharded, "1", "2/2")).code).toBe(0);
    const step = await compare(sharded, { comment: "false" });
    expect(step.errors).toEqual([]);
    expect(step.code).toBe(0);
    expect(step.summary).toContain("bench\\_sum");
    expect(step.summary).toContain("bench\\_join");
    expect(step.summary).not.toContain("missing shard");
  });

  it("fails with one clear error naming the leg artifact that is missing", async () => {
    const lonely = 4343;
    const off = await runLeg(lonely, "0");
    expect(off.code).toBe(0);
    const step = await compare(lonely);
    expect(step.code).not.toBe(0);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toMatch(
      /^Artifact "jit-bench-on" not found in this workflow run; it has "jit-bench-off"\./,
    );
    expect(step.outputs).toEqual({});
    // The job summary, where a reader of the run looks first, says what happened too.
    expect(step.summary).toMatch(/^## jit-bench: failed\n\nArtifact "jit-bench-on" not found/m);
  });

  it("tells a workflow_run job that reads its own run to set run-id", async () => {
    const step = await compare(
      4646,
      {},
      { GITHUB_EVENT_NAME: "workflow_run" },
      {
        workflow_run: { id: 1, head_sha: "a".repeat(40), pull_requests: [] },
      },
    );
    expect(step.code).not.toBe(0);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toContain(
      'Artifacts "jit-bench-off", "jit-bench-on" not found in this workflow run',
    );
    expect(step.errors[0]).toContain(`set run-id: ${expression("github.event.workflow_run.id")}`);
  });
});
