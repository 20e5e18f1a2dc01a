/**
 * Before a run measures anything: every path it will write is either free,
 * or holds a file jit-bench wrote (core/own-files.ts knows the marks). A
 * file of the user's there is refused with an InputError naming it, the
 * setting that chose the path and the one that allows replacing it, so that
 * a hand-written docs/benchmarks.md is never silently replaced.
 */
import { lstat } from "node:fs/promises";
import { relative } from "node:path";
import { InputError } from "../core/errors.js";
import { isOwnFile, MARK_WORDS, type OwnFileKind } from "../core/own-files.js";
import { readCapped, UnsafeReadError } from "./files.js";
import { RESULTS_FILE_MAX_BYTES } from "./results-files.js";

/** One file the run will write. */
export interface Target {
  readonly path: string;
  readonly kind: OwnFileKind;
  /** The setting that chose the path, as the user wrote it (`--report`, `jit-bench.yml: output-dir`). */
  readonly input: string;
  /** The value of that setting, for the message. */
  readonly value: string;
  /** What would be written there: "the markdown report". */
  readonly what: string;
  /** How to move it elsewhere: "write the report elsewhere with --report <path> or --no-report". */
  readonly move: string;
}

export interface Ownership {
  /** The `overwrite` setting: replace whatever is there. */
  readonly overwrite: boolean;
  /** How this entry allows it: "pass --overwrite". */
  readonly allow: string;
  /** Paths in messages are shown relative to this folder. */
  readonly root: string;
}

/** Refuses the first target whose path holds something jit-bench did not write. */
export async function refuseForeignFiles(
  targets: readonly Target[],
  ownership: Ownership,
): Promise<void> {
  if (ownership.overwrite) return;
  for (const target of targets) {
    const problem = await foreign(target);
    if (problem === null) continue;
    const shown = relative(ownership.root, target.path) || target.path;
    throw new InputError(
      target.input,
      target.value,
      `would replace ${shown} with ${target.what}, but ${problem}`,
      `To keep it, ${target.move}; to replace it, ${ownership.allow}.`,
    );
  }
}

/** Why the file at the target's path is not ours to replace, or null when it is (or is absent). */
async function foreign(target: Target): Promise<string | null> {
  const info = await lstat(target.path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return null;
    throw error;
  });
  if (info === null) return null;
  if (info.isSymbolicLink()) return "that is a symbolic link, which jit-bench never writes";
  if (!info.isFile()) return "that is not a regular file";
  let text: string;
  try {
    text = await readCapped(target.path, RESULTS_FILE_MAX_BYTES, { noFollow: true });
  } catch (error: unknown) {
    if (error instanceof UnsafeReadError) return `that file ${error.reason}`;
    throw error;
  }
  return isOwnFile(target.kind, text)
    ? null
    : `that file was not written by jit-bench: it lacks ${MARK_WORDS[target.kind]}`;
}

/** The ownership rules of a run: its overwrite setting, and how its user would turn it on. */
export function ownershipOf(settings: {
  readonly overwrite: boolean;
  readonly root: string;
  readonly names: { readonly overwrite: string };
}): Ownership {
  return {
    overwrite: settings.overwrite,
    allow: howToSet(settings.names.overwrite, "true"),
    root: settings.root,
  };
}

/**
 * A setting changed in the syntax of the input that named it: `pass
 * --report <path>` on a command line, `set jit-bench.yml: report to <path>`
 * in a file, and for a setting nobody set in the action, its key in jit-bench.yml.
 */
export function howToSet(input: string, value: string): string {
  if (input.startsWith("--")) return value === "true" ? `pass ${input}` : `pass ${input} ${value}`;
  const unset = / \(default\)$/.exec(input);
  if (unset) return `set ${input.slice(0, unset.index)}: ${value} in jit-bench.yml`;
  return `set ${input} to ${value}`;
}
