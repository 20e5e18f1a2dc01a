/**
 * The report of a variants run (core/variants/compare.ts), in Markdown for
 * files, comments and job summaries, and in text for a terminal. It opens
 * with the one answer asked for (which variant is fastest, by how much, and
 * whether that is significant), then the effects the variants separate, one
 * line per variant (JIT state, suite speedup, memory), a chart, and the
 * table: a row per benchmark, a column per variant.
 *
 * Benchmark names come from the suite, and a variants file may come from a
 * fork's artifact: every name is escaped for the sink it goes to.
 */
import type {
  Effect,
  Pairwise,
  VariantCell,
  VariantComparison,
  VariantJit,
  VariantSummary,
} from "../variants/compare.js";
import type { VariantsFile } from "../variants/results.js";
import { escapeMarkdown } from "./escape.js";
import { formatDuration, formatSpeedupWithInterval } from "./format.js";
import { ratio, variantsHeadline } from "./variants-headline.js";
import { padDisplay } from "./width.js";

/** More rows than this in a comment are cut to the largest changes; the file keeps them all. */
export const VARIANT_ROWS_SHOWN = 60;

export interface VariantReportOptions {
  /** Rows kept in the per-benchmark table (the largest changes); default all. */
  readonly maxRows?: number;
  /** Where every row is, said when some are left out; default "the report file holds them all". */
  readonly allRows?: string;
}

export function renderVariantsMarkdown(
  comparison: VariantComparison,
  file: VariantsFile,
  options: VariantReportOptions = {},
): string {
  const name = (v: number) => escapeMarkdown(comparison.variants[v]?.name ?? String(v));
  const lines: string[] = ["## Which Python is fastest for this suite", ""];
  lines.push(`**${variantsHeadline(comparison, name)}**`, "");
  if (file.partial) {
    lines.push(
      `> This run is partial: ${escapeMarkdown(file.partialReason ?? "it stopped early")}. Its figures cover the benchmarks measured before that.`,
      "",
    );
  }
  const effects = comparison.effects.filter((e) => e.result !== null);
  if (effects.length > 0) {
    lines.push("### What each difference does", "");
    for (const effect of effects) lines.push(`- ${effectText(effect, name)}`);
    lines.push("");
  }
  lines.push("### Variants", "");
  if (comparison.differences.length > 0) {
    lines.push(
      `They differ in ${comparison.differences.map(escapeMarkdown).join("; ")}: that is what this run measures. The machine is the same for all of them, each set on one CPU.`,
      "",
    );
  }
  lines.push(
    "| variant | interpreter | JIT | suite, against the baseline [95% CI] | memory (median peak RSS) |",
    "|---|---|---|--:|--:|",
  );
  const baseMemory = comparison.summaries[0]?.memoryKb ?? null;
  for (const s of comparison.summaries) {
    const record = comparison.variants[s.variant];
    const interp = record?.interpreter
      ? `${escapeMarkdown(record.interpreter.implementation)} ${escapeMarkdown(record.interpreter.version)}`
      : "unknown";
    const suite = s.variant === 0 ? "1 (baseline)" : suiteText(s.suite);
    lines.push(
      `| ${name(s.variant)}${s.variant === 0 ? " (baseline)" : ""} | ${interp} | ${jitSummary(s, comparison.rows.filter((r) => r.problem === null).length)} | ${suite} | ${memoryText(s.memoryKb, s.variant === 0 ? null : baseMemory)} |`,
    );
  }
  lines.push("", ...chart(comparison, name), "");
  lines.push(...table(comparison, name, options));
  lines.push("", methodText(comparison, file));
  return `${lines.join("\n")}\n`;
}

function effectText(effect: Effect, name: (v: number) => string): string {
  const r = effect.result as Pairwise;
  const figure = ratio(r);
  switch (effect.kind) {
    case "jit":
      return `**The JIT on ${name(effect.from)}** (${name(effect.to)} against ${name(effect.from)}): ${figure}, ${verdictWords(r)}.`;
    case "same":
      return `**A/A check** (${name(effect.to)} against ${name(effect.from)}, the same interpreter and settings): ${figure}; ${
        r.significant
          ? "its interval leaves out 1, so this run's intervals are narrower than the machine's noise: read the others with care"
          : "1 lies within its interval, as it should"
      }.`;
    case "version":
      return `**Version** (${name(effect.to)} against ${name(effect.from)}, both without the JIT): ${figure}, ${verdictWords(r)}.`;
    case "build":
      return `**Build** (${name(effect.to)} against ${name(effect.from)}, the same version built differently, both without the JIT): ${figure}, ${verdictWords(r)}.`;
  }
}

function verdictWords(p: Pairwise): string {
  if (!p.significant) return "inconclusive (the interval holds 1)";
  return p.geomean > 1 ? "faster" : "slower";
}

function suiteText(p: Pairwise | null): string {
  return p === null ? "—" : `${ratio(p)}${p.significant ? (p.geomean > 1 ? " ▲" : " ▼") : ""}`;
}

function jitSummary(s: VariantSummary, benchmarks: number): string {
  switch (s.jit) {
    case "no-jit":
      return "not compiled in";
    case "off":
      return "compiled in, off";
    case "unknown":
      return "unknown";
    case "on":
      return `on: engaged in ${s.engaged} of ${benchmarks}, idle in ${s.idle}`;
  }
}

function memoryText(kb: number | null, base: number | null): string {
  if (kb === null) return "—";
  const mib = `${(kb / 1024).toFixed(1)} MiB`;
  if (base === null || base <= 0) return mib;
  const change = (kb / base - 1) * 100;
  return `${mib} (${change >= 0 ? "+" : "−"}${Math.abs(change).toFixed(1)}%)`;
}

const BAR = 24;

/** The suite speedup of every variant against the baseline, as bars on a log scale. */
function chart(c: VariantComparison, name: (v: number) => string): string[] {
  const shown = c.summaries.filter((s) => s.variant === 0 || s.suite !== null);
  if (shown.length < 2) return [];
  const span = Math.max(
    Math.log(1.1),
    ...shown.flatMap((s) =>
      s.suite
        ? [Math.abs(Math.log(s.suite.interval.low)), Math.abs(Math.log(s.suite.interval.high))]
        : [],
    ),
  );
  const labels = shown.map(
    (s) => `${c.variants[s.variant]?.name ?? ""}${s.variant === 0 ? " (baseline)" : ""}`,
  );
  const width = Math.max(...labels.map((l) => l.length));
  const rows = shown.map((s, i) => {
    const label = padDisplay(labels[i] as string, width);
    if (s.suite === null) return `${label}  ${" ".repeat(BAR)}│${" ".repeat(BAR)}  1`;
    // Clamped: a bootstrap interval need not hold its own point estimate.
    const cells = Math.max(
      -BAR,
      Math.min(BAR, Math.round((Math.log(s.suite.geomean) / span) * BAR)),
    );
    const left = cells < 0 ? " ".repeat(BAR + cells) + "█".repeat(-cells) : " ".repeat(BAR);
    const right = cells > 0 ? "█".repeat(cells) + " ".repeat(BAR - cells) : " ".repeat(BAR);
    return `${label}  ${left}│${right}  ${ratio(s.suite)}`;
  });
  return [
    `**Suite speedup against ${name(0)}** (geometric mean over the benchmarks; bars grow right when faster, left when slower, on a log scale):`,
    "",
    "```text",
    ...rows.map((r) => escapeFence(r)),
    "```",
  ];
}

/** Variant names are plain (letters, digits, spaces, . + - _ ( )), so a fence cannot be closed by one. */
function escapeFence(line: string): string {
  return line.replaceAll("```", "'''");
}

function table(c: VariantComparison, name: (v: number) => string, o: VariantReportOptions) {
  const { maxRows, allRows = "the report file holds them all" } = o;
  const n = c.variants.length;
  let rows = c.rows;
  let cut = "";
  if (maxRows !== undefined && rows.length > maxRows) {
    const size = (r: (typeof rows)[number]) =>
      Math.max(0, ...r.cells.map((cell) => (cell.speedup ? Math.abs(Math.log(cell.speedup)) : 0)));
    const keep = new Set([...rows].sort((a, b) => size(b) - size(a)).slice(0, maxRows));
    rows = rows.filter((r) => keep.has(r));
    cut = ` The ${maxRows} largest changes of ${c.rows.length} benchmarks; ${allRows}.`;
  }
  const percent = (x: number) => `${Number((x * 100).toPrecision(4))}%`;
  const widest = Math.max(c.tableLevel, ...c.rows.flatMap((r) => r.cells.map((x) => x.level ?? 0)));
  const level =
    c.tableLevel > 0.95
      ? `${percent(c.tableLevel)} intervals (95%, widened for the table's false discovery control)`
      : widest > 0.95
        ? `95% intervals, widened to ${percent(widest)} for the table's false discovery control where a cell has the sets for it`
        : "95% intervals";
  const anyJit = c.summaries.some((s) => s.jit !== "no-jit");
  const letter = (state: VariantJit | undefined) => (anyJit ? ` ${jitLetter(state)}` : "");
  const head = [`benchmark`, `${name(0)} time`];
  for (let v = 1; v < n; v++) head.push(name(v));
  const out = [
    "### Per benchmark",
    "",
    `Speed against ${name(0)} (its time / the variant's time: above 1 is faster), with ${level}; ▲ faster, ▼ slower (q < 0.05).${anyJit ? " The letter after each cell is the variant's JIT for that benchmark: e engaged, i idle (on, nothing compiled), o compiled in but off, n not compiled in." : ""}${cut}`,
    "",
    `| ${head.join(" | ")} |`,
    `|---|${"--:|".repeat(n)}`,
  ];
  for (const row of rows) {
    if (row.problem !== null) {
      out.push(
        `| ${escapeMarkdown(row.name)} | ${escapeMarkdown(row.problem)} |${" |".repeat(n - 1)}`,
      );
      continue;
    }
    const cells = row.cells.map((cell) => `${cellText(cell)}${letter(row.jit[cell.variant])}`);
    out.push(
      `| ${escapeMarkdown(row.name)} | ${formatDuration(row.baselineNs)}${letter(row.jit[0])} | ${cells.join(" | ")} |`,
    );
  }
  return out;
}

export function cellText(cell: VariantCell): string {
  if (cell.speedup === null) return "—";
  const mark = cell.mark === "faster" ? " ▲" : cell.mark === "slower" ? " ▼" : "";
  return `${formatSpeedupWithInterval(cell.speedup, cell.interval)}${mark}`;
}

function jitLetter(state: VariantJit | undefined): string {
  switch (state) {
    case "engaged":
      return "e";
    case "idle":
      return "i";
    case "off":
      return "o";
    case "no-jit":
      return "n";
    default:
      return "?";
  }
}

function methodText(c: VariantComparison, file: VariantsFile): string {
  const sets = c.rows.map((r) => r.sets).sort((a, b) => a - b);
  const mid = sets.length > 0 ? (sets[Math.floor((sets.length - 1) / 2)] as number) : 0;
  const pinned =
    c.unpinnedSets > 0
      ? ` ${c.unpinnedSets} of ${c.totalSets} sets could not be pinned to one CPU and were measured unpinned, less precisely.`
      : "";
  const cpu = file.fingerprint.cpuModel ? ` on ${escapeMarkdown(file.fingerprint.cpuModel)}` : "";
  const cores = file.fingerprint.cores === null ? "" : ` (${file.fingerprint.cores} CPUs)`;
  return `_Method: ${c.variants.length} variants measured together${cpu}${cores}: each set is one live worker per variant, pinned to one CPU and asked for ${file.settings.values} values in a rotating order (${file.settings.timer} time), so that values of one round share the machine's state; a benchmark's ratio is the Hodges–Lehmann estimate over its sets (median ${mid} sets) of each set's median ratio, the suite's the geometric mean with a paired bootstrap.${pinned}_`;
}
