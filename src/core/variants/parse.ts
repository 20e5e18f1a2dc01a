/**
 * A variants file read from outside (a local file, or an artifact a fork's
 * pull request may have made), checked once against its schema. Errors name
 * the source and point at the first offending field, as parseResultsFile
 * does for results files.
 */
import { InputError, quote } from "../errors.js";
import { firstIssue } from "../results.js";
import { VARIANTS_SCHEMA_ID, type VariantsFile, VariantsFileSchema } from "./results.js";

/** True when a parsed document says it is a variants file; its fields are not checked here. */
function declaresVariantsSchema(raw: unknown): boolean {
  return (
    typeof raw === "object" &&
    raw !== null &&
    !Array.isArray(raw) &&
    (raw as { schema?: unknown }).schema === VARIANTS_SCHEMA_ID
  );
}

/**
 * Validates parsed JSON as a variants file. `source` names it in errors:
 * `artifact jit-bench-variants, variants.json: variants[1].name: ...`.
 */
export function parseVariantsFile(raw: unknown, source: string): VariantsFile {
  const hint = `Pass the ${VARIANTS_SCHEMA_ID} file a run with the variants setting wrote (variants.json); see docs/variants.md.`;
  if (!declaresVariantsSchema(raw)) {
    const schema =
      typeof raw === "object" && raw !== null && "schema" in raw
        ? (raw as { schema: unknown }).schema
        : undefined;
    throw new InputError(
      source,
      schema === undefined ? "(no schema)" : schema,
      `is not a variants file: its schema is ${schema === undefined ? "missing" : quote(schema)}, not ${VARIANTS_SCHEMA_ID}`,
      hint,
    );
  }
  const parsed = VariantsFileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw firstIssue(raw, source, parsed.error, "is not a variants file", hint);
}
