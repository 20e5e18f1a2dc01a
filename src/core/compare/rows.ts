/**
 * Per-benchmark rows: match the legs' benchmarks by name, then compare each
 * across processes. Unpaired legs: the fresh process is the independent unit,
 * so every test runs on one number per process, the median of its values, and
 * compares the two legs' sets (Hodges–Lehmann shift, Mann–Whitney). Paired
 * legs (pairs.ts): the pair is the unit, each gives one log ratio, and the
 * tests are their one-sample counterparts (signed-rank.ts).
 */
import type { BenchmarkResult, ProcessRecord } from "../results.js";
import { prepareShift, type ShiftSample } from "../stats/differences.js";
import { shiftFromDifferences } from "../stats/hodges-lehmann.js";
import { median } from "../stats/median.js";
import { mannWhitney } from "../stats/rank.js";
import { pairedShiftOf, type WalshSample, walshSample } from "../stats/signed-rank.js";
import { type Interval, isNonEmpty, type NonEmptyArray } from "../stats/types.js";
import type { NoiseRow } from "./noise.js";
import { type PairRatio, pairRatios } from "./pairs.js";
import type { BenchmarkRow, MemoryChange } from "./types.js";

/** A row before the suite-wide steps (q-values, classes), with what the bootstrap needs. */
export interface MeasuredRow {
  readonly row: Omit<BenchmarkRow, "class" | "q" | "jit" | "level"> & {
    readonly class: "failed" | "missing" | null;
  };
  /** Log per-process medians, baseline against candidate; present when both legs have usable processes. */
  readonly sample: ShiftSample | null;
  /** Each leg's usable processes. */
  readonly usable: { readonly baseline: readonly Usable[]; readonly candidate: readonly Usable[] };
  /** The pairs' log ratios, sorted with their Walsh averages; present for a paired row. */
  readonly paired: WalshSample | null;
  /** What the A/A split works on; null when the row has no figures. */
  readonly noise: NoiseRow | null;
  /** The confidence level the row's interval was drawn at. */
  readonly level: number;
}

export interface Usable {
  readonly order: number;
  readonly values: readonly number[];
  readonly medianNs: number;
  readonly peakRssKb: number | null;
}

/** Processes that produced values with a positive median; the others cannot enter a log scale. */
export function usableProcesses(processes: readonly ProcessRecord[]): Usable[] {
  const usable: Usable[] = [];
  for (const proc of processes) {
    if (!isNonEmpty(proc.values)) continue;
    const medianNs = median(proc.values);
    if (!(medianNs > 0)) continue;
    usable.push({
      order: proc.order,
      values: proc.values,
      medianNs,
      peakRssKb: proc.peakRssKb,
    });
  }
  return usable;
}

export type SideLabels = { readonly baseline: string; readonly candidate: string };

export function measureRow(
  name: string,
  baseline: BenchmarkResult | undefined,
  candidate: BenchmarkResult | undefined,
  labels: SideLabels,
  level: number,
  paired = false,
): MeasuredRow {
  const empty = { baseline: [], candidate: [] };
  const none = { paired: null, noise: null, level };
  const blank = {
    name,
    baselineNs: null,
    candidateNs: null,
    speedup: null,
    interval: null,
    p: null,
    processes: { baseline: 0, candidate: 0 },
    memory: null,
  };
  if (!baseline || !candidate) {
    const side = baseline ? "candidate" : "baseline";
    const present = baseline ? labels.baseline : labels.candidate;
    return {
      row: { ...blank, class: "missing", side, note: `only in the ${present} leg` },
      sample: null,
      usable: empty,
      ...none,
    };
  }
  const usableBaseline = baseline.status === "ok" ? usableProcesses(baseline.processes) : [];
  const usableCandidate = candidate.status === "ok" ? usableProcesses(candidate.processes) : [];
  const processes = { baseline: usableBaseline.length, candidate: usableCandidate.length };
  const baselineBad = usableBaseline.length === 0;
  const candidateBad = usableCandidate.length === 0;
  if (baselineBad || candidateBad) {
    const side = baselineBad && candidateBad ? "both" : baselineBad ? "baseline" : "candidate";
    const note = [
      baselineBad ? `${labels.baseline}: ${failureText(baseline)}` : null,
      candidateBad ? `${labels.candidate}: ${failureText(candidate)}` : null,
    ]
      .filter((part) => part !== null)
      .join("; ");
    const skipped =
      (!baselineBad || baseline.status === "skipped") &&
      (!candidateBad || candidate.status === "skipped");
    // No side failed: the figures are missing or zero (a forged or broken file, a clock too
    // coarse), which cannot be compared but is no failure of the JIT's either.
    const unmeasured =
      !skipped &&
      (!baselineBad || baseline.status === "ok") &&
      (!candidateBad || candidate.status === "ok");
    return {
      row: {
        ...blank,
        processes,
        class: "failed",
        side,
        note,
        ...(skipped ? { skipped: true as const } : {}),
        ...(unmeasured ? { unmeasured: true as const } : {}),
      },
      sample: null,
      usable: empty,
      ...none,
    };
  }

  const logBaseline = usableBaseline.map((p) => Math.log(p.medianNs));
  const logCandidate = usableCandidate.map((p) => Math.log(p.medianNs));
  const sample = prepareShift(logBaseline, logCandidate);
  // A benchmark measured until its interval was narrow enough was looked at
  // repeatedly; its interval is honest only at the wider level the stopping
  // rule used, so the row reports that one (at least as wide as asked for).
  const rowLevel = Math.max(level, baseline.sampling?.level ?? 0, candidate.sampling?.level ?? 0);
  const ratios = paired ? pairRatios(baseline.processes, candidate.processes) : null;
  if (ratios !== null && isNonEmpty(ratios)) {
    return pairedRow(blank, sample, usableBaseline, usableCandidate, ratios, rowLevel);
  }
  const shift = shiftFromDifferences(sample.diffs, sample.m, sample.n, rowLevel);
  const test = mannWhitney(logBaseline, logCandidate);
  const speedup = Math.exp(shift.estimate);
  const baselineNs = medianOf(usableBaseline.map((p) => p.medianNs));
  return {
    row: {
      ...blank,
      class: null,
      side: null,
      baselineNs,
      // The speedup is no ratio of the two medians: the JIT time is derived from it,
      // so that a row's two times and its speedup tell one story.
      candidateNs: baselineNs === null ? null : baselineNs / speedup,
      speedup,
      interval: shift.interval
        ? { low: Math.exp(shift.interval.low), high: Math.exp(shift.interval.high) }
        : null,
      p: test.p,
      processes,
      memory: memoryChange(usableBaseline, usableCandidate),
      note: shift.interval
        ? null
        : `too few processes for a ${Math.round(rowLevel * 100)}% interval`,
    },
    sample,
    usable: { baseline: usableBaseline, candidate: usableCandidate },
    paired: null,
    noise: {
      groups: [ordered(usableBaseline), ordered(usableCandidate)],
      fullScale: Math.sqrt(1 / usableBaseline.length + 1 / usableCandidate.length),
    },
    level: rowLevel,
  };
}

/**
 * The row's interval drawn again at another level, from the same sample: the
 * pairs' Walsh averages, or the processes' pairwise differences. Null when the
 * row has no figures or too few observations for that level.
 */
export function intervalAt(measured: MeasuredRow, level: number): Interval | null {
  if (measured.paired !== null) {
    const shift = pairedShiftOf(measured.paired, level);
    return shift.interval ? expInterval(shift.interval) : null;
  }
  const sample = measured.sample;
  if (sample === null) return null;
  const shift = shiftFromDifferences(sample.diffs, sample.m, sample.n, level);
  return shift.interval ? expInterval(shift.interval) : null;
}

function expInterval(interval: Interval): Interval {
  return { low: Math.exp(interval.low), high: Math.exp(interval.high) };
}

/**
 * A paired row: the pairs' one-sample shift. Its times are the no-JIT
 * (baseline) median and that divided by the speedup, so the two times and
 * the speedup tell one story; the pooled medians of the candidate's own
 * processes would carry the very speed states the pairs cancel.
 */
function pairedRow(
  blank: Omit<MeasuredRow["row"], "class" | "side" | "note">,
  sample: ShiftSample,
  usableBaseline: readonly Usable[],
  usableCandidate: readonly Usable[],
  ratios: NonEmptyArray<PairRatio>,
  rowLevel: number,
): MeasuredRow {
  const walsh = walshSample(ratios.map((r) => r.logRatio));
  const shift = pairedShiftOf(walsh, rowLevel);
  const speedup = Math.exp(shift.estimate);
  const baselineNs = medianOf(usableBaseline.map((p) => p.medianNs));
  return {
    row: {
      ...blank,
      class: null,
      side: null,
      baselineNs,
      candidateNs: baselineNs === null ? null : baselineNs / speedup,
      speedup,
      interval: shift.interval
        ? { low: Math.exp(shift.interval.low), high: Math.exp(shift.interval.high) }
        : null,
      p: shift.p,
      processes: { baseline: ratios.length, candidate: ratios.length },
      memory: memoryChange(usableBaseline, usableCandidate),
      note: shift.interval ? null : `too few pairs for a ${Math.round(rowLevel * 100)}% interval`,
    },
    sample,
    usable: { baseline: usableBaseline, candidate: usableCandidate },
    paired: walsh,
    noise: {
      groups: [ratios.map((r) => r.logRatio)],
      fullScale: Math.sqrt(1 / ratios.length),
    },
    level: rowLevel,
  };
}

/** Log medians in run order, so that alternate halves share any slow drift. */
function ordered(processes: readonly Usable[]): number[] {
  return [...processes].sort((a, b) => a.order - b.order).map((p) => Math.log(p.medianNs));
}

function failureText(result: BenchmarkResult): string {
  switch (result.status) {
    case "failed":
      return `failed${result.reason ? ` (${result.reason})` : ""}`;
    case "skipped":
      return `skipped${result.reason ? ` (${result.reason})` : ""}`;
    case "ok":
      return result.processes.length === 0
        ? "no process finished"
        : "no process gave a time above zero (below the timer's resolution)";
  }
}

function medianOf(values: number[]): number | null {
  return isNonEmpty(values) ? median(values) : null;
}

function memoryChange(
  baseline: readonly Usable[],
  candidate: readonly Usable[],
): MemoryChange | null {
  const baselineKb = medianOf(rssValues(baseline));
  const candidateKb = medianOf(rssValues(candidate));
  if (baselineKb === null || candidateKb === null || !(baselineKb > 0)) return null;
  return { baselineKb, candidateKb, change: candidateKb / baselineKb - 1 };
}

function rssValues(processes: readonly Usable[]): number[] {
  const values: number[] = [];
  for (const p of processes) if (p.peakRssKb !== null) values.push(p.peakRssKb);
  return values;
}

/** Names in the order a reader expects: the baseline's order, then any the candidate adds. */
export function unionOfNames(
  baseline: readonly BenchmarkResult[],
  candidate: readonly BenchmarkResult[],
): string[] {
  const names = new Set<string>();
  for (const b of baseline) names.add(b.name);
  for (const c of candidate) names.add(c.name);
  return [...names];
}
