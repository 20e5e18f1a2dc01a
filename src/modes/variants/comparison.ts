/**
 * The comparison of a variants run, as the CLI and the action's run mode
 * both make it: compared with the default seed, and written for programs
 * (schema jit-bench/variants-comparison@1) beside the variants file, a path
 * runVariants has checked holds no file of the user's.
 */
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../../adapters/files.js";
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from "../../core/compare/compare.js";
import { renderVariantsJson } from "../../core/render/variants-json.js";
import { compareVariants, type VariantComparison } from "../../core/variants/compare.js";
import type { VariantsFile } from "../../core/variants/results.js";

export const VARIANTS_COMPARISON_FILE_NAME = "variants-comparison.json";

export interface ComparedRun {
  readonly comparison: VariantComparison;
  /** Where the comparison JSON was written. */
  readonly path: string;
}

/** Compares the variants of the file at `variantsPath` and writes the JSON beside it. */
export async function compareRun(file: VariantsFile, variantsPath: string): Promise<ComparedRun> {
  const comparison = compareVariants(file, { seed: DEFAULT_SEED, resamples: DEFAULT_RESAMPLES });
  const path = join(dirname(variantsPath), VARIANTS_COMPARISON_FILE_NAME);
  await writeFileAtomic(path, renderVariantsJson(comparison, file));
  return { comparison, path };
}
