/**
 * Benchmarks may print, write to fd 1 directly, even write a line that looks
 * like a harness message: none of it reaches the protocol, all of it lands
 * on stderr.
 */
import { describe, expect, it } from "vitest";
import { MeasureSession } from "../../src/measure/worker/calls.js";
import { options, PY } from "./support.js";

const printing = { name: "bench_print", file: "printing/bench_print.py", async: false };

describe.each([PY.py39, PY.py313])("a benchmark that prints (%s)", (python) => {
  it("is measured normally, and what it printed is on stderr", async () => {
    const session = await MeasureSession.start(options(python), printing, 4);
    const values = [(await session.next()).ns, (await session.next()).ns];
    const done = await session.finish();
    // The fake line claimed 1 ns per call; real values are the time of four prints.
    for (const ns of values) expect(ns).toBeGreaterThan(1);
    expect(done.jit.compiled).toBe(false);
    expect(session.stderr).toContain("printed while importing");
    expect(session.stderr).toContain("printed by the benchmark");
    expect(session.stderr).toContain('{"type": "value", "ns": 1}');
  });
});
