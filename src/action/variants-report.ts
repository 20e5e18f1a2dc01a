/**
 * What the action says about a variants run, and where: the job summary and
 * the pull request comment hold the report of render/variants.ts, with as
 * many table rows as fit the sink's limit (the largest changes first), and
 * the step outputs name the fastest variant. Pure: it only composes text
 * from its arguments.
 */
import { fitMarkdown, type SizeUnit, sizeOf } from "../core/fit-markdown.js";
import { escapeLogText, escapeTerminal } from "../core/render/escape.js";
import { DATA } from "../core/render/headline.js";
import { COMMENT_LIMIT_CHARS, JOB_SUMMARY_LIMIT_BYTES } from "../core/render/limits.js";
import { renderVariantsMarkdown, VARIANT_ROWS_SHOWN } from "../core/render/variants.js";
import { variantsHeadline } from "../core/render/variants-headline.js";
import type { VariantComparison } from "../core/variants/compare.js";
import type { VariantsFile } from "../core/variants/results.js";
import { commitLine, joinBlocks, MARKER_ROOM } from "./compare-report.js";
import type { OutputName } from "./names.js";

export interface VariantsReportParts {
  comparison: VariantComparison;
  file: VariantsFile;
  /** A link to this workflow run, where the job summary is. */
  runUrl: string | null;
  /** The commit measured (from GitHub's event, never an artifact), named in the comment. */
  commit?: string | null;
}

/**
 * The whole report for a job summary, rows left out only past GitHub's
 * limit; `after` (where the files went) is kept whole. The summary adapter
 * makes the last cut, knowing what earlier steps wrote.
 */
export function variantsSummaryMarkdown(
  parts: VariantsReportParts,
  allRows: string,
  after = "",
  limit = JOB_SUMMARY_LIMIT_BYTES,
): string {
  const tail = after.trim() === "" ? "" : `\n${after.trim()}\n`;
  const room = limit - sizeOf(tail, "utf8-bytes");
  const report = fitRows(parts, room, "utf8-bytes", undefined, allRows);
  return `${report}${tail}`;
}

/**
 * The report for the pull request comment: at most VARIANT_ROWS_SHOWN rows,
 * fewer when long names would pass GitHub's limit, with a pointer to the job
 * summary when any were left out.
 */
export function variantsCommentMarkdown(
  parts: VariantsReportParts,
  limit = COMMENT_LIMIT_CHARS - MARKER_ROOM,
): string {
  const where = parts.runUrl ? `the [job summary](${parts.runUrl})` : "the job summary";
  const commit = commitLine(parts.commit ?? null);
  const room = limit - commit.length - 4;
  const report = fitRows(
    parts,
    room,
    "chars",
    VARIANT_ROWS_SHOWN,
    `${where} and the comparison JSON (the step's \`results-path\` output) have them all`,
  );
  return joinBlocks([report, commit]);
}

/**
 * The report with as many rows as fit in `limit` (at most `maxRows`), found
 * by halving; cut by fitMarkdown only when even the report without its
 * table is too long, which names of the schema's lengths cannot make.
 */
function fitRows(
  parts: VariantsReportParts,
  limit: number,
  unit: SizeUnit,
  maxRows: number | undefined,
  allRows: string,
): string {
  const total = parts.comparison.rows.length;
  const render = (rows: number | undefined) =>
    renderVariantsMarkdown(
      parts.comparison,
      parts.file,
      rows === undefined ? { allRows } : { maxRows: rows, allRows },
    );
  const first = render(maxRows);
  if (sizeOf(first, unit) <= limit) return first;
  let fits = 0;
  let over = Math.min(maxRows ?? total, total);
  while (over - fits > 1) {
    const mid = Math.floor((fits + over) / 2);
    if (sizeOf(render(mid), unit) <= limit) fits = mid;
    else over = mid;
  }
  return fitMarkdown(render(fits), limit, unit, (omitted) => cutNote(omitted, unit)).text;
}

function cutNote(omitted: number, unit: SizeUnit): string {
  return `\n\n_${omitted} ${unit === "chars" ? "characters" : "bytes"} of this report were left out to fit GitHub's limit._\n`;
}

/**
 * The step outputs of a variants comparison. Names come from a file that
 * may be a fork's: outputs keep letters, digits and a few harmless signs
 * (DATA), so a later step that pastes them runs and links nothing.
 */
export function variantsOutputs(
  comparison: VariantComparison,
): Partial<Record<OutputName, string>> {
  const { headline } = comparison;
  const name = (v: number) => DATA.name(comparison.variants[v]?.name ?? String(v));
  const compared = headline.kind !== "none";
  return {
    fastest: compared ? name(headline.fastest) : "",
    "fastest-lead": compared ? headline.kind : "",
    recommendation: escapeLogText(escapeTerminal(variantsHeadline(comparison, name))),
  };
}
