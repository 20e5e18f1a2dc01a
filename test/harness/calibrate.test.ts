import { describe, expect, it } from "vitest";
import { calibrate } from "../../src/measure/worker/calls.js";
import { options, PY } from "./support.js";

const MIN_TIME_NS = 1_000_000;
/** What bench_slow sleeps per call (calibrate/bench_speeds.py). */
const SLEEP_NS = 4_000_000;
const fast = { name: "bench_fast", file: "calibrate/bench_speeds.py", async: false };
const slow = { name: "bench_slow", file: "calibrate/bench_speeds.py", async: false };

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(Math.log2(n));
}

describe.each([PY.py39, PY.py313])("calibrate (%s)", (python) => {
  it("grows the loop count for a fast function until one value lasts the minimum time", async () => {
    const result = await calibrate(options(python), fast, MIN_TIME_NS);
    expect(Object.keys(result).sort()).toEqual(["loops", "ns", "overheadNs", "resolutionNs"]);
    // Each clock's smallest step, as this process saw it: a positive number of nanoseconds.
    expect(result.resolutionNs.wall).toBeGreaterThan(0);
    expect(result.resolutionNs.cpu).toBeGreaterThan(0);
    // The empty loop is the floor under every value: positive, and below a call of the benchmark.
    expect(result.overheadNs).toBeGreaterThan(0);
    expect(result.overheadNs).toBeLessThan(result.ns);
    expect(result.loops).toBeGreaterThan(1);
    expect(isPowerOfTwo(result.loops)).toBe(true);
    expect(result.loops * result.ns).toBeGreaterThanOrEqual(MIN_TIME_NS);
  });

  it("with the CPU timer, grows the loop until the CPU time of one value spans many clock steps", async () => {
    const result = await calibrate(options(python), fast, MIN_TIME_NS, "cpu");
    expect(isPowerOfTwo(result.loops)).toBe(true);
    // ns is CPU time per call here; a value lasts at least 100 steps of the CPU clock.
    expect(result.loops * result.ns).toBeGreaterThanOrEqual(100 * result.resolutionNs.cpu);
  });

  it("with the CPU timer, still calibrates a function that mostly sleeps on wall time", async () => {
    // bench_slow sleeps 4 ms and barely uses the CPU: its value is long enough on the wall clock.
    const result = await calibrate(options(python), slow, MIN_TIME_NS, "cpu");
    expect(result.loops).toBeLessThanOrEqual(1024);
    // The CPU clock leaves the 4 ms sleep out. What it does count can reach past 1 ms a call
    // on a busy VM whose kernel charges CPU time by the tick (one clean-clone run saw 1.95 ms),
    // but never the sleep itself.
    expect(result.ns).toBeLessThan(SLEEP_NS);
  });

  it("keeps one call per value for a function slower than the minimum time", async () => {
    // bench_slow sleeps 4 ms; one call already lasts longer than 1 ms.
    const result = await calibrate(options(python), slow, MIN_TIME_NS);
    expect(result.loops).toBe(1);
    expect(result.ns).toBeGreaterThanOrEqual(MIN_TIME_NS);
  });
});
