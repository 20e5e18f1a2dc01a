/**
 * Async benchmarks run on one event loop per process. The fixture raises when
 * it finds itself on a second loop; driving it with asyncio.run per call (what
 * the harness must not do) shows that the check catches a new loop.
 */
import { describe, expect, it } from "vitest";
import { calibrate, MeasureSession } from "../../src/measure/worker/calls.js";
import { options, PY } from "./support.js";

const sameLoop = { name: "bench_same_loop", file: "async-loop/bench_loop.py", async: true };
const runPerCall = {
  name: "bench_asyncio_run_per_call",
  file: "async-loop/bench_loop.py",
  async: false,
};

describe.each([PY.py39, PY.py313])("async benchmarks (%s)", (python) => {
  it("run every call of calibration and of every value on the same event loop", async () => {
    const { loops } = await calibrate(options(python), sameLoop, 200_000);
    const session = await MeasureSession.start(options(python), sameLoop, loops);
    for (let i = 0; i < 5; i++) expect((await session.next()).ns).toBeGreaterThan(0);
    await session.finish();
  });

  it("would fail the check if each call had a loop of its own", async () => {
    await expect(calibrate(options(python), runPerCall, 200_000)).rejects.toMatchObject({
      reason: expect.stringContaining("raised RuntimeError: a new event loop"),
    });
  });
});
