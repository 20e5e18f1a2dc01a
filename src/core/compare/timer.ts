/**
 * Which clock a comparison uses. Each results file says which clock fills its
 * `values` (settings.timer; wall time when absent, as in every file written
 * before the setting) and, since the setting, keeps both clocks' values per
 * process. Two legs are compared on one clock: the one asked for, else the
 * one both legs were timed with, else one both legs hold values for.
 */
import { InputError, written } from "../errors.js";
import type { LegResults, Timer } from "../results.js";
import type { LegInput } from "./types.js";

export function recordedTimer(input: LegInput): Timer {
  return input.settings?.timer ?? "wall";
}

/** Whether every process of the leg holds values on `timer`. */
function holds(input: LegInput, timer: Timer): boolean {
  if (recordedTimer(input) === timer) return true;
  return input.results.benchmarks.every((b) =>
    b.processes.every((p) => (timer === "wall" ? p.wallValues : p.cpuValues) !== undefined),
  );
}

/** The leg with `values` on `timer`; the caller checked that it holds them. */
function onClock(input: LegInput, timer: Timer): LegInput {
  if (recordedTimer(input) === timer) return input;
  const results: LegResults = {
    ...input.results,
    benchmarks: input.results.benchmarks.map((b) => ({
      ...b,
      processes: b.processes.map((p) => ({
        ...p,
        values: (timer === "wall" ? p.wallValues : p.cpuValues) ?? p.values,
        // Warm-ups were kept on the recorded clock only: none on another clock.
        warmups: [],
      })),
    })),
  };
  const settings = input.settings === null ? null : { ...input.settings, timer };
  return { ...input, results, settings };
}

/** A clock the user asked to compare on, and the setting that asked (`--timer`). */
export interface RequestedClock {
  readonly clock: Timer;
  readonly input: string;
}

/**
 * Both legs on one clock. `requested` (compare --timer) must be held by both;
 * otherwise the legs' own clock when they agree, else CPU time when both hold
 * it, else wall time (which every file holds, old ones in `values`).
 */
export function onOneClock(
  baseline: LegInput,
  candidate: LegInput,
  requested?: RequestedClock,
): { baseline: LegInput; candidate: LegInput; timer: Timer } {
  let timer: Timer;
  if (requested !== undefined) {
    for (const side of [baseline, candidate]) {
      if (!holds(side, requested.clock)) {
        throw new InputError(
          requested.input,
          requested.clock,
          `cannot be used: ${side.sources.join(", ")} was timed with ${recordedTimer(side)} time only (written before both clocks were recorded)`,
          `Compare it with ${written(requested.input, recordedTimer(side))}, or measure again with this version of jit-bench run.`,
        );
      }
    }
    timer = requested.clock;
  } else if (recordedTimer(baseline) === recordedTimer(candidate)) {
    timer = recordedTimer(baseline);
  } else if (holds(baseline, "cpu") && holds(candidate, "cpu")) {
    timer = "cpu";
  } else {
    timer = "wall";
  }
  return { baseline: onClock(baseline, timer), candidate: onClock(candidate, timer), timer };
}
