/**
 * The JIT's effect at each of the machine's two speeds, on pairs drawn from a
 * seeded model of the host: each pair's couples (value k of both processes)
 * share a speed, fast or 1.6 times slower, in runs of a few values; the JIT's
 * effect at each speed is set by the test; pairs differ by a process offset.
 */
import { describe, expect, it } from "vitest";
import type { ClockReport } from "../../../src/core/compare/clocks.js";
import { compareLegs } from "../../../src/core/compare/compare.js";
import {
  MATERIAL_GAP,
  MIN_PAIRS,
  speedCut,
  speedEffect,
  speedEffects,
} from "../../../src/core/compare/speed-effects.js";
import type { LegInput } from "../../../src/core/compare/types.js";
import { clockSentences } from "../../../src/core/render/clocks.js";
import { followUp } from "../../../src/core/render/headline.js";
import type { BenchmarkResult, JitState, Leg, ProcessRecord } from "../../../src/core/results.js";
import { createRng, type Rng } from "../../../src/core/stats/rng.js";
import { decideVerdict } from "../../../src/core/verdict.js";
import { JIT_ACTIVE, JIT_OFF, NO_JIT_BUILD, syntheticLeg } from "./synthetic.js";

const SEED = 20261207;
console.log(`speed-effects: seed ${SEED}`);

interface HostModel {
  /** Baseline / candidate while the machine is fast, and while it is slow. */
  readonly fast: number;
  readonly slow: number;
  readonly pairs: number;
  readonly values: number;
  /** Chance that the next couple is at the other speed. */
  readonly flip: number;
  /** 0 keeps the machine fast throughout. */
  readonly slowShare: number;
  /** Pair records on the processes (false: an unpaired file). */
  readonly paired?: boolean;
}

function gaussian(rng: Rng): number {
  const u = 1 - rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextFloat());
}

function legs(model: HostModel, rng: Rng, name = "bench_x"): Record<Leg, BenchmarkResult> {
  const processes: Record<Leg, ProcessRecord[]> = { off: [], on: [] };
  for (let index = 0; index < model.pairs; index++) {
    const values: Record<Leg, number[]> = { off: [], on: [] };
    const offset = 0.01 * gaussian(rng);
    let slow = rng.nextFloat() < model.slowShare;
    for (let k = 0; k < model.values; k++) {
      if (model.slowShare > 0 && rng.nextFloat() < model.flip) slow = !slow;
      const speed = slow ? 1.6 : 1;
      const effect = slow ? model.slow : model.fast;
      const base = 1000 * speed * Math.exp(offset);
      values.off.push(base * Math.exp(0.02 * gaussian(rng)));
      values.on.push((base / effect) * Math.exp(0.02 * gaussian(rng)));
    }
    for (const leg of ["off", "on"] as const) {
      processes[leg].push({
        index,
        order: index * 2 + (leg === "on" ? 1 : 0),
        warmups: [],
        values: values[leg],
        peakRssKb: 20_000,
        jit: {
          compiled: true,
          tier2: true,
          enabled: leg === "on",
          active: leg === "on",
          method: "sys._jit",
          detail: "",
        },
        ...(model.paired === false
          ? {}
          : {
              pair: {
                index,
                pairing: "alternate" as const,
                cpu: index % 2,
                unpinned: null,
                first: index % 2 === 0 ? ("off" as const) : ("on" as const),
              },
            }),
      });
    }
  }
  const bench = (leg: Leg): BenchmarkResult => ({
    name,
    file: "bench_suite.py",
    async: false,
    status: "ok",
    reason: null,
    loops: 1,
    processes: processes[leg],
    failures: [],
    stats: null,
    summary: null,
  });
  return { off: bench("off"), on: bench("on") };
}

const BOTH: HostModel = {
  fast: 1.04,
  slow: 0.97,
  pairs: 24,
  values: 60,
  flip: 0.05,
  slowShare: 0.5,
};

describe("the JIT's effect at each speed", () => {
  it("finds both effects when they differ, each interval covering its own truth", () => {
    const rng = createRng(SEED);
    const { off, on } = legs(BOTH, rng);
    const [effect, ...rest] = speedEffects([{ baseline: off, candidate: on }]);
    expect(rest).toEqual([]);
    expect(effect?.fast.interval?.low).toBeLessThan(1.04);
    expect(effect?.fast.interval?.high).toBeGreaterThan(1.04);
    expect(effect?.slow.interval?.low).toBeLessThan(0.97);
    expect(effect?.slow.interval?.high).toBeGreaterThan(0.97);
    expect(effect?.fast.pairs).toBeGreaterThanOrEqual(MIN_PAIRS);
    expect(effect?.slow.pairs).toBeGreaterThanOrEqual(MIN_PAIRS);
    expect(effect?.slowShare).toBeGreaterThan(0.2);
    expect(effect?.slowShare).toBeLessThan(0.8);
    expect(effect?.q).toBeLessThan(0.05);
  });

  it("says nothing when the effect is the same at both speeds", () => {
    const rng = createRng(SEED, 1);
    const { off, on } = legs({ ...BOTH, fast: 1.05, slow: 1.05 }, rng);
    const effect = speedEffect(off, on);
    // Both speeds were measured, and they agree.
    expect(effect?.fast.interval?.low).toBeLessThan(1.05);
    expect(effect?.slow.interval?.high).toBeGreaterThan(1.05);
    expect(speedEffects([{ baseline: off, candidate: on }])).toEqual([]);
  });

  it("leaves out a difference within what the split can make up, however significant", () => {
    const rng = createRng(SEED, 2);
    const gap = 1 + MATERIAL_GAP / 2;
    const { off, on } = legs({ ...BOTH, fast: gap, slow: 1, pairs: 60 }, rng);
    expect(speedEffect(off, on)?.p).toBeLessThan(0.05);
    expect(speedEffects([{ baseline: off, candidate: on }])).toEqual([]);
  });

  it("needs both speeds, enough pairs at each, and pairs", () => {
    const oneSpeed = legs({ ...BOTH, slowShare: 0 }, createRng(SEED, 3));
    expect(speedEffect(oneSpeed.off, oneSpeed.on)).toBeNull();
    const few = legs({ ...BOTH, pairs: MIN_PAIRS - 1 }, createRng(SEED, 4));
    expect(speedEffect(few.off, few.on)).toBeNull();
    const unpaired = legs({ ...BOTH, paired: false }, createRng(SEED, 5));
    expect(speedEffect(unpaired.off, unpaired.on)).toBeNull();
  });

  it("orders the benchmarks by how far their two speeds disagree", () => {
    const rng = createRng(SEED, 6);
    const small = legs({ ...BOTH, fast: 1.03, slow: 0.99 }, rng, "bench_small");
    const large = legs({ ...BOTH, fast: 1.08, slow: 0.96 }, rng, "bench_large");
    const found = speedEffects([
      { baseline: small.off, candidate: small.on },
      { baseline: large.off, candidate: large.on },
    ]);
    expect(found.map((e) => e.name)).toEqual(["bench_large", "bench_small"]);
  });
});

describe("in a comparison", () => {
  /** The two legs as compare receives them, both clocks recorded, each process in `jit`'s state. */
  function inputs(
    rng: Rng,
    jit: Record<Leg, JitState>,
    model: HostModel = BOTH,
  ): Record<Leg, LegInput> {
    const benches = legs(model, rng);
    const input = (leg: Leg): LegInput => {
      const skeleton = syntheticLeg(
        { leg, benchmarks: [], processes: 0, values: 0, jit: jit[leg] },
        rng,
      );
      const bench = benches[leg];
      const processes = bench.processes.map((p) => ({
        ...p,
        jit: jit[leg],
        wallValues: p.values,
        cpuValues: p.values,
      }));
      return {
        ...skeleton,
        results: { ...skeleton.results, benchmarks: [{ ...bench, processes }] },
      };
    };
    return { off: input("off"), on: input("on") };
  }

  it("names the benchmark in the clock report when the JIT leg had a JIT", () => {
    const legsIn = inputs(createRng(SEED, 10), { off: JIT_OFF, on: JIT_ACTIVE });
    const comparison = compareLegs(legsIn.off, legsIn.on);
    expect(comparison.gate.applicable).toBe(true);
    expect(comparison.clocks?.effects?.map((e) => e.name)).toEqual(["bench_x"]);
  });

  it("says beside the verdict when the two speeds lie on both sides of the regression limit", () => {
    // 10% allowed: the limit is 0.909x, between 0.87x fast and 0.95x slow.
    const straddling: HostModel = { ...BOTH, fast: 0.87, slow: 0.95 };
    const legsIn = inputs(createRng(SEED, 11), { off: JIT_OFF, on: JIT_ACTIVE }, straddling);
    const comparison = compareLegs(legsIn.off, legsIn.on);
    const lines = followUp(decideVerdict(comparison), comparison);
    const sentence = lines.find((l) => l.includes("two speeds"));
    expect(sentence).toMatch(/^Past the 10% slowdown allowed \(0\.909×\)/);
    expect(sentence).toMatch(/bench_x 0\.8\d\d× \[[^\]]+\] while the machine was fast/);
    expect(sentence).toMatch(/0\.9\d\d× \[[^\]]+\] while it was slow/);
  });

  it("says nothing of the limit when both speeds lie on one side of it", () => {
    const legsIn = inputs(createRng(SEED, 10), { off: JIT_OFF, on: JIT_ACTIVE });
    const comparison = compareLegs(legsIn.off, legsIn.on);
    expect(comparison.clocks?.effects?.length).toBe(1);
    const lines = followUp(decideVerdict(comparison), comparison);
    expect(lines.some((l) => l.includes("two speeds"))).toBe(false);
  });

  it("names nothing between two legs without a JIT, whatever the speeds did", () => {
    const legsIn = inputs(createRng(SEED, 10), { off: NO_JIT_BUILD, on: NO_JIT_BUILD });
    const comparison = compareLegs(legsIn.off, legsIn.on);
    expect(comparison.gate.applicable).toBe(false);
    expect(comparison.clocks?.effects ?? []).toEqual([]);
  });
});

describe("speedCut", () => {
  it("finds no second speed in a few far values", () => {
    const rng = createRng(SEED, 7);
    const values = Array.from(
      { length: 200 },
      (_, i) => (i % 50 === 0 ? 3000 : 1000) * Math.exp(0.02 * gaussian(rng)),
    );
    expect(speedCut(values)).toBeNull();
  });

  it("cuts between two speeds 1.6 times apart", () => {
    const rng = createRng(SEED, 8);
    const values = Array.from(
      { length: 200 },
      (_, i) => (i % 3 === 0 ? 1600 : 1000) * Math.exp(0.02 * gaussian(rng)),
    );
    const cut = speedCut(values);
    expect(cut).not.toBeNull();
    expect(Math.exp(cut as number)).toBeGreaterThan(1100);
    expect(Math.exp(cut as number)).toBeLessThan(1450);
  });
});

describe("the report's sentence", () => {
  const rng = createRng(SEED, 9);
  const { off, on } = legs(BOTH, rng, "bench_*star*");
  const clocks: ClockReport = {
    timer: "cpu",
    waiting: [],
    legs: [],
    busy: false,
    states: { processes: 48, flipped: 40, ratio: 1.6, slowShare: 0.5 },
    effects: speedEffects([{ baseline: off, candidate: on }]),
  };
  const starred = (raw: string) => raw.replaceAll("*", "\\*");

  it("gives both figures with their intervals, the name escaped for the sink", () => {
    const sentence = clockSentences(clocks, starred, true).find((s) => s.includes("differed"));
    expect(sentence).toContain("bench_\\*star\\*");
    expect(sentence).toMatch(/1\.0\d\d× \[\d\.\d{3}–\d\.\d{3}\] while the machine was fast/);
    expect(sentence).toMatch(/0\.9\d\d× \[\d\.\d{3}–\d\.\d{3}\] while it was slow/);
  });

  it("is left out for unpaired legs", () => {
    expect(clockSentences(clocks, starred, false).some((s) => s.includes("differed"))).toBe(false);
  });
});
