/**
 * The variants report for a terminal: the Markdown report's headline,
 * effects and variants made plain, then the per-benchmark table in columns.
 * Every line goes through the terminal escaper: names come from the suite.
 */
import type { VariantComparison } from "../variants/compare.js";
import type { VariantsFile } from "../variants/results.js";
import { escapeTerminal } from "./escape.js";
import { formatDuration } from "./format.js";
import { cellText, renderVariantsMarkdown } from "./variants.js";
import { displayWidth, padDisplay, truncateDisplay } from "./width.js";

/** The report for a terminal: the headline, the effects and the variants, names made safe. */
export function renderVariantsText(comparison: VariantComparison, file: VariantsFile): string {
  const md = renderVariantsMarkdown(comparison, file, { maxRows: 0 });
  const kept = md.split("### Per benchmark")[0] ?? md;
  const plain = kept
    .replaceAll("**", "")
    .replace(/^## /gm, "")
    .replace(/^### /gm, "")
    .replace(/^```text$|^```$/gm, "")
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, "$1");
  const lines = [...plain.trimEnd().split("\n"), "", ...textTable(comparison)];
  return lines.map((line) => escapeTerminal(line)).join("\n");
}

/** The per-benchmark table in columns, names cut to fit. */
function textTable(c: VariantComparison): string[] {
  const head = ["benchmark", `${c.variants[0]?.name ?? ""} time`];
  for (let v = 1; v < c.variants.length; v++) head.push(c.variants[v]?.name ?? "");
  const body = c.rows.map((row) =>
    row.problem !== null
      ? [row.name, row.problem]
      : [row.name, formatDuration(row.baselineNs), ...row.cells.map(cellText)],
  );
  // A failed row's reason runs on past the columns: it sets no width.
  const measured = body.filter((r) => r.length > 2);
  const widths = head.map((h, i) =>
    Math.min(
      i === 0 ? 40 : 32,
      Math.max(
        displayWidth(h),
        ...(i === 0 ? body : measured).map((r) => displayWidth(r[i] ?? "")),
      ),
    ),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => padDisplay(truncateDisplay(cell, widths[i] ?? 20), widths[i] ?? 20))
      .join("  ")
      .trimEnd();
  return [
    `Per benchmark, speed against ${c.variants[0]?.name ?? "the baseline"} (above 1 is faster):`,
    line(head),
    ...body.map((r) =>
      r.length === 2
        ? `${padDisplay(truncateDisplay(r[0] ?? "", widths[0] ?? 20), widths[0] ?? 20)}  ${r[1]}`
        : line(r),
    ),
  ];
}
