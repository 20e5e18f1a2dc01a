/**
 * The probe step of `jit-bench run`: one worker process per leg reports the
 * interpreter and its JIT state, printed as a line per leg.
 */
import { jitLine } from "../../core/render/progress.js";
import type { Leg } from "../../core/results.js";
import { type ProbeResult, probe } from "../../measure/worker/calls.js";
import type { RunWorkers } from "./workers.js";

export interface LegProbes {
  byLeg: ReadonlyMap<Leg, ProbeResult>;
  /** The first leg's: its interpreter and fingerprint go into the results file. */
  first: ProbeResult;
}

export async function probeLegs(
  legs: readonly Leg[],
  workers: RunWorkers,
  log: (line: string) => void,
): Promise<LegProbes> {
  const probes = new Map<Leg, ProbeResult>();
  for (const leg of legs) {
    const facts = await probe(workers.worker(leg));
    probes.set(leg, facts);
    log(jitLine(leg, facts.jit, facts.interpreter.version));
  }
  await workers.settle();
  const first = probes.get(legs[0] ?? "off");
  if (!first) throw new Error("no leg was probed");
  return { byLeg: probes, first };
}

/** A JIT leg on an interpreter without a JIT would measure the plain interpreter twice. */
export function warnWithoutJit(probes: LegProbes, warn: (line: string) => void): void {
  const { first } = probes;
  const onProbe = probes.byLeg.get("on");
  if (onProbe && !onProbe.jit.compiled) {
    warn(
      `This interpreter (${first.interpreter.implementation} ${first.interpreter.version}) has no JIT compiled in: ` +
        "PYTHON_JIT=1 does nothing here, so the JIT-on leg measures the plain interpreter. " +
        "Run `jit-bench probe` for where to get a JIT-enabled build.",
    );
  }
}
