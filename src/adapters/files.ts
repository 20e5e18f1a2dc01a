/**
 * File writes that never leave half a file behind: write a temporary file in
 * the same folder, then rename it over the target (atomic on one filesystem).
 * And reads that cannot be made to take unbounded memory or leave their
 * folder: a size cap checked on the open file, regular files only, and
 * paths from data resolved inside their folder.
 */
import { randomBytes } from "node:crypto";
import { constants, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, open, realpath, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
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
  // Only creating the folder can meet it (the temporary name is new): a part of the path is a file.
  EEXIST: "a part of its path is not a folder",
  EISDIR: "it is a folder",
  ENAMETOOLONG: "its name is too long",
  ELOOP: "its path loops through symbolic links",
};

export interface AtomicWriteOptions {
  /** What named the path, as the user wrote it (a flag such as `--output`), for the error. */
  readonly input?: string;
  /** Create the file's folder first, when the user may name one that does not exist yet. */
  readonly createFolder?: boolean;
}

/**
 * Writes `text` to `path` whole or not at all: a file already at `path` is
 * left as it was when anything goes wrong (a full disk, a read-only folder).
 * Neither variant calls fsync: a reader must never see half a file, but a
 * power cut may lose the last write, as with any other file.
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const temp = tempPathFor(path);
  try {
    if (options.createFolder) await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, text, { flag: "wx" });
    await rename(temp, path);
  } catch (error: unknown) {
    // The write's error is the one to report: removing a temporary file that
    // was never made can fail too (ENOTDIR when a part of the path is a file).
    await rm(temp, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const problem = WRITE_PROBLEMS[code];
    if (problem === undefined) throw error;
    throw new InputError(
      options.input ?? "output file",
      path,
      `cannot be written: ${problem} (${code}); any earlier file at that path is unchanged`,
      "Free some space or fix the folder's permissions, or write to another folder.",
    );
  }
}

/**
 * The same, synchronously: for the last moment of a process that must exit
 * now (a second Ctrl-C), when no promise would be waited for.
 */
export function writeFileAtomicSync(path: string, text: string): void {
  const temp = tempPathFor(path);
  try {
    writeFileSync(temp, text, { flag: "wx" });
    renameSync(temp, path);
  } catch (error: unknown) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // As above: the write's error is the one to report.
    }
    throw error;
  }
}

/** A new name beside `path`: same folder, so the rename is atomic; hidden, so a listing skips it. */
function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
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

/** A read refused by readCapped or containedPath; `reason` completes "the file …". */
export class UnsafeReadError extends Error {
  override readonly name = "UnsafeReadError";
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} ${reason}`);
  }
}

/**
 * Reads a regular file of at most `maxBytes`. The checks are made on the
 * open file, so a device (`/dev/zero`), a pipe or a file that grows while
 * it is read cannot make the read unbounded; a pipe does not block the open.
 */
export async function readCapped(
  path: string,
  maxBytes: number,
  options: { noFollow?: boolean } = {},
): Promise<string> {
  const flags =
    constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, flags);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (code === "ELOOP") throw new UnsafeReadError(path, "is a symbolic link");
    throw new UnsafeReadError(
      path,
      code === "ENOENT" ? "does not exist" : `cannot be read (${code})`,
    );
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new UnsafeReadError(path, "is not a regular file");
    if (info.size > maxBytes)
      throw new UnsafeReadError(
        path,
        `is larger than the ${maxBytes} bytes allowed (${info.size} bytes)`,
      );
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, info.size + 1));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes || filled > info.size)
      throw new UnsafeReadError(path, `grew while it was read, past the ${maxBytes} bytes allowed`);
    return buffer.subarray(0, filled).toString("utf8");
  } finally {
    await handle.close();
  }
}

/**
 * `path` (from data: a results file's field) resolved inside `root`: it must
 * be relative, climb out with no `..`, and lead nowhere outside `root`
 * through a symbolic link either.
 */
export async function containedPath(root: string, path: string): Promise<string> {
  if (path === "" || isAbsolute(path) || /^[A-Za-z]:/.test(path) || path.includes("\0"))
    throw new UnsafeReadError(path, "is not a path relative to its folder");
  if (path.split(/[\\/]/).includes(".."))
    throw new UnsafeReadError(path, "climbs out of its folder with ..");
  const joined = join(root, path);
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(joined), realpath(root)]);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UnsafeReadError(
      joined,
      code === "ENOENT" ? "does not exist" : `cannot be read (${code})`,
    );
  }
  const inside = relative(realRoot, real);
  if (inside === "" || inside.startsWith(`..${sep}`) || inside === ".." || isAbsolute(inside))
    throw new UnsafeReadError(path, "leads out of its folder through a symbolic link");
  return real;
}
