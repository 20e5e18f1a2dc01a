import { describe, expect, it } from "vitest";
import { clockReport } from "../../../src/core/compare/clocks.js";
import { compareLegs } from "../../../src/core/compare/compare.js";
import type { LegInput } from "../../../src/core/compare/types.js";
import { InputError } from "../../../src/core/errors.js";
import { clockSentences } from "../../../src/core/render/clocks.js";
import type { ProcessRecord, Timer } from "../../../src/core/results.js";
import { type BenchmarkSpec, syntheticRun } from "./synthetic.js";

const SHAPE = { processes: 8, values: 10 };

/** The leg as a run with `timer` writes it: `values` on that clock, both clocks beside them. */
function withClocks(
  input: LegInput,
  timer: Timer,
  wallOf: (cpuNs: number, valueIndex: number, name: string) => number,
): LegInput {
  const benchmarks = input.results.benchmarks.map((b) => ({
    ...b,
    processes: b.processes.map((p): ProcessRecord => {
      const cpuValues = p.values;
      const wallValues = cpuValues.map((ns, i) => wallOf(ns, i, b.name));
      return {
        ...p,
        values: timer === "cpu" ? cpuValues : wallValues,
        cpuValues,
        wallValues,
        loadAverage: 3.5,
      };
    }),
  }));
  const settings = {
    processes: 8,
    warmups: 0,
    values: 10,
    minTimeMs: 10,
    timeoutMs: 60_000,
    timer,
    include: [],
    exclude: [],
  };
  return { ...input, results: { ...input.results, benchmarks }, settings };
}

const bench = (name: string, factor = 1): BenchmarkSpec => ({ name, ns: 1e6, factor });

describe("comparing on either clock", () => {
  it("compares a result again on the other clock it recorded", () => {
    // The JIT leg's CPU time is 1/1.2 of the no-JIT leg's; its wall time is the same as the no-JIT leg's.
    const run = syntheticRun(7, { ...SHAPE, benchmarks: [bench("bench_a", 1 / 1.2)] });
    const off = withClocks(run.off, "cpu", (ns) => ns);
    const on = withClocks(run.on, "cpu", (ns) => ns * 1.2);
    const onCpu = compareLegs(off, on);
    const onWall = compareLegs(off, on, { timer: { clock: "wall", input: "--timer" } });
    expect(onCpu.rows[0]?.speedup).toBeCloseTo(1.2, 1);
    expect(onWall.rows[0]?.speedup).toBeCloseTo(1, 1);
    expect(onCpu.clocks?.timer).toBe("cpu");
    expect(onWall.clocks?.timer).toBe("wall");
  });

  it("compares files written before both clocks on wall time, and says nothing of clocks", () => {
    const run = syntheticRun(8, { ...SHAPE, benchmarks: [bench("bench_a")] });
    const comparison = compareLegs(run.off, run.on);
    expect(comparison.clocks).toBeNull();
    expect(comparison.rows[0]?.speedup).not.toBeNull();
  });

  it("refuses a clock an old file does not hold, naming the flag and the fix", () => {
    const run = syntheticRun(9, { ...SHAPE, benchmarks: [bench("bench_a")] });
    const call = () => compareLegs(run.off, run.on, { timer: { clock: "cpu", input: "--timer" } });
    expect(call).toThrow(InputError);
    expect(call).toThrow(/--timer.*wall time only.*Compare it with --timer wall/);
  });

  it("puts legs timed with different clocks on the one both hold", () => {
    const run = syntheticRun(10, { ...SHAPE, benchmarks: [bench("bench_a")] });
    const off = withClocks(run.off, "wall", (ns) => ns * 2);
    const on = withClocks(run.on, "cpu", (ns) => ns * 2);
    const comparison = compareLegs(off, on);
    expect(comparison.clocks?.timer).toBe("cpu");
    expect(comparison.rows[0]?.speedup).toBeCloseTo(1, 1);
  });
});

describe("the clock report", () => {
  it("finds the benchmark that waits, and how much, and leaves the busy ones alone", () => {
    const run = syntheticRun(11, {
      ...SHAPE,
      benchmarks: [bench("bench_sleepy"), bench("bench_cpu")],
    });
    // bench_sleepy spends 15% of its wall time on the CPU, in every value.
    const wall = (ns: number, _i: number, name: string) =>
      name === "bench_sleepy" ? ns / 0.15 : ns * 1.01;
    const report = clockReport(
      [withClocks(run.off, "cpu", wall).results, withClocks(run.on, "cpu", wall).results],
      "cpu",
    );
    expect(report?.waiting).toHaveLength(1);
    expect(report?.waiting[0]?.name).toBe("bench_sleepy");
    expect(report?.waiting[0]?.waitShare).toBeCloseTo(0.85, 6);
    // Its waiting is its own, the same in every value: no sign of a busy machine.
    expect(report?.busy).toBe(false);
    expect(report?.legs.map((l) => l.loadAverage)).toEqual([3.5, 3.5]);
    const sentences = clockSentences(report ?? never(), (raw) => raw).join(" ");
    expect(sentences).toContain("bench_sleepy waits 85% of its time");
    expect(sentences).toContain("its row uses CPU time, so the waiting is left out");
  });

  it("says the machine dominated when wall time runs well above CPU time beyond the quietest values", () => {
    const run = syntheticRun(12, { ...SHAPE, benchmarks: [bench("bench_a"), bench("bench_b")] });
    // Every other value was stretched by other work: quietest 1.0, typical about 1.3.
    const wall = (ns: number, i: number) => (i % 2 === 0 ? ns : ns * 1.6);
    const off = withClocks(run.off, "wall", wall);
    const on = withClocks(run.on, "wall", wall);
    const report = compareLegs(off, on).clocks ?? never();
    expect(report.busy).toBe(true);
    expect(report.waiting).toEqual([]);
    for (const leg of report.legs) expect(leg.stretch).toBeGreaterThan(0.2);
    const onWall = clockSentences(report, (raw) => raw).join(" ");
    expect(onWall).toContain("The machine, not the code, dominated the wall times");
    const onCpu = clockSentences(
      compareLegs(off, on, { timer: { clock: "cpu", input: "--timer" } }).clocks ?? never(),
      (r) => r,
    );
    expect(onCpu.join(" ")).toContain("The rows use CPU time, which that barely moves");
  });
});

describe("the clock report with the wait for a CPU known (Linux)", () => {
  it("tells steady contention from a benchmark's own waiting", () => {
    const run = syntheticRun(13, {
      ...SHAPE,
      benchmarks: [bench("bench_crowded"), bench("bench_sleepy")],
    });
    // Every value of both waited for a CPU as long as it ran (wall = 2 x CPU from contention);
    // bench_sleepy also sleeps as long as it computes.
    const withQueue = (input: LegInput): LegInput => {
      const clocked = withClocks(input, "cpu", (ns, _i, name) =>
        name === "bench_sleepy" ? ns * 3 : ns * 2,
      );
      return {
        ...clocked,
        results: {
          ...clocked.results,
          benchmarks: clocked.results.benchmarks.map((b) => ({
            ...b,
            processes: b.processes.map((p) => ({ ...p, queueValues: p.cpuValues ?? [] })),
          })),
        },
      };
    };
    const report = compareLegs(withQueue(run.off), withQueue(run.on)).clocks ?? never();
    expect(report.waiting.map((w) => w.name)).toEqual(["bench_sleepy"]);
    expect(report.waiting[0]?.waitShare).toBeCloseTo(0.5, 6);
    // Wall time was twice what the work and the sleeping explain, in every value: a busy machine.
    expect(report.busy).toBe(true);
    for (const leg of report.legs) expect(leg.stretch).toBeGreaterThan(0.4);
  });
});

function never(): never {
  throw new Error("expected a clock report");
}

describe("forged clock fields", () => {
  it("never print Infinity: a wall time no CPU time can divide is left out", () => {
    const run = syntheticRun(16, { ...SHAPE, benchmarks: [{ name: "bench_a", ns: 1000 }] });
    const forged = {
      ...run.on,
      results: {
        ...run.on.results,
        benchmarks: run.on.results.benchmarks.map((b) => ({
          ...b,
          processes: b.processes.map((p) => ({
            ...p,
            wallValues: p.values.map(() => 86_400e9),
            cpuValues: p.values.map(() => 1e-320),
          })),
        })),
      },
    };
    const honest = {
      ...run.off,
      results: {
        ...run.off.results,
        benchmarks: run.off.results.benchmarks.map((b) => ({
          ...b,
          processes: b.processes.map((p) => ({ ...p, wallValues: p.values, cpuValues: p.values })),
        })),
      },
    };
    const report = compareLegs(honest, forged, { resamples: 50 }).clocks;
    expect(report).not.toBeNull();
    for (const leg of report?.legs ?? []) expect(Number.isFinite(leg.stretch)).toBe(true);
    const words = clockSentences(report as NonNullable<typeof report>, (t) => t).join(" ");
    expect(words).not.toMatch(/Infinity|NaN/);
  });
});
