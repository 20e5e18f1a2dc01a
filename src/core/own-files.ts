/**
 * How `jit-bench run` tells its own files from the user's. Every file it
 * leaves in a project carries a mark of its maker: the markdown report a
 * first-line comment, a flame graph a comment after its XML declaration,
 * the JSON files their schema id (pyperf files our metadata key). A file at
 * one of run's paths without its mark is someone else's, and run refuses to
 * replace it unless the `overwrite` setting says so.
 */
import { SVG_MARK } from "./flamegraph/svg.js";
import { JIT_KEYS } from "./interop/pyperf.js";
import { VARIANTS_COMPARISON_SCHEMA_ID } from "./render/variants-json.js";
import { RESULTS_SCHEMA_ID } from "./results.js";
import { BENCHMARKS_JSON_SCHEMA } from "./seed-export.js";
import { VARIANTS_SCHEMA_ID } from "./variants/results.js";

/** The kinds of file run writes into a project, each with its own mark. */
export const OWN_FILE_KINDS = [
  "report",
  "benchmarks-json",
  "results",
  "variants",
  "variants-comparison",
  "pyperf",
  "svg",
] as const;
export type OwnFileKind = (typeof OWN_FILE_KINDS)[number];

/** How the report's mark begins: what a later run looks for. */
const REPORT_MARK_START = "<!-- jit-bench report";
/** The markdown report's first line; invisible once rendered. */
export const REPORT_MARK = `${REPORT_MARK_START}: written by jit-bench run, which replaces this file on every run -->`;

/** What recognises each kind, in words for an error: "it lacks …". */
export const MARK_WORDS: Readonly<Record<OwnFileKind, string>> = {
  report: `the "${REPORT_MARK_START}" comment on its first line`,
  "benchmarks-json": `"jit_bench": {"schema": "${BENCHMARKS_JSON_SCHEMA}"}`,
  results: `"schema": "${RESULTS_SCHEMA_ID}"`,
  variants: `"schema": "${VARIANTS_SCHEMA_ID}"`,
  "variants-comparison": `"schema": "${VARIANTS_COMPARISON_SCHEMA_ID}"`,
  pyperf: `the "${JIT_KEYS.version}" metadata key`,
  svg: `the "${SVG_MARK}" comment at its top`,
};

/** The report as written to disk: the mark first, so the next run knows the file for its own. */
export function markReport(markdown: string): string {
  return `${REPORT_MARK}\n\n${markdown}`;
}

/**
 * True when `text` (a file's content) carries the mark of `kind`. Schema ids
 * match by family (`jit-bench/results@` and any version), so a file from an
 * older or newer jit-bench is still recognised as ours.
 */
export function isOwnFile(kind: OwnFileKind, text: string): boolean {
  const body = text.replace(/^\uFEFF/, "");
  switch (kind) {
    case "report":
      return firstLine(body).trim().startsWith(REPORT_MARK_START);
    case "svg":
      return body.split("\n", 3).some((line) => line.trim() === SVG_MARK);
    case "benchmarks-json":
      return schemaFamily(
        field(field(parseJson(body), "jit_bench"), "schema"),
        BENCHMARKS_JSON_SCHEMA,
      );
    case "results":
      return schemaFamily(field(parseJson(body), "schema"), RESULTS_SCHEMA_ID);
    case "variants":
      return schemaFamily(field(parseJson(body), "schema"), VARIANTS_SCHEMA_ID);
    case "variants-comparison":
      return schemaFamily(field(parseJson(body), "schema"), VARIANTS_COMPARISON_SCHEMA_ID);
    case "pyperf":
      return typeof field(field(parseJson(body), "metadata"), JIT_KEYS.version) === "string";
  }
}

function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end < 0 ? text : text.slice(0, end);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** `jit-bench/results@1` matches `jit-bench/results@2`: the family, not the version. */
function schemaFamily(value: unknown, id: string): boolean {
  return typeof value === "string" && value.startsWith(id.slice(0, id.indexOf("@") + 1));
}
