/**
 * Reads what `jit-bench compare` is pointed at: results files, folders of them
 * (a leg's shards, or downloaded artifacts), or the seed script's JSON, and
 * returns the two legs (core/compare/pair-legs.ts pairs them). Every problem
 * is an InputError naming the file.
 */
import { readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import {
  type PairedResults,
  type PairedSeeds,
  pairResults,
  pairSeeds,
} from "../core/compare/pair-legs.js";
import { InputError } from "../core/errors.js";
import { escapeTerminal } from "../core/render/escape.js";
import { parseResultsFile } from "../core/results.js";
import { looksLikeSeedFile } from "../core/seed-format.js";
import { containedPath, readCapped, UnsafeReadError } from "./files.js";
import {
  type ImportedInputs,
  importFormatOf,
  loadImported,
  ownFilesFirst,
} from "./imported-files.js";

export type LoadedInputs = PairedResults | PairedSeeds | ImportedInputs;

/** Loads both legs; the baseline is the JIT-off leg and the candidate the JIT-on leg. */
export async function loadComparisonInputs(paths: readonly string[]): Promise<LoadedInputs> {
  const files = await expandAll(paths);
  await checkInputBudget(files.map((f) => f.file));
  // One file at a time: the parser's peak is one file's, not every file's at once.
  const read: { file: string; group: number; raw: unknown }[] = [];
  let values = 0;
  for (const { file, group } of files) {
    const raw = await readJson(file);
    values += countValues(raw);
    if (values > COMPARE_INPUT_LIMITS.values) {
      throw new InputError(
        file,
        `${values} values so far`,
        `takes the values of the compare input past ${COMPARE_INPUT_LIMITS.values.toLocaleString("en")}, the most one compare reads`,
        "Compare fewer shards at a time, or run with fewer values per process.",
      );
    }
    read.push({ file, group, raw });
  }
  const documents = ownFilesFirst(read);
  // pyperf and pytest-benchmark files: converted, and the path order names the legs.
  if (documents.some((d) => importFormatOf(d.raw) !== null)) return loadImported(documents, paths);
  const seeds = documents.filter((d) => looksLikeSeedFile(d.raw));
  if (seeds.length > 0 && seeds.length < documents.length) {
    const seed = seeds[0]?.file;
    const other = documents.find((d) => !looksLikeSeedFile(d.raw))?.file;
    throw new InputError(
      `${seed} and ${other}`,
      "mixed formats",
      "mix the seed script's JSON with jit-bench results files",
      "Compare two seed files with each other, or two jit-bench results with each other.",
    );
  }
  if (seeds.length > 0)
    return pairSeeds(
      documents.map((d) => ({ file: d.file, raw: d.raw })),
      paths,
    );
  return pairResults(
    documents.map((d) => ({ source: d.file, file: parseResultsFile(d.raw, d.file) })),
    paths,
  );
}

/**
 * Bounds on one compare's whole input, beyond each file's own cap: a fork can
 * make every file small and send many, or fill them with numbers. The largest
 * real suite we can imagine is 10,000 benchmarks of 8 pairs, each process
 * with 30 values on three clocks: about 15 million values, and about 370 MB of
 * results at about 2.3 KB a process. The byte bound is set below that, where
 * parsing stays well inside Node's default heap on a 7 GB runner (14 files of
 * 46 MB, 644 MB in all, ran it out of memory); such a suite is compared in
 * halves, by shard. Files: two legs of 1,000 shards, with room for the
 * pyperf copies beside them.
 */
export const COMPARE_INPUT_LIMITS = {
  bytes: 256 * 1024 * 1024,
  files: 4_000,
  values: 20_000_000,
} as const;

async function checkInputBudget(files: readonly string[]): Promise<void> {
  if (files.length > COMPARE_INPUT_LIMITS.files) {
    throw new InputError(
      "compare input",
      `${files.length} files`,
      `is more than the ${COMPARE_INPUT_LIMITS.files} files one compare reads`,
      "Pass the folders of one run's legs only; a suite is at most 1,000 shards per leg.",
    );
  }
  let total = 0;
  for (const file of files) {
    total += (await stat(file)).size;
    if (total > COMPARE_INPUT_LIMITS.bytes) {
      throw new InputError(
        "compare input",
        `more than ${total} bytes`,
        `is more than the ${COMPARE_INPUT_LIMITS.bytes / 1024 / 1024} MiB one compare reads in all (at ${file})`,
        "Compare the suite in parts (a few shards at a time), or run with fewer values per process.",
      );
    }
  }
}

/** Numbers in the arrays of a parsed document, counted without trusting its shape. */
export function countValues(raw: unknown): number {
  let count = 0;
  const stack: unknown[] = [raw];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) {
        if (typeof item === "number") count++;
        else if (typeof item === "object" && item !== null) stack.push(item);
      }
    } else if (typeof node === "object" && node !== null) {
      for (const value of Object.values(node)) {
        if (typeof value === "object" && value !== null) stack.push(value);
      }
    }
  }
  return count;
}

/**
 * Files behind the given paths, each once even if named twice or through a
 * folder, with the index of the path that named it first.
 */
async function expandAll(paths: readonly string[]): Promise<{ file: string; group: number }[]> {
  const seen = new Set<string>();
  const files: { file: string; group: number }[] = [];
  for (const [group, path] of paths.entries()) {
    for (const file of await expand(path)) {
      const real = await realpath(file);
      if (seen.has(real)) continue;
      seen.add(real);
      files.push({ file, group });
    }
  }
  return files;
}

async function expand(path: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      path,
      path,
      code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? String(error)})`,
      "Check the path: pass a results file written by jit-bench run, or the folder that holds them.",
    );
  }
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path, { recursive: true })).filter((name) => name.endsWith(".json"));
  const files: string[] = [];
  for (const name of names.sort()) {
    const file = join(path, name);
    if (!(await stat(file)).isFile()) continue;
    // A link in the folder must not lead the read elsewhere.
    try {
      await containedPath(path, name);
    } catch (error: unknown) {
      if (!(error instanceof UnsafeReadError)) throw error;
      throw new InputError(
        file,
        file,
        error.reason,
        "Results folders hold plain files: copy the file in instead of linking it.",
      );
    }
    files.push(file);
  }
  if (files.length === 0) {
    throw new InputError(
      path,
      path,
      "is a folder with no .json files in it",
      "Point at the folder the results were written or downloaded to, or at a results file.",
    );
  }
  return files;
}

/**
 * The largest file read as results. A process takes about 1 KiB of a results
 * file, so this holds over 100,000 processes (a thousand benchmarks of 60
 * processes in each leg), and a file from an untrusted artifact still cannot
 * make the parser take more than a bounded amount of memory.
 */
export const RESULTS_FILE_MAX_BYTES = 128 * 1024 * 1024;

/**
 * One JSON document within the results files' cap, checked to be UTF-8 text.
 * `source` names it in errors: the path, or where an artifact put it.
 */
export async function readJson(file: string, source = file): Promise<unknown> {
  let text: string;
  try {
    const size = (await stat(file)).size;
    if (size > RESULTS_FILE_MAX_BYTES) {
      throw new InputError(
        source,
        `${size} bytes`,
        `is larger than the ${RESULTS_FILE_MAX_BYTES} bytes a results file may have`,
        "Pass a results file written by jit-bench run; split a very large suite with shards.",
      );
    }
    text = await readCapped(file, RESULTS_FILE_MAX_BYTES);
  } catch (error: unknown) {
    if (error instanceof InputError) throw error;
    if (error instanceof UnsafeReadError) {
      throw new InputError(
        source,
        file,
        error.reason,
        "Pass a results file written by jit-bench run, or the folder that holds them.",
      );
    }
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      source,
      file,
      `cannot be read (${code ?? String(error)})`,
      "Check the file's permissions.",
    );
  }
  // A UTF-8 byte order mark is harmless (Windows tools write one); UTF-16 is another encoding.
  if (text.startsWith("\ufeff")) text = text.slice(1);
  if (text.startsWith("\ufffd\ufffd") || text.includes("\u0000")) {
    throw new InputError(
      source,
      "(UTF-16 or binary bytes)",
      "is not UTF-8 text: it looks like UTF-16 (as PowerShell's > writes) or a binary file",
      "Write the JSON as UTF-8, e.g. Out-File -Encoding utf8, or pass the file jit-bench run wrote.",
    );
  }
  try {
    return JSON.parse(text);
  } catch (error: unknown) {
    // The parser quotes the file's own bytes: controls in them are shown as escapes, on one line.
    const reason = escapeTerminal(error instanceof Error ? error.message : String(error));
    throw new InputError(
      source,
      text.trim().split("\n", 1)[0]?.slice(0, 40) ?? "",
      `is not JSON (${reason})`,
      "Pass a results file written by jit-bench run, pyperf or pytest-benchmark JSON, or the seed script's docs/benchmarks_*.json.",
    );
  }
}
