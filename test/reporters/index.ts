/** The reporters every run uses: vitest's own, then one line that says whether the run passed. */
import { resolve } from "node:path";

export const REPORTERS = ["default", resolve(import.meta.dirname, "strict-summary.ts")];
