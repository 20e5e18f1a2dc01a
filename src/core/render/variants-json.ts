/**
 * A variants comparison for programs (schema jit-bench/variants-comparison@1):
 * the headline as text and as fields, then the whole comparison, every row and
 * every effect. The CLI writes it beside the variants file, the action's
 * compare mode into its workspace (the `results-path` output).
 */
import type { VariantComparison } from "../variants/compare.js";
import type { VariantsFile } from "../variants/results.js";
import { TOOL_VERSION } from "../version.js";
import { variantsHeadline } from "./variants-headline.js";

export const VARIANTS_COMPARISON_SCHEMA_ID = "jit-bench/variants-comparison@1";

export function renderVariantsJson(comparison: VariantComparison, file: VariantsFile): string {
  const { headline } = comparison;
  const compared = headline.kind !== "none";
  const document = {
    schema: VARIANTS_COMPARISON_SCHEMA_ID,
    tool: { name: "jit-bench", version: TOOL_VERSION },
    headline: {
      text: variantsHeadline(comparison, (v) => comparison.variants[v]?.name ?? String(v)),
      /** The fastest by its estimate; null when no two variants could be compared. */
      fastest: compared ? (comparison.variants[headline.fastest]?.name ?? null) : null,
      kind: headline.kind,
    },
    measured: {
      createdAt: file.createdAt,
      partial: file.partial,
      partialReason: file.partialReason,
      settings: file.settings,
    },
    comparison,
  };
  // JSON has no Infinity or NaN; a number that is not finite is unknown.
  return `${JSON.stringify(document, (_key, value) => (typeof value === "number" && !Number.isFinite(value) ? null : value), 2)}\n`;
}
