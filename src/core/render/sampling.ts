/**
 * Progress lines of sequential sampling: each look at a benchmark's interval
 * shows how wide it is now, and its last line says why it stopped.
 */
import type { BenchmarkResult, Leg, SamplingStop } from "../results.js";
import type { PrecisionLook } from "../stats/stopping-rule.js";
import { formatSpeedup } from "./format.js";
import { benchmarkLine } from "./progress.js";

/** "12.3s", "140s": how long a benchmark was measured. */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${seconds >= 100 ? seconds.toFixed(0) : seconds.toPrecision(3)}s`;
}

/** "±1.23%", from a fraction. */
export function formatHalfWidth(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return "no interval yet";
  return `±${(fraction * 100).toFixed(fraction < 0.001 ? 3 : 2)}%`;
}

function counter(position: number, total: number): string {
  return `[${String(position).padStart(String(total).length)}/${total}]`;
}

/** "8 pairs" or "8 processes per leg": what the statistics had. */
function sampleSize(look: PrecisionLook): string {
  return look.paired ? `${look.processes} pairs` : `${look.processes} processes per leg`;
}

/** `[ 3/12] bench_nbody  ±2.41% after 8 processes per leg (target ±1.00%)` */
export function lookLine(
  position: number,
  total: number,
  name: string,
  look: PrecisionLook,
): string {
  return `${counter(position, total)} ${name}  ${formatHalfWidth(look.halfWidth)} after ${sampleSize(look)} (target ${formatHalfWidth(look.target)})`;
}

/**
 * `[ 6/15] bench_model_resolution  ±0.98% after 14 pairs, reaching across the
 * regression limit 0.909×: measuring it on, ahead of the others, to ±0.71%
 * (98.5% interval)`
 */
export function settleLine(
  position: number,
  total: number,
  name: string,
  look: PrecisionLook,
  on: { readonly limit: number; readonly target: number; readonly level: number },
): string {
  const level = `${Number((on.level * 100).toPrecision(4))}%`;
  return `${counter(position, total)} ${name}  ${formatHalfWidth(look.halfWidth)} after ${sampleSize(look)}, reaching across the regression limit ${formatSpeedup(on.limit)}: measuring it on, ahead of the others, to ${formatHalfWidth(on.target)} (${level} interval)`;
}

/** Why a benchmark stopped, in words; `look` is its last look, if any. */
export function stopText(
  stop: SamplingStop,
  look: PrecisionLook | null,
  projected: number | null,
  elapsedMs?: number,
) {
  const width = look ? formatHalfWidth(look.halfWidth) : "no interval";
  const took = elapsedMs === undefined ? "" : ` in ${formatSeconds(elapsedMs)}`;
  const after = look ? ` after ${sampleSize(look)}${took}` : "";
  const target = look ? formatHalfWidth(look.target) : "the target";
  const unit = look?.paired ? " pairs" : " per leg";
  const needs = projected === null ? "" : `; about ${projected}${unit} would reach ${target}`;
  switch (stop) {
    case "precise":
      return `precise: ${width}${after}`;
    case "noisy":
      return `too noisy for the budget: ${width}${after}${needs}`;
    case "budget":
      return `budget spent before more than the minimum: ${width}${after}${needs}`;
    case "failed":
      return "failed";
    case "skipped":
      return "skipped";
  }
}

/** The benchmark's closing line: the usual per-leg figures, then how sampling ended. */
export function stopLine(
  position: number,
  total: number,
  name: string,
  perLeg: Record<Leg, BenchmarkResult | undefined>,
  stop: SamplingStop,
  look: PrecisionLook | null,
): string {
  const line = benchmarkLine(position, total, name, perLeg);
  if (stop === "failed" || stop === "skipped") return line;
  const sampling = (perLeg.off ?? perLeg.on)?.sampling;
  const text = stopText(stop, look, sampling?.projected ?? null, sampling?.elapsedMs);
  const settle = sampling?.settle;
  // Measured on near the limit: the width reached is toward the narrower target, not the run's.
  const on = settle
    ? ` (past ${formatHalfWidth(sampling.target)}, toward ${formatHalfWidth(settle.target)}: it reached across the regression limit ${formatSpeedup(settle.limit)})`
    : "";
  return `${line}  · ${text}${on}`;
}
