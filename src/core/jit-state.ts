/** What an interpreter process says about its JIT, in the shape of the results file. */
import { z } from "zod";

/**
 * What one interpreter process says about its JIT. `compiled` is a build fact;
 * `enabled` is this process's setting; `active` is the proof: executors were
 * found attached to a warmed-up hot function (null when it could not be checked).
 */
export const JitStateSchema = z.object({
  compiled: z.boolean(),
  tier2: z.boolean(),
  enabled: z.boolean(),
  active: z.boolean().nullable(),
  /** How it was found out: "sys._jit", "sysconfig", "unsupported". */
  method: z.string().max(200),
  /** The same, in plain words for a report. */
  detail: z.string().max(2000),
});
export type JitState = z.infer<typeof JitStateSchema>;
