/** Row helpers shared by the renderers. */
import type { BenchmarkRow, Comparison, RowClass } from "../compare/types.js";

/** The seed ticket's markers, plus two for rows that could not be compared. */
export const MARKERS: Record<RowClass, string> = {
  faster: "✓",
  unchanged: "≈",
  slower: "✗",
  failed: "⚠",
  missing: "–",
};

/** Slower rows first, worst first; then faster rows, best first. */
export function significantFirst(rows: readonly BenchmarkRow[]): BenchmarkRow[] {
  const rank = (r: BenchmarkRow) => (r.class === "slower" ? 0 : r.class === "faster" ? 1 : 2);
  return [...rows].sort((a, b) => {
    const byClass = rank(a) - rank(b);
    if (byClass !== 0) return byClass;
    const sa = a.speedup ?? 1;
    const sb = b.speedup ?? 1;
    return a.class === "slower" ? sa - sb : sb - sa;
  });
}

/** "10 processes per leg", or what stands in for them. */
export function processCount(comparison: Comparison): string {
  if (comparison.method === "point-estimates") return "summary numbers only, no processes";
  const n = comparison.processesPerLeg;
  return `${n} process${n === 1 ? "" : "es"} per leg`;
}
