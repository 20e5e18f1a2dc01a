/**
 * Whether the JIT compiled code for each benchmark, from what the JIT leg's
 * processes held after their values (results.ts: Engagement). Three states
 * are kept apart: the leg had no working JIT (`no-jit`); the JIT was on but
 * the benchmark never ran Python code hot enough to compile (`idle`); traces
 * were compiled for it (`engaged`). `unverified` is for files that do not say.
 */
import type { BenchmarkResult, Engagement, ProcessRecord } from "../results.js";
import { median } from "../stats/median.js";
import { isNonEmpty } from "../stats/types.js";
import type { JitGate } from "./types.js";

export const ROW_JIT_STATES = ["engaged", "idle", "unverified", "no-jit"] as const;
export type RowJitState = (typeof ROW_JIT_STATES)[number];

export interface Hotspot {
  readonly function: string;
  readonly file: string;
  readonly line: number;
  /**
   * Executors on it: the median over the processes in which it held any, the
   * same statistic as the row's total (RowJit.executors), so the two compare.
   */
  readonly executors: number;
  /** JIT-leg processes in which it held executors. */
  readonly processes: number;
}

/**
 * The timing loop's own cost is at least this share of a call's time: part of a
 * difference between the legs may then be the loop's (the JIT compiles it too).
 */
export const LOOP_SHARE_FLAG = 0.1;

export interface RowJit {
  readonly state: RowJitState;
  /** Median over the JIT leg's scanned processes of the benchmark's executors; null when unknown. */
  readonly executors: number | null;
  /** JIT-leg processes whose scan found executors of the benchmark, and processes scanned. */
  readonly engagedProcesses: number;
  readonly scannedProcesses: number;
  /** Median executors on the harness's timing loop: never counted as the benchmark's. */
  readonly timingLoopExecutors: number | null;
  /** The functions holding most of the benchmark's executors, most first (at most 3). */
  readonly hotspots: readonly Hotspot[];
  /** What the state rests on, e.g. "sys._jit + _opcode.get_executor". */
  readonly proof: string;
  /**
   * The empty timing loop's cost per call as a share of the benchmark's time per
   * call, in the leg where it is largest; null when not recorded.
   */
  readonly loopShare: number | null;
}

const MAX_HOTSPOTS = 3;

export function rowJit(
  gate: JitGate,
  jitLeg: BenchmarkResult | undefined,
  legs: { readonly baseline: LegTiming | null; readonly candidate: LegTiming | null },
): RowJit {
  const loopShare = largestLoopShare([legs.baseline, legs.candidate]);
  const processes = jitLeg?.processes ?? [];
  const scans = processes.flatMap((p) => (p.engagement ? [p.engagement] : []));
  const method = processes[0]?.jit.method ?? null;
  const base = { loopShare, scannedProcesses: scans.length };
  if (!gate.applicable) {
    return {
      ...base,
      state: "no-jit",
      executors: null,
      engagedProcesses: 0,
      timingLoopExecutors: null,
      hotspots: [],
      proof: method ?? "not recorded",
    };
  }
  const counts = scans.map((s) => s.executors);
  const loops = scans.map((s) => s.timingLoopExecutors);
  const engagedProcesses = counts.filter((n) => n > 0).length;
  if (!isNonEmpty(counts) || scans.length < processes.length) {
    return {
      ...base,
      state: "unverified",
      executors: isNonEmpty(counts) ? median(counts) : null,
      engagedProcesses,
      timingLoopExecutors: isNonEmpty(loops) ? median(loops) : null,
      hotspots: hotspots(scans),
      proof: `${method ?? "not recorded"}; ${processes.length - scans.length} of ${processes.length} processes recorded no executor scan`,
    };
  }
  return {
    ...base,
    state: engagedProcesses > 0 ? "engaged" : "idle",
    executors: median(counts),
    engagedProcesses,
    timingLoopExecutors: isNonEmpty(loops) ? median(loops) : null,
    hotspots: hotspots(scans),
    proof: `${method ?? "unknown"} + _opcode.get_executor`,
  };
}

function hotspots(scans: readonly Engagement[]): Hotspot[] {
  const byPlace = new Map<string, { spot: Engagement["hotspots"][number]; counts: number[] }>();
  for (const scan of scans) {
    for (const spot of scan.hotspots) {
      const key = `${spot.file}\u0000${spot.line}\u0000${spot.function}`;
      const seen = byPlace.get(key);
      if (seen) seen.counts.push(spot.executors);
      else byPlace.set(key, { spot, counts: [spot.executors] });
    }
  }
  const found: Hotspot[] = [];
  for (const { spot, counts } of byPlace.values()) {
    if (!isNonEmpty(counts)) continue;
    found.push({
      function: spot.function,
      file: spot.file,
      line: spot.line,
      executors: median(counts),
      processes: counts.length,
    });
  }
  return found
    .sort(
      (a, b) =>
        b.processes - a.processes ||
        b.executors - a.executors ||
        a.file.localeCompare(b.file) ||
        a.line - b.line,
    )
    .slice(0, MAX_HOTSPOTS);
}

/** One leg's time per call and the empty loop's cost in its processes, for the loop share. */
export interface LegTiming {
  readonly ns: number | null;
  readonly loopNs: number | null;
}

export function legTiming(result: BenchmarkResult | undefined, ns: number | null): LegTiming {
  if (!result) return { ns, loopNs: null };
  const perProcess = loopCosts(result.processes);
  return {
    ns,
    loopNs: isNonEmpty(perProcess) ? median(perProcess) : (result.loopOverheadNs ?? null),
  };
}

function loopCosts(processes: readonly ProcessRecord[]): number[] {
  const costs: number[] = [];
  for (const p of processes) if (p.loopOverheadNs !== undefined) costs.push(p.loopOverheadNs);
  return costs;
}

function largestLoopShare(legs: readonly (LegTiming | null)[]): number | null {
  let largest: number | null = null;
  for (const leg of legs) {
    if (!leg || leg.ns === null || leg.loopNs === null || !(leg.ns > 0)) continue;
    const share = leg.loopNs / leg.ns;
    if (largest === null || share > largest) largest = share;
  }
  return largest;
}

/**
 * Rows from files that record no executor scan (pyperf, pytest-benchmark, the
 * seed script's JSON): the JIT's work for them is unverified, or absent with no JIT.
 */
export function withUnrecordedJit<Row extends object>(
  rows: readonly Row[],
  gate: JitGate,
  format: string,
): (Row & { readonly jit: RowJit })[] {
  const jit: RowJit = {
    state: gate.applicable ? "unverified" : "no-jit",
    executors: null,
    engagedProcesses: 0,
    scannedProcesses: 0,
    timingLoopExecutors: null,
    hotspots: [],
    proof: `not recorded by ${format}`,
    loopShare: null,
  };
  return rows.map((row) => ({ ...row, jit }));
}

/** How many compared rows are in each state. */
export type EngagementCounts = Readonly<Record<RowJitState, number>>;

export function countStates(rows: readonly { readonly jit: RowJit }[]): EngagementCounts {
  const counts: Record<RowJitState, number> = { engaged: 0, idle: 0, unverified: 0, "no-jit": 0 };
  for (const row of rows) counts[row.jit.state] += 1;
  return counts;
}

/**
 * One leg's benchmarks by what their processes held, for reports of a single
 * leg: engaged (executors in any process), idle (scanned, none), unverified.
 */
export function legEngagement(
  benchmarks: readonly BenchmarkResult[],
): Readonly<Record<"engaged" | "idle" | "unverified", number>> {
  const counts = { engaged: 0, idle: 0, unverified: 0 };
  for (const bench of benchmarks) {
    if (bench.processes.length === 0) continue;
    const scans = bench.processes.map((p) => p.engagement ?? null);
    if (scans.some((s) => s !== null && s.executors > 0)) counts.engaged += 1;
    else if (scans.every((s) => s !== null)) counts.idle += 1;
    else counts.unverified += 1;
  }
  return counts;
}

/** "engaged in 3 of 5 benchmarks, idle in 2", for one leg's proof line. */
export function legEngagementWords(benchmarks: readonly BenchmarkResult[]): string {
  const { engaged, idle, unverified } = legEngagement(benchmarks);
  const total = engaged + idle + unverified;
  if (total === 0) return "no benchmark was measured";
  const parts = [`compiled code for ${engaged} of ${total} benchmark${total === 1 ? "" : "s"}`];
  if (idle > 0) parts.push(`${idle} idle (no Python code hot enough to compile)`);
  if (unverified > 0) parts.push(`${unverified} not scanned`);
  return parts.join(", ");
}
