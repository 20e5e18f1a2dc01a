/**
 * The pairs of a benchmark measured with paired sampling: each pair is two
 * processes (one per leg) alive at the same time, and value k of one was taken
 * next to value k of the other (measure/paired-process.ts). A pair's log ratio
 * is the median over k of log(baseline value k / candidate value k): adjacent
 * values share the machine's speed of that moment, so the ratio does not see
 * a host whose speed flips between states, as the processes' own medians do.
 */
import type { BenchmarkResult, ProcessRecord } from "../results.js";
import { median } from "../stats/median.js";
import { isNonEmpty } from "../stats/types.js";
import type { Warning } from "./types.js";

export interface PairRatio {
  /** The pair's index within the benchmark. */
  readonly index: number;
  /** Median of the log ratios of adjacent values, baseline over candidate. */
  readonly logRatio: number;
  /** The CPU the pair ran on (the baseline's, for concurrent pairs); null when unpinned. */
  readonly cpu: number | null;
  /** Why the pair was not pinned; null when it was. */
  readonly unpinned: string | null;
}

/**
 * The two sides' processes matched by pair index, in pair order, or null when
 * the two sides are not paired one to one: a process without a pair record,
 * an index on one side only, or the same index twice.
 */
export function matchPairs(
  baseline: readonly ProcessRecord[],
  candidate: readonly ProcessRecord[],
): [ProcessRecord, ProcessRecord][] | null {
  if (baseline.length === 0 || baseline.length !== candidate.length) return null;
  const byIndex = new Map<number, ProcessRecord>();
  for (const proc of candidate) {
    if (!proc.pair || byIndex.has(proc.pair.index)) return null;
    byIndex.set(proc.pair.index, proc);
  }
  const seen = new Set<number>();
  const matched: [ProcessRecord, ProcessRecord][] = [];
  for (const proc of baseline) {
    const partner = proc.pair ? byIndex.get(proc.pair.index) : undefined;
    if (!proc.pair || !partner || seen.has(proc.pair.index)) return null;
    seen.add(proc.pair.index);
    matched.push([proc, partner]);
  }
  return matched.sort((a, b) => (a[0].pair?.index ?? 0) - (b[0].pair?.index ?? 0));
}

/**
 * The pairs' log ratios in pair order, or null when the two sides are not
 * paired one to one (matchPairs). Pairs with no two positive values at the
 * same position (below the clock's resolution) are left out.
 */
export function pairRatios(
  baseline: readonly ProcessRecord[],
  candidate: readonly ProcessRecord[],
): PairRatio[] | null {
  const matched = matchPairs(baseline, candidate);
  if (matched === null) return null;
  const ratios: PairRatio[] = [];
  for (const [proc, partner] of matched) {
    const logs: number[] = [];
    const count = Math.min(proc.values.length, partner.values.length);
    for (let k = 0; k < count; k++) {
      const b = proc.values[k] as number;
      const c = partner.values[k] as number;
      if (b > 0 && c > 0) logs.push(Math.log(b / c));
    }
    if (!isNonEmpty(logs) || !proc.pair) continue;
    ratios.push({
      index: proc.pair.index,
      logRatio: median(logs),
      cpu: proc.pair.cpu,
      unpinned: proc.pair.unpinned,
    });
  }
  return ratios;
}

/**
 * Whether a benchmark's legs can be compared pair by pair: every process of
 * both belongs to a pair, one to one. A side that failed before any process,
 * or is missing, takes no part in the decision.
 */
export function pairable(baseline?: BenchmarkResult, candidate?: BenchmarkResult): boolean {
  if (!baseline || !candidate) return true;
  if (baseline.processes.length === 0 && candidate.processes.length === 0) return true;
  return pairRatios(baseline.processes, candidate.processes) !== null;
}

/** Pairs that could not be pinned to one CPU: measured all the same, but the report says so. */
export function unpinnedWarnings(benchmarks: readonly BenchmarkResult[]): Warning[] {
  let pairs = 0;
  const reasons = new Map<string, number>();
  for (const bench of benchmarks) {
    for (const proc of bench.processes) {
      if (!proc.pair) continue;
      pairs++;
      if (proc.pair.cpu === null) {
        const reason = proc.pair.unpinned ?? "no reason given";
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
    }
  }
  if (reasons.size === 0) return [];
  const unpinned = [...reasons.values()].reduce((sum, n) => sum + n, 0);
  const why = [...reasons.keys()].slice(0, 3).join("; ");
  return [
    {
      kind: "unpinned",
      message: `${unpinned} of ${pairs} pairs could not be pinned to one CPU (${why}), so they were measured unpinned: the two processes of such a pair may run on different CPUs, whose speeds can differ from moment to moment, and its ratio is less precise`,
    },
  ];
}
