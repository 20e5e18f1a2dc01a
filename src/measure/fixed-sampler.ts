/**
 * One benchmark's measurement: calibrated once with the JIT off (both legs use
 * that loop count), then fresh processes, a block at a time: with both legs,
 * pairs of live processes (paired-process.ts) unless pairing is off, when the
 * legs' processes run one after another in ABBA order. The fixed schedule is
 * one block of all its processes; sequential sampling asks for a block of two
 * pairs at a time and comes back for more when the budget allows. The first failure ends the benchmark (the next
 * process would most likely fail the same way, and a hang would cost a timeout
 * each time); what was measured before it is kept.
 */
import type {
  BenchmarkResult,
  ClockResolution,
  Leg,
  Pairing,
  ProcessRecord,
  SamplingRecord,
  SamplingStop,
} from "../core/results.js";
import { processSchedule, valuesPerProcess } from "../core/schedule.js";
import { lookAt, type PrecisionLook, type StoppingRule } from "../core/stats/stopping-rule.js";
import { seedSummary } from "../core/summary.js";
import { measurePair, PairFailure } from "./paired-process.js";
import { statsOfValues } from "./sample.js";
import {
  type CountedPlan,
  endingFor,
  type MeasureHooks,
  type MeasurePlan,
  measureProcess,
} from "./timed-process.js";
import { type BenchmarkRef, calibrate } from "./worker/calls.js";

let slots = 0;
/** A different starting CPU slot for each benchmark, so that no one CPU holds every first pair. */
function nextSlot(): number {
  return slots++ % 1024;
}

/** Pairs of processes per block: two pairs make one off-on-on-off block, balanced against drift. */
const PAIRS_PER_BLOCK = 2;

interface LegRecord {
  processes: ProcessRecord[];
  failures: { index: number; reason: string }[];
}

export class BenchmarkSampler {
  private loops = 1;
  /** The plan with this benchmark's value count, settled by calibration. */
  private counted: CountedPlan;
  private overheadNs: number | undefined;
  private resolutionNs: ClockResolution | undefined;
  /** Wall time spent in blocks so far, in milliseconds. */
  private spentMs = 0;
  private ending: { status: "failed" | "skipped"; reason: string } | null = null;
  private readonly perLeg: Map<Leg, LegRecord>;
  /** Pairs measured so far: each leg has this many processes. */
  private pairs = 0;
  /** Wall time per pair (one process per leg) of each block so far. */
  private pairMs: number[] = [];
  /** Set once the sampler stops for good. */
  stop: SamplingStop | null = null;
  /** The CPU slot of this benchmark's first pair: benchmarks start on different CPUs in turn. */
  private readonly slotBase: number;

  constructor(
    readonly bench: BenchmarkRef,
    private readonly plan: MeasurePlan,
    private readonly hooks: MeasureHooks,
    private readonly clock: () => number,
  ) {
    this.perLeg = new Map(plan.legs.map((leg) => [leg, { processes: [], failures: [] }]));
    this.slotBase = nextSlot();
    this.counted = { ...plan, values: valuesPerProcess(plan.values, 0) };
  }

  /** False when the benchmark cannot be measured (the reason is kept for the result). */
  async calibrate(): Promise<boolean> {
    try {
      // As in the fixed schedule: the JIT off sets the loop count for both legs.
      const calibration = await calibrate(
        this.plan.worker("off"),
        this.bench,
        this.plan.minTimeNs,
        this.plan.timer ?? "wall",
      );
      ({
        loops: this.loops,
        overheadNs: this.overheadNs,
        resolutionNs: this.resolutionNs,
      } = calibration);
      this.counted = {
        ...this.plan,
        values: valuesPerProcess(this.plan.values, calibration.loops * calibration.ns),
      };
      return true;
    } catch (error: unknown) {
      if (this.hooks.signal.aborted) return false;
      this.ending = endingFor(error, "calibration");
      this.stop = this.ending.status;
      return false;
    }
  }

  get ended(): boolean {
    return this.ending !== null;
  }

  /** Processes per leg measured so far. */
  get processes(): number {
    return this.pairs;
  }

  /** Typical wall time of one process per leg, from the blocks so far; null before the first. */
  get pairEstimateMs(): number | null {
    if (this.pairMs.length === 0) return null;
    return this.pairMs.reduce((sum, ms) => sum + ms, 0) / this.pairMs.length;
  }

  /** Typical wall time of one block, from the blocks so far; null before the first. */
  get blockEstimateMs(): number | null {
    const pair = this.pairEstimateMs;
    return pair === null ? null : pair * PAIRS_PER_BLOCK;
  }

  look(rule: StoppingRule): PrecisionLook {
    const legs: Partial<Record<Leg, readonly ProcessRecord[]>> = {};
    for (const [leg, record] of this.perLeg) legs[leg] = record.processes;
    return lookAt(rule, legs);
  }

  /** Measures one more block of `pairs` pairs; a failure ends the benchmark. */
  async block(pairs = PAIRS_PER_BLOCK): Promise<void> {
    const started = this.clock();
    const pairing = this.plan.legs.length === 2 ? (this.plan.pairing ?? "off") : "off";
    if (pairing !== "off") {
      if (!(await this.pairedBlock(pairing, pairs))) return;
      this.account(started, pairs);
      return;
    }
    const perPair = this.plan.legs.length;
    const slots = processSchedule(this.plan.legs, this.pairs + pairs).slice(this.pairs * perPair);
    for (const slot of slots) {
      if (this.hooks.signal.aborted) return;
      const record = this.perLeg.get(slot.leg);
      if (!record) continue;
      try {
        record.processes.push(
          await measureProcess(
            this.counted,
            slot.leg,
            slot.index,
            this.bench,
            this.loops,
            this.hooks,
          ),
        );
      } catch (error: unknown) {
        if (this.hooks.signal.aborted) return;
        this.ending = endingFor(error, `process ${slot.index + 1} of the JIT-${slot.leg} leg`);
        this.stop = this.ending.status;
        record.failures.push({ index: slot.index, reason: this.ending.reason });
        return;
      }
    }
    this.account(started, pairs);
  }

  private account(started: number, pairs: number): void {
    this.pairs += pairs;
    const took = this.clock() - started;
    this.spentMs += took;
    this.pairMs.push(took / pairs);
  }

  /** `pairs` live pairs of processes, one after another; false when one failed or the run stopped. */
  private async pairedBlock(pairing: Pairing, pairs: number): Promise<boolean> {
    for (let index = this.pairs; index < this.pairs + pairs; index++) {
      if (this.hooks.signal.aborted) return false;
      try {
        const measured = await measurePair(
          this.counted,
          // Each pair on the next CPU in turn (the harness takes the slot modulo its CPUs).
          { index, pairing, slot: this.slotBase + index * (pairing === "concurrent" ? 2 : 1) },
          this.bench,
          this.loops,
          this.hooks,
        );
        for (const leg of this.plan.legs) this.perLeg.get(leg)?.processes.push(measured[leg]);
      } catch (error: unknown) {
        if (this.hooks.signal.aborted) return false;
        if (!(error instanceof PairFailure)) throw error;
        this.ending = error.ending;
        this.stop = error.ending.status;
        this.perLeg.get(error.leg)?.failures.push({ index, reason: error.ending.reason });
        return false;
      }
    }
    return true;
  }

  /** Wall time spent measuring processes so far, in milliseconds (not calibration). */
  get elapsedMs(): number {
    return this.spentMs;
  }

  /** The benchmark's result in each leg it ran; `sampling` says why sequential sampling stopped. */
  async result(sampling?: SamplingRecord): Promise<Record<Leg, BenchmarkResult | undefined>> {
    const result: Record<Leg, BenchmarkResult | undefined> = { off: undefined, on: undefined };
    for (const [leg, record] of this.perLeg) {
      const pooled = record.processes.flatMap((p) => p.values);
      result[leg] = {
        ...this.#resultOf(record, sampling),
        stats: pooled.length > 0 ? await statsOfValues(this.bench.name, pooled) : null,
        summary: seedSummary(pooled.map((ns) => ns / 1e6)),
      };
    }
    return result;
  }

  /**
   * The benchmark as it stands, for a run's file while it is still measured:
   * a copy of its processes so far, no sampling record, and no summary
   * statistics, which the finished result computes (they would cost
   * milliseconds per leg at every turn of sequential sampling).
   */
  standing(): Record<Leg, BenchmarkResult | undefined> {
    const result: Record<Leg, BenchmarkResult | undefined> = { off: undefined, on: undefined };
    for (const [leg, record] of this.perLeg) {
      const copy = { processes: [...record.processes], failures: [...record.failures] };
      result[leg] = { ...this.#resultOf(copy), stats: null, summary: null };
    }
    return result;
  }

  #resultOf(
    record: { processes: ProcessRecord[]; failures: BenchmarkResult["failures"] },
    sampling?: SamplingRecord,
  ): Omit<BenchmarkResult, "stats" | "summary"> {
    return {
      name: this.bench.name,
      file: this.bench.file,
      async: this.bench.async,
      status: this.ending?.status ?? "ok",
      reason: this.ending?.reason ?? null,
      loops: this.loops,
      processes: record.processes,
      failures: record.failures,
      ...(this.overheadNs === undefined ? {} : { loopOverheadNs: this.overheadNs }),
      ...(this.resolutionNs === undefined ? {} : { clockResolutionNs: this.resolutionNs }),
      ...(sampling === undefined ? {} : { sampling }),
    };
  }
}

/** The fixed schedule: exactly `plan.processes` processes per leg, in ABBA order. */
export async function measureBenchmark(
  plan: MeasurePlan,
  bench: BenchmarkRef,
  hooks: MeasureHooks,
): Promise<Record<Leg, BenchmarkResult | undefined>> {
  const sampler = new BenchmarkSampler(bench, plan, hooks, () => 0);
  if (await sampler.calibrate()) await sampler.block(plan.processes);
  return sampler.result();
}
