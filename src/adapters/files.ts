/**
 * File writes that never leave half a file behind: write a temporary file in
 * the same folder, then rename it over the target (atomic on one filesystem).
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { InputError } from "../core/errors.js";

/** Why a write failed, for the errors a person can do something about. */
const WRITE_PROBLEMS: Readonly<Record<string, string>> = {
  ENOSPC: "no space is left on the device",
  EDQUOT: "the disk quota is used up",
  EFBIG: "the file is larger than this system allows",
  EROFS: "the file system is read-only",
  EACCES: "permission denied",
  EPERM: "the operation is not permitted",
  ENOENT: "its folder does not exist",
  ENOTDIR: "a part of its path is not a folder",
  EISDIR: "it is a folder",
};

/**
 * Writes `text` to `path` whole or not at all: a file already at `path` is
 * left as it was when anything goes wrong (a full disk, a read-only folder).
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, text, { flag: "wx" });
    await rename(temp, path);
  } catch (error: unknown) {
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const problem = WRITE_PROBLEMS[code];
    if (problem === undefined) throw error;
    throw new InputError(
      "output file",
      path,
      `cannot be written: ${problem} (${code}); any earlier file at that path is unchanged`,
      "Free some space or fix the folder's permissions, or write to another folder.",
    );
  }
}

/**
 * Makes sure a folder exists and can be written, before any long work starts,
 * so a bad output path fails in the first second, not after the benchmarks.
 */
export async function ensureWritableDir(dir: string, input: string): Promise<void> {
  const fix = "Pass a folder you can write to, or create it with the right permissions first.";
  try {
    await mkdir(dir, { recursive: true });
    const probe = join(dir, `.jit-bench-write-test-${randomBytes(6).toString("hex")}`);
    await writeFile(probe, "");
    await rm(probe, { force: true });
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(input, dir, `cannot be written (${code})`, fix);
  }
}
