/**
 * The Markdown report: for a pull request comment or a job summary. Fed only
 * with data; every string from outside goes through escapeMarkdown.
 */
import { LEG_LABELS } from "../compare/legs.js";
import type { BenchmarkRow, Comparison, LegDescription } from "../compare/types.js";
import type { Verdict } from "../verdict.js";
import { renderChart } from "./chart.js";
import { clockSentences } from "./clocks.js";
import { escapeMarkdown } from "./escape.js";
import {
  formatChange,
  formatDuration,
  formatP,
  formatPercent,
  formatSpeedupWithInterval,
  type RatioKind,
} from "./format.js";
import { followUp, headline, type Style, suiteFigure, VERDICT_TITLES } from "./headline.js";
import { COMMENT_LIMIT_CHARS } from "./limits.js";
import {
  executorCount,
  JIT_COLUMN_LEGEND,
  jitCell,
  MARKERS,
  methodSentence,
  processCount,
  ratioHeading,
  significantFirst,
} from "./rows.js";
import { testsMarkdown } from "./tests.js";
import { CLI_VOICE, type Voice } from "./voice.js";

export interface MarkdownOptions {
  /** Put first, verbatim: e.g. a hidden `<!-- jit-bench:KEY -->` to find the comment again. */
  readonly marker?: string;
  /**
   * The size in characters to leave rows out for; defaults to GitHub's
   * comment limit. The text itself is never cut here: the sink cuts it.
   */
  readonly limit?: number;
  /** Whom the advice speaks to: the CLI's flags (the default) or the action's inputs. */
  readonly voice?: Voice;
}

const STYLE: Style = { name: escapeMarkdown, strong: (text) => `**${text}**` };
/** How the Markdown reports style text: outside text escaped, the key number in bold. */
export const MARKDOWN_STYLE: Style = STYLE;

/** How much to leave out, tried in order until the report fits. */
interface Budget {
  readonly quietRows: number;
  readonly loudRows: number;
  readonly chart: boolean;
}

const BUDGETS: readonly Budget[] = [
  { quietRows: Number.POSITIVE_INFINITY, loudRows: Number.POSITIVE_INFINITY, chart: true },
  { quietRows: 200, loudRows: Number.POSITIVE_INFINITY, chart: true },
  { quietRows: 0, loudRows: 300, chart: false },
  { quietRows: 0, loudRows: 100, chart: false },
  { quietRows: 0, loudRows: 20, chart: false },
];

/**
 * The report with as much left out (quiet rows, then the chart, then loud
 * rows) as it takes to fit `limit`. Only pathological input (thousands of
 * failed benchmarks with long reasons) is still longer at the smallest
 * budget: that text is returned whole, and the sink it is written to cuts it
 * to size, once, knowing what else shares the limit.
 */
export function renderMarkdown(
  comparison: Comparison,
  verdict: Verdict,
  options: MarkdownOptions = {},
): string {
  const limit = options.limit ?? COMMENT_LIMIT_CHARS;
  let text = "";
  for (const budget of BUDGETS) {
    text = compose(comparison, verdict, options.marker, budget, options.voice ?? CLI_VOICE);
    if (text.length <= limit) return text;
  }
  return text;
}

function compose(
  comparison: Comparison,
  verdict: Verdict,
  marker: string | undefined,
  budget: Budget,
  voice: Voice,
): string {
  const labels = {
    baseline: LEG_LABELS[comparison.baseline.leg],
    candidate: LEG_LABELS[comparison.candidate.leg],
  };
  const parts: string[] = [];
  if (marker) parts.push(marker);
  parts.push(`## jit-bench: ${VERDICT_TITLES[verdict.kind]}`);
  parts.push(
    [headline(comparison, verdict, STYLE), ...followUp(verdict, comparison, STYLE, voice)].join(
      " ",
    ),
  );
  parts.push(suiteLines(comparison, verdict));
  if (comparison.tests) parts.push(testsMarkdown(comparison.tests, STYLE));
  if (comparison.warnings.length > 0) {
    parts.push(
      ["> [!WARNING]", ...comparison.warnings.map((w) => `> - ${escapeMarkdown(w.message)}`)].join(
        "\n",
      ),
    );
  }
  if (comparison.clocks) {
    parts.push(
      `**Clock:** ${clockSentences(comparison.clocks, escapeMarkdown, comparison.method === "pairs", voice).join(" ")}`,
    );
  }
  parts.push(...tables(comparison, labels, budget, voice));
  const skipped = comparison.rows.filter((r) => r.class === "failed" || r.class === "missing");
  if (skipped.length > 0) {
    parts.push(
      [
        "**Not compared:**",
        ...skipped.map(
          (r) =>
            `- ${MARKERS[r.class]} ${escapeMarkdown(r.name)}: ${escapeMarkdown(r.note ?? r.class)}`,
        ),
      ].join("\n"),
    );
  }
  const where = budget.chart ? hotspotSection(comparison.rows) : null;
  if (where) parts.push(where);
  // Without a JIT there is no speedup to draw: bars would only chart the noise.
  const chart =
    budget.chart && verdict.kind !== "not-applicable"
      ? renderChart(comparison.rows, {
          ratio: `${labels.baseline} time / ${labels.candidate} time`,
        })
      : null;
  if (chart) parts.push(chart);
  parts.push(footnote(comparison, labels));
  return `${parts.join("\n\n")}\n`;
}

function suiteLines(comparison: Comparison, verdict: Verdict): string {
  const { suite, noise, memory } = comparison;
  const bits: string[] = [];
  if (suite)
    bits.push(suiteFigure(suite, comparison.gate.applicable, escapeMarkdown, STYLE.strong));
  if (noise) {
    bits.push(
      `noise floor ±${formatPercent(twoDigits(noise.floor))} (A/A: ${noise.significant} of ${noise.comparisons} half-against-half checks at p < ${comparison.settings.alpha}; smallest detectable change ≈${formatPercent(twoDigits(noise.detectable))} per benchmark)`,
    );
  } else if (comparison.method === "processes") {
    bits.push("no noise floor (it needs 4 processes per leg)");
  } else if (comparison.method === "pairs") {
    bits.push("no noise floor (it needs 4 pairs)");
  }
  bits.push(memory ? `peak memory ${formatChange(memory.change)}` : "peak memory not measured");
  const policy = verdict.policy;
  const rules = [
    `threshold +${formatPercent(policy.threshold)}`,
    `max regression ${formatPercent(policy.maxRegression)}`,
    `max memory growth ${formatPercent(policy.maxMemoryGrowth)}`,
    processCount(comparison),
  ];
  return `**Suite:** ${bits.join(" · ")}  \n**Policy:** ${rules.join(" · ")}`;
}

function twoDigits(fraction: number): number {
  return Number(fraction.toPrecision(2));
}

function tables(
  comparison: Comparison,
  labels: { baseline: string; candidate: string },
  budget: Budget,
  voice: Voice,
): string[] {
  const compared = comparison.rows.filter((r) => r.class !== "failed" && r.class !== "missing");
  const header = [
    `| benchmark | ${labels.baseline} | ${labels.candidate} | ${ratioHeading(comparison)} | q | memory | JIT |`,
    "|:--|--:|--:|:--|--:|--:|:--|",
  ];
  // Without raw values nothing can be significant, and without a JIT the whole
  // table is the A/A check: either way, one open table.
  const single = comparison.method === "point-estimates" || !comparison.gate.applicable;
  const kind: RatioKind = comparison.gate.applicable ? "speedup" : "a/a";
  const loud = single
    ? compared
    : significantFirst(compared.filter((r) => r.class !== "unchanged"));
  const quiet = single ? [] : compared.filter((r) => r.class === "unchanged");
  const out: string[] = [];
  if (loud.length > 0) {
    out.push([...header, ...capped(loud, budget.loudRows, voice, kind)].join("\n"));
  } else if (quiet.length > 0) {
    out.push("No benchmark changed significantly.");
  }
  if (quiet.length > 0) {
    const summary = `<summary>${MARKERS.unchanged} ${quiet.length} benchmark${quiet.length === 1 ? "" : "s"} with no significant change</summary>`;
    const body =
      budget.quietRows > 0
        ? ["", ...header, ...capped(quiet, budget.quietRows, voice, kind), ""].join("\n")
        : `\n_Rows left out to fit GitHub's size limit; ${voice.allRows}._\n`;
    out.push(`<details>${summary}\n${body}\n</details>`);
  }
  return out;
}

function capped(
  rows: readonly BenchmarkRow[],
  max: number,
  voice: Voice,
  kind: RatioKind,
): string[] {
  const lines = rows.slice(0, max).map((row) => tableRow(row, kind));
  if (rows.length > max) {
    lines.push(
      `| _…and ${rows.length - max} more rows, left out to fit GitHub's size limit; ${voice.allRows}_ | | | | | | |`,
    );
  }
  return lines;
}

function tableRow(row: BenchmarkRow, kind: RatioKind): string {
  const note = row.note ? ` <sub>${escapeMarkdown(row.note)}</sub>` : "";
  return `| ${MARKERS[row.class]} ${escapeMarkdown(row.name)}${note} | ${formatDuration(row.baselineNs)} | ${formatDuration(row.candidateNs)} | ${formatSpeedupWithInterval(row.speedup, row.interval, kind)} | ${formatP(row.q)} | ${formatChange(row.memory?.change ?? null)} | ${row.class === "failed" || row.class === "missing" ? "—" : jitCell(row.jit, escapeMarkdown)} |`;
}

/** Where the JIT compiled code for each engaged benchmark: function, file and line. */
function hotspotSection(rows: readonly BenchmarkRow[]): string | null {
  const engaged = rows.filter((r) => r.jit.state === "engaged" && r.jit.hotspots.length > 0);
  if (engaged.length === 0) return null;
  const lines = engaged.map((r) => {
    const spots = r.jit.hotspots.map(
      (h) =>
        `${escapeMarkdown(h.function)} (${escapeMarkdown(`${h.file}:${h.line}`)}): ${executorCount(h.executors)}, in ${h.processes} of ${r.jit.scannedProcesses} processes`,
    );
    return `- ${escapeMarkdown(r.name)}: ${spots.join("; ")}`;
  });
  const idle = rows.filter((r) => r.jit.state === "idle").length;
  const tail = idle > 0 ? [`- ${idle} idle benchmark${idle === 1 ? "" : "s"}: no executors`] : [];
  return `<details><summary>Where the JIT compiled code</summary>\n\n${[...lines, ...tail].join("\n")}\n\n</details>`;
}

function footnote(comparison: Comparison, labels: { baseline: string; candidate: string }): string {
  const method = methodSentence(comparison);
  return [
    `<sub>${comparison.gate.applicable ? `speedup = ${labels.baseline} time ÷ ${labels.candidate} time per call: above 1× the JIT is faster.` : `A/A ratio = ${labels.baseline} time ÷ ${labels.candidate} time per call, with no JIT in either leg: noise, not a speedup.`} ${method} ${JIT_COLUMN_LEGEND}</sub>`,
    `<sub>${describeLeg(labels.baseline, comparison.baseline)} · ${describeLeg(labels.candidate, comparison.candidate)}</sub>`,
  ].join("\n");
}

function describeLeg(label: string, leg: LegDescription): string {
  const interpreter = leg.interpreter
    ? `${leg.interpreter.implementation} ${leg.interpreter.version} (${leg.interpreter.executable})`
    : leg.python;
  const cpu = leg.fingerprint?.cpuModel ? ` on ${leg.fingerprint.cpuModel}` : "";
  return `${label}: ${escapeMarkdown(`${interpreter}${cpu}, from ${leg.sources.join(", ")}`)}`;
}
