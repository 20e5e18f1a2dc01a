/**
 * --coverage: do a paired run's intervals cover what they claim, on this
 * machine as it is? One long run of the known-effect suite while the machine
 * is quiet and one beside two busy loops per core collect a few hundred pairs
 * per benchmark. The stopping rule is then replayed on pairs drawn from them
 * (seeded, with replacement), as a default ±1% run takes them: its first look
 * at 8 pairs, then two pairs a block, each look a 97% signed-rank interval.
 * Each interval the replay stops on is checked against the long run's own
 * estimate (is the interval honest about the pairs it saw?) and against the
 * work's truth (is the machine's ratio the work's ratio?).
 */
import { rmSync } from "node:fs";
import { loadavg } from "node:os";
import { matchPairs, pairRatios } from "../../src/core/compare/pairs.js";
import type { ResultsFile } from "../../src/core/results.js";
import { median } from "../../src/core/stats/median.js";
import { createRng } from "../../src/core/stats/rng.js";
import { pairedShift } from "../../src/core/stats/signed-rank.js";
import {
  decide,
  relativeHalfWidth,
  SEQUENTIAL_LEVEL,
  SEQUENTIAL_LIMITS,
  type StoppingRule,
} from "../../src/core/stats/stopping-rule.js";
import { isNonEmpty } from "../../src/core/stats/types.js";
import { KNOWN_EFFECTS, runOnce, suiteDir, TRUTHS, underLoad } from "./clocks.js";
import type { Markers } from "./sections.js";

type Load = "quiet" | "busy";

/** What a default run asks: ±1%, first look at 8 pairs. The cap only ends a replay that never gets there. */
const RULE: StoppingRule = {
  precision: 0.01,
  minProcesses: SEQUENTIAL_LIMITS.minPairs,
  maxProcesses: 300,
};

export interface CoverageRow {
  readonly name: string;
  readonly truth: number;
  readonly pairs: number;
  /** The long run's estimate over all its pairs, and its 95% interval. */
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  /** The same from each pair's ratio of mean values instead of its median adjacent ratio. */
  readonly meansEstimate: number;
  /** Robust spread of the pairs' log ratios (1.4826 × MAD), and the farthest pairs from the estimate. */
  readonly spread: number;
  readonly lowest: number;
  readonly highest: number;
  /** The replays: mean pairs and half-width at the stop, and the share of intervals covering each value. */
  readonly meanPairs: number;
  readonly meanHalfWidth: number;
  readonly coversEstimate: number;
  readonly coversTruth: number;
}

export interface CoverageRun {
  readonly load: Load;
  readonly loadBefore: number;
  readonly seconds: number;
  readonly rows: readonly CoverageRow[];
}

export interface CoverageFigures {
  readonly started: string;
  readonly finished: string;
  readonly python: string;
  readonly budget: string;
  readonly seed: number;
  readonly replays: number;
  readonly runs: readonly CoverageRun[];
}

/** One replay of the stopping rule on pairs drawn from `pool`: the interval it stops on. */
function replay(
  pool: readonly number[],
  next: () => number,
): { pairs: number; low: number; high: number; halfWidth: number } | null {
  const drawn: number[] = [];
  for (;;) {
    while (drawn.length < RULE.minProcesses) drawn.push(pool[next()] as number);
    const shift = pairedShift(drawn, SEQUENTIAL_LEVEL);
    const interval = shift.interval
      ? { low: Math.exp(shift.interval.low), high: Math.exp(shift.interval.high) }
      : null;
    const halfWidth = relativeHalfWidth(interval);
    const look = { processes: drawn.length, interval, halfWidth, target: RULE.precision };
    if (decide(RULE, look) !== "continue") {
      return interval && halfWidth !== null
        ? { pairs: drawn.length, low: interval.low, high: interval.high, halfWidth }
        : null;
    }
    drawn.push(pool[next()] as number, pool[next()] as number);
  }
}

/** A benchmark's pairs as the product reads them, and as ratios of their mean values. */
function pairsOf(file: ResultsFile, name: string): { medians: number[]; means: number[] } {
  const off = file.legs.off?.benchmarks.find((b) => b.name === name)?.processes ?? [];
  const on = file.legs.on?.benchmarks.find((b) => b.name === name)?.processes ?? [];
  const medians = (pairRatios(off, on) ?? []).map((r) => r.logRatio);
  const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const means = (matchPairs(off, on) ?? []).flatMap(([b, c]) =>
    b.values.length > 0 && c.values.length > 0 ? [Math.log(mean(b.values) / mean(c.values))] : [],
  );
  return { medians, means };
}

function rowOf(
  file: ResultsFile,
  name: string,
  stream: number,
  replays: number,
  seed: number,
): CoverageRow {
  const truth = TRUTHS[name] ?? Number.NaN;
  const { medians, means } = pairsOf(file, name);
  if (!isNonEmpty(medians)) throw new Error(`${name}: the long run kept no pairs`);
  const all = pairedShift(medians, 0.95);
  const estimate = all.estimate;
  const center = median(medians);
  const deviations = medians.map((d) => Math.abs(d - center));
  const spread = isNonEmpty(deviations) ? 1.4826 * median(deviations) : 0;
  const rng = createRng(seed, stream);
  const next = () => rng.nextInt(medians.length);
  let pairs = 0;
  let halfWidth = 0;
  let coversEstimate = 0;
  let coversTruth = 0;
  for (let i = 0; i < replays; i++) {
    const stopped = replay(medians, next);
    if (stopped === null) continue;
    pairs += stopped.pairs;
    halfWidth += stopped.halfWidth;
    if (stopped.low <= Math.exp(estimate) && Math.exp(estimate) <= stopped.high) coversEstimate++;
    if (stopped.low <= truth && truth <= stopped.high) coversTruth++;
  }
  return {
    name,
    truth,
    pairs: medians.length,
    estimate: Math.exp(estimate),
    low: Math.exp(all.interval?.low ?? Number.NaN),
    high: Math.exp(all.interval?.high ?? Number.NaN),
    meansEstimate: Math.exp(pairedShift(means, 0.95).estimate),
    spread,
    lowest: Math.exp(Math.min(...medians) - estimate),
    highest: Math.exp(Math.max(...medians) - estimate),
    meanPairs: pairs / replays,
    meanHalfWidth: halfWidth / replays,
    coversEstimate: coversEstimate / replays,
    coversTruth: coversTruth / replays,
  };
}

export async function coverageFigures(options: {
  python: string;
  budget: string;
  replays: number;
  seed: number;
  log: (line: string) => void;
}): Promise<CoverageFigures> {
  const { python, budget, replays, seed, log } = options;
  const started = new Date().toISOString();
  const dir = suiteDir(KNOWN_EFFECTS);
  const runs: CoverageRun[] = [];
  try {
    for (const load of ["quiet", "busy"] as const) {
      log(`coverage: a long run of the known-effect suite, ${load}, budget ${budget}...`);
      const loadBefore = loadavg()[0] ?? 0;
      // A target no benchmark reaches, so that each takes its whole share of the budget.
      const run = () => runOnce(python, dir, { budget, precision: "0.05%" });
      const { file, seconds } = load === "busy" ? await underLoad(python, run) : await run();
      log(`coverage: replaying the stopping rule ${replays} times per benchmark (seed ${seed})...`);
      const rows = Object.keys(TRUTHS).map((name, i) => rowOf(file, name, i, replays, seed));
      runs.push({ load, loadBefore, seconds, rows });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { started, finished: new Date().toISOString(), python, budget, seed, replays, runs };
}

export const COVERAGE_START = "<!-- coverage:start (npm run bench -- --coverage) -->";
export const COVERAGE_END = "<!-- coverage:end -->";
export const COVERAGE_MARKERS: Markers = { start: COVERAGE_START, end: COVERAGE_END };

const pct = (x: number, digits = 2) => `${(x * 100).toFixed(digits)}%`;
const signed = (x: number) => `${x >= 0 ? "+" : ""}${pct(x)}`;

export function renderCoverage(f: CoverageFigures): string {
  const lines = [COVERAGE_START, "", "## Interval coverage on this machine's own pairs", ""];
  lines.push(
    `Measured ${f.started.slice(0, 16).replace("T", " ")}–${f.finished.slice(11, 16)} UTC with \`npm run bench -- --coverage\`, ${f.python}, 2 cores. For each load, one run of the known-effect suite with a target no benchmark reaches (±0.05%, ${f.budget} budget, timer cpu, pairs alternating on one CPU) collects its pairs; "busy" adds two busy-loop processes per core, each in a session of its own. The stopping rule of a default ±1% run is then replayed ${f.replays} times per benchmark on pairs drawn from that run's own (seed ${f.seed}, with replacement): first look at ${RULE.minProcesses} pairs, then two pairs a block, each look a ${pct(SEQUENTIAL_LEVEL, 0)} signed-rank interval, stopping at ±1%.`,
    "",
    "- **Covers the run's estimate**: the share of replayed intervals holding the long run's estimate over all its pairs. Below 95% would mean the intervals claim more than the pairs support.",
    "- **Covers the truth**: the share holding the work's ratio. Lower than the first when the machine's ratio is not the work's: the long run's own interval, in the estimate column, then leaves the truth out too.",
    "- **Ratio of means**: the same pairs, each read as the ratio of its two processes' mean values instead of the median of its adjacent ratios. When it errs like the estimate, the shift is in the machine's times, not in how a pair is read.",
    "",
    "| load | load avg before | benchmark | truth | pairs | estimate [95% CI] | error | ratio of means | pair spread | farthest pairs | replays: pairs | half-width | covers the estimate | covers the truth |",
    "|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  );
  for (const run of f.runs) {
    for (const r of run.rows) {
      lines.push(
        `| ${run.load} | ${run.loadBefore.toFixed(1)} | ${r.name} | ${r.truth.toFixed(3)} | ${r.pairs} | ${r.estimate.toFixed(4)} [${r.low.toFixed(4)}–${r.high.toFixed(4)}] | ${signed(r.estimate / r.truth - 1)} | ${signed(r.meansEstimate / r.truth - 1)} | ${pct(r.spread)} | ${signed(r.lowest - 1)} / ${signed(r.highest - 1)} | ${r.meanPairs.toFixed(1)} | ±${pct(r.meanHalfWidth)} | ${pct(r.coversEstimate, 1)} | ${pct(r.coversTruth, 1)} |`,
      );
    }
  }
  lines.push("", COVERAGE_END);
  return lines.join("\n");
}
