/**
 * Reads back what `jit-bench run --profile` left next to its results: for
 * each leg and benchmark, the collapsed stacks its results file points at.
 * Compare mode uses them for the differential graphs and the one-line
 * readings. Missing or unreadable profiles become notes, never errors: the
 * verdict does not depend on them.
 */
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { InputError } from "../core/errors.js";
import { type Profile, parseCollapsed } from "../core/flamegraph/index.js";
import { type Leg, parseResultsFile } from "../core/results.js";
import { containedPath, readCapped, UnsafeReadError } from "./files.js";
import { RESULTS_FILE_MAX_BYTES } from "./results-files.js";

/** Collapsed stacks are a line per distinct stack: far below this for any real profile. */
export const STACKS_MAX_BYTES = 64 * 1024 * 1024;
/** All stack files one compare reads, each counted once however many records name it. */
export const STACKS_TOTAL_MAX_BYTES = 256 * 1024 * 1024;

/** The stack files read so far, by real path, and their size in all. */
interface StacksBudget {
  readonly read: Map<string, Omit<LegProfile, "graphs">>;
  bytes: number;
}

export interface LegProfile {
  /** Null when there is none to draw; `note` says why. */
  profile: Profile | null;
  note: string | null;
  /** File names of the graphs the run drew with it. */
  graphs: string[];
}

export type LegProfiles = Record<Leg, Map<string, LegProfile>>;

/** Every profile recorded in the results files behind `paths` (files, or folders of them). */
export async function readLegProfiles(paths: readonly string[]): Promise<LegProfiles> {
  const found: LegProfiles = { off: new Map(), on: new Map() };
  const budget: StacksBudget = { read: new Map(), bytes: 0 };
  for (const file of await resultsFiles(paths)) {
    const results = await readResults(file);
    if (results === null) continue;
    for (const leg of [results.legs.off, results.legs.on]) {
      for (const bench of leg?.benchmarks ?? []) {
        const record = bench.profile;
        if (!leg || !record || found[leg.leg].has(bench.name)) continue;
        if (record.status === "failed") {
          const note = `profiling the JIT-${leg.leg} leg ${record.reason}`;
          found[leg.leg].set(bench.name, { profile: null, note, graphs: [] });
          continue;
        }
        const graphs = record.graphs.map((path) => basename(path));
        found[leg.leg].set(bench.name, {
          ...(await readProfile(dirname(file), record.stacks, leg.leg, budget)),
          graphs,
        });
      }
    }
  }
  return found;
}

/**
 * The stack file a results file names, read only inside the results file's
 * folder and within a size cap: the name comes from data, maybe a fork's.
 */
async function readProfile(
  dir: string,
  name: string,
  leg: Leg,
  budget: StacksBudget,
): Promise<Omit<LegProfile, "graphs">> {
  let text: string;
  let path: string;
  try {
    path = await containedPath(dir, name);
    // Many records may name one file: it is read and parsed once, and counts once.
    const known = budget.read.get(path);
    if (known !== undefined) return known;
    if (budget.bytes >= STACKS_TOTAL_MAX_BYTES) {
      return {
        profile: null,
        note: `the JIT-${leg} leg's stack samples are not read: the stack files already read reach ${STACKS_TOTAL_MAX_BYTES / 1024 / 1024} MiB, the most one compare reads`,
      };
    }
    text = await readCapped(path, STACKS_MAX_BYTES);
    budget.bytes += text.length;
    const parsed = parseProfile(text, path, leg);
    budget.read.set(path, parsed);
    return parsed;
  } catch (error: unknown) {
    if (!(error instanceof UnsafeReadError)) throw error;
    return {
      profile: null,
      note: `the JIT-${leg} leg's stack samples are not read: ${error.path} ${error.reason}`,
    };
  }
}

function parseProfile(text: string, path: string, leg: Leg): Omit<LegProfile, "graphs"> {
  try {
    return { profile: parseCollapsed(text, path), note: null };
  } catch (error: unknown) {
    if (!(error instanceof InputError)) throw error;
    return {
      profile: null,
      note: `the JIT-${leg} leg's stack samples cannot be read: ${error.message}`,
    };
  }
}

/** A results file, or null for any other JSON (a comparison, a pyperf export). */
async function readResults(file: string) {
  try {
    return parseResultsFile(JSON.parse(await readCapped(file, RESULTS_FILE_MAX_BYTES)), file);
  } catch {
    return null;
  }
}

async function resultsFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info === null) continue;
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const names = await readdir(path, { recursive: true });
    for (const name of names.filter((n) => n.endsWith(".json")).sort())
      files.push(join(path, name));
  }
  return files;
}
