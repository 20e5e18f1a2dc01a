/**
 * docs/benchmarks.md: what one `jit-bench run` measured. When both legs ran,
 * the comparison (the verdict) comes first; then how it was measured and each
 * leg with the summary columns the original benchmark_engine.py report had,
 * plus the proof of what the JIT was doing.
 */
import { legEngagementWords } from "../compare/engagement.js";
import type { BenchmarkResult, LegResults, ResultsFile } from "../results.js";
import { valuesText } from "../schedule.js";
import { escapeMarkdown as escapeCell } from "./escape.js";
import { formatTime } from "./units.js";

export function renderReport(results: ResultsFile, comparison: string | null): string {
  const { interpreter, fingerprint } = results.environment;
  const lines = [
    "# Benchmarks",
    "",
    comparison
      ? "The verdict first, then how it was measured and each leg's own figures."
      : "Each leg's own figures, and how they were measured.",
    "",
  ];
  if (results.partial) {
    lines.push(
      `> **Partial results:** ${escapeCell(results.partialReason ?? "the run was stopped")}.`,
      "",
    );
  }
  // The verdict first: a reader who stops after the first screen has the answer.
  if (comparison) {
    // The comparison opens with its own heading (the verdict); a second one above it would stand empty.
    const titled = comparison.trimStart().startsWith("## ");
    if (!titled) lines.push("## JIT off against JIT on", "");
    lines.push(comparison.trim(), "");
  }
  lines.push(
    "## How it was measured",
    "",
    `**Python:** ${escapeCell(interpreter.implementation)} ${escapeCell(interpreter.version)}${interpreter.configArgs ? `, configured with ${escapeCell(shortenPaths(interpreter.configArgs))}` : ""}  `,
    `**Machine:** ${escapeCell(fingerprint.cpuModel ?? "unknown CPU")}, ${fingerprint.cores ?? "?"} cores, ${escapeCell(fingerprint.platform)}  `,
    `**Date:** ${escapeCell(results.createdAt)}  `,
    `**Method:** ${methodWords(results)}`,
    "",
  );
  for (const leg of [results.legs.off, results.legs.on]) {
    if (leg) lines.push(...legSection(leg), "");
  }
  lines.push(
    "## Notes",
    "",
    "- Times are per call: each timed value runs the function in a calibrated inner loop, the same loop count in both legs.",
    "- Mean, median and percentiles pool the values of all processes; the comparison treats each process (or pair) as one observation instead.",
    "- Produced by `jit-bench run`; the raw values are in the results JSON (schema `jit-bench/results@1`).",
  );
  return `${lines.join("\n")}\n`;
}

/**
 * Absolute paths in build facts cut to their last part: `--prefix=/home/ci/py`
 * becomes `--prefix=…/py`. The builder's home and folders say nothing about
 * the interpreter, and a report should not publish them.
 */
export function shortenPaths(text: string): string {
  return text.replace(/(^|[\s'"=:,]|-[IL])\/(?:[^\s'"/:,]+\/)*([^\s'"/:,]+)/g, "$1…/$2");
}

/** What was measured per benchmark: processes (or pairs) as counted in the file, values, warm-ups. */
function methodWords(results: ResultsFile): string {
  const s = results.settings;
  const benchmarks = [results.legs.off, results.legs.on].flatMap((leg) =>
    leg ? leg.benchmarks.filter((b) => b.status === "ok") : [],
  );
  const counts = benchmarks.map((b) => b.processes.length).filter((n) => n > 0);
  const paired = benchmarks.some((b) => b.processes.some((p) => p.pair !== undefined));
  const low = counts.length > 0 ? Math.min(...counts) : s.processes;
  const high = counts.length > 0 ? Math.max(...counts) : s.processes;
  const range = low === high ? `${low}` : `${low} to ${high}`;
  const unit = paired
    ? "pairs of fresh processes per benchmark (one per leg, alive together on one CPU)"
    : "fresh processes per benchmark and leg";
  const sampled =
    typeof s.precision === "number"
      ? `, as many as it took to reach ±${Number((s.precision * 100).toPrecision(6))}% or the time budget`
      : "";
  const values = valuesText(
    s.values,
    benchmarks.flatMap((b) => b.processes.map((p) => p.values.length)),
  );
  return `${range} ${unit}${sampled}; ${s.warmups} warm-up and ${values} each, every value at least ${s.minTimeMs} ms of calls.`;
}

function legSection(leg: LegResults): string[] {
  // A leg is titled by what ran: PYTHON_JIT=1 on a build without the JIT is no "JIT on".
  const title =
    leg.leg === "off"
      ? "JIT off (PYTHON_JIT=0)"
      : leg.jit.compiled && leg.jit.enabled
        ? "JIT on (PYTHON_JIT=1)"
        : "PYTHON_JIT=1, but no JIT: this interpreter was built without it";
  const jit = leg.jit;
  const proof = jit.compiled
    ? `JIT compiled in: yes; enabled: ${jit.enabled ? "yes" : "no"}${jit.enabled ? `; it ${legEngagementWords(leg.benchmarks)}` : ""}.`
    : "JIT compiled in: no. This leg measured the plain interpreter.";
  const lines = [
    `## ${title}`,
    "",
    `${proof} ${escapeCell(jit.detail)}`,
    "",
    "| Benchmark | Mean | Median | P95 | P99 | Std | Values | Peak RSS |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const bench of leg.benchmarks) lines.push(row(bench));
  return lines;
}

function row(bench: BenchmarkResult): string {
  const name = escapeCell(bench.name);
  if (bench.status !== "ok" || !bench.summary) {
    return `| ${name} | ${bench.status}: ${escapeCell(bench.reason ?? "no values")} |  |  |  |  |  |  |`;
  }
  const s = bench.summary;
  const rss = Math.max(0, ...bench.processes.map((p) => p.peakRssKb ?? 0));
  const cells = [s.mean_ms, s.median_ms, s.p95_ms, s.p99_ms, s.std_ms].map(formatTime);
  return `| ${name} | ${cells.join(" | ")} | ${s.iterations} | ${rss > 0 ? `${(rss / 1024).toFixed(1)} MiB` : "n/a"} |`;
}
