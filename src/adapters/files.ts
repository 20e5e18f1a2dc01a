/**
 * File writes that never leave half a file behind: write a temporary file in
 * the same folder, then rename it over the target (atomic on one filesystem).
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { InputError } from "../core/errors.js";

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, text, { flag: "wx" });
    await rename(temp, path);
  } catch (error: unknown) {
    await rm(temp, { force: true });
    throw error;
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
