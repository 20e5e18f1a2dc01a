/**
 * What the two clocks say about a run beyond its rows: which benchmarks wait
 * (their wall time stays well above their CPU time even in their quietest
 * values: sleep, I/O, locks, which the JIT cannot speed up), and how busy the
 * machine was (how far wall time exceeded CPU time beyond each benchmark's own
 * waiting, with the load average beside it). On Linux each value also
 * carries how long the thread waited for a CPU while ready to run
 * (queueValues), which tells the two apart directly: wall - CPU - queue is
 * the benchmark's own waiting, and the queue time is other work's doing.
 * Without it, the quietest values stand in: waiting happens in every value,
 * contention mostly does not.
 *
 * Every process of a file written since the timer setting carries both
 * clocks' values (wallValues, cpuValues); older files and imported ones have
 * only one, and get no clock report.
 */
import type { BenchmarkResult, Leg, LegResults, ProcessRecord, Timer } from "../results.js";
import { median as medianOf } from "../stats/median.js";
import { isNonEmpty } from "../stats/types.js";
import type { SpeedEffect } from "./speed-effects.js";
import { type SpeedStates, speedStates } from "./speed-states.js";

function median(values: number[]): number {
  return isNonEmpty(values) ? medianOf(values) : Number.NaN;
}

/** A benchmark whose quietest values spend this share of their wall time off the CPU waits. */
export const WAIT_SHARE = 0.1;
/** Wall time this much above CPU time, beyond a benchmark's own waiting, is a busy machine. */
export const BUSY_STRETCH = 0.05;

export interface WaitingBenchmark {
  readonly name: string;
  /** Share of wall time spent off the CPU in its quietest values: 0.85 waits 85% of the time. */
  readonly waitShare: number;
}

export interface LegLoad {
  readonly leg: Leg;
  /** Median 1-minute load average over the leg's processes; null when none was recorded. */
  readonly loadAverage: number | null;
  /**
   * How far wall time exceeded CPU time beyond each benchmark's own waiting:
   * the median over benchmarks of (all its wall time / all its CPU time) /
   * its quietest ratio - 1. Totals rather than a median ratio, because other
   * work arrives in bursts: it stretches a few values a lot, and a median
   * of ratios would not see it.
   */
  readonly stretch: number;
}

export interface ClockReport {
  /** The clock behind the rows. */
  readonly timer: Timer;
  readonly waiting: readonly WaitingBenchmark[];
  readonly legs: readonly LegLoad[];
  /** Wall time ran at least BUSY_STRETCH above CPU time in some leg: other work took the CPU. */
  readonly busy: boolean;
  /** Whether processes saw the machine at two speeds; absent in reports made before it was looked for. */
  readonly states?: SpeedStates | null;
  /**
   * Paired benchmarks whose JIT effect differed between the two speeds
   * (speed-effects.ts); absent for unpaired legs and in older reports.
   */
  readonly effects?: readonly SpeedEffect[];
}

interface Reading {
  readonly wall: number;
  readonly cpu: number;
  /** Time waiting for a CPU while runnable; null where the system could not tell. */
  readonly queue: number | null;
}

/** Each value's readings, skipping values with no CPU time to divide by. */
function readings(proc: ProcessRecord): Reading[] {
  const wall = proc.wallValues;
  const cpu = proc.cpuValues;
  if (!wall || !cpu || wall.length !== cpu.length) return [];
  const queue = proc.queueValues?.length === wall.length ? proc.queueValues : null;
  const out: Reading[] = [];
  for (const [i, w] of wall.entries()) {
    const c = cpu[i] ?? 0;
    // A forged or broken file can pair a day of wall time with a denormal of CPU time.
    if (c > 0 && w > 0 && Number.isFinite(w / c)) {
      out.push({ wall: w, cpu: c, queue: queue?.[i] ?? null });
    }
  }
  return out;
}

/**
 * Wall time over CPU time with the wait for a CPU taken out where it is
 * known: what is left beyond 1 is the benchmark's own waiting.
 */
function ownRatio(r: Reading): number {
  return Math.max(r.wall - (r.queue ?? 0), r.cpu) / r.cpu;
}

interface BenchmarkClocks {
  /** Median over processes of the smallest own ratio: the benchmark's own waiting. */
  readonly quietest: number;
  /**
   * Wall time beyond what the benchmark's own work and waiting explain, as a
   * fraction: from the time spent waiting for a CPU where it is known, else
   * from all wall time over all CPU time against the quietest ratio.
   */
  readonly stretch: number;
}

function benchmarkClocks(processes: readonly ProcessRecord[]): BenchmarkClocks | null {
  const perProcess = processes.map(readings).filter((r) => r.length > 0);
  if (perProcess.length === 0) return null;
  const quietest = median(perProcess.map((r) => Math.min(...r.map(ownRatio))));
  const all = perProcess.flat();
  const wall = all.reduce((sum, r) => sum + r.wall, 0);
  let stretch: number;
  if (all.every((r) => r.queue !== null)) {
    const queue = all.reduce((sum, r) => sum + (r.queue ?? 0), 0);
    stretch = wall / Math.max(wall - queue, Number.MIN_VALUE) - 1;
  } else {
    const cpu = all.reduce((sum, r) => sum + r.cpu, 0);
    stretch = wall / cpu / quietest - 1;
  }
  return Number.isFinite(quietest) && Number.isFinite(stretch) ? { quietest, stretch } : null;
}

function hasBothClocks(legs: readonly LegResults[]): boolean {
  return legs.some((leg) =>
    leg.benchmarks.some((b) => b.processes.some((p) => readings(p).length > 0)),
  );
}

/** The clock report of two legs compared on `timer`; null when the files carry one clock only. */
export function clockReport(legs: readonly LegResults[], timer: Timer): ClockReport | null {
  if (!hasBothClocks(legs)) return null;
  const byName = new Map<string, ProcessRecord[]>();
  for (const leg of legs) {
    for (const bench of leg.benchmarks) {
      byName.set(bench.name, [...(byName.get(bench.name) ?? []), ...bench.processes]);
    }
  }
  const waiting: WaitingBenchmark[] = [];
  for (const [name, processes] of byName) {
    const clocks = benchmarkClocks(processes);
    if (clocks === null) continue;
    const waitShare = 1 - 1 / clocks.quietest;
    if (waitShare >= WAIT_SHARE) waiting.push({ name, waitShare });
  }
  const loads = legs.map((leg) => legLoad(leg));
  return {
    timer,
    waiting,
    legs: loads,
    busy: loads.some((load) => load.stretch >= BUSY_STRETCH),
    states: speedStates(legs),
  };
}

function legLoad(leg: LegResults): LegLoad {
  const stretches: number[] = [];
  for (const bench of leg.benchmarks) {
    const clocks = benchmarkClocks(bench.processes);
    if (clocks !== null) stretches.push(clocks.stretch);
  }
  const loads = leg.benchmarks.flatMap((b: BenchmarkResult) =>
    b.processes.flatMap((p) =>
      p.loadAverage === undefined || p.loadAverage === null ? [] : [p.loadAverage],
    ),
  );
  return {
    leg: leg.leg,
    loadAverage: loads.length > 0 ? median(loads) : null,
    stretch: stretches.length > 0 ? Math.max(0, median(stretches)) : 0,
  };
}
