/**
 * A function that does nothing: the harness's own per-call overhead must be
 * far below a microsecond, and the loop count must make each value long
 * enough that the clock's resolution is not what is measured.
 */
import { describe, expect, it } from "vitest";
import { calibrate, MeasureSession } from "../../src/measure/worker/calls.js";
import { options, PY } from "./support.js";

const noop = { name: "bench_noop", file: "noop/bench_noop.py", async: false };
const MIN_TIME_NS = 1_000_000;

describe.each([PY.py39, PY.py313])("a noop benchmark (%s)", (python) => {
  it("is measured well under 1 µs per call, with values lasting at least the minimum time", async () => {
    const calibration = await calibrate(options(python), noop, MIN_TIME_NS);
    expect(calibration.loops).toBeGreaterThanOrEqual(1024);
    expect(calibration.loops * calibration.ns).toBeGreaterThanOrEqual(MIN_TIME_NS);
    const session = await MeasureSession.start(options(python), noop, calibration.loops);
    const values = [
      (await session.next()).ns,
      (await session.next()).ns,
      (await session.next()).ns,
    ];
    await session.finish();
    for (const ns of values) {
      expect(ns).toBeGreaterThan(0);
      expect(ns).toBeLessThan(1000);
    }
  });
});
