/**
 * The report's words on the clocks: which one the rows use, which benchmarks
 * wait, and whether the machine rather than the code set the wall times.
 * Names come in raw; `name` escapes them for the sink.
 */

import type { ClockReport } from "../compare/clocks.js";
import { LEG_LABELS } from "../compare/legs.js";
import type { Timer } from "../results.js";
import { formatSpeedupWithInterval } from "./format.js";
import { CLI_VOICE, type Voice } from "./voice.js";

const CLOCK_WORDS: Record<Timer, string> = {
  cpu: "each worker process's CPU time (user + system, all threads; timer: cpu)",
  wall: "wall time (timer: wall)",
};

function percent(fraction: number): string {
  const value = fraction * 100;
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}%`;
}

function legLoads(clocks: ClockReport): string {
  return clocks.legs
    .map((load) => {
      const average =
        load.loadAverage === null ? "" : ` (load average ${load.loadAverage.toFixed(1)})`;
      return `${LEG_LABELS[load.leg]} leg ${percent(load.stretch)}${average}`;
    })
    .join(", ");
}

/** One sentence per fact, in the order a reader needs them. */
export function clockSentences(
  clocks: ClockReport,
  name: (raw: string) => string,
  paired = false,
  voice: Voice = CLI_VOICE,
): string[] {
  const onCpu = `run with ${voice.setting("timer", "cpu")}`;
  const lines: string[] = [];
  lines.push(
    `Timed with ${CLOCK_WORDS[clocks.timer]}; both clocks are recorded. Wall time above CPU time, beyond each benchmark's own waiting: ${legLoads(clocks)}.`,
  );
  if (clocks.busy) {
    lines.push(
      clocks.timer === "cpu"
        ? "The machine was busy: other work took the CPU from the benchmarks. The rows use CPU time, which that barely moves."
        : `The machine, not the code, dominated the wall times: other work took the CPU from the benchmarks. ${voice.compareOnCpu ? `${capitalized(voice.compareOnCpu)}, or ${onCpu}` : capitalized(onCpu)}.`,
    );
  }
  const states = clocks.states;
  if (states && states.flipped > 0) {
    lines.push(
      `The machine ran at two speeds: in ${states.flipped} of ${states.processes} processes the values fell into two clusters about ${states.ratio.toFixed(2)}× apart, ${percent(states.slowShare)} of their values at the slow one; neither clock sees why (a shared host). ${paired ? "Each pair's two processes shared the moment and the CPU, so its ratios compare values taken at the same speed." : "Unpaired processes cannot tell that from the code: a job that measures both legs pairs them and cancels it."}`,
    );
  }
  const effects = paired ? (clocks.effects ?? []) : [];
  if (effects.length > 0) {
    const each = effects.map(
      (e) =>
        `${name(e.name)} ${formatSpeedupWithInterval(e.fast.speedup, e.fast.interval)} while the machine was fast (${e.fast.pairs} pairs), ${formatSpeedupWithInterval(e.slow.speedup, e.slow.interval)} while it was slow (${e.slow.pairs} pairs; ${percent(e.slowShare)} of its values at the slow speed)`,
    );
    lines.push(
      `The JIT's effect differed between the two speeds: ${each.join("; ")}. A row mixes the two in the proportion this run saw, so a run that spends more or less of its time at either speed can read it differently.`,
    );
  }
  for (const waiting of clocks.waiting) {
    lines.push(
      `${name(waiting.name)} waits ${percent(waiting.waitShare)} of its time even in its quietest values (sleep, I/O or a lock), which the JIT cannot speed up; its row uses ${clocks.timer === "cpu" ? "CPU time, so the waiting is left out" : "wall time, waiting included"}.`,
    );
  }
  return lines;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
