/**
 * The three JIT states of a row (no JIT, idle, engaged) through compare and
 * the verdict, from what the JIT leg's processes recorded.
 */
import { describe, expect, it } from "vitest";
import { compareLegs } from "../../../src/core/compare/compare.js";
import type { LegInput } from "../../../src/core/compare/types.js";
import { followUp, IDLE_SUITE } from "../../../src/core/render/headline.js";
import { decideVerdict, suiteIsIdle } from "../../../src/core/verdict.js";
import { JIT_ACTIVE, NO_JIT_BUILD, syntheticRun } from "./synthetic.js";

const shape = { processes: 6, values: 3 };
const options = { resamples: 50 };

/** The JIT leg's processes as the old, narrow check saw them: no executor on the benchmark itself. */
function narrowCheckSaysInactive(leg: LegInput): LegInput {
  const benchmarks = leg.results.benchmarks.map((b) => ({
    ...b,
    processes: b.processes.map((p) => ({ ...p, jit: { ...p.jit, active: false } })),
  }));
  return { ...leg, results: { ...leg.results, jit: JIT_ACTIVE, benchmarks } };
}

describe("row JIT states", () => {
  it("finds the JIT's work in a helper even where the benchmark's own code holds none", () => {
    const run = syntheticRun(31, {
      ...shape,
      benchmarks: [
        { name: "bench_helper", ns: 50_000, factor: 0.9, executors: 1 },
        { name: "bench_c_call", ns: 20_000, factor: 1, executors: 0 },
      ],
    });
    const comparison = compareLegs(run.off, narrowCheckSaysInactive(run.on), options);
    expect(comparison.gate.applicable).toBe(true);
    const [helper, cCall] = comparison.rows;
    expect(helper?.jit).toMatchObject({
      state: "engaged",
      executors: 1,
      engagedProcesses: 6,
      scannedProcesses: 6,
      proof: "sys._jit + _opcode.get_executor",
    });
    expect(helper?.jit.hotspots).toEqual([
      { function: "_loop_0", file: "bench_suite.py", line: 10, executors: 1, processes: 6 },
    ]);
    expect(cCall?.jit).toMatchObject({ state: "idle", executors: 0, engagedProcesses: 0 });
    // Idle rows are measured rows: they carry their speedup and interval.
    expect(cCall?.speedup).not.toBeNull();
    expect(cCall?.interval).not.toBeNull();
    const verdict = decideVerdict(comparison);
    expect(verdict.kind).not.toBe("not-applicable");
    expect(verdict.engagement).toEqual({ engaged: 1, idle: 1, unverified: 0, "no-jit": 0 });
    expect(suiteIsIdle(verdict)).toBe(false);
    expect(followUp(verdict, comparison)[0]).toBe(
      "The JIT compiled code for 1 of 2 benchmarks; 1 ran no Python code hot enough for it (idle).",
    );
  });

  it("says in one sentence when no benchmark engaged the JIT, and decides on the measured rows", () => {
    const run = syntheticRun(32, {
      ...shape,
      benchmarks: [
        { name: "bench_a", ns: 10_000, factor: 1.08, executors: 0 },
        { name: "bench_b", ns: 30_000, factor: 1.08, executors: 0 },
      ],
    });
    const comparison = compareLegs(run.off, run.on, options);
    expect(comparison.rows.map((r) => r.jit.state)).toEqual(["idle", "idle"]);
    const verdict = decideVerdict(comparison);
    expect(verdict.kind).not.toBe("not-applicable");
    expect(suiteIsIdle(verdict)).toBe(true);
    expect(followUp(verdict, comparison)).toContain(IDLE_SUITE);
  });

  it("marks every row no-JIT when the JIT leg's interpreter has none", () => {
    const run = syntheticRun(
      33,
      { ...shape, benchmarks: [{ name: "bench_a", ns: 1_000 }] },
      {
        on: { jit: NO_JIT_BUILD },
      },
    );
    const comparison = compareLegs(run.off, run.on, options);
    expect(comparison.gate.applicable).toBe(false);
    expect(comparison.rows[0]?.jit).toMatchObject({ state: "no-jit", executors: null });
    const verdict = decideVerdict(comparison);
    expect(verdict.kind).toBe("not-applicable");
    expect(followUp(verdict, comparison)).not.toContain(IDLE_SUITE);
  });

  it("calls rows from files without an executor scan unverified, not idle", () => {
    const run = syntheticRun(34, {
      ...shape,
      benchmarks: [{ name: "bench_old", ns: 1_000, unscanned: true }],
    });
    const row = compareLegs(run.off, run.on, options).rows[0];
    expect(row?.jit.state).toBe("unverified");
    expect(row?.jit.proof).toContain("6 of 6 processes recorded no executor scan");
    expect(row?.jit.loopShare).toBeNull();
  });

  it("reports the timing loop's share of a call in the leg where it is largest", () => {
    const run = syntheticRun(35, {
      ...shape,
      noise: { processSd: 0, valueSd: 0, valueOutlier: 0, processOutlier: 0 },
      benchmarks: [{ name: "bench_tiny", ns: 40, factor: 0.5, loopNs: 8 }],
    });
    const row = compareLegs(run.off, run.on, options).rows[0];
    // 8 ns of loop in a 20 ns call with the JIT; 8 of 40 without.
    expect(row?.jit.loopShare).toBeCloseTo(0.4, 10);
  });
});
