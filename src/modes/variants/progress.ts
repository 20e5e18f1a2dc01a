/**
 * What a variants run says while it measures: the plan, and a line per
 * benchmark with its ratios against the baseline and the precision reached.
 */
import type { RunSettings } from "../../core/config/settings.js";
import { formatTime as formatDuration } from "../../core/render/units.js";
import { AUTO_VALUES } from "../../core/schedule.js";
import { pairedShift } from "../../core/stats/signed-rank.js";
import { SEQUENTIAL_LEVEL, SEQUENTIAL_LIMITS } from "../../core/stats/stopping-rule.js";
import { setLogRatios } from "../../core/variants/compare.js";
import type { VariantBenchmark } from "../../core/variants/results.js";

/** Sets each benchmark gets before any look at its precision. */
export function firstSets(settings: RunSettings): number {
  return settings.precision === null
    ? settings.processes
    : Math.max(settings.processes, SEQUENTIAL_LIMITS.minPairs);
}

/** The widest half-width, at the sequential level, of the benchmark's comparisons with the baseline. */
export function widest(entry: VariantBenchmark, count: number): number {
  let worst = 0;
  for (let v = 1; v < count; v++) {
    const d = setLogRatios(entry, 0, v);
    if (d.length < 2) return Number.POSITIVE_INFINITY;
    const shift = pairedShift(d, SEQUENTIAL_LEVEL);
    if (shift.interval === null) return Number.POSITIVE_INFINITY;
    const low = Math.exp(shift.interval.low);
    const high = Math.exp(shift.interval.high);
    worst = Math.max(worst, (high - low) / (high + low));
  }
  return worst;
}

export function samplingLine(settings: RunSettings, benchmarks: number, variants: number): string {
  const sets =
    settings.precision === null
      ? `${settings.processes} sets each`
      : `at least ${firstSets(settings)} sets each, more until every comparison is within ±${Number((settings.precision * 100).toPrecision(3))}% or ${formatDuration(settings.budgetMs)} is spent`;
  return `Measuring ${benchmarks} benchmark${benchmarks === 1 ? "" : "s"} × ${variants} variants, ${sets}: a set is one worker per variant on one CPU, ${settings.values === "auto" ? `about ${AUTO_VALUES.targetMs} ms of values` : `${settings.values} values`} each in turn.`;
}

export function progressLine(
  done: number,
  total: number,
  entry: VariantBenchmark,
  names: readonly string[],
  precision: number | null,
): string {
  const head = `[${done}/${total}] ${entry.name}`;
  if (entry.status !== "ok") {
    const who = entry.failedVariant === null ? "" : ` in ${names[entry.failedVariant]}`;
    return `${head}: ${entry.status}${who}: ${entry.reason ?? ""}`;
  }
  const parts: string[] = [];
  for (let v = 1; v < names.length; v++) {
    const d = setLogRatios(entry, 0, v);
    if (d.length < 2) continue;
    const shift = pairedShift(d);
    parts.push(`${names[v]} ${Math.exp(shift.estimate).toFixed(3)}×`);
  }
  const width = widest(entry, names.length);
  const reach =
    precision === null || !Number.isFinite(width) ? "" : `, ±${(width * 100).toFixed(1)}%`;
  const sets = `${entry.sets.length} set${entry.sets.length === 1 ? "" : "s"}`;
  if (parts.length === 0) return `${head}: ${sets}, too few to compare`;
  return `${head}: ${sets}${reach}; against ${names[0]}: ${parts.join(", ")}`;
}
