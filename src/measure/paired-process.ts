/**
 * One pair of timed processes, one per leg, alive at the same time.
 *
 * On a shared cloud machine the speed of a CPU changes from one second to
 * the next, and CPU time does not see it: two processes timed at different
 * moments, or on different CPUs, are not comparable. A pair shares both.
 * In the default, alternate pairing, both processes are pinned to one CPU and
 * asked for values in turn, ABBA (A B, B A, A B, ...), so value k of one leg
 * is always next to value k of the other. In concurrent pairing each process
 * has a CPU of its own and both values are taken at the same moment, as duet
 * benchmarking does. Either way, the ratio of value k to value k carries the
 * machine's state of that moment in both its terms, and the statistics work
 * on those ratios (core/compare/pairs.ts).
 */
import type { Leg, Pairing, PairRecord, ProcessRecord } from "../core/results.js";
import { type CountedPlan, endingFor, type MeasureHooks } from "./timed-process.js";
import { type BenchmarkRef, MeasureSession, type TimedValue } from "./worker/calls.js";

export interface PairRequest {
  readonly index: number;
  readonly pairing: Pairing;
  /** CPU slot of the pair: a position in the allowed CPUs, taken in turn so no one CPU decides. */
  readonly slot: number;
}

/** A failure of one leg's process within a pair, as the sampler records it. */
export class PairFailure extends Error {
  constructor(
    readonly leg: Leg,
    readonly ending: { status: "failed" | "skipped"; reason: string },
  ) {
    super(ending.reason);
  }
}

interface Taken {
  warmups: number[];
  values: number[];
  wallValues: number[];
  cpuValues: number[];
  queueValues: number[];
  queueKnown: boolean;
}

/**
 * Measures one pair: both processes started together, warmed up and timed in
 * the same alternating order. Throws PairFailure naming the leg that failed.
 */
export async function measurePair(
  plan: CountedPlan,
  request: PairRequest,
  bench: BenchmarkRef,
  loops: number,
  hooks: MeasureHooks,
): Promise<Record<Leg, ProcessRecord>> {
  const [a, b] = request.index % 2 === 0 ? (["off", "on"] as const) : (["on", "off"] as const);
  const order = { [a]: hooks.nextOrder(), [b]: hooks.nextOrder() } as Record<Leg, number>;
  const slots: Record<Leg, number> =
    request.pairing === "alternate"
      ? { off: request.slot, on: request.slot }
      : ({ [a]: request.slot, [b]: request.slot + 1 } as Record<Leg, number>);
  const sessions: Partial<Record<Leg, MeasureSession>> = {};
  const kill = () => {
    sessions.off?.kill();
    sessions.on?.kill();
  };
  hooks.signal.addEventListener("abort", kill, { once: true });
  try {
    const started = await Promise.allSettled(
      ([a, b] as const).map(async (leg) => {
        const session = await guarded(leg, request.index, () =>
          MeasureSession.start(plan.worker(leg), bench, loops, plan.timer ?? "wall", slots[leg]),
        );
        sessions[leg] = session;
        return session;
      }),
    );
    for (const outcome of started) if (outcome.status === "rejected") throw outcome.reason;
    const first = sessions[a] as MeasureSession;
    const second = sessions[b] as MeasureSession;
    const taken: Record<Leg, Taken> = { off: emptyTaken(), on: emptyTaken() };
    const steps = plan.warmups + plan.values;
    for (let k = 0; k < steps; k++) {
      if (hooks.signal.aborted) throw new PairFailure(a, { status: "failed", reason: "stopped" });
      const warmup = k < plan.warmups;
      if (request.pairing === "concurrent") {
        const [va, vb] = await Promise.all([
          guarded(a, request.index, () => first.next()),
          guarded(b, request.index, () => second.next()),
        ]);
        keep(taken[a], va, warmup);
        keep(taken[b], vb, warmup);
        continue;
      }
      // ABBA: A B, then B A, so neither leg always goes first.
      const [x, y] = k % 2 === 0 ? ([a, b] as const) : ([b, a] as const);
      keep(
        taken[x],
        await guarded(x, request.index, () => (sessions[x] as MeasureSession).next()),
        warmup,
      );
      keep(
        taken[y],
        await guarded(y, request.index, () => (sessions[y] as MeasureSession).next()),
        warmup,
      );
    }
    const [doneA, doneB] = await Promise.all([
      guarded(a, request.index, () => first.finish()),
      guarded(b, request.index, () => second.finish()),
    ]);
    const done = { [a]: doneA, [b]: doneB } as Record<Leg, typeof doneA>;
    const record = (leg: Leg): ProcessRecord => {
      const t = taken[leg];
      const session = sessions[leg] as MeasureSession;
      const pin = session.ready.pin;
      const pair: PairRecord = {
        index: request.index,
        pairing: request.pairing,
        cpu: pin?.cpu ?? null,
        unpinned: pin === null ? "the harness did not say" : pin.cpu === null ? pin.reason : null,
        first: a,
      };
      const d = done[leg];
      return {
        index: request.index,
        order: order[leg],
        warmups: t.warmups,
        values: t.values,
        wallValues: t.wallValues,
        cpuValues: t.cpuValues,
        ...(t.queueKnown && t.queueValues.length === t.values.length
          ? { queueValues: t.queueValues }
          : {}),
        loadAverage: d.loadAverage,
        peakRssKb: d.peakRssKb,
        jit: d.jit,
        role: "timed",
        sampler: d.sampler,
        engagement: d.engagement,
        loopOverheadNs: d.loopOverheadNs,
        pair,
      };
    };
    return { off: record("off"), on: record("on") };
  } finally {
    hooks.signal.removeEventListener("abort", kill);
    kill();
  }
}

/** Runs a step of one leg's process; its failure becomes a PairFailure naming the leg. */
async function guarded<T>(leg: Leg, index: number, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error: unknown) {
    if (error instanceof PairFailure) throw error;
    throw new PairFailure(leg, endingFor(error, `process ${index + 1} of the JIT-${leg} leg`));
  }
}

function emptyTaken(): Taken {
  return {
    warmups: [],
    values: [],
    wallValues: [],
    cpuValues: [],
    queueValues: [],
    queueKnown: true,
  };
}

function keep(taken: Taken, value: TimedValue, warmup: boolean): void {
  if (warmup) {
    taken.warmups.push(value.ns);
    return;
  }
  taken.values.push(value.ns);
  taken.wallValues.push(value.wallNs);
  taken.cpuValues.push(value.cpuNs);
  if (value.queueNs === undefined) taken.queueKnown = false;
  else taken.queueValues.push(value.queueNs);
}
