/** Numbers as people read them: time units that fit, never "0.000 ms". */
import type { Interval } from "../stats/types.js";

const UNITS: ReadonlyArray<[number, string]> = [
  [1e9, "s"],
  [1e6, "ms"],
  [1e3, "µs"],
  [1, "ns"],
];

/** A time in nanoseconds with three significant digits in the largest unit that keeps it >= 1. */
export function formatDuration(ns: number | null): string {
  if (ns === null || !Number.isFinite(ns)) return "—";
  if (ns === 0) return "0 ns";
  const [scale, unit] = UNITS.find(([s]) => Math.abs(ns) >= s) ?? [1, "ns"];
  return `${threeDigits(ns / scale)} ${unit}`;
}

function threeDigits(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

export function formatSpeedup(speedup: number | null): string {
  return speedup === null || !Number.isFinite(speedup) ? "—" : `${speedup.toFixed(3)}×`;
}

export function formatInterval(interval: Interval | null): string {
  if (interval === null) return "—";
  return `${bound(interval.low)}–${bound(interval.high)}`;
}

/**
 * Three decimals, or as many more (up to six) as it takes for a bound that
 * is not 1 not to print as 1.000: an interval that excludes 1 must be seen to.
 */
function bound(value: number): string {
  let digits = 3;
  while (digits < 6 && value !== 1 && Number(value.toFixed(digits)) === 1) digits += 1;
  return value.toFixed(digits);
}

/** A speedup, or the ratio of two legs that both lacked a JIT (an A/A check). */
export type RatioKind = "speedup" | "a/a";

/**
 * "1.042× [1.013–1.071]". A ratio is never shown bare: without an interval
 * (too few processes, or no raw values) it says so, so nobody reads noise as an effect.
 */
export function formatSpeedupWithInterval(
  speedup: number | null,
  interval: Interval | null,
  kind: RatioKind = "speedup",
): string {
  if (speedup === null || !Number.isFinite(speedup)) return "—";
  // Between two legs without a JIT the ratio is noise: a bare number, never a speedup.
  const figure = kind === "speedup" ? formatSpeedup(speedup) : speedup.toFixed(3);
  return `${figure} [${interval ? formatInterval(interval) : "no CI"}]`;
}

export function formatP(p: number | null): string {
  if (p === null) return "—";
  if (p < 0.001) return "<0.001";
  return p.toFixed(3);
}

/** A signed change from a fraction: 0.031 -> "+3.1%". */
export function formatChange(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return "—";
  const percent = fraction * 100;
  const text = Math.abs(percent) < 0.05 ? "0.0" : Math.abs(percent).toFixed(1);
  const sign = text === "0.0" ? "±" : percent > 0 ? "+" : "−";
  return `${sign}${text}%`;
}

/** A policy value from a fraction: 0.05 -> "5%", 0.125 -> "12.5%". */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(6))}%`;
}

/** A speedup in words: "1.120× faster", "0.870× (calls take +14.9% longer)". */
export function speedupInWords(speedup: number): string {
  if (speedup >= 1) return `${formatSpeedup(speedup)} faster`;
  return `${formatSpeedup(speedup)} (calls take ${formatChange(1 / speedup - 1)} longer)`;
}
