/**
 * The harness floor: an empty benchmark must come out near what
 * `python -m timeit` says for the same empty function on the same
 * interpreter, measured here in the same test run. The bounds are generous
 * (a factor of 3 either way) because the machine is shared and the two
 * measure at different moments; they catch a floor that is wrong by a large
 * factor, such as a timing loop that costs more than the call it times. The
 * tight figure is in docs/performance.md.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { calibrate, MeasureSession } from "../../src/measure/worker/calls.js";
import { options, PY } from "./support.js";

const noop = { name: "bench_noop", file: "noop/bench_noop.py", async: false };

/** timeit's "best of 5" figure for calling an empty function, in nanoseconds per call. */
function timeitNs(python: string): number {
  const out = execFileSync(python, ["-m", "timeit", "-s", "def f(): pass", "f()"], {
    encoding: "utf8",
    env: { ...process.env, PYTHON_JIT: "0" },
  });
  const match = /best of \d+: ([\d.]+) (nsec|usec|msec|sec) per loop/.exec(out);
  if (!match) throw new Error(`unexpected timeit output: ${out}`);
  const scale = { nsec: 1, usec: 1e3, msec: 1e6, sec: 1e9 }[match[2] as "nsec"];
  return Number(match[1]) * scale;
}

describe.each([PY.py39, PY.py313, PY.default])("the empty benchmark on %s", (python) => {
  it("is measured within a factor of 3 of timeit's figure, with the loop's own cost reported", async () => {
    const reference = timeitNs(python);
    const calibration = await calibrate(options(python), noop, 20_000_000);
    const session = await MeasureSession.start(options(python), noop, calibration.loops);
    const values: number[] = [];
    for (let i = 0; i < 5; i++) values.push((await session.next()).ns);
    await session.finish();
    // timeit reports its best value; so does this side.
    const ours = Math.min(...values);
    expect(ours / reference).toBeGreaterThan(1 / 3);
    expect(ours / reference).toBeLessThan(3);
    // The empty loop is part of every value, and well under a call of even an empty function.
    expect(calibration.overheadNs).toBeGreaterThan(0);
    expect(calibration.overheadNs).toBeLessThan(ours);
  });
});
