import { describe, expect, it } from "vitest";
import { calibrate } from "../../src/measure/worker.js";
import { options, PY } from "./support.js";

const MIN_TIME_NS = 1_000_000;
const fast = { name: "bench_fast", file: "calibrate/bench_speeds.py", async: false };
const slow = { name: "bench_slow", file: "calibrate/bench_speeds.py", async: false };

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(Math.log2(n));
}

describe.each([PY.py39, PY.py313])("calibrate (%s)", (python) => {
  it("grows the loop count for a fast function until one value lasts the minimum time", async () => {
    const result = await calibrate(options(python), fast, MIN_TIME_NS);
    expect(Object.keys(result).sort()).toEqual(["loops", "ns", "overheadNs"]);
    // The empty loop is the floor under every value: positive, and below a call of the benchmark.
    expect(result.overheadNs).toBeGreaterThan(0);
    expect(result.overheadNs).toBeLessThan(result.ns);
    expect(result.loops).toBeGreaterThan(1);
    expect(isPowerOfTwo(result.loops)).toBe(true);
    expect(result.loops * result.ns).toBeGreaterThanOrEqual(MIN_TIME_NS);
  });

  it("keeps one call per value for a function slower than the minimum time", async () => {
    // bench_slow sleeps 4 ms; one call already lasts longer than 1 ms.
    const result = await calibrate(options(python), slow, MIN_TIME_NS);
    expect(result.loops).toBe(1);
    expect(result.ns).toBeGreaterThanOrEqual(MIN_TIME_NS);
  });
});
