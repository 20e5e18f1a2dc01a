/**
 * The probe step of `jit-bench run`: one worker process per leg reports the
 * interpreter and its JIT state, printed as a line per leg.
 */
import { jitRuledOut } from "../../core/compare/gates.js";
import type { RunSettings } from "../../core/config/settings.js";
import { written } from "../../core/errors.js";
import { jitLine } from "../../core/render/progress.js";
import type { Leg } from "../../core/results.js";
import { DEFAULT_POLICY, regressionLimit } from "../../core/verdict.js";
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

/**
 * Processes per leg (pairs, with both legs paired) of the short A/A run on an
 * interpreter without a JIT: the fewest that give every row a 95% interval
 * (six pairs: the smallest signed-rank p is 2/2⁶ ≈ 0.03), so that no ratio is
 * printed bare, and that the A/A split can halve; enough to show that the
 * suite runs and how noisy the machine is.
 */
export const NO_JIT_PROCESSES = 6;
/** Timed values per process of that run, at most: a pair's ratio is still a median of five. */
export const NO_JIT_VALUES = 5;
/** The same with values: auto, whose values are short (a millisecond or so): as much time, in more values. */
export const NO_JIT_AUTO_VALUES = 20;

/**
 * The speedup at which sequential sampling measures a benchmark on
 * (measure/sequential-sampler.ts): the regression limit of the run's
 * max-regression, when the run compares the legs and the JIT leg has a JIT.
 * Without one the verdict is not-applicable whatever a row reads, and going
 * on would buy nothing; null then.
 */
export function settleLimit(settings: RunSettings, probes: LegProbes): number | null {
  const on = probes.byLeg.get("on");
  if (settings.legs !== "both" || on === undefined || jitRuledOut(on.jit) !== null) return null;
  return regressionLimit({ ...DEFAULT_POLICY, maxRegression: settings.maxRegression });
}

/**
 * When the JIT leg's probe rules a JIT out, the verdict is not-applicable
 * whatever is measured: a run whose sampling was left at its defaults then
 * measures a short A/A instead of spending its budget on a precision that
 * cannot change the answer, and says so in one line. A run whose user set
 * processes or precision measures as asked. Null when nothing changes.
 */
export function shortRunWithoutJit(
  settings: RunSettings,
  probes: LegProbes,
): { settings: RunSettings; line: string } | null {
  const on = probes.byLeg.get("on");
  if (on === undefined || settings.defaultSampling !== true) return null;
  const reason = jitRuledOut(on.jit);
  if (reason === null) return null;
  const paired = settings.legs === "both" && settings.pairing !== "off";
  const values =
    settings.values === "auto" ? NO_JIT_AUTO_VALUES : Math.min(settings.values, NO_JIT_VALUES);
  const count = paired
    ? `${NO_JIT_PROCESSES} pairs of processes`
    : `${NO_JIT_PROCESSES} processes per leg`;
  return {
    settings: { ...settings, precision: null, processes: NO_JIT_PROCESSES, values },
    line:
      `A short A/A run: the verdict is not-applicable whatever is measured (in the JIT leg, ${reason}); ` +
      `${count} of ${values} values per benchmark show that the suite runs and how noisy this machine is, ` +
      `in place of sampling to the precision target. To measure fully anyway, set ${written(settings.names.processes, "N")}.`,
  };
}
