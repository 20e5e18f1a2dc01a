/**
 * The "Against pyperf's defaults" section of docs/performance.md, from the
 * figures pyperf.ts measured (or a saved copy of them).
 */

import { mean, type PyperfFigures, RESAMPLES, type ToolRun } from "./pyperf.js";
import type { Markers } from "./sections.js";

export const PYPERF_START = "<!-- pyperf:start (npm run bench -- --pyperf) -->";
export const PYPERF_END = "<!-- pyperf:end -->";
export const PYPERF_MARKERS: Markers = { start: PYPERF_START, end: PYPERF_END };

const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(2)}%`;
const worst = (run: ToolRun) => Math.max(...run.rows.map((r) => Math.abs(r.error)));
const meanError = (runs: readonly ToolRun[]) =>
  mean(runs.flatMap((run) => run.rows.map((r) => Math.abs(r.error))));
const total = (runs: readonly ToolRun[]) => runs.reduce((s, r) => s + r.seconds, 0);

export function renderPyperf(f: PyperfFigures): string {
  const ours = f.runs.filter((r) => r.tool === "jit-bench");
  const theirs = f.runs.filter((r) => r.tool === "pyperf");
  const rounds = [...new Set(f.runs.map((r) => r.round))];
  const ratios = rounds.map((round) => {
    const a = ours.find((r) => r.round === round);
    const b = theirs.find((r) => r.round === round);
    return a && b ? a.seconds / b.seconds : Number.NaN;
  });
  const timeRatio = total(ours) / total(theirs);
  const fast = ratios.every((r) => r <= 0.3);
  const [errOurs, errTheirs] = [meanError(ours), meanError(theirs)];
  const [worstOurs, worstTheirs] = [Math.max(...ours.map(worst)), Math.max(...theirs.map(worst))];
  const closer = errOurs < errTheirs && worstOurs < worstTheirs;
  const lines = [PYPERF_START, "", "## Against pyperf's defaults", ""];
  lines.push(
    `Measured ${f.started.slice(0, 16).replace("T", " ")}–${f.finished.slice(11, 16)} UTC with \`npm run bench -- --pyperf\`, ${f.version} (${f.python}, no JIT built in), 2 cores, with ${f.pyperf} from its source on PYTHONPATH. The suite is the known-effect suite above: its work depends on PYTHON_JIT, so the true speedups are 1.000, 0.909 and 1.200. In each round both tools measured it, one after the other, taking turns at going first. The machine was shared with other test runs throughout: "load avg before" is the 1-minute load average as each run started (it still carries part of the run before), on 2 cores.`,
    "",
    "- **jit-bench**: `jit-bench run --precision 1%`, the CLI bundled from today's source: a default run's sampling (±1%, 120 s budget, timer cpu, alternate pairs). The precision is written out because on an interpreter without a JIT, such as this one, a run left entirely at its defaults measures a short A/A instead (6 pairs of processes, 5 values each), which is not what a default run does where there is a JIT to measure. The speedup and 95% interval are the comparison's; the last column says how sampling stopped.",
    `- **pyperf**: one runner script per benchmark, \`pyperf.Runner().bench_func(...)\`, run once per leg with the leg's PYTHON_JIT and its defaults (a calibration process, then 20 processes of 1 warm-up and 3 values, each value at least 100 ms, timed by the wall clock, so time the CPU gave to other processes lands in its values; jit-bench's timer counts the process's own CPU time), written with \`-o\`; the only option given is \`--inherit-environ=PYTHON_JIT\`, without which pyperf's workers never see the variable and both legs do the same work. The speedup is mean(off) / mean(on) over all values, the inverse of the normalized mean \`pyperf compare_to\` prints (its words are in the last column). pyperf gives no interval for a ratio: the one shown is derived here, a percentile bootstrap (${RESAMPLES.toLocaleString("en")} resamples) over each leg's processes, pyperf's independent units. The time counts the six runner invocations and the three compare_to calls.`,
    "",
    "| round | tool | load avg before | wall time | worst error | intervals covering the truth |",
    "|--:|---|--:|--:|--:|--:|",
  );
  for (const run of f.runs) {
    const covered = run.rows.filter((r) => r.covered).length;
    lines.push(
      `| ${run.round} | ${run.tool} | ${run.loadBefore.toFixed(1)} | ${run.seconds.toFixed(0)} s | ${pct(worst(run)).replace("+", "")} | ${covered} of ${run.rows.length} |`,
    );
  }
  lines.push(
    "",
    "| round | tool | benchmark | truth | measured [95% CI] | error | covers | processes (off / on) | stop, or compare_to says |",
    "|--:|---|---|--:|--:|--:|:-:|--:|---|",
  );
  for (const run of f.runs) {
    for (const r of run.rows) {
      lines.push(
        `| ${run.round} | ${run.tool} | ${r.name} | ${r.truth.toFixed(3)} | ${r.speedup.toFixed(3)} [${r.low.toFixed(3)}–${r.high.toFixed(3)}]${run.tool === "pyperf" ? " (derived)" : ""} | ${pct(r.error)} | ${r.covered ? "yes" : "**no**"} | ${r.processes} | ${r.said} |`,
      );
    }
  }
  const ratioText = ratios.map((r) => r.toFixed(2)).join(", ");
  lines.push(
    "",
    `In all: jit-bench ${total(ours).toFixed(0)} s over ${ours.length} runs, pyperf ${total(theirs).toFixed(0)} s over ${theirs.length}: a time ratio of **${timeRatio.toFixed(2)}** (per round: ${ratioText}). Mean absolute error over every row: jit-bench ${(errOurs * 100).toFixed(2)}%, pyperf ${(errTheirs * 100).toFixed(2)}%; worst single row: ${(worstOurs * 100).toFixed(2)}% and ${(worstTheirs * 100).toFixed(2)}%.`,
    "",
    `**The target (a ±1% run in at most 0.3× pyperf's time, at a lower error) ${fast && closer ? "holds" : "does not hold"} here:** ${fast ? "every round's time ratio is at most 0.3" : `the time ratio is above 0.3 in ${ratios.filter((r) => !(r <= 0.3)).length} of ${ratios.length} rounds`}${fast === closer ? " and" : ", but"} ${closer ? "jit-bench's error is lower, on average and at worst" : "jit-bench's error is not lower on both counts"}.`,
    "",
    PYPERF_END,
  );
  return lines.join("\n");
}
