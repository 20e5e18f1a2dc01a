/**
 * Where the Python harness folder is. Three layouts reach this code:
 *   src/adapters/install-paths.ts under vitest -> src/harness
 *   dist/index.js (the action bundle)        -> dist/harness
 *   dist/cli/index.js (the CLI bundle)       -> dist/harness
 * so the harness is `harness/` in this module's own folder or in its parent.
 *
 * The module's location is read from `import.meta` at run time through a
 * variable on purpose: ncc's asset relocator rewrites statically analysable
 * `new URL("...", import.meta.url)` expressions (it copies what they point to
 * and substitutes a path), and a bundler may replace a literal
 * `import.meta.url` with the file's path at build time.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const MARKER = "__main__.py";

/** The folders that may hold the harness, nearest first, for a module in `moduleDir`. */
export function harnessCandidates(moduleDir: string): string[] {
  return [join(moduleDir, "harness"), join(dirname(moduleDir), "harness")];
}

/** The first candidate that holds `harness/__main__.py`, or null. */
export function findHarness(
  moduleDir: string,
  exists: (path: string) => boolean = existsSync,
): string | null {
  return harnessCandidates(moduleDir).find((dir) => exists(join(dir, MARKER))) ?? null;
}

export function moduleDir(): string {
  const meta = import.meta;
  const url: string = meta.url;
  return dirname(fileURLToPath(url));
}

/** The harness folder of this installation. Throws when it is missing, which is a packaging bug. */
export function harnessDir(): string {
  const here = moduleDir();
  const found = findHarness(here);
  if (found === null) {
    throw new Error(
      `jit-bench's Python harness is missing: looked for ${MARKER} in ${harnessCandidates(here).join(" and ")}. ` +
        "Reinstall jit-bench; a build copies src/harness to dist/harness.",
    );
  }
  return found;
}
