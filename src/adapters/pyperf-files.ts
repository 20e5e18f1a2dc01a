/**
 * Writes legs as pyperf JSON files, `<dir>/off.pyperf.json` and
 * `<dir>/on.pyperf.json`, for `run --format pyperf` and `compare --format pyperf`.
 */
import { join } from "node:path";
import type { PyperfExport } from "../core/interop/pyperf.js";
import { LEGS, type Leg } from "../core/results.js";
import { ensureWritableDir, writeFileAtomic } from "./files.js";

export function pyperfFileName(leg: Leg): string {
  return `${leg}.pyperf.json`;
}

export interface WrittenPyperf {
  readonly paths: readonly string[];
  /** What the files leave out, for the log. */
  readonly notes: readonly string[];
}

/** `input` names the folder in errors (a flag, as the user typed it). */
export async function writePyperfLegs(
  dir: string,
  legs: Partial<Record<Leg, PyperfExport>>,
  input: string,
): Promise<WrittenPyperf> {
  await ensureWritableDir(dir, input);
  const paths: string[] = [];
  const notes: string[] = [];
  for (const leg of LEGS) {
    const exported = legs[leg];
    if (exported === undefined) continue;
    notes.push(...exported.notes.map((note) => note.message));
    if (exported.document === null) {
      notes.push(`the ${leg} leg has no timed values, so no pyperf file was written for it`);
      continue;
    }
    const path = join(dir, pyperfFileName(leg));
    // pyperf writes its own files compactly too; one line keeps large suites small.
    await writeFileAtomic(path, `${JSON.stringify(exported.document)}\n`);
    paths.push(path);
  }
  return { paths, notes };
}
