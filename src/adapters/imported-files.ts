/**
 * The other tools' files among what `jit-bench compare` is pointed at: pyperf
 * JSON and pytest-benchmark JSON. They are detected by shape, converted by the
 * pure converters in core/interop, and grouped by the path they came from,
 * since for most of them the order of the paths is what says which leg is which.
 */
import type { LegInput, Warning } from "../core/compare/types.js";
import { InputError } from "../core/errors.js";
import {
  assembleImportedLegs,
  FORMAT_NAMES,
  type ImportedFile,
  type ImportFormat,
} from "../core/interop/imported.js";
import { JIT_KEYS } from "../core/interop/pyperf.js";
import { fromPyperf, looksLikePyperf } from "../core/interop/pyperf-import.js";
import { fromPytestBenchmark, looksLikePytestBenchmark } from "../core/interop/pytest-benchmark.js";

export interface ImportedInputs {
  readonly kind: "imported";
  readonly formats: readonly ImportFormat[];
  readonly baseline: LegInput;
  readonly candidate: LegInput;
  readonly warnings: readonly Warning[];
}

/** Which other tool wrote this parsed JSON, or null for ours (or the seed script's). */
export function importFormatOf(raw: unknown): ImportFormat | null {
  if (looksLikePytestBenchmark(raw)) return "pytest-benchmark";
  if (looksLikePyperf(raw)) return "pyperf";
  return null;
}

/**
 * `run --format pyperf` writes its pyperf files beside the results file, so a
 * folder may hold both copies of the same legs: then the results file is read
 * and our own pyperf exports are left out, rather than refused as a mix.
 */
export function ownFilesFirst<T extends { raw: unknown }>(documents: readonly T[]): readonly T[] {
  const ours = documents.filter((d) => importFormatOf(d.raw) === null);
  const foreign = documents.filter((d) => importFormatOf(d.raw) !== null);
  if (ours.length === 0 || foreign.length === 0) return documents;
  return foreign.every((d) => isOwnPyperfExport(d.raw)) ? ours : documents;
}

function isOwnPyperfExport(raw: unknown): boolean {
  if (importFormatOf(raw) !== "pyperf") return false;
  const metadata = (raw as { metadata?: unknown }).metadata;
  return typeof metadata === "object" && metadata !== null && JIT_KEYS.version in metadata;
}

export function convert(format: ImportFormat, raw: unknown, source: string): ImportedFile {
  switch (format) {
    case "pyperf":
      return fromPyperf(raw, source);
    case "pytest-benchmark":
      return fromPytestBenchmark(raw, source);
  }
}

/**
 * `documents` carry the index of the path they were found under. Every one of
 * them must be another tool's file: a jit-bench results file beside them is
 * refused, since the two carry different guarantees.
 */
export function loadImported(
  documents: readonly { file: string; raw: unknown; group: number }[],
  paths: readonly string[],
): ImportedInputs {
  const ours = documents.find((d) => importFormatOf(d.raw) === null);
  if (ours) {
    const other = documents.find((d) => importFormatOf(d.raw) !== null);
    const format = importFormatOf(other?.raw);
    throw new InputError(
      `${other?.file} and ${ours.file}`,
      "mixed formats",
      `mix ${format ? FORMAT_NAMES[format] : "another tool's JSON"} with jit-bench results files`,
      "Compare files of one kind: two jit-bench results (or folders), or the other tool's files for each leg.",
    );
  }
  const groups: ImportedFile[][] = paths.map(() => []);
  for (const document of documents) {
    const format = importFormatOf(document.raw) as ImportFormat;
    groups[document.group]?.push(convert(format, document.raw, document.file));
  }
  const legs = assembleImportedLegs(groups, paths);
  const formats = [...new Set(groups.flat().map((file) => file.format))];
  return { kind: "imported", formats, ...legs };
}
