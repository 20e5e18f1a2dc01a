/**
 * A benchmark may start processes of its own. They belong to the worker's
 * process group and end with it, even when the worker finishes normally,
 * so they can neither survive the run nor keep its pipes open.
 */
import { describe, expect, it } from "vitest";
import { MeasureSession } from "../../src/measure/worker/calls.js";
import { eventually, groupGone, options, PY, pidGone } from "../harness/support.js";

const bench = { name: "bench_leaves_a_child_behind", file: "failures/bench_hang.py", async: false };

describe("a worker whose benchmark started a process", () => {
  // The worker's own limit is far beyond this test's: finishing must not wait for the child.
  it("finishes without waiting for that process, and the process is gone afterwards", {
    timeout: 60_000,
  }, async () => {
    const session = await MeasureSession.start(
      options(PY.default, { timeoutMs: 600_000 }),
      bench,
      1,
    );
    const pid = session.pid ?? 0;
    await session.next();
    await session.next();
    const done = await session.finish();
    expect(done.jit.compiled).toBe(false);
    const grandchild = Number(/grandchild pid (\d+)/.exec(session.stderr)?.[1]);
    expect(grandchild).toBeGreaterThan(0);
    expect(await eventually(() => pidGone(pid) && pidGone(grandchild) && groupGone(pid))).toBe(
      true,
    );
  });
});
