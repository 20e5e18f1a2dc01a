/**
 * Where one run of the team's tests happens: a fresh copy of the project (so
 * that whatever the tests write, delete or leave half-written never reaches
 * the repository or the benchmark results), a folder of shims that make
 * `python`, `python3` and `pytest` the run's interpreter, and the path the
 * run's JUnit XML is written to. Also the snapshots that tell what a run
 * wrote where it should not have.
 */
import { constants } from "node:fs";
import {
  access,
  chmod,
  cp,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, delimiter, isAbsolute, join, relative, resolve } from "node:path";
import { JUNIT_MAX_CHARS } from "../core/tests/junit.js";
import { readCapped, UnsafeReadError } from "./files.js";

/** Folders never copied: version control, and jit-bench's own output. */
const NEVER_COPIED = [".git", ".hg", ".svn"];
/**
 * Environments at the top of the project: linked into the copy, not copied,
 * since copying a virtualenv takes long and the interpreter reads it in place.
 */
const LINKED = [".venv", "venv", ".tox", ".nox", "node_modules"];
/** Caches Python, pytest and pytest-benchmark write on every run: not worth reporting. */
const CACHES = new Set(["__pycache__", ".pytest_cache", ".benchmarks"]);
/** Entries a snapshot walks at most: a project bigger than this is compared in part. */
const MAX_ENTRIES = 50_000;

export interface Sandbox {
  /** The copy of the project: the command's working directory. */
  readonly project: string;
  /** Put first on PATH: python, python3 and pytest are the run's interpreter. */
  readonly bin: string;
  /** Where the command is asked to write its JUnit XML. */
  readonly junit: string;
  /** Entries of the copy just after copying. */
  readonly before: Snapshot;
  dispose(): Promise<void>;
}

/** Relative path to modification time and size, for what changed between two moments. */
export type Snapshot = ReadonlyMap<string, string>;

export interface SandboxRequest {
  readonly root: string;
  /** Folders under root left out of the copy (absolute): the run's output folder. */
  readonly exclude: readonly string[];
  /** The interpreter's command, as the benchmarks run it; argv[0] already resolved. */
  readonly python: readonly string[];
}

export async function makeSandbox(request: SandboxRequest): Promise<Sandbox> {
  const base = await mkdtemp(join(tmpdir(), "jit-bench-tests-"));
  try {
    const project = join(base, basename(request.root) || "project");
    const skip = new Set(request.exclude.map((path) => resolve(path)));
    for (const name of LINKED) skip.add(join(resolve(request.root), name));
    await cp(request.root, project, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => !skip.has(resolve(source)) && !NEVER_COPIED.includes(basename(source)),
    });
    for (const name of LINKED) {
      const original = join(request.root, name);
      if (await exists(original)) await symlink(resolve(original), join(project, name));
    }
    const bin = join(base, "bin");
    await mkdir(bin);
    await writeShims(bin, request.python);
    return {
      project,
      bin,
      junit: join(base, "junit.xml"),
      before: await snapshot(project, []),
      dispose: () => rm(base, { recursive: true, force: true }),
    };
  } catch (error: unknown) {
    await rm(base, { recursive: true, force: true });
    throw error;
  }
}

async function writeShims(bin: string, python: readonly string[]): Promise<void> {
  const argv = python.map(shellQuote).join(" ");
  const shims: Record<string, string> = {
    python: `exec ${argv} "$@"`,
    python3: `exec ${argv} "$@"`,
    pytest: `exec ${argv} -m pytest "$@"`,
  };
  const own = basename(python[0] ?? "");
  if (/^python[\d.]*$/.test(own) && !(own in shims)) shims[own] = `exec ${argv} "$@"`;
  for (const [name, body] of Object.entries(shims)) {
    const path = join(bin, name);
    await writeFile(path, `#!/bin/sh\n${body}\n`);
    await chmod(path, 0o755);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The interpreter command with its program made absolute through `path`, so
 * that a shim named python3 never runs itself; an unresolvable name is left
 * as it is (the probe has already said whether it runs).
 */
export async function resolveCommand(
  argv: readonly string[],
  cwd: string,
  path: string,
): Promise<string[]> {
  const [program, ...rest] = argv;
  if (program === undefined) return [];
  if (program.includes("/"))
    return [isAbsolute(program) ? program : resolve(cwd, program), ...rest];
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, program);
    try {
      await access(candidate, constants.X_OK);
      return [candidate, ...rest];
    } catch {
      // Not in this folder.
    }
  }
  return [program, ...rest];
}

/** The JUnit XML a run wrote, or null when it wrote none or it cannot be read safely. */
export async function readJUnit(
  path: string,
): Promise<{ text: string | null; problem: string | null }> {
  try {
    return { text: await readCapped(path, JUNIT_MAX_CHARS, { noFollow: true }), problem: null };
  } catch (error: unknown) {
    if (error instanceof UnsafeReadError && error.reason === "does not exist") {
      return { text: null, problem: null };
    }
    return { text: null, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Every entry under `root` (not following links), caches and `skip` left out. */
export async function snapshot(root: string, skip: readonly string[]): Promise<Snapshot> {
  const entries = new Map<string, string>();
  const skipped = new Set(skip.map((path) => resolve(path)));
  const queue = [root];
  while (queue.length > 0 && entries.size < MAX_ENTRIES) {
    const dir = queue.shift() as string;
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(dir, name);
      const linked = dir === root && LINKED.includes(name);
      if (CACHES.has(name) || NEVER_COPIED.includes(name) || linked || skipped.has(path)) continue;
      try {
        const info = await lstat(path);
        // A folder's own time changes with whatever is written in it, caches too: only its files count.
        entries.set(
          relative(root, path),
          info.isDirectory() ? "folder" : `${info.mtimeMs}:${info.size}`,
        );
        if (info.isDirectory()) queue.push(path);
      } catch {
        // Removed while it was listed.
      }
    }
  }
  return entries;
}

/** Paths created, changed or removed between two snapshots, folders named once. */
export function changes(before: Snapshot, after: Snapshot): string[] {
  const changed: string[] = [];
  for (const [path, stamp] of after) {
    if (before.get(path) !== stamp) changed.push(path);
  }
  for (const path of before.keys()) if (!after.has(path)) changed.push(`${path} (removed)`);
  // A new folder with new files in it: name the files, not the folder.
  const files = changed.filter(
    (path) => !changed.some((other) => other !== path && other.startsWith(`${path}/`)),
  );
  return files.sort();
}
