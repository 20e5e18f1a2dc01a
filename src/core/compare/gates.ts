/**
 * Checks that stop a comparison from giving a false answer: a JIT leg whose
 * interpreter had no working JIT, and legs measured on different machines,
 * interpreters or loop counts.
 */
import { InputError } from "../errors.js";
import type { BenchmarkResult, JitState, LegResults } from "../results.js";
import type { JitGate, LegInput, Warning } from "./types.js";

export function describeInterpreter(input: LegInput): string {
  const { interpreter } = input.environment;
  return `${interpreter.implementation} ${interpreter.version} (${interpreter.executable})`;
}

/**
 * The JIT leg must have run with a JIT that was built in and switched on, and
 * that could compile the probe's plain hot loop. A benchmark for which it
 * compiled nothing is not a missing JIT: its row is idle (engagement.ts).
 * `jitLeg` is whichever side ran with PYTHON_JIT=1.
 */
export function jitGate(jitLeg: LegInput | null): JitGate {
  if (jitLeg === null) {
    return {
      applicable: false,
      reason: "neither leg ran with PYTHON_JIT=1",
      interpreter: "none",
    };
  }
  const interpreter = describeInterpreter(jitLeg);
  const states = allJitStates(jitLeg.results);
  const contradicted = impossibleJit(jitLeg);
  if (contradicted !== null) return { applicable: false, reason: contradicted, interpreter };
  if (states.some((s) => !s.compiled)) {
    return { applicable: false, reason: NO_JIT_REASONS.notCompiled, interpreter };
  }
  if (states.some((s) => !s.enabled)) {
    return { applicable: false, reason: NO_JIT_REASONS.notEnabled, interpreter };
  }
  if (jitLeg.results.jit.active === false) {
    return { applicable: false, reason: NO_JIT_REASONS.notActive, interpreter };
  }
  return { applicable: true };
}

const NO_JIT_REASONS = {
  notCompiled: "the interpreter was built without the JIT, so PYTHON_JIT=1 changed nothing",
  notEnabled: "the interpreter has a JIT, but it was not enabled in the JIT leg",
  notActive:
    "the JIT was enabled but compiled nothing even for the probe's plain hot loop, so it did not work in this leg",
} as const;

/**
 * Why a JIT leg whose interpreter reported `state` before any benchmark ran
 * (the run's probe, recorded as the leg's `jit`) cannot be measured: the gate
 * above rules such a leg out whatever its benchmarks show. Null when it can.
 */
export function jitRuledOut(state: JitState): string | null {
  if (!state.compiled) return NO_JIT_REASONS.notCompiled;
  if (!state.enabled) return NO_JIT_REASONS.notEnabled;
  if (state.active === false) return NO_JIT_REASONS.notActive;
  return null;
}

/**
 * A JIT that the interpreter's own facts rule out: CPython's JIT arrived in
 * 3.13, no other implementation has it, and a build whose configure
 * arguments are known but lack --enable-experimental-jit (or say =no) has
 * none. A file that claims one anyway contradicts itself, by accident or by
 * design, and no verdict, engaged row or Dockerfile edit may rest on it.
 * Null when nothing contradicts the claim (or nothing is claimed).
 */
export function impossibleJit(jitLeg: LegInput): string | null {
  const claimed = allJitStates(jitLeg.results).some((s) => s.compiled || s.active === true);
  if (!claimed) return null;
  const { implementation, version, configArgs } = jitLeg.environment.interpreter;
  const says = "yet its results claim a JIT, so they contradict themselves";
  if (implementation !== "CPython") {
    return `the interpreter is not CPython, the only Python with this JIT, ${says}`;
  }
  const [major, minor] = version.split(".").map((part) => Number.parseInt(part, 10));
  if (major === undefined || minor === undefined || Number.isNaN(major) || Number.isNaN(minor)) {
    return `the interpreter's version is not a version, ${says}`;
  }
  if (major < 3 || (major === 3 && minor < 13)) {
    return `the interpreter is older than 3.13, where CPython's JIT first appeared, ${says}`;
  }
  if (configArgs !== null) {
    const flag = /--enable-experimental-jit(?:=([A-Za-z-]+))?/.exec(configArgs);
    if (flag === null || flag[1] === "no") {
      return `the interpreter was configured without --enable-experimental-jit, ${says}`;
    }
  }
  return null;
}

function allJitStates(leg: LegResults): JitState[] {
  return [leg.jit, ...leg.benchmarks.flatMap((b) => b.processes.map((p) => p.jit))];
}

/** Warnings about the JIT state of each leg that fall short of the gate. */
export function jitWarnings(noJitLeg: LegInput | null, jitLeg: LegInput | null): Warning[] {
  const warnings: Warning[] = [];
  if (noJitLeg) {
    const active = noJitLeg.results.benchmarks
      .flatMap((b) => b.processes)
      .filter((p) => p.jit.active === true).length;
    if (active > 0) {
      warnings.push({
        kind: "jit-in-baseline",
        message: `the JIT was active in ${active} process(es) of the no-JIT leg, so that leg did not measure the interpreter without it`,
      });
    }
  }
  if (jitLeg) {
    const processes = jitLeg.results.benchmarks.flatMap((b) => b.processes);
    const unknown = processes.filter((p) => p.jit.active === null).length;
    if (unknown > 0) {
      warnings.push({
        kind: "jit-unverified",
        message: `in ${unknown} of ${processes.length} JIT-leg processes the harness could not confirm that the JIT was active`,
      });
    }
  }
  return warnings;
}

export interface Mismatch extends Warning {
  readonly kind: "machine" | "interpreter" | "loops";
}

/** Differences between the legs that make their times hard to compare. */
export function mismatches(baseline: LegInput, candidate: LegInput): Mismatch[] {
  const found: Mismatch[] = [];
  const a = baseline.environment;
  const b = candidate.environment;
  if (a.fingerprint.cpuModel !== b.fingerprint.cpuModel) {
    found.push({
      kind: "machine",
      message: `the legs ran on different CPUs: ${JSON.stringify(a.fingerprint.cpuModel)} and ${JSON.stringify(b.fingerprint.cpuModel)}`,
    });
  } else if (
    a.fingerprint.machine !== b.fingerprint.machine ||
    a.fingerprint.cores !== b.fingerprint.cores
  ) {
    found.push({
      kind: "machine",
      message: `the legs ran on different machines: ${a.fingerprint.machine} with ${a.fingerprint.cores ?? "?"} cores and ${b.fingerprint.machine} with ${b.fingerprint.cores ?? "?"} cores`,
    });
  }
  if (a.interpreter.version !== b.interpreter.version) {
    found.push({
      kind: "interpreter",
      message: `the legs ran different Python versions: ${a.interpreter.version} and ${b.interpreter.version}`,
    });
  } else if (a.interpreter.build !== b.interpreter.build) {
    found.push({
      kind: "interpreter",
      message: `the legs ran different builds of Python ${a.interpreter.version}: ${JSON.stringify(a.interpreter.build)} and ${JSON.stringify(b.interpreter.build)}`,
    });
  }
  const loops = loopMismatches(baseline.results.benchmarks, candidate.results.benchmarks);
  if (loops.length > 0) {
    const shown = loops.slice(0, 5).join(", ");
    const more = loops.length > 5 ? ` and ${loops.length - 5} more` : "";
    found.push({
      kind: "loops",
      message: `inner loop counts differ between the legs for ${shown}${more}, so their per-call times carry different overheads`,
    });
  }
  return found;
}

/**
 * The most one value's fixed cost (two clock reads and the loop's set-up)
 * takes, in nanoseconds, on any machine jit-bench runs on: about a microsecond.
 */
export const VALUE_FIXED_COST_NS = 1_000;
/**
 * A share of a value below which a difference in loop counts cannot move a
 * per-call time: 0.2%, so that a value calibrated to the default 1 ms
 * min-time and timed at the fast one of a shared machine's two speeds (1.75
 * times faster, 0.57 ms) still passes.
 */
const NEGLIGIBLE_SHARE = 0.002;

/**
 * Benchmarks whose legs used different inner loop counts (legs calibrated in
 * separate jobs) where it can matter. A value's fixed cost is spread over
 * its loop count, so two counts give per-call times that differ by at most
 * that cost over the shorter value; with values of half a millisecond or
 * more (the default min-time is 1 ms) that is under 0.2%, and such
 * benchmarks compare as if the counts were the same.
 */
function loopMismatches(
  baseline: readonly BenchmarkResult[],
  candidate: readonly BenchmarkResult[],
): string[] {
  const byName = new Map(baseline.map((b) => [b.name, b]));
  const differ: string[] = [];
  for (const c of candidate) {
    const other = byName.get(c.name);
    if (other === undefined || other.loops === c.loops) continue;
    const shortest = Math.min(valueNs(other), valueNs(c));
    if (shortest > 0 && VALUE_FIXED_COST_NS / shortest < NEGLIGIBLE_SHARE) continue;
    differ.push(`${c.name} (${other.loops} vs ${c.loops})`);
  }
  return differ;
}

/** A typical value's length: loops times the first process's first value per call; 0 when unknown. */
function valueNs(bench: BenchmarkResult): number {
  const perCall = bench.processes[0]?.values[0];
  return perCall === undefined ? 0 : perCall * bench.loops;
}

/** Strict comparison (`--strict`, named by `input`) turns the first mismatch into an error. */
export function refuseMismatches(found: readonly Mismatch[], input: string): void {
  const first = found[0];
  if (!first) return;
  const others = found.length > 1 ? ` (and ${found.length - 1} more difference(s))` : "";
  throw new InputError(
    input,
    first.kind,
    `refuses to compare legs that were measured differently: ${first.message}${others}`,
    `Measure both legs on one machine with one interpreter (jit-bench run --legs both), or drop ${input} to compare them with a warning.`,
  );
}
