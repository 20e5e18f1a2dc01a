import { describe, expect, it } from "vitest";
import { compareLegs } from "../../../src/core/compare/compare.js";
import { InputError } from "../../../src/core/errors.js";
import { decideVerdict } from "../../../src/core/verdict.js";
import { NO_JIT_BUILD, suiteOf, syntheticRun } from "./synthetic.js";

const shape = { benchmarks: suiteOf(6), processes: 6, values: 4 };

describe("compareLegs", () => {
  it("inverts every speedup and interval exactly when the legs swap", () => {
    const run = syntheticRun(3, { ...shape, benchmarks: suiteOf(6, 0.95) });
    const there = compareLegs(run.off, run.on, { resamples: 300 });
    const back = compareLegs(run.on, run.off, { resamples: 300 });
    there.rows.forEach((row, i) => {
      const other = back.rows[i];
      expect(other?.speedup).toBeCloseTo(1 / (row.speedup as number), 14);
      expect(other?.interval?.low).toBeCloseTo(1 / (row.interval?.high as number), 14);
      expect(other?.interval?.high).toBeCloseTo(1 / (row.interval?.low as number), 14);
      expect(other?.p).toBe(row.p);
    });
    expect(back.suite?.geomean).toBeCloseTo(1 / (there.suite?.geomean as number), 14);
    expect(back.suite?.interval?.low).toBeCloseTo(1 / (there.suite?.interval?.high as number), 12);
    expect(back.suite?.interval?.high).toBeCloseTo(1 / (there.suite?.interval?.low as number), 12);
  });

  it("reports time per call as the median of the per-process medians", () => {
    const run = syntheticRun(4, shape);
    const comparison = compareLegs(run.off, run.on, { resamples: 50 });
    const bench = run.off.results.benchmarks[0];
    const medians = (bench?.processes ?? [])
      .map((p) => [...p.values].sort((a, b) => a - b))
      .map((v) => ((v[1] as number) + (v[2] as number)) / 2)
      .sort((a, b) => a - b);
    const expected = ((medians[2] as number) + (medians[3] as number)) / 2;
    expect(comparison.rows[0]?.baselineNs).toBeCloseTo(expected, 9);
  });

  it("is reproducible: the same seed gives the same comparison", () => {
    const run = syntheticRun(5, shape);
    expect(compareLegs(run.off, run.on, { seed: 9 })).toEqual(
      compareLegs(run.off, run.on, { seed: 9 }),
    );
  });

  it("marks benchmarks that failed or exist in one leg only, and leaves them out of the suite", () => {
    const run = syntheticRun(6, shape, {
      on: {
        benchmarks: [
          ...suiteOf(5),
          { name: "bench_005", ns: 100, status: "failed", reason: "Segmentation fault" },
          { name: "bench_new", ns: 100 },
        ],
      },
    });
    const comparison = compareLegs(run.off, run.on, { resamples: 50 });
    const failed = comparison.rows.find((r) => r.name === "bench_005");
    expect(failed).toMatchObject({ class: "failed", side: "candidate", speedup: null, p: null });
    expect(failed?.note).toContain("Segmentation fault");
    expect(comparison.rows.find((r) => r.name === "bench_new")).toMatchObject({
      class: "missing",
      side: "baseline",
    });
    // bench_000 (50 ns a call, a 6 ns timing loop) is flagged for its loop and kept apart too.
    expect(comparison.suite?.benchmarks).toBe(4);
    expect(comparison.suite?.leftOut).toEqual(["bench_000"]);
    expect(comparison.warnings.map((w) => w.kind)).toContain("failed-with-jit");
  });

  it("does not call a benchmark that skipped itself only with the JIT a failure or a regression", () => {
    const run = syntheticRun(61, shape, {
      on: {
        benchmarks: [
          ...suiteOf(5),
          { name: "bench_005", ns: 100, status: "skipped", reason: "PyYAML is not installed" },
        ],
      },
    });
    const comparison = compareLegs(run.off, run.on, { resamples: 50 });
    const skipped = comparison.rows.find((r) => r.name === "bench_005");
    expect(skipped).toMatchObject({ class: "failed", side: "candidate", skipped: true });
    expect(skipped?.note).toContain("skipped (PyYAML is not installed)");
    const kinds = comparison.warnings.map((w) => w.kind);
    expect(kinds).toContain("skipped-with-jit");
    expect(kinds).not.toContain("failed-with-jit");
    const verdict = decideVerdict(comparison);
    expect(verdict.failedWithJit).toEqual([]);
    expect(verdict.reason).not.toBe("failed-with-jit");
  });

  it("reports the change in peak RSS per benchmark and for the suite", () => {
    const run = syntheticRun(7, shape, { on: { rssGrowth: 0.3 } });
    const comparison = compareLegs(run.off, run.on, { resamples: 50 });
    expect(comparison.memory?.change).toBeCloseTo(0.3, 2);
    expect(comparison.rows[0]?.memory?.change).toBeCloseTo(0.3, 2);
  });

  it("names the closest benchmark names when the legs share none", () => {
    const run = syntheticRun(8, shape, {
      on: {
        benchmarks: [
          { name: "bench_json_dumps", ns: 10 },
          { name: "bench_toml", ns: 10 },
        ],
      },
      off: {
        benchmarks: [
          { name: "bench_json_dump", ns: 10 },
          { name: "bench_yaml", ns: 10 },
        ],
      },
    });
    const error = (() => {
      try {
        compareLegs(run.off, run.on);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain('"bench_json_dump" ~ "bench_json_dumps"');
    expect((error as Error).message).not.toContain("\n");
  });

  it("gates a JIT leg whose interpreter has no JIT", () => {
    const run = syntheticRun(9, shape, { on: { jit: NO_JIT_BUILD } });
    const comparison = compareLegs(run.off, run.on, { resamples: 50 });
    expect(comparison.gate).toMatchObject({ applicable: false });
    if (!comparison.gate.applicable) {
      expect(comparison.gate.reason).toContain("built without the JIT");
      expect(comparison.gate.interpreter).toContain("CPython 3.14.0");
    }
    // The table is still measured, as an A/A check.
    expect(comparison.rows.every((r) => r.speedup !== null)).toBe(true);
  });

  it("gates a JIT that was enabled but could not compile even the probe's hot loop", () => {
    const run = syntheticRun(10, shape, {
      on: { jit: { ...NO_JIT_BUILD, compiled: true, enabled: true } },
    });
    const gate = compareLegs(run.off, run.on, { resamples: 50 }).gate;
    expect(gate.applicable).toBe(false);
    if (!gate.applicable) expect(gate.reason).toContain("compiled nothing even for the probe");
  });

  it("warns loudly about different CPUs, interpreters and loop counts, and --strict refuses", () => {
    const run = syntheticRun(11, shape, {
      on: { cpuModel: "Intel Xeon Platinum 8370C", version: "3.14.1", loops: 500 },
    });
    const comparison = compareLegs(run.off, run.on, { resamples: 50 });
    expect(comparison.warnings.map((w) => w.kind)).toEqual(
      expect.arrayContaining(["machine", "interpreter", "loops"]),
    );
    expect(() => compareLegs(run.off, run.on, { strict: { input: "--strict" } })).toThrow(
      InputError,
    );
    expect(() => compareLegs(run.off, run.on, { strict: { input: "--strict" } })).toThrow(
      /--strict.*different CPUs/,
    );
  });

  it.each([
    ["CPython 3.12", { version: "3.12.7" }, "older than 3.13"],
    ["PyPy", { implementation: "PyPy" }, "not CPython"],
    [
      "a 3.14 configured without the JIT",
      { configArgs: "'--enable-optimizations'" },
      "configured without --enable-experimental-jit",
    ],
    [
      "a 3.14 configured with the JIT turned down",
      { configArgs: "--enable-experimental-jit=no" },
      "configured without",
    ],
  ])("refuses a JIT claimed by %s: not applicable, nothing engaged", (_, interpreter, why) => {
    const run = syntheticRun(14, shape);
    const on = {
      ...run.on,
      environment: {
        ...run.on.environment,
        interpreter: { ...run.on.environment.interpreter, ...interpreter },
      },
    };
    const comparison = compareLegs(run.off, on, { resamples: 50 });
    expect(comparison.gate.applicable).toBe(false);
    if (!comparison.gate.applicable) {
      expect(comparison.gate.reason).toContain(why);
      expect(comparison.gate.reason).toContain("contradict");
    }
    expect(comparison.rows.some((r) => r.jit.state === "engaged")).toBe(false);
  });

  it("lets different loop counts pass where a value's fixed cost cannot move a per-call time", () => {
    const long = { name: "bench_long", ns: 2_000_000 };
    const short = { name: "bench_short", ns: 200 };
    const run = syntheticRun(13, { ...shape, benchmarks: [long, short] }, { on: { loops: 8 } });
    const loops = compareLegs(run.off, run.on, { resamples: 50 }).warnings.find(
      (w) => w.kind === "loops",
    );
    // 200 ns x 8 loops is a 1.6 µs value, where a microsecond of fixed cost is most of it;
    // 2 ms x 8 is 16 ms, where it is under 0.01%.
    expect(loops?.message).toContain("bench_short (1000 vs 8)");
    expect(loops?.message).not.toContain("bench_long");
  });

  it("lets a 1 ms min-time met at one speed and timed at the other pass, but not a shorter value", () => {
    // 0.6 ms a call, one or two per value: a 1 ms value calibrated at the slow one of the
    // machine's two speeds, timed at the fast one. 0.3 ms a call: a fixed microsecond is 0.33%.
    const single = { name: "bench_single", ns: 600_000 };
    const shorter = { name: "bench_shorter", ns: 300_000 };
    const run = syntheticRun(
      14,
      { ...shape, benchmarks: [single, shorter] },
      { off: { loops: 2 }, on: { loops: 1 } },
    );
    const loops = compareLegs(run.off, run.on, { resamples: 50 }).warnings.find(
      (w) => w.kind === "loops",
    );
    expect(loops?.message).toContain("bench_shorter (2 vs 1)");
    expect(loops?.message).not.toContain("bench_single");
  });

  it("says when too few processes make significance impossible", () => {
    const run = syntheticRun(12, { ...shape, processes: 2 });
    const comparison = compareLegs(run.off, run.on, { resamples: 50 });
    const warning = comparison.warnings.find((w) => w.kind === "small-sample");
    expect(warning?.message).toContain("smallest possible p-value is 0.33");
    expect(comparison.rows.every((r) => r.class === "unchanged" && r.interval === null)).toBe(true);
    expect(comparison.noise).toBeNull();
  });
});

describe("a JIT leg with no time to compare", () => {
  it("is data that cannot be compared, never a regression", () => {
    const run = syntheticRun(15, { benchmarks: suiteOf(3), processes: 6, values: 4 });
    const zeroed = {
      ...run.on,
      results: {
        ...run.on.results,
        benchmarks: run.on.results.benchmarks.map((b) => ({
          ...b,
          processes: b.processes.map((p) => ({ ...p, values: p.values.map(() => 0) })),
        })),
      },
    };
    const comparison = compareLegs(run.off, zeroed, { resamples: 50 });
    expect(comparison.rows.every((r) => r.class === "failed" && r.unmeasured)).toBe(true);
    expect(comparison.warnings.map((w) => w.kind)).not.toContain("failed-with-jit");
    const verdict = decideVerdict(comparison);
    expect(verdict.kind).toBe("inconclusive");
    expect(verdict.failedWithJit).toEqual([]);
  });

  it("keeps rows flagged for their timing loop out of the suite figure, unless every row is", () => {
    const run = syntheticRun(62, shape, {
      off: { benchmarks: [...suiteOf(3), { name: "bench_tiny", ns: 40, factor: 0.5 }] },
      on: { benchmarks: [...suiteOf(3), { name: "bench_tiny", ns: 40, factor: 0.5 }] },
    });
    const comparison = compareLegs(run.off, run.on, { resamples: 50 });
    const tiny = comparison.rows.find((r) => r.name === "bench_tiny");
    expect(tiny?.jit.loopShare).toBeGreaterThanOrEqual(0.1);
    expect(comparison.suite?.leftOut).toEqual(["bench_000", "bench_tiny"]);
    expect(comparison.suite?.benchmarks).toBe(2);
    const everyOne = syntheticRun(63, { ...shape, benchmarks: [{ name: "bench_tiny", ns: 40 }] });
    const alone = compareLegs(everyOne.off, everyOne.on, { resamples: 50 });
    expect(alone.suite).toMatchObject({ benchmarks: 1, leftOut: [] });
  });
});
