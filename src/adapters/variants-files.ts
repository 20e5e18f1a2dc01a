/**
 * Reads a variants file (schema jit-bench/variants@1) for a comparison: within
 * the caps results files have (bytes, values), then checked against its schema
 * once, here, so that nothing after this reads an unchecked byte of it. The
 * file may come from an artifact a fork's pull request made.
 */
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { InputError } from "../core/errors.js";
import { parseVariantsFile } from "../core/variants/parse.js";
import type { VariantsFile } from "../core/variants/results.js";
import { COMPARE_INPUT_LIMITS, countValues, readJson } from "./results-files.js";

/** `source` names the file in every error: its path, or the artifact it came in. */
export async function readVariantsFile(path: string, source = path): Promise<VariantsFile> {
  const raw = await readJson(path, source);
  const values = countValues(raw);
  if (values > COMPARE_INPUT_LIMITS.values) {
    throw new InputError(
      source,
      `${values} values`,
      `holds more than the ${COMPARE_INPUT_LIMITS.values.toLocaleString("en")} values one compare reads`,
      "Measure fewer benchmarks per run, or fewer values per set.",
    );
  }
  return parseVariantsFile(raw, source);
}

/** How much of a file is read to learn its kind. */
const HEAD_BYTES = 4096;
/** The opening of a variants file as jit-bench writes it: the schema is its first key. */
const VARIANTS_HEAD = /^\uFEFF?\s*\{\s*"schema"\s*:\s*"jit-bench\/variants@/;

/**
 * Whether the local file at `path` opens as a variants file does. Only the
 * kind is learnt here; readVariantsFile checks everything else. A folder, or
 * anything that cannot be read, is not one (the results reader says why).
 */
export async function opensAsVariantsFile(path: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    // Non-blocking: a pipe named here must not hang the step.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!(await handle.stat()).isFile()) return false;
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return VARIANTS_HEAD.test(buffer.subarray(0, bytesRead).toString("utf8"));
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}
