/**
 * How sequential sampling shares its budget, with scripted samplers on a
 * scripted clock: each benchmark's interval narrows as 1/sqrt(pairs), a
 * block of two pairs costs one second, and nothing depends on this machine.
 * (The samplers with real interpreters are in sequential.test.ts.)
 */
import { describe, expect, it } from "vitest";
import type { SamplingRecord } from "../../src/core/results.js";
import { SETTLE_LEVEL, SETTLE_NARROWING } from "../../src/core/stats/near-limit.js";
import { normalQuantile } from "../../src/core/stats/normal.js";
import type { PrecisionLook, StoppingRule } from "../../src/core/stats/stopping-rule.js";
import {
  measureSequentially,
  type SequentialSampler,
} from "../../src/measure/sequential-sampler.js";
import type { MeasurePlan } from "../../src/measure/timed-process.js";
import type { BenchmarkRef } from "../../src/measure/worker/calls.js";

const BLOCK_MS = 1000;

/** How a scripted benchmark's interval moves beyond narrowing: its centre, and its width at other levels. */
interface Shape {
  /** The speedup after n pairs; `center` throughout when absent. */
  readonly centerAt?: (pairs: number) => number;
  /** The half-width at `level` as a multiple of the one at the rule's level; 1 when absent. */
  readonly widerAt?: (level: number) => number;
  /** The half-width after n pairs as a multiple of the narrowing one (a wild pair); 1 when absent. */
  readonly wildAt?: (pairs: number) => number;
  /** A wild pair in the first block after `ms` on the clock: `factor` times wider for `pairs` pairs. */
  readonly wildAfter?: { readonly ms: number; readonly factor: number; readonly pairs: number };
}

/**
 * A benchmark whose half-width after n pairs is `width` x sqrt(8 / n), its
 * interval around `center` (the speedup).
 */
function scripted(
  name: string,
  width: number,
  clock: { now: number },
  center = 1,
  shape: Shape = {},
) {
  const bench: BenchmarkRef = { name, file: `${name}.py`, async: false };
  const state = {
    pairs: 0,
    blocks: [] as number[],
    sampling: null as SamplingRecord | null,
    wildFrom: null as number | null,
  };
  const wild = shape.wildAfter;
  const wildFactor = () =>
    wild && state.wildFrom !== null && state.pairs < state.wildFrom + wild.pairs ? wild.factor : 1;
  // What the sampler hands over once stopped, and while still open: told apart by identity.
  const finished = { off: undefined, on: undefined };
  const open = { off: undefined, on: undefined };
  const halfWidth = () => width * Math.sqrt(8 / state.pairs);
  const sampler: SequentialSampler = {
    bench,
    calibrate: async () => true,
    ended: false,
    stop: null,
    get processes() {
      return state.pairs;
    },
    get pairEstimateMs() {
      return state.pairs === 0 ? null : BLOCK_MS / 2;
    },
    get blockEstimateMs() {
      return state.pairs === 0 ? null : BLOCK_MS;
    },
    look: (rule: StoppingRule): PrecisionLook => {
      const half =
        halfWidth() *
        (shape.widerAt?.(rule.level ?? 0.97) ?? 1) *
        (shape.wildAt?.(state.pairs) ?? 1) *
        wildFactor();
      const at = shape.centerAt?.(state.pairs) ?? center;
      return {
        processes: state.pairs,
        interval: { low: at * (1 - half), high: at * (1 + half) },
        halfWidth: half,
        target: rule.precision,
        paired: true,
      };
    },
    block: async () => {
      if (wild && state.wildFrom === null && clock.now >= wild.ms) state.wildFrom = state.pairs;
      clock.now += BLOCK_MS;
      state.pairs += 2;
      state.blocks.push(clock.now);
    },
    result: async (sampling?: SamplingRecord) => {
      state.sampling = sampling ?? null;
      return finished;
    },
    standing: () => open,
    get elapsedMs() {
      return state.blocks.length * BLOCK_MS;
    },
  };
  return { bench, sampler, state, halfWidth, finished, open };
}

const PLAN: MeasurePlan = {
  legs: ["off", "on"],
  worker: () => {
    throw new Error("no worker: the samplers are scripted");
  },
  processes: 6,
  warmups: 0,
  values: 3,
  minTimeNs: 1e6,
  pairing: "alternate",
};

async function run(
  budgetMs: number,
  widths: readonly number[],
  near: {
    readonly centers: readonly number[];
    readonly limit: number | null;
    readonly shapes?: readonly Shape[];
    readonly suiteSize?: number;
    /** The share of the budget kept back for the end; none unless given, so the shares above add up. */
    readonly reserve?: number;
  } = {
    centers: [],
    limit: null,
  },
) {
  const clock = { now: 0 };
  const benchmarks = widths.map((width, i) =>
    scripted(`bench_${i}`, width, clock, near.centers[i] ?? 1, near.shapes?.[i]),
  );
  const byName = new Map(benchmarks.map((b) => [b.bench.name, b]));
  const stops: string[] = [];
  const turns: string[][] = [];
  const label = (handed: object) => {
    const b = benchmarks.find((x) => x.finished === handed || x.open === handed);
    return `${b?.bench.name}: ${b?.finished === handed ? "stopped" : "open"}`;
  };
  await measureSequentially(
    {
      ...PLAN,
      precision: 0.01,
      budgetMs,
      regressionLimit: near.limit,
      reserve: near.reserve ?? 0,
      ...(near.suiteSize === undefined ? {} : { suiteSize: near.suiteSize }),
    },
    benchmarks.map((b) => b.bench),
    {
      nextOrder: () => 0,
      signal: new AbortController().signal,
      clock: () => clock.now,
      sampler: (bench) => (byName.get(bench.name) as (typeof benchmarks)[number]).sampler,
      onStop: ({ bench, stop }) => stops.push(`${bench.name}: ${stop}`),
      onTurn: async (standing) => {
        turns.push(standing.map(label));
      },
    },
  );
  return { benchmarks, stops, clock, turns };
}

describe("after each turn", () => {
  it("hands over every benchmark so far, in suite order, the stopped ones as recorded and the open ones as they stand", async () => {
    // bench_0 is precise at once; bench_1 (±1.5% at 8 pairs) waits for a later round.
    const { turns } = await run(60_000, [0.008, 0.015]);
    expect(turns[0]).toEqual(["bench_0: stopped"]);
    expect(turns[1]).toEqual(["bench_0: stopped", "bench_1: open"]);
    expect(turns.at(-1)).toEqual(["bench_0: stopped", "bench_1: stopped"]);
  });
});

describe("sharing the budget", () => {
  it("brings a noisy last benchmark near the target before an early one polishes its last tenth", async () => {
    // bench_0 reaches twice the target (±2%) at 12 pairs and ±1% at 48; bench_1 needs 32 pairs for ±2%.
    // 30 s buys 30 blocks: aiming at ±1% from the start, bench_0 would spend its half (30 pairs,
    // ±1.26%) and leave bench_1 at ±2.07%.
    const { benchmarks, clock } = await run(30_000, [0.02 * Math.sqrt(12 / 8), 0.04]);
    const [early, late] = benchmarks as [ReturnType<typeof scripted>, ReturnType<typeof scripted>];
    expect(late.halfWidth()).toBeLessThanOrEqual(0.02);
    // The early one gave way at ±2% in the first pass, and came back in a later round.
    expect(early.state.blocks[5]).toBeLessThan(late.state.blocks[0] as number);
    expect(early.state.pairs).toBeGreaterThan(12);
    expect(early.state.blocks.at(-1)).toBeGreaterThan(late.state.blocks[0] as number);
    expect(early.halfWidth()).toBeLessThan(0.02);
    expect(clock.now).toBeLessThanOrEqual(30_000);
  });

  it("stops at the target in the first pass when the target is reached there", async () => {
    // ±0.8% at the minimum of 8 pairs: precise at once, before the next benchmark starts.
    const { benchmarks, stops } = await run(30_000, [0.008, 0.008]);
    expect(stops).toEqual(["bench_0: precise", "bench_1: precise"]);
    for (const b of benchmarks) expect(b.state.pairs).toBe(8);
  });

  it("takes a benchmark from twice the target to the target with the time the others leave", async () => {
    // ±1.5% at 8 pairs: within the first pass's aim, so it waits, then reaches ±1% at 18 pairs.
    const { benchmarks, stops } = await run(60_000, [0.015, 0.008]);
    expect(stops).toEqual(["bench_1: precise", "bench_0: precise"]);
    expect(benchmarks[0]?.state.pairs).toBe(18);
    expect(benchmarks[0]?.state.sampling).toMatchObject({ stop: "precise", target: 0.01 });
  });
});

describe("a benchmark a wild pair takes back past the first pass's aim", () => {
  it("gets a share toward the aim at the start of the next round, before its round share", async () => {
    // bench_0 is at ±1.5% after 8 pairs; a wild pair at its 10th makes it 5 times wider, so its
    // first round (35-62 s) leaves it at ±2.65%, past the ±2% aim. bench_1 never reaches ±1%;
    // bench_2 reaches it at 12 pairs (92-93 s), which ends the first round.
    const { benchmarks } = await run(120_000, [0.015, 0.05, 0.012], {
      centers: [],
      limit: null,
      shapes: [{ wildAt: (pairs) => (pairs >= 10 ? 5 : 1) }],
    });
    const [wild, noisy] = benchmarks as ReturnType<typeof scripted>[];
    const blocksAfter = (b: ReturnType<typeof scripted> | undefined, from: number) =>
      (b?.state.blocks ?? []).filter((t) => t > from);
    expect(wild?.state.blocks.filter((t) => t > 34_000 && t <= 62_000)).toHaveLength(28);
    // The second round: half of the 27 s left toward the aim (13 blocks, ±2.2%), then its round
    // share of what is left (7 more), before bench_1's turn; a round share alone was 13.
    expect(blocksAfter(wild, 93_000)).toHaveLength(20);
    expect(blocksAfter(noisy, 93_000)[0]).toBe(114_000);
  });
});

describe("the reserve at the end of the budget", () => {
  // bench_0 is ±3% at 8 pairs (±2% at 18), bench_1 ±5% (±2% at 50): neither can reach ±1% in the
  // 60 s budget. The rounds spend the 54 s before the 6 s reserve; bench_0's last turn in them
  // ends at 44 s, after 36 pairs.
  const wildAfter = (ms: number) => ({
    centers: [],
    limit: null,
    shapes: [{ wildAfter: { ms, factor: 1.6, pairs: 8 } }],
    reserve: 0.1,
  });
  const blocksAfter = (b: ReturnType<typeof scripted> | undefined, from: number) =>
    (b?.state.blocks ?? []).filter((t) => t > from);

  it("first brings back to the aim a benchmark that a wild pair took past it in the last round", async () => {
    // A wild pair at 42 s makes bench_0 1.6 times wider until 8 pairs later: ±2.26% at 44 s.
    const { benchmarks, clock } = await run(60_000, [0.03, 0.05], wildAfter(42_000));
    const [wild, noisy] = benchmarks as ReturnType<typeof scripted>[];
    // Two blocks of the reserve take it back within ±2%, before anything else; then the rest of
    // the reserve is a round, half each.
    expect(blocksAfter(wild, 44_000)).toEqual([55_000, 56_000, 57_000, 58_000]);
    expect(blocksAfter(noisy, 54_000)).toEqual([59_000, 60_000]);
    expect(wild?.state.sampling?.halfWidth).toBeLessThanOrEqual(0.02);
    expect(clock.now).toBe(60_000);
  });

  it("goes on past its share in the reserve with a benchmark a wild pair takes past the aim", async () => {
    // The wild pair in bench_0's first block of the reserve's round (its share: 3 s of the 6)
    // takes it to ±2.2%; it goes on until the wild pair is outweighed at 44 pairs (±1.28%).
    const { benchmarks } = await run(60_000, [0.03, 0.05], wildAfter(54_000));
    const [wild, noisy] = benchmarks as ReturnType<typeof scripted>[];
    expect(blocksAfter(wild, 54_000)).toEqual([55_000, 56_000, 57_000, 58_000]);
    expect(blocksAfter(noisy, 54_000)).toEqual([59_000, 60_000]);
    expect(wild?.state.sampling?.halfWidth).toBeLessThanOrEqual(0.02);
  });
});

describe("near the regression limit", () => {
  const LIMIT = 1 / 1.1;

  it("measures a benchmark whose interval holds the limit on to the narrower target, ahead of a noisy one", async () => {
    // bench_0 is clear of the limit, and noisy; bench_1 reaches ±0.99% at 8 pairs around the limit itself.
    const { benchmarks, stops } = await run(60_000, [0.03, 0.0099], {
      centers: [1, LIMIT],
      limit: LIMIT,
    });
    const [noisy, near] = benchmarks as [ReturnType<typeof scripted>, ReturnType<typeof scripted>];
    // ±1%/sqrt(2) takes twice the pairs: 16.
    expect(near.state.pairs).toBe(16);
    expect(near.halfWidth()).toBeLessThanOrEqual(0.01 / SETTLE_NARROWING);
    expect(near.state.sampling).toMatchObject({
      stop: "precise",
      target: 0.01,
      level: SETTLE_LEVEL,
      settle: { limit: LIMIT, target: 0.01 / SETTLE_NARROWING },
    });
    // The first pass left it at ±0.99%, within its narrower target's first aim; the later
    // rounds took it first, all the way, though the noisy one comes first in the suite.
    const reached = near.state.blocks[3] as number;
    const done = near.state.blocks.at(-1) as number;
    expect(noisy.state.blocks.filter((t) => t > reached && t < done)).toEqual([]);
    expect(noisy.state.blocks.at(-1)).toBeGreaterThan(done);
    expect(stops[0]).toBe("bench_1: precise");
  });

  it("takes first after the first pass a benchmark still short of its target whose interval holds the limit", async () => {
    // The first pass leaves both at the first pass's aim (±2%): bench_0, clear of the limit, after
    // 9 blocks (18 pairs), bench_1, whose interval holds it, after 7 (14 pairs).
    const { benchmarks } = await run(40_000, [0.029, 0.025], {
      centers: [1, LIMIT],
      limit: LIMIT,
    });
    const [clear, near] = benchmarks as [ReturnType<typeof scripted>, ReturnType<typeof scripted>];
    expect(clear.state.blocks[8]).toBeLessThan(near.state.blocks[0] as number);
    // The first block after the first pass is bench_1's, though bench_0 comes first in the suite.
    expect(near.state.blocks[7]).toBeLessThan(clear.state.blocks[9] as number);
    expect(near.state.sampling?.settle).toBeUndefined();
  });

  it("gives the benchmarks whose interval holds the limit up to half of the time left after the first pass", async () => {
    // All three far from ±1% (±5% at 8 pairs: 200 pairs needed); only bench_2's interval holds
    // the limit. The first pass ends at 60 s, with 30 s left.
    const { benchmarks } = await run(90_000, [0.05, 0.05, 0.05], {
      centers: [1, 1, LIMIT],
      limit: LIMIT,
    });
    const [first, second, near] = benchmarks as ReturnType<typeof scripted>[];
    const between = (b: ReturnType<typeof scripted> | undefined, from: number, to: number) =>
      (b?.state.blocks ?? []).filter((t) => t > from && t <= to).length;
    expect(between(near, 52_000, 60_000)).toBe(8);
    // Then 15 of the 30 s left, one block a second, before either of the others gets one.
    expect(between(near, 60_000, 75_000)).toBe(15);
    expect(between(first, 60_000, 75_000) + between(second, 60_000, 75_000)).toBe(0);
    // The rest is shared as before: each of the three gets a turn.
    for (const b of benchmarks) expect(between(b, 75_000, 90_000)).toBeGreaterThan(0);
  });

  it("shares that half between two such benchmarks, rather than half each", async () => {
    // As above, with bench_1 and bench_2 both holding the limit: the first pass ends at 60 s, and
    // of the 30 s left they get 15 between them, about 7.5 s each, before bench_0 gets a block.
    const { benchmarks } = await run(90_000, [0.05, 0.05, 0.05], {
      centers: [1, LIMIT, LIMIT],
      limit: LIMIT,
    });
    const [first, second, third] = benchmarks as ReturnType<typeof scripted>[];
    const between = (b: ReturnType<typeof scripted> | undefined, from: number, to: number) =>
      (b?.state.blocks ?? []).filter((t) => t > from && t <= to).length;
    const firstBlockAfter = (from: number) =>
      Math.min(...(first?.state.blocks ?? []).filter((t) => t > from));
    expect(between(second, 60_000, 67_000)).toBe(7);
    expect(between(third, 67_000, 75_000)).toBe(8);
    // bench_0's turn comes once their 15 s are spent: half each would have kept it waiting 20 s.
    expect(firstBlockAfter(60_000)).toBe(76_000);
  });

  it("gives its half share, at the start of the next round, to a benchmark whose interval comes to hold the limit later", async () => {
    // As above, but bench_2 reads 1 until its 20th pair and the limit from there on: the first pass
    // leaves it clear of the limit and wide, and its wide turn takes it across.
    const { benchmarks } = await run(90_000, [0.05, 0.05, 0.05], {
      centers: [1, 1, 1],
      limit: LIMIT,
      shapes: [{}, {}, { centerAt: (pairs) => (pairs < 20 ? 1 : LIMIT) }],
    });
    const [first, second, late] = benchmarks as ReturnType<typeof scripted>[];
    const between = (b: ReturnType<typeof scripted> | undefined, from: number, to: number) =>
      (b?.state.blocks ?? []).filter((t) => t > from && t <= to).length;
    // The first pass ends at 60 s with bench_2 at 16 pairs (±3.5%, clear of the limit); its wide
    // turn (a third of the 30 s left) reaches the 20th pair at 62 s and ends at 70 s.
    expect(late?.state.blocks[7]).toBe(60_000);
    expect(between(late, 60_000, 70_000)).toBe(10);
    // Then half of the 20 s left, before either of the others gets a block.
    expect(between(late, 70_000, 80_000)).toBe(10);
    expect(between(first, 60_000, 80_000) + between(second, 60_000, 80_000)).toBe(0);
    for (const b of benchmarks) expect(between(b, 80_000, 90_000)).toBeGreaterThan(0);
  });

  it("asks whether the interval holds the limit at the widest level the report can draw it at", async () => {
    // bench_1's ±0.99% at 8 pairs, at the rule's 97%, ends 0.01% clear of the limit; the report
    // of a suite of two draws a row at up to 97.5%, where it is 3% wider and holds the limit.
    const z = (level: number) => normalQuantile(1 - (1 - level) / 2);
    const widerAt = (level: number) => z(level) / z(0.97);
    const center = LIMIT / 0.99;
    const asked = await run(60_000, [0.008, 0.0099], {
      centers: [1, center],
      limit: LIMIT,
      shapes: [{}, { widerAt }],
    });
    const near = asked.benchmarks[1] as ReturnType<typeof scripted>;
    expect(near.state.sampling?.settle).toEqual({ limit: LIMIT, target: 0.01 / SETTLE_NARROWING });
    expect(near.state.pairs).toBeGreaterThan(8);
    // Looked at the rule's level only, the same benchmark stops at its first look.
    const narrow = await run(60_000, [0.008, 0.0099], { centers: [1, center], limit: LIMIT });
    expect(narrow.benchmarks[1]?.state.pairs).toBe(8);
    expect(narrow.benchmarks[1]?.state.sampling?.settle).toBeUndefined();
  });

  it("asks at the level of the whole suite's report when a shard measures part of it", async () => {
    // ±0.99% at 97%, 1.3% clear of the limit: at the 97.5% of a suite of two it stays clear, at
    // the 99.67% of the fifteen benchmarks the shards' report compares it holds the limit.
    const z = (level: number) => normalQuantile(1 - (1 - level) / 2);
    const widerAt = (level: number) => z(level) / z(0.97);
    const center = LIMIT / 0.99 ** 1.3;
    const shape = { centers: [1, center], limit: LIMIT, shapes: [{}, { widerAt }] };
    const alone = await run(60_000, [0.008, 0.0099], shape);
    expect(alone.benchmarks[1]?.state.sampling?.settle).toBeUndefined();
    const shard = await run(60_000, [0.008, 0.0099], { ...shape, suiteSize: 15 });
    expect(shard.benchmarks[1]?.state.sampling?.settle?.limit).toBe(LIMIT);
  });

  it("stops at the target a benchmark whose interval is clear of the limit, or when no limit is given", async () => {
    const clear = await run(60_000, [0.01], { centers: [0.8], limit: LIMIT });
    expect(clear.benchmarks[0]?.state.pairs).toBe(8);
    expect(clear.benchmarks[0]?.state.sampling?.settle).toBeUndefined();
    const none = await run(60_000, [0.01], { centers: [LIMIT], limit: null });
    expect(none.benchmarks[0]?.state.pairs).toBe(8);
    expect(none.benchmarks[0]?.state.sampling).toMatchObject({ stop: "precise", level: 0.97 });
  });

  it("calls it precise, not noisy, when the budget ends before the narrower target", async () => {
    // 10 s: 4 blocks for the minimum, then a few more before the budget is gone.
    const { benchmarks, stops } = await run(6_000, [0.01], { centers: [LIMIT], limit: LIMIT });
    const near = benchmarks[0] as ReturnType<typeof scripted>;
    expect(near.state.pairs).toBeGreaterThan(8);
    expect(near.state.pairs).toBeLessThan(16);
    expect(stops).toEqual(["bench_0: precise"]);
    expect(near.state.sampling?.settle?.limit).toBe(LIMIT);
    expect(near.state.sampling?.projected).toBeNull();
  });
});
