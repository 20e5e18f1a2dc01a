/**
 * One set of live worker processes, one per variant, pinned to one CPU and
 * asked for values in a rotating order: the paired design of
 * paired-process.ts extended from two legs to N variants.
 *
 * In round k every variant gives one value, so value k of each variant was
 * taken within N values of the others, at the same moment and on the same
 * CPU. The order turns: a set starts with the variant after the one the
 * previous set started with, and its rounds alternate forwards and backwards
 * (A B C, C B A, A B C, ...), the ABBA of two legs, so that no variant always
 * goes first or always follows the same one.
 */
import type { Engagement, JitState, Timer } from "../core/results.js";
import type { VariantSet } from "../core/variants/results.js";
import { endingFor } from "./timed-process.js";
import {
  type BenchmarkRef,
  MeasureSession,
  WorkerFailure,
  type WorkerOptions,
} from "./worker/calls.js";

export interface SetPlan {
  /** Worker options per variant, in the order of the variants; a function gives fresh ones per process. */
  readonly workers: readonly (WorkerOptions | (() => WorkerOptions))[];
  readonly warmups: number;
  readonly values: number;
  readonly timer: Timer;
}

/** A failure of one variant's worker within a set. */
export class SetFailure extends Error {
  constructor(
    readonly variant: number,
    readonly ending: { status: "failed" | "skipped"; reason: string },
  ) {
    super(ending.reason);
  }
}

/** The variants' order in round 0 of set `index`: rotated by the set's index. */
export function setOrder(count: number, index: number): number[] {
  return Array.from({ length: count }, (_, i) => (i + index) % count);
}

/** The order of round `round` in a set whose first round is `first`: reversed every other round. */
export function roundOrder(first: readonly number[], round: number): number[] {
  return round % 2 === 0 ? [...first] : [...first].reverse();
}

/**
 * Measures one set. `slot` chooses the CPU (a position in the allowed CPUs,
 * taken modulo their count by the harness). Throws SetFailure naming the variant.
 */
export async function measureSet(
  plan: SetPlan,
  bench: BenchmarkRef,
  loops: number,
  index: number,
  slot: number,
  signal: AbortSignal,
  names: readonly string[],
): Promise<VariantSet> {
  const n = plan.workers.length;
  const order = setOrder(n, index);
  const sessions: (MeasureSession | undefined)[] = new Array(n).fill(undefined);
  const kill = () => {
    for (const s of sessions) s?.kill();
  };
  signal.addEventListener("abort", kill, { once: true });
  const where = (v: number) => `set ${index + 1}, variant ${names[v] ?? v}`;
  const guarded = async <T>(v: number, step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (error: unknown) {
      if (error instanceof SetFailure) throw error;
      if (!(error instanceof WorkerFailure)) throw error;
      throw new SetFailure(v, endingFor(error, where(v)));
    }
  };
  try {
    const started = await Promise.allSettled(
      plan.workers.map(async (options, v) => {
        sessions[v] = await guarded(v, () =>
          MeasureSession.start(
            typeof options === "function" ? options() : options,
            bench,
            loops,
            plan.timer,
            slot,
          ),
        );
      }),
    );
    for (const outcome of started) if (outcome.status === "rejected") throw outcome.reason;
    const values: number[][] = Array.from({ length: n }, () => []);
    for (let round = 0; round < plan.warmups + plan.values; round++) {
      for (const v of roundOrder(order, round)) {
        if (signal.aborted) throw new SetFailure(v, { status: "failed", reason: "stopped" });
        const value = await guarded(v, () => (sessions[v] as MeasureSession).next());
        if (round >= plan.warmups) (values[v] as number[]).push(value.ns);
      }
    }
    const done = await Promise.all(
      sessions.map((s, v) => guarded(v, () => (s as MeasureSession).finish())),
    );
    const pin = (sessions[0] as MeasureSession).ready.pin;
    return {
      index,
      cpu: pin?.cpu ?? null,
      unpinned: pin === null ? "the harness did not say" : pin.cpu === null ? pin.reason : null,
      order,
      values,
      peakRssKb: done.map((d) => (d.peakRssKb === null ? null : Math.round(d.peakRssKb))),
      engagement: done.map((d): Engagement | null => d.engagement ?? null),
      jit: done.map((d): JitState | null => d.jit ?? null),
    };
  } finally {
    signal.removeEventListener("abort", kill);
    kill();
  }
}
