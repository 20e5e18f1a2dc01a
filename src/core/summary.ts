/**
 * The summary fields of the original benchmark_engine.py (mean_ms, median_ms,
 * p95_ms, ...), computed from pooled per-call times, so that its users can
 * read our results with the names they know. The comparison never uses them:
 * pooling values across processes hides the between-process spread.
 */
import type { SeedSummary } from "./results.js";

export function seedSummary(valuesMs: readonly number[]): SeedSummary | null {
  const n = valuesMs.length;
  if (n === 0) return null;
  const sorted = [...valuesMs].sort((x, y) => x - y);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / n;
  const variance = n > 1 ? sorted.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1) : 0;
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? at(sorted, mid) : (at(sorted, mid - 1) + at(sorted, mid)) / 2;
  return {
    iterations: n,
    mean_ms: mean,
    median_ms: median,
    // The seed's rank rule: the value at index floor(n * q) of the sorted list.
    p95_ms: at(sorted, Math.min(n - 1, Math.floor(n * 0.95))),
    p99_ms: at(sorted, Math.min(n - 1, Math.floor(n * 0.99))),
    min_ms: at(sorted, 0),
    max_ms: at(sorted, n - 1),
    std_ms: Math.sqrt(variance),
  };
}

function at(sorted: readonly number[], index: number): number {
  const value = sorted[index];
  if (value === undefined) throw new RangeError(`index ${index} outside ${sorted.length} values`);
  return value;
}
