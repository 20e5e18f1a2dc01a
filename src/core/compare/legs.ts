/** How the legs are named in reports, and what a report says about each. */
import type { Leg } from "../results.js";
import type { LegDescription, LegInput } from "./types.js";

export const LEG_LABELS: Record<Leg, string> = { off: "no-JIT", on: "JIT" };

export function legDescription(input: LegInput): LegDescription {
  return {
    leg: input.results.leg,
    python: input.environment.python,
    interpreter: input.environment.interpreter,
    fingerprint: input.environment.fingerprint,
    jit: input.results.jit,
    sources: input.sources,
  };
}
