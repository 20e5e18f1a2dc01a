/**
 * The job summary of one run job: which leg it measured, the proof of what
 * the JIT was doing there, each benchmark's median, and where the results
 * went. Pure: everything it prints comes in as arguments.
 */

import type { Shard } from "../core/artifact-names.js";
import { legEngagementWords } from "../core/compare/engagement.js";
import { codeSpan, escapeMarkdown } from "../core/render/escape.js";
import { formatTime } from "../core/render/units.js";
import type { Leg, LegResults, ResultsFile } from "../core/results.js";
import { valuesText } from "../core/schedule.js";

export interface LegSummaryInput {
  results: ResultsFile;
  leg: Leg;
  shard: Shard | null;
  image: string | null;
  /** The artifact this leg was uploaded as. */
  artifact: { name: string; size: number } | null;
  /** Workspace-relative path of the results file. */
  resultsPath: string;
}

const LEG_TITLES: Record<Leg, string> = {
  off: "JIT-off leg (PYTHON_JIT=0)",
  on: "JIT-on leg (PYTHON_JIT=1)",
};

/** At most this many rows: a job summary is read, not searched. */
const MAX_ROWS = 100;

export function renderLegSummary(input: LegSummaryInput): string {
  const { results, leg } = input;
  const legResults = results.legs[leg];
  const shard = input.shard ? ` · shard ${input.shard.index} of ${input.shard.count}` : "";
  const lines = [`### jit-bench: ${LEG_TITLES[leg]}${shard}`, ""];
  if (legResults === undefined) {
    lines.push("This results file holds no such leg.", "");
    return lines.join("\n");
  }
  const { interpreter, fingerprint } = results.environment;
  const where = input.image ? ` in image ${codeSpan(input.image)}` : "";
  lines.push(
    `**${jitProof(legResults)}**`,
    "",
    `${escapeMarkdown(interpreter.implementation)} ${escapeMarkdown(interpreter.version)}${where}, ` +
      `on ${escapeMarkdown(fingerprint.cpuModel ?? "an unknown CPU")} (${fingerprint.cores ?? "?"} cores). ` +
      `${results.settings.processes} fresh processes per benchmark, ${valuesText(
        results.settings.values,
        legResults.benchmarks.flatMap((b) => b.processes.map((p) => p.values.length)),
      )} each.`,
    "",
  );
  if (results.partial) {
    lines.push(
      `> [!WARNING]\n> Partial results: ${escapeMarkdown(results.partialReason ?? "stopped early")}.`,
      "",
    );
  }
  lines.push(...benchmarkTable(legResults), "");
  const artifact = input.artifact
    ? `Uploaded as artifact ${codeSpan(input.artifact.name)} (${input.artifact.size} bytes); `
    : "";
  lines.push(
    `${artifact}results file ${codeSpan(input.resultsPath)}. The compare step reads both legs and decides.`,
    "",
  );
  return lines.join("\n");
}

/** The one line that says whether this leg measured a JIT at all. */
export function jitProof(leg: LegResults): string {
  const jit = leg.jit;
  if (!jit.compiled) return "JIT compiled in: no — this leg measured the plain interpreter.";
  if (leg.leg === "off") {
    return jit.enabled
      ? "JIT compiled in: yes — and enabled although PYTHON_JIT=0; this leg did not measure the plain interpreter."
      : "JIT compiled in: yes — PYTHON_JIT=0 kept it off in this leg.";
  }
  if (!jit.enabled) return "JIT compiled in: yes — but PYTHON_JIT=1 did not enable it in this leg.";
  return `JIT compiled in: yes — enabled; it ${legEngagementWords(leg.benchmarks)}.`;
}

function benchmarkTable(leg: LegResults): string[] {
  if (leg.benchmarks.length === 0) return ["No benchmarks fell to this job."];
  const rows = leg.benchmarks.slice(0, MAX_ROWS).map((bench) => {
    const name = escapeMarkdown(bench.name);
    if (bench.status !== "ok") {
      return `| ${name} | — | ${bench.status}: ${escapeMarkdown(bench.reason ?? "no reason given")} |`;
    }
    return `| ${name} | ${bench.summary ? formatTime(bench.summary.median_ms) : "—"} | ok |`;
  });
  const more = leg.benchmarks.length - rows.length;
  return [
    "| Benchmark | Median per call | Status |",
    "|---|---:|---|",
    ...rows,
    ...(more > 0 ? ["", `…and ${more} more in the results file.`] : []),
  ];
}
