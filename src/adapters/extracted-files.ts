/**
 * A downloaded artifact is untrusted input. @actions/artifact 6 extracts
 * zips with unzip-stream 0.3, which rewrites `..` path segments to `.`, joins
 * absolute entry names under the target folder, and writes symlink entries as
 * plain files holding the link text. This check does not rely on any of that:
 * after extraction, every path must be a regular file or folder inside the
 * target, with no links of any kind, within a size and count budget.
 */
import { lstat, mkdir, readdir, realpath } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";

export interface ExtractLimits {
  /** Extracted bytes in all. */
  maxBytes: number;
  maxFiles: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  maxBytes: 256 * 1024 * 1024,
  maxFiles: 10_000,
};

/** The artifact's content broke a rule; nothing from it should be read. */
export class UnsafeArtifactError extends Error {
  override readonly name = "UnsafeArtifactError";
}

/**
 * The absolute paths of the files under `root`, sorted, or UnsafeArtifactError
 * naming the first path that is a link, a device, outside `root`, or over budget.
 */
export async function verifyExtracted(
  root: string,
  limits: ExtractLimits,
  label: string,
): Promise<string[]> {
  const realRoot = await realpath(root);
  const files: string[] = [];
  let bytes = 0;
  const fail = (path: string, problem: string): never => {
    throw new UnsafeArtifactError(
      `Artifact ${JSON.stringify(label)} was refused: ${JSON.stringify(relative(root, path) || ".")} ${problem}. ` +
        "Its files were removed; re-run the job that uploaded it.",
    );
  };

  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const stats = await lstat(path);
      if (stats.isSymbolicLink()) fail(path, "is a symbolic link");
      if (stats.isDirectory()) {
        await walk(path);
        continue;
      }
      if (!stats.isFile()) fail(path, "is not a regular file");
      // A hard link would let a later write reach a file elsewhere.
      if (stats.nlink > 1) fail(path, "is a hard link");
      if (!isInside(realRoot, await realpath(path))) fail(path, "lies outside the download folder");
      bytes += stats.size;
      files.push(path);
      if (files.length > limits.maxFiles) fail(path, `makes more than ${limits.maxFiles} files`);
      if (bytes > limits.maxBytes) fail(path, `brings the artifact over ${limits.maxBytes} bytes`);
    }
  };
  await walk(root);
  return files.sort();
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}

/**
 * Makes `dir` an empty folder to extract into. An existing folder must be
 * empty: a link or file left in it could steer the extraction elsewhere.
 */
export async function prepareEmptyDir(dir: string): Promise<void> {
  const stats = await lstat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  if (stats === null) {
    await mkdir(dir, { recursive: true });
    return;
  }
  if (!stats.isDirectory()) {
    throw new UnsafeArtifactError(`Cannot download into ${dir}: it exists and is not a folder.`);
  }
  if ((await readdir(dir)).length > 0) {
    throw new UnsafeArtifactError(
      `Cannot download into ${dir}: the folder is not empty. Use a new folder.`,
    );
  }
}
