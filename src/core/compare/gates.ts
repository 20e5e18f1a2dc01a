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
  if (states.some((s) => !s.compiled)) {
    return {
      applicable: false,
      reason: "the interpreter was built without the JIT, so PYTHON_JIT=1 changed nothing",
      interpreter,
    };
  }
  if (states.some((s) => !s.enabled)) {
    return {
      applicable: false,
      reason: "the interpreter has a JIT, but it was not enabled in the JIT leg",
      interpreter,
    };
  }
  if (jitLeg.results.jit.active === false) {
    return {
      applicable: false,
      reason:
        "the JIT was enabled but compiled nothing even for the probe's plain hot loop, so it did not work in this leg",
      interpreter,
    };
  }
  return { applicable: true };
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

function loopMismatches(
  baseline: readonly BenchmarkResult[],
  candidate: readonly BenchmarkResult[],
): string[] {
  const loops = new Map(baseline.map((b) => [b.name, b.loops]));
  const differ: string[] = [];
  for (const c of candidate) {
    const other = loops.get(c.name);
    if (other !== undefined && other !== c.loops) differ.push(`${c.name} (${other} vs ${c.loops})`);
  }
  return differ;
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
