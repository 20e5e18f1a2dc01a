/** The report for a terminal: the verdict, the suite line, and aligned columns. */
import { LEG_LABELS } from "../compare/legs.js";
import type { BenchmarkRow, Comparison } from "../compare/types.js";
import type { Verdict } from "../verdict.js";
import { clockSentences } from "./clocks.js";
import { escapeLogText, escapeTerminal } from "./escape.js";
import {
  formatChange,
  formatDuration,
  formatP,
  formatPercent,
  formatSpeedupWithInterval,
} from "./format.js";
import { followUp, headline, PLAIN, suiteFigure, VERDICT_TITLES } from "./headline.js";
import {
  JIT_COLUMN_LEGEND,
  jitCell,
  MARKERS,
  methodSentence,
  processCount,
  ratioHeading,
} from "./rows.js";
import { testsText } from "./tests.js";
import { displayWidth, wrapDisplay } from "./width.js";

export function renderText(comparison: Comparison, verdict: Verdict): string {
  const labels = {
    baseline: LEG_LABELS[comparison.baseline.leg],
    candidate: LEG_LABELS[comparison.candidate.leg],
  };
  const lines: string[] = [];
  lines.push(`jit-bench verdict: ${VERDICT_TITLES[verdict.kind].toUpperCase()}`);
  // One line, whatever the names in it hold.
  lines.push(escapeTerminal(headline(comparison, verdict, PLAIN)));
  lines.push(...followUp(verdict, comparison).map(escapeTerminal));
  lines.push("");
  const { suite, noise, memory } = comparison;
  if (suite) {
    lines.push(
      `suite:   ${suiteFigure(suite, comparison.gate.applicable, oneLine, (text) => text)}`,
    );
  }
  if (noise) {
    lines.push(
      `noise:   floor ±${formatPercent(Number(noise.floor.toPrecision(2)))}, smallest detectable change ≈${formatPercent(Number(noise.detectable.toPrecision(2)))} per benchmark (A/A: ${noise.significant}/${noise.comparisons} at p < ${comparison.settings.alpha})`,
    );
  }
  lines.push(`memory:  ${memory ? `peak RSS ${formatChange(memory.change)}` : "not measured"}`);
  lines.push(
    `policy:  threshold +${formatPercent(verdict.policy.threshold)}, max regression ${formatPercent(verdict.policy.maxRegression)}, max memory growth ${formatPercent(verdict.policy.maxMemoryGrowth)}; ${processCount(comparison)}`,
  );
  if (comparison.clocks) {
    for (const sentence of clockSentences(
      comparison.clocks,
      oneLine,
      comparison.method === "pairs",
    )) {
      lines.push(`clock:   ${sentence}`);
    }
  }
  if (comparison.tests) {
    const [first = "", ...rest] = testsText(comparison.tests, oneLine);
    lines.push(
      `tests:   ${first.replace(/^Tests: /, "")}`,
      ...rest.map((line) => `       ${line}`),
    );
  }
  for (const warning of comparison.warnings)
    lines.push(`warning: ${escapeTerminal(warning.message)}`);
  lines.push("");
  lines.push(...table(comparison, labels));
  lines.push("");
  lines.push(
    `${comparison.gate.applicable ? `speedup = ${labels.baseline} time / ${labels.candidate} time per call (above 1 = the JIT is faster)` : `A/A ratio = ${labels.baseline} time / ${labels.candidate} time per call, with no JIT in either leg (noise, not a speedup)`}; ✓ faster, ✗ slower (q < ${comparison.settings.alpha}, interval clear of 1), ≈ no significant change.`,
  );
  if (comparison.method !== "point-estimates") lines.push(methodSentence(comparison));
  lines.push(JIT_COLUMN_LEGEND);
  // A line the Actions runner would take for a workflow command does nothing either.
  return `${escapeLogText(lines.join("\n"))}\n`;
}

function table(comparison: Comparison, labels: { baseline: string; candidate: string }): string[] {
  const rows = comparison.rows;
  const header = [
    "",
    "benchmark",
    labels.baseline,
    labels.candidate,
    ratioHeading(comparison),
    "q",
    "memory",
    "JIT",
  ];
  const body = rows.map((r) => [
    MARKERS[r.class],
    oneLine(r.name),
    formatDuration(r.baselineNs),
    formatDuration(r.candidateNs),
    notCompared(r) ??
      formatSpeedupWithInterval(
        r.speedup,
        r.interval,
        comparison.gate.applicable ? "speedup" : "a/a",
      ),
    formatP(r.q),
    formatChange(r.memory?.change ?? null),
    notCompared(r) === null ? jitCell(r.jit, oneLine) : "—",
  ]);
  const all = [header, ...body];
  const widths = header.map((_, col) => Math.max(...all.map((cells) => width(cells[col] ?? ""))));
  // Names and notes read best left-aligned, numbers right-aligned.
  const leftAligned = new Set([0, 1, 4, 7]);
  const line = (cells: string[]) =>
    cells
      .map((cell, col) => {
        const pad = " ".repeat((widths[col] ?? 0) - width(cell));
        return leftAligned.has(col) ? cell + pad : pad + cell;
      })
      .join("  ")
      .trimEnd();
  const lines = all.map(line);
  // A row that was not compared says why on lines of its own, under its name and wrapped to
  // the table's width: a failure's text (a traceback, an import error) would stretch a column.
  const indent = " ".repeat((widths[0] ?? 0) + 2);
  const noteColumns = Math.max(NOTE_MIN_COLUMNS, ...lines.map(width)) - indent.length;
  return [
    lines[0] ?? "",
    ...rows.flatMap((r, i) => {
      const reason = notCompared(r) === null ? null : r.note;
      const notes = reason ? wrapDisplay(oneLine(reason), noteColumns).map((n) => indent + n) : [];
      return [lines[i + 1] ?? "", ...notes];
    }),
  ];
}

/** Narrowest a row's note is wrapped to, whatever the table's width. */
const NOTE_MIN_COLUMNS = 72;

/** The speedup cell of a row without figures, in a word; null for a compared row. */
function notCompared(row: BenchmarkRow): string | null {
  switch (row.class) {
    case "failed":
      return row.skipped ? "skipped" : row.unmeasured ? "not measured" : "failed";
    case "missing":
      return "missing";
    case "faster":
    case "slower":
    case "unchanged":
      return null;
  }
}

/** A terminal table needs one line per row, and no escape sequence of the data's own. */
function oneLine(text: string): string {
  return escapeTerminal(text);
}

/** Display width: wide (CJK) characters take two columns, combining marks none. */
function width(text: string): number {
  return displayWidth(text);
}
