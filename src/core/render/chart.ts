/**
 * A Mermaid `xychart-beta` bar chart of per-benchmark speedups, which GitHub
 * draws in comments and job summaries. A line at 1.0 marks "no change".
 */
import type { BenchmarkRow } from "../compare/types.js";
import { mermaidLabel } from "./escape.js";

export interface ChartOptions {
  /** More bars than this become unreadable: the largest changes are kept. */
  readonly maxBars?: number;
  /** What the ratio is, e.g. "no-JIT time ÷ JIT time". */
  readonly ratio: string;
}

/** The fenced chart, or null when no row has a speedup to draw. */
export function renderChart(rows: readonly BenchmarkRow[], options: ChartOptions): string | null {
  const maxBars = options.maxBars ?? 30;
  const drawable = rows.filter((r): r is BenchmarkRow & { speedup: number } => r.speedup !== null);
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
  const speedups = shown.map((r) => r.speedup);
  const low = Math.floor(Math.min(0.95, ...speedups) * 0.98 * 20) / 20;
  const high = Math.ceil(Math.max(1.05, ...speedups) * 1.02 * 20) / 20;
  const title =
    shown.length < drawable.length
      ? `Speedup, ${options.ratio} (the ${shown.length} largest changes of ${drawable.length})`
      : `Speedup, ${options.ratio} (above 1 = faster with the JIT)`;
  const labels = shown.map((r) => `"${mermaidLabel(r.name)}"`).join(", ");
  return [
    "```mermaid",
    "xychart-beta",
    `  title "${title.replace(/"/g, "'")}"`,
    `  x-axis [${labels}]`,
    `  y-axis "speedup" ${low.toFixed(2)} --> ${high.toFixed(2)}`,
    `  bar [${speedups.map((s) => s.toFixed(3)).join(", ")}]`,
    `  line [${speedups.map(() => "1").join(", ")}]`,
    "```",
  ].join("\n");
}
