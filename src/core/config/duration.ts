/**
 * Durations in settings: a bare number is milliseconds; a string may carry a
 * unit. Milliseconds is the one internal unit, so nothing downstream converts.
 */

const MS_PER_UNIT = {
  us: 0.001,
  µs: 0.001, // MICRO SIGN, what most keyboards type
  μs: 0.001, // GREEK SMALL LETTER MU, what some editors substitute
  ms: 1,
  s: 1000,
  m: 60_000,
} as const;
type DurationUnit = keyof typeof MS_PER_UNIT;

/** The units as documented; the Greek mu is accepted but looks the same, so it is not listed. */
export const DURATION_UNITS = [
  "us",
  "µs",
  "ms",
  "s",
  "m",
] as const satisfies readonly DurationUnit[];

const DURATION_PATTERN = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(us|µs|μs|ms|s|m)?$/i;

/**
 * Milliseconds for `250`, `"250"`, `"250ms"`, `"2s"`, `"1.5s"`, `"100us"`,
 * `"100µs"` or `"1m"`; null when the value is not a duration. The sign is kept,
 * so that "-5s" is reported as too small rather than as unreadable.
 */
export function parseDurationMs(value: number | string): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  const match = DURATION_PATTERN.exec(value.trim());
  if (match === null) return null;
  const amount = Number(match[1]);
  const unit = (match[2]?.toLowerCase() ?? "ms") as DurationUnit;
  const ms = amount * MS_PER_UNIT[unit];
  return Number.isFinite(ms) ? ms : null;
}
