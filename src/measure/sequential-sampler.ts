/**
 * Sequential sampling of a suite within a time budget.
 *
 * Every benchmark first gets its minimum of processes, whatever the budget
 * says: without it there is nothing to compare. Beyond that, the benchmarks
 * take turns in suite order, each allowed a fair share of the time left:
 * what is left divided by the benchmarks still to come. In this first pass a
 * benchmark aims at twice the target width only (FIRST_PASS_WIDTH): it stops
 * early there, or at the target itself, and leaves its unused share to the
 * ones after it, so that a suite's noisy benchmarks near its end are not left
 * far wider than the rest while the early ones polish their last tenth. A
 * noisy one takes blocks until its share is spent, unless what it would need
 * is far beyond the whole budget: then it waits for the later rounds and
 * leaves its first share to the ones that can use it. A benchmark that
 * reaches the target with an interval holding the regression limit goes on
 * to a narrower one (settleRule in core/stats/near-limit.ts). When the
 * first pass is over, up to half of the time left goes first to the
 * benchmarks whose interval holds that limit, gone on or still short of the
 * target. Then, round after round until the budget is spent: a fair share
 * each to those wider than the first pass's aim, until they reach it; half
 * of the time left, once, to any whose interval has come to hold the limit;
 * and fair shares to every benchmark still short of its target, out of
 * reach or not: each block narrows its interval, and the report gives the
 * interval reached and the time it took. All of that leaves the last tenth
 * of the budget (AIM_RESERVE) to the end: first for the benchmarks that the
 * last rounds took back past the first pass's aim, then for rounds in which
 * a pair that takes a benchmark past it keeps it measured until it is back.
 *
 * One module on purpose: the first pass, the later rounds and the stops are
 * one schedule over one budget and one set of entries, and each step decides
 * from what the others left; apart, each would take the whole run's state.
 */

import type { BenchmarkResult, Leg, SamplingStop } from "../core/results.js";
import { holdsLimit, limitLevel, settleRule, widestLook } from "../core/stats/near-limit.js";
import {
  decide,
  outOfReach,
  type PrecisionLook,
  projectedProcesses,
  SEQUENTIAL_LEVEL,
  SEQUENTIAL_LIMITS,
  type StoppingRule,
} from "../core/stats/stopping-rule.js";
import { BenchmarkSampler } from "./fixed-sampler.js";
import type { MeasureHooks, MeasurePlan } from "./timed-process.js";
import type { BenchmarkRef } from "./worker/calls.js";

/**
 * The first pass's aim, as a multiple of the target half-width. With a budget
 * too small for every benchmark to reach the target (the bundled suite on a
 * JIT build: 14 benchmarks in 120 s), aiming at the target from the first
 * benchmark on spent the budget on early ones going from ±1.2% to ±1.0%, and
 * the last ones stopped at ±2.4% for want of time.
 */
export const FIRST_PASS_WIDTH = 2;

/**
 * The share of the budget kept back until the rounds are over, for the
 * benchmarks that a wild pair took back past the first pass's aim in the
 * last of them, and then for rounds that bring none past it to the end.
 * Without it, on the bundled suite on a JIT build, a row ended past ±2%
 * in 5 of 11 runs, most after a late wild pair, with no time to bring it back.
 */
export const AIM_RESERVE = 0.1;

export interface SequentialPlan extends MeasurePlan {
  /** Target half-width of each interval, as a fraction: 0.01 for ±1%. `processes` is the minimum per leg. */
  precision: number;
  /** Time for the whole suite, in milliseconds, counted from the call. */
  budgetMs: number;
  /** The share of the budget kept back for the end (AIM_RESERVE, the default). */
  reserve?: number;
  /** Processes per leg after which a benchmark stops; default SEQUENTIAL_LIMITS.maxProcesses. */
  maxProcesses?: number;
  /**
   * With both legs: the speedup the verdict calls a regression at or below
   * (core/verdict.ts regressionLimit). A benchmark whose interval still
   * holds it at the target is measured on to a narrower one (settleRule);
   * such benchmarks, gone on or still short of the target, share up to half
   * of the time left after the first pass first. Absent or null: none is.
   */
  regressionLimit?: number | null;
  /**
   * Benchmarks in the report this run's results go into: the whole suite's
   * when a shard measures part of it. The run asks whether an interval holds
   * the limit at the widest level that report can draw a row at
   * (limitLevel). Absent: the benchmarks measured here.
   */
  suiteSize?: number;
}

export interface LookEvent {
  bench: BenchmarkRef;
  /** 0-based position of the benchmark in the suite. */
  position: number;
  look: PrecisionLook;
}

export interface SettleEvent {
  bench: BenchmarkRef;
  position: number;
  /** The look at the run's target whose interval held the limit. */
  look: PrecisionLook;
  limit: number;
  /** The narrower target it is measured on to. */
  target: number;
  /** The level of the intervals it is looked at with from now on. */
  level: number;
}

export interface StopEvent {
  bench: BenchmarkRef;
  position: number;
  stop: SamplingStop;
  look: PrecisionLook | null;
  result: Record<Leg, BenchmarkResult | undefined>;
}

/** What sequential sampling asks of one benchmark's sampler (fixed-sampler.ts's BenchmarkSampler). */
export type SequentialSampler = Pick<
  BenchmarkSampler,
  | "bench"
  | "calibrate"
  | "ended"
  | "stop"
  | "processes"
  | "pairEstimateMs"
  | "blockEstimateMs"
  | "look"
  | "block"
  | "result"
  | "standing"
  | "elapsedMs"
>;

export interface SequentialHooks extends MeasureHooks {
  /** A benchmark's sampler; a BenchmarkSampler by default (tests of the schedule give scripted ones). */
  sampler?: (bench: BenchmarkRef, clock: () => number) => SequentialSampler;
  /** Milliseconds on a monotonic clock; performance.now by default. */
  clock?: () => number;
  /** After each look at a benchmark's interval: progress shows its current width. */
  onLook?: (event: LookEvent) => void;
  /** When a benchmark reaches the target holding the regression limit, and goes on. */
  onSettle?: (event: SettleEvent) => void;
  /** When a benchmark stops for good, in the order they stop. */
  onStop?: (event: StopEvent) => void;
  /** After each benchmark's turn, when no worker process should be alive (see RunDeps.settle). */
  settle?: () => Promise<void>;
  /**
   * After each benchmark's turn (and its settle): every benchmark measured so
   * far, in suite order, the stopped ones as they will be returned and the
   * open ones as they stand, without a sampling record. A run saves them, so
   * that one killed halfway keeps what it measured.
   */
  onTurn?: (standing: readonly Record<Leg, BenchmarkResult | undefined>[]) => Promise<void>;
}

interface Entry {
  readonly sampler: SequentialSampler;
  readonly position: number;
  /** The rule it is measured to: the run's, or the narrower one once it settles. */
  rule: StoppingRule;
  /** The limit its interval held at the run's target, when it went on; else null. */
  settling: { readonly limit: number; readonly target: number } | null;
  /** Blocks taken beyond the minimum. */
  extra: number;
  last: PrecisionLook | null;
  /**
   * The same processes looked at with the run's limitLevel, where the run
   * asks whether the interval holds the regression limit; null without a
   * limit, and once gone on.
   */
  wide: PrecisionLook | null;
  /** Whether the later rounds gave it its share as a benchmark whose interval holds the limit. */
  prioritized: boolean;
  /** Made to fail or skip before its minimum, or cut off by an abort. */
  measured: boolean;
  result: Record<Leg, BenchmarkResult | undefined> | null;
}

/** What every step of one sequential run shares. */
interface SequentialRun {
  readonly plan: SequentialPlan;
  readonly hooks: SequentialHooks;
  readonly clock: () => number;
  readonly rule: StoppingRule;
  /** The level of the looks that ask whether an interval holds the regression limit (limitLevel). */
  readonly limitLevel: number;
  /** Milliseconds of the budget left, never below zero. */
  readonly left: () => number;
  /** Milliseconds left before the reserve (AIM_RESERVE), never below zero. */
  readonly spare: () => number;
}

/**
 * Measures `benchmarks` and returns each one's result per leg, in suite
 * order. After an abort, benchmarks that had not finished their minimum are
 * left out (undefined), as the fixed schedule leaves out the one under way.
 */
export async function measureSequentially(
  plan: SequentialPlan,
  benchmarks: readonly BenchmarkRef[],
  hooks: SequentialHooks,
): Promise<(Record<Leg, BenchmarkResult | undefined> | undefined)[]> {
  const run = startRun(plan, hooks, Math.max(plan.suiteSize ?? 0, benchmarks.length));
  const entries = await firstPass(run, benchmarks);
  await laterRounds(run, entries);
  await finishOpen(run, entries);
  const byPosition = new Map(entries.map((e) => [e.position, e.result ?? undefined]));
  return benchmarks.map((_, position) => byPosition.get(position));
}

/** The clock starts, and the budget with it. */
function startRun(plan: SequentialPlan, hooks: SequentialHooks, suiteSize: number): SequentialRun {
  const clock = hooks.clock ?? (() => performance.now());
  const deadline = clock() + plan.budgetMs;
  const paired = plan.legs.length === 2 && (plan.pairing ?? "off") !== "off";
  const rule: StoppingRule = {
    precision: plan.precision,
    minProcesses: paired ? Math.max(plan.processes, SEQUENTIAL_LIMITS.minPairs) : plan.processes,
    maxProcesses: Math.max(plan.processes, plan.maxProcesses ?? SEQUENTIAL_LIMITS.maxProcesses),
  };
  const left = () => Math.max(0, deadline - clock());
  const reserve = plan.budgetMs * (plan.reserve ?? AIM_RESERVE);
  const spare = () => Math.max(0, left() - reserve);
  return { plan, hooks, clock, rule, limitLevel: limitLevel(rule, suiteSize), left, spare };
}

/** Each benchmark in suite order: its minimum, then blocks within its fair share of the time left. */
async function firstPass(
  run: SequentialRun,
  benchmarks: readonly BenchmarkRef[],
): Promise<Entry[]> {
  const { plan, hooks, clock, spare } = run;
  const entries: Entry[] = [];
  for (const [position, bench] of benchmarks.entries()) {
    if (hooks.signal.aborted) break;
    const entry: Entry = {
      sampler: hooks.sampler?.(bench, clock) ?? new BenchmarkSampler(bench, plan, hooks, clock),
      position,
      rule: run.rule,
      settling: null,
      extra: 0,
      last: null,
      wide: null,
      prioritized: false,
      measured: false,
      result: null,
    };
    entries.push(entry);
    const share = spare() / (benchmarks.length - position);
    const started = clock();
    if (await entry.sampler.calibrate()) await advance(run, entry, started + share, "first");
    else if (!hooks.signal.aborted) await finish(run, entry, entry.sampler.stop ?? "failed");
    await endTurn(run, entries);
  }
  return entries;
}

/**
 * Later rounds: the time the precise benchmarks left, first up to half of it
 * to the ones whose interval holds the regression limit (they decide the
 * verdict: measured on past the target, or still short of it); then in each
 * round, a fair share each to the ones wider than the first pass's aim,
 * until they reach it (a wild pair can take one back past it); a half share,
 * once, to any whose interval has come to hold the limit since; then the
 * time left shared among every benchmark short of its target. All of it
 * from the time before the reserve, which then goes first to the ones the
 * last rounds left past the first pass's aim, then to rounds in which a
 * turn that a pair takes past that aim goes on until it is back within it.
 */
async function laterRounds(run: SequentialRun, entries: readonly Entry[]): Promise<void> {
  const { hooks, clock, left, spare } = run;
  const open = () => entries.filter((e) => e.sampler.stop === null && e.measured);
  const deciding = (e: Entry) => e.settling !== null || holdsLimit(e.wide, limitOf(run));
  const decisiveFirst = async (): Promise<boolean> => {
    const decisive = open().filter((e) => deciding(e) && !e.prioritized);
    // Up to half the time left, shared between them: the verdict turns on these rows, not on
    // the last tenth of a percent of the others. Each stops at its target, so most use far less.
    const until = clock() + spare() / 2;
    let progressed = false;
    for (const [i, entry] of decisive.entries()) {
      if (hooks.signal.aborted) break;
      entry.prioritized = true;
      const share = Math.max(0, until - clock()) / (decisive.length - i);
      if (await advance(run, entry, clock() + share, "target")) progressed = true;
      await endTurn(run, entries);
    }
    return progressed;
  };
  const wideToAim = async (reserve: boolean): Promise<boolean> => {
    const wide = open().filter((e) => !deciding(e) && !reachedFirstAim(e.last));
    const all = open().length;
    let progressed = false;
    for (const [i, entry] of wide.entries()) {
      if (hooks.signal.aborted) break;
      // In the rounds, a share of the time before the reserve as if every open benchmark were
      // to get one, so the wide ones cannot starve the rest; from the reserve, shares of it.
      const share = reserve ? left() / (wide.length - i) : spare() / all;
      if (await advance(run, entry, clock() + share, "aim")) progressed = true;
      await endTurn(run, entries);
    }
    return progressed;
  };
  const round = async (time: () => number, stage: "target" | "last"): Promise<boolean> => {
    const now = open();
    let progressed = false;
    for (const [i, entry] of now.entries()) {
      if (hooks.signal.aborted) break;
      if (await advance(run, entry, clock() + time() / (now.length - i), stage)) progressed = true;
      await endTurn(run, entries);
    }
    return progressed;
  };
  await decisiveFirst();
  for (;;) {
    let progressed = await wideToAim(false);
    if (await decisiveFirst()) progressed = true;
    if (open().length === 0 || hooks.signal.aborted) break;
    if (await round(spare, "target")) progressed = true;
    if (!progressed) break;
  }
  // The reserve: back to the aim for the ones the rounds left past it; then rounds whose turns,
  // should a pair take a benchmark past the aim, go on until it is back within it.
  for (;;) {
    let progressed = await wideToAim(true);
    if (open().length === 0 || hooks.signal.aborted) break;
    if (await round(left, "last")) progressed = true;
    if (!progressed) break;
  }
}

/** Between two turns: the workers settle, then what was measured so far is handed on. */
async function endTurn(run: SequentialRun, entries: readonly Entry[]): Promise<void> {
  await run.hooks.settle?.();
  const onTurn = run.hooks.onTurn;
  if (!onTurn) return;
  const standing: Record<Leg, BenchmarkResult | undefined>[] = [];
  for (const entry of entries) {
    if (entry.result !== null) standing.push(entry.result);
    else if (entry.sampler.processes > 0) standing.push(entry.sampler.standing());
  }
  await onTurn(standing);
}

/** Whether a look is within the first pass's aim: FIRST_PASS_WIDTH times the target. */
function reachedFirstAim(look: PrecisionLook | null): boolean {
  return look?.halfWidth != null && look.halfWidth <= look.target * FIRST_PASS_WIDTH;
}

/** Stops every benchmark the rounds left open, saying why. */
async function finishOpen(run: SequentialRun, entries: readonly Entry[]): Promise<void> {
  for (const entry of entries) {
    if (entry.result !== null || !entry.measured) continue;
    // Blocks beyond the minimum were spent and it is still wide: the noise is the cause.
    // None at all: the budget was gone before its turn. Measured on near the limit: it
    // reached the run's target before it went on.
    const stop = entry.settling !== null ? "precise" : entry.extra > 0 ? "noisy" : "budget";
    await finish(run, entry, entry.sampler.stop ?? stop);
  }
}

async function finish(run: SequentialRun, entry: Entry, stop: SamplingStop): Promise<void> {
  entry.sampler.stop = stop;
  const look = entry.last;
  const reached = stop === "precise";
  entry.result = await entry.sampler.result({
    stop,
    target: entry.settling === null ? (look?.target ?? run.rule.precision) : run.rule.precision,
    halfWidth: look?.halfWidth ?? null,
    projected: reached || look === null ? null : projectedProcesses(look),
    interval: look?.interval ?? null,
    level: entry.rule.level ?? SEQUENTIAL_LEVEL,
    elapsedMs: entry.sampler.elapsedMs,
    ...(entry.settling === null ? {} : { settle: entry.settling }),
  });
  run.hooks.onStop?.({
    bench: entry.sampler.bench,
    position: entry.position,
    stop,
    look,
    result: entry.result,
  });
}

/** The regression limit with both legs (their speedup can be past it), else null. */
function limitOf(run: SequentialRun): number | null {
  return run.plan.legs.length === 2 ? (run.plan.regressionLimit ?? null) : null;
}

/**
 * The look that asks whether the interval holds the limit, at the run's
 * limitLevel or as near it as the processes allow; null where nothing asks.
 */
function lookWide(run: SequentialRun, entry: Entry): PrecisionLook | null {
  if (limitOf(run) === null || entry.settling !== null) return null;
  const { rule, sampler } = entry;
  return widestLook(
    (level) => sampler.look({ ...rule, level }),
    run.limitLevel,
    rule.level ?? SEQUENTIAL_LEVEL,
  );
}

/**
 * A benchmark whose look reaches the run's target with an interval that
 * holds the regression limit, at the run's limitLevel, goes on, to the narrower rule (settleRule);
 * its look is taken again at that rule's target and level.
 */
function settleIfNear(run: SequentialRun, entry: Entry, look: PrecisionLook): void {
  if (entry.settling !== null) return;
  const limit = limitOf(run);
  const narrower = settleRule(entry.rule, look, entry.wide, limit);
  if (narrower === null || limit === null) return;
  entry.rule = narrower;
  entry.settling = { limit, target: narrower.precision };
  entry.last = entry.sampler.look(narrower);
  entry.wide = null;
  run.hooks.onSettle?.({
    bench: entry.sampler.bench,
    position: entry.position,
    look,
    limit,
    target: narrower.precision,
    level: narrower.level ?? SEQUENTIAL_LEVEL,
  });
}

/**
 * How far a turn takes a benchmark: `first`, the first pass, to the first
 * pass's aim, yielding its share when its target is out of reach; `aim`, to
 * the first pass's aim; `target`, to its target; `last`, in the reserve, to
 * its target, and past its share while it is wider than the first pass's aim.
 */
type Stage = "first" | "aim" | "target" | "last";

/**
 * Blocks for one benchmark until it stops, its stage's aim is reached, or
 * its time runs out. Returns whether it took a block beyond its minimum.
 */
async function advance(
  run: SequentialRun,
  entry: Entry,
  until: number,
  stage: Stage,
): Promise<boolean> {
  const { hooks, clock, left } = run;
  const { sampler } = entry;
  let took = false;
  while (!hooks.signal.aborted) {
    if (sampler.ended) {
      await finish(run, entry, sampler.stop ?? "failed");
      return took;
    }
    if (sampler.processes < entry.rule.minProcesses) {
      await sampler.block();
      continue;
    }
    entry.measured = true;
    if (entry.last === null || entry.last.processes !== sampler.processes) {
      entry.last = sampler.look(entry.rule);
      entry.wide = lookWide(run, entry);
      hooks.onLook?.({ bench: sampler.bench, position: entry.position, look: entry.last });
      settleIfNear(run, entry, entry.last);
    }
    const decision = decide(entry.rule, entry.last);
    switch (decision) {
      case "precise":
        await finish(run, entry, "precise");
        return took;
      case "limit":
        // As wide as ever after the most processes a benchmark may have: the noise is the
        // cause; unless it had reached the run's target and went on near the limit.
        await finish(run, entry, entry.settling !== null ? "precise" : "noisy");
        return took;
      case "continue":
        break;
    }
    // Near enough for now: the later rounds bring it to the target with what the others leave.
    if ((stage === "first" || stage === "aim") && reachedFirstAim(entry.last)) return took;
    const end = stage === "last" && !reachedFirstAim(entry.last) ? clock() + left() : until;
    if (clock() + (sampler.blockEstimateMs ?? 0) > end) return took;
    if (stage === "first" && outOfReach(entry.last, sampler.pairEstimateMs ?? 0, left())) {
      // Far beyond what the whole budget buys: the others first, then what they leave.
      return took;
    }
    await sampler.block();
    entry.extra++;
    took = true;
  }
  return took;
}
