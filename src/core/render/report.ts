/**
 * docs/benchmarks.md: what one `jit-bench run` measured, leg by leg, with the
 * summary columns the original benchmark_engine.py report had, plus the proof
 * of what the JIT was doing. When both legs ran, the comparison follows.
 */
import { legEngagementWords } from "../compare/engagement.js";
import type { BenchmarkResult, LegResults, ResultsFile } from "../results.js";
import { escapeMarkdown as escapeCell } from "./escape.js";
import { formatTime } from "./units.js";

export function renderReport(results: ResultsFile, comparison: string | null): string {
  const { interpreter, fingerprint } = results.environment;
  const s = results.settings;
  const lines = [
    "# Benchmarks",
    "",
    `**Python:** ${escapeCell(interpreter.implementation)} ${escapeCell(interpreter.version)}${interpreter.configArgs ? `, configured with ${escapeCell(interpreter.configArgs)}` : ""}  `,
    `**Machine:** ${escapeCell(fingerprint.cpuModel ?? "unknown CPU")}, ${fingerprint.cores ?? "?"} cores, ${escapeCell(fingerprint.platform)}  `,
    `**Date:** ${escapeCell(results.createdAt)}  `,
    `**Method:** ${s.processes} fresh processes per benchmark and leg, ${s.warmups} warm-up and ${s.values} timed values each, every value at least ${s.minTimeMs} ms of calls.`,
    "",
  ];
  if (results.partial) {
    lines.push(
      `> **Partial results:** ${escapeCell(results.partialReason ?? "the run was stopped")}.`,
      "",
    );
  }
  for (const leg of [results.legs.off, results.legs.on]) {
    if (leg) lines.push(...legSection(leg), "");
  }
  if (comparison) {
    // The comparison opens with its own heading (the verdict); a second one above it would stand empty.
    const titled = comparison.trimStart().startsWith("## ");
    if (!titled) lines.push("## JIT off against JIT on", "");
    lines.push(comparison.trim(), "");
  }
  lines.push(
    "## Notes",
    "",
    "- Times are per call: each timed value runs the function in a calibrated inner loop, the same loop count in both legs.",
    "- Mean, median and percentiles pool the values of all processes; the comparison treats each process as one observation instead.",
    "- Produced by `jit-bench run`; the raw values are in the results JSON (schema `jit-bench/results@1`).",
  );
  return `${lines.join("\n")}\n`;
}

function legSection(leg: LegResults): string[] {
  const title = leg.leg === "on" ? "JIT on (PYTHON_JIT=1)" : "JIT off (PYTHON_JIT=0)";
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
