/**
 * The speedup chart: one line per benchmark in a monospace block, so that 30
 * names stay readable where a chart's axis labels would overlap. Every bar
 * starts at 1.00× (the axis │) and grows right when the JIT is faster, left
 * when it is slower, on a log scale so that 0.8× and 1.25× are the same length.
 * The interval is drawn over it (▓ inside the bar, ├─┤ outside), and printed.
 */

import type { BenchmarkRow } from "../compare/types.js";
import { formatSpeedupWithInterval } from "./format.js";
import { rowsLevel } from "./rows.js";
import { displayWidth, padDisplay, truncateDisplay } from "./width.js";

export interface ChartOptions {
  /** More bars than this are hard to take in: the largest changes are kept. */
  readonly maxBars?: number;
  /** What the ratio is, e.g. "no-JIT time / JIT time". */
  readonly ratio: string;
}

/** Columns of the plot itself, axis included. */
export const PLOT_COLUMNS = 41;
const NAME_COLUMNS = 32;
/** The scale always spans at least ±10%, so a 1% change does not fill the width. */
const MIN_SPAN = Math.log(1.1);

type Drawable = BenchmarkRow & { speedup: number };

/** The chart in Markdown (a sentence and a fenced block), or null when no row has a speedup. */
export function renderChart(rows: readonly BenchmarkRow[], options: ChartOptions): string | null {
  const maxBars = options.maxBars ?? 30;
  const drawable = rows.filter((r): r is Drawable => r.speedup !== null && r.speedup > 0);
  if (drawable.length === 0) return null;
  let shown = drawable;
  if (drawable.length > maxBars) {
    const keep = new Set(
      [...drawable]
        .sort((a, b) => Math.abs(Math.log(b.speedup)) - Math.abs(Math.log(a.speedup)))
        .slice(0, maxBars),
    );
    shown = drawable.filter((r) => keep.has(r));
  }
  const scale = scaleFor(shown);
  const level = rowsLevel(shown);
  const names = shown.map((r) => plainName(r.name));
  const nameWidth = Math.max(...names.map(displayWidth));
  const lines = shown.map(
    (r, i) =>
      `${padDisplay(names[i] ?? "", nameWidth)}  ${bar(r, scale)}  ${formatSpeedupWithInterval(r.speedup, r.interval)}`,
  );
  const which =
    shown.length < drawable.length
      ? `the ${shown.length} largest changes of ${drawable.length}`
      : `${drawable.length} benchmark${drawable.length === 1 ? "" : "s"}`;
  return [
    `**Speedup per benchmark** (${which}), ${options.ratio}: each bar starts at 1.00× (│) and grows right when the JIT is faster, left when it is slower; ▓ and ├─┤ mark the ${level === null ? "" : `${level} `}interval, ◂ ▸ one that runs off the scale.`,
    "",
    "```text",
    `${" ".repeat(nameWidth)}  ${axisLabels(scale)}`,
    ...lines,
    "```",
  ].join("\n");
}

interface Scale {
  /** Natural logs of the speedups at the left and right edge. */
  readonly lo: number;
  readonly hi: number;
}

/**
 * The estimates always fit; intervals widen the scale, but by no more than the
 * estimates' own spread, so one wide interval cannot squash every bar.
 */
function scaleFor(rows: readonly Drawable[]): Scale {
  const logs = rows.map((r) => Math.log(r.speedup));
  let lo = Math.min(0, ...logs);
  let hi = Math.max(0, ...logs);
  if (hi - lo < MIN_SPAN) {
    const grow = (MIN_SPAN - (hi - lo)) / 2;
    lo -= grow;
    hi += grow;
  }
  const pad = hi - lo;
  const lows = rows.flatMap((r) => (r.interval ? [Math.log(Math.max(r.interval.low, 1e-9))] : []));
  const highs = rows.flatMap((r) => (r.interval ? [Math.log(r.interval.high)] : []));
  return {
    lo: Math.max(lo - pad, Math.min(lo, ...lows)),
    hi: Math.min(hi + pad, Math.max(hi, ...highs)),
  };
}

function column(value: number, scale: Scale): number {
  const x = (Math.log(value) - scale.lo) / (scale.hi - scale.lo);
  return Math.round(Math.min(1, Math.max(0, x)) * (PLOT_COLUMNS - 1));
}

function bar(row: Drawable, scale: Scale): string {
  const axis = column(1, scale);
  const end = column(row.speedup, scale);
  const from = Math.min(axis, end);
  const to = Math.max(axis, end);
  const interval = row.interval;
  const low = interval ? column(Math.max(interval.low, 1e-9), scale) : null;
  const high = interval ? column(interval.high, scale) : null;
  const clippedLow = interval !== null && Math.log(Math.max(interval.low, 1e-9)) < scale.lo;
  const clippedHigh = interval !== null && Math.log(interval.high) > scale.hi;
  const cells: string[] = [];
  for (let i = 0; i < PLOT_COLUMNS; i++) {
    const inBar = i !== axis && i >= from && i <= to;
    const inInterval = low !== null && high !== null && i >= low && i <= high;
    let cell = " ";
    if (i === axis) cell = "│";
    else if (inBar) cell = inInterval ? "▓" : "█";
    else if (inInterval) {
      if (i === low) cell = clippedLow ? "◂" : "├";
      else if (i === high) cell = clippedHigh ? "▸" : "┤";
      else cell = "─";
    }
    cells.push(cell);
  }
  return cells.join("");
}

/** The edges' and the axis's values above the plot, wherever they do not overlap. */
function axisLabels(scale: Scale): string {
  const line = Array.from({ length: PLOT_COLUMNS }, () => " ");
  const taken = Array.from({ length: PLOT_COLUMNS }, () => false);
  const put = (text: string, start: number) => {
    const from = Math.max(0, Math.min(PLOT_COLUMNS - text.length, start));
    for (let i = Math.max(0, from - 1); i < Math.min(PLOT_COLUMNS, from + text.length + 1); i++) {
      if (taken[i]) return;
    }
    for (let i = 0; i < text.length; i++) {
      line[from + i] = text[i] ?? " ";
      taken[from + i] = true;
    }
  };
  const axis = column(1, scale);
  put("1.00×", axis - 2);
  put(`${Math.exp(scale.lo).toFixed(2)}×`, 0);
  const right = `${Math.exp(scale.hi).toFixed(2)}×`;
  put(right, PLOT_COLUMNS - right.length);
  return line.join("").trimEnd();
}

/**
 * A name as it may appear in the chart: letters and digits of any script and
 * `_ . - /` only, everything else `_`. A code block shows its text as written,
 * but the comment is read as text too (by mail, by tools), so no tag, mention,
 * link or fence from the data gets in; a zero-width space breaks "www.".
 */
function plainName(name: string): string {
  const plain = name.replace(/[^\p{L}\p{N}\p{M}_.\-/]/gu, "_").replace(/(w)(ww\.)/gi, "$1\u200b$2");
  return truncateDisplay(plain, NAME_COLUMNS);
}
