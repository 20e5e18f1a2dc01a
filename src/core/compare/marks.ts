/**
 * The suite-wide step of a comparison: each row's q-value, its interval at
 * the level the suite's false discovery control asks for, and its mark.
 * docs/methodology.md ("Intervals that agree with the marks") says why.
 */
import { benjaminiHochberg } from "../stats/fdr.js";
import { intervalAt, type MeasuredRow } from "./rows.js";
import type { BenchmarkRow, RowClass } from "./types.js";

/**
 * q-values over the rows that have a p-value, then each row's interval and
 * class. The intervals are widened for the suite the way Benjamini and
 * Yekutieli's false coverage rate asks: with R of m tested rows below alpha
 * after Benjamini–Hochberg, every interval is drawn at 1 - alpha * R / m
 * (R at least 1). A row selected has p <= alpha * R / m and one left out
 * p > alpha * R / m, so by the duality of a rank test and its interval the
 * selected rows' intervals exclude 1 and the others' hold it; a row is marked
 * faster or slower only when both hold, so its mark and its interval never
 * disagree. A row measured sequentially keeps its own wider level when that
 * is wider still.
 */
export function classify(
  measured: readonly MeasuredRow[],
  alpha: number,
): Omit<BenchmarkRow, "jit">[] {
  const tested = measured.filter((m) => m.row.p !== null);
  const qValues = benjaminiHochberg(tested.map((m) => m.row.p as number));
  const qByName = new Map(tested.map((m, i) => [m.row.name, qValues[i] as number]));
  const selected = qValues.filter((q) => q < alpha).length;
  const forSuite = suiteLevel(selected, tested.length, alpha);
  return measured.map((m) => {
    const { row } = m;
    const q = qByName.get(row.name) ?? null;
    const wanted = Math.max(m.level, forSuite);
    const adjusted = row.interval === null ? null : intervalAt(m, wanted);
    // A sample too small for the suite's level keeps its own interval (never a bare
    // ratio); where that one excludes 1 but the suite's control does not, the row says why.
    const interval = adjusted ?? row.interval;
    const level = adjusted !== null ? wanted : row.interval !== null ? m.level : null;
    let rowClass: RowClass;
    if (row.class !== null) rowClass = row.class;
    else if (q !== null && q < alpha && interval !== null && interval.low > 1) {
      rowClass = "faster";
    } else if (q !== null && q < alpha && interval !== null && interval.high < 1) {
      rowClass = "slower";
    } else rowClass = "unchanged";
    const alone =
      adjusted === null &&
      interval !== null &&
      rowClass === "unchanged" &&
      (interval.low > 1 || interval.high < 1)
        ? `its ${percent(m.level)} interval excludes 1 on its own (p ${row.p?.toPrecision(2)}), but not after the suite's false discovery control (q ${q?.toPrecision(2)}); ${m.paired === null ? "its processes" : "its pairs"} are too few for the ${percent(wanted)} interval that would agree with that`
        : null;
    return { ...row, interval, level, class: rowClass, q, note: row.note ?? alone };
  });
}

/** The alpha compare marks rows at unless told otherwise. */
export const DEFAULT_ALPHA = 0.05;

/**
 * The level every row's interval is widened to for the suite: 1 - alpha x
 * R / m with R of m tested rows marked (R at least 1). The widest it can be
 * for m rows is at R = 1: 1 - alpha / m, which a run can know before any row
 * is measured (near-limit.ts limitLevel).
 */
export function suiteLevel(marked: number, tested: number, alpha: number): number {
  return tested > 0 ? 1 - (alpha * Math.max(marked, 1)) / tested : 1 - alpha;
}

function percent(level: number): string {
  return `${Number((level * 100).toPrecision(4))}%`;
}
