/** Row helpers shared by the renderers. */
import { LOOP_SHARE_FLAG, type RowJit } from "../compare/engagement.js";
import type { BenchmarkRow, Comparison, RowClass } from "../compare/types.js";
import { formatPercent } from "./format.js";

/** The seed ticket's markers, plus two for rows that could not be compared. */
export const MARKERS: Record<RowClass, string> = {
  faster: "✓",
  unchanged: "≈",
  slower: "✗",
  failed: "⚠",
  missing: "–",
};

/** Slower rows first, worst first; then faster rows, best first. */
export function significantFirst(rows: readonly BenchmarkRow[]): BenchmarkRow[] {
  const rank = (r: BenchmarkRow) => (r.class === "slower" ? 0 : r.class === "faster" ? 1 : 2);
  return [...rows].sort((a, b) => {
    const byClass = rank(a) - rank(b);
    if (byClass !== 0) return byClass;
    const sa = a.speedup ?? 1;
    const sb = b.speedup ?? 1;
    return a.class === "slower" ? sa - sb : sb - sa;
  });
}

/** "10 pairs of processes", "10 processes per leg, unpaired", or what stands in for them. */
export function processCount(comparison: Comparison): string {
  const n = comparison.processesPerLeg;
  switch (comparison.method) {
    case "point-estimates":
      return "summary numbers only, no processes";
    case "pairs":
      return `${n} pair${n === 1 ? "" : "s"} of processes`;
    case "processes":
      return `${n} process${n === 1 ? "" : "es"} per leg, unpaired`;
  }
}

/**
 * The rows' interval level, for a column heading: "95%", "98.75%", or null
 * when the rows carry different levels (a row sampled sequentially keeps its
 * own wider one) or none.
 */
export function rowsLevel(rows: readonly BenchmarkRow[]): string | null {
  const levels = new Set(rows.flatMap((r) => (r.level === null ? [] : [r.level])));
  if (levels.size !== 1) return null;
  const [level] = levels;
  return level === undefined ? null : formatPercent(Number(level.toPrecision(4)));
}

/** The ratio column's heading: "speedup [98.75% CI]"; an A/A table without a JIT has no speedup. */
export function ratioHeading(comparison: Comparison): string {
  const level = rowsLevel(comparison.rows);
  const what = comparison.gate.applicable ? "speedup" : "A/A ratio";
  return `${what} [${level === null ? "CI" : `${level} CI`}]`;
}

/**
 * How the rows were measured, in a few sentences: what a row's times and
 * interval are, what the marks mean, and for unpaired legs what would
 * measure them better.
 */
export function methodSentence(comparison: Comparison): string {
  const { alpha, seed, resamples } = comparison.settings;
  const tested = comparison.rows.filter((r) => r.q !== null).length;
  const marked = comparison.rows.filter((r) => r.class === "faster" || r.class === "slower").length;
  const marks = `q is p adjusted for the suite (Benjamini–Hochberg), and ✓ and ✗ mark the rows with q < ${alpha}. Each interval is widened for the suite to level 1 − ${alpha} × ${Math.max(marked, 1)}/${tested}, the false coverage rate adjustment for ${marked} marked of ${tested} (a row sampled until it was precise keeps its own wider level, and one too small for that level its own 95%): so a row's interval excludes 1 exactly when it is marked, or its note says why not`;
  const times =
    "The no-JIT time is the median of its processes' medians, and the JIT time is that divided by the speedup, so that the two times and the speedup agree; each leg's own figures are in the run's report.";
  switch (comparison.method) {
    case "pairs":
      return `Paired: each pair is two processes, one per leg, alive at the same time on one CPU and asked for values in turn, so that adjacent values share the machine's speed of that moment; a pair's ratio is the median of its adjacent values' ratios. ${times} Speedups and their intervals are one-sample Hodges–Lehmann estimates over pairs (Wilcoxon signed-rank interval); p is from the signed-rank test; ${marks}. The suite interval is a bootstrap over pairs (seed ${seed}, ${resamples} resamples).`;
    case "processes":
      return `Unpaired: the legs ran in separate processes at different moments, so each interval includes the machine's changes of speed between processes; a job that measures both legs pairs them and is more precise. ${times} Speedups and their intervals are Hodges–Lehmann estimates across fresh processes; p is from the Mann–Whitney U test on per-process medians; ${marks}. The suite interval is a bootstrap over processes (seed ${seed}, ${resamples} resamples).`;
    case "point-estimates":
      return "Times are the seed files' medians; with no raw values there are no intervals or p-values.";
  }
}

/**
 * The JIT column: what the JIT leg's processes held for this benchmark, in a
 * few words. `name` makes outside text (function names) safe for the sink.
 */
export function jitCell(jit: RowJit, name: (text: string) => string): string {
  const compiled = (jit.timingLoopExecutors ?? 0) > 0 ? ", compiled by the JIT" : "";
  const loop =
    jit.loopShare !== null && jit.loopShare >= LOOP_SHARE_FLAG
      ? `; timing loop ${Math.round(jit.loopShare * 100)}% of a call${compiled}`
      : "";
  return `${jitState(jit, name)}${loop}`;
}

function jitState(jit: RowJit, name: (text: string) => string): string {
  switch (jit.state) {
    case "no-jit":
      return "no JIT";
    case "unverified":
      return "unverified";
    case "idle":
      return "idle";
    case "engaged": {
      const count = executorCount(jit.executors ?? 0);
      const top = jit.hotspots[0];
      const where = top ? `, ${Number(top.executors.toFixed(1))} in ${name(top.function)}` : "";
      const some =
        jit.engagedProcesses < jit.scannedProcesses
          ? ` (${jit.engagedProcesses} of ${jit.scannedProcesses} processes)`
          : "";
      return `engaged, ${count}${where}${some}`;
    }
  }
}

/** "1 executor", "2.5 executors": a median count, as the JIT column and the hotspot list print it. */
export function executorCount(n: number): string {
  return `${Number(n.toFixed(1))} executor${n === 1 ? "" : "s"}`;
}

/** What the JIT column's words mean, for a footnote. */
export const JIT_COLUMN_LEGEND =
  "JIT: engaged = the JIT compiled code for the benchmark (its executors after the calls, then how many of them the function holding most had; both medians per process, as in the list of where the JIT compiled code); idle = the JIT was on but the benchmark ran no Python code hot enough to compile, and its row is still what was measured; no JIT = the JIT leg had none; a timing-loop share of 10% or more means part of the difference may be the harness's own loop, which the JIT compiles too.";
