/**
 * The first step of `jit-bench run`: check the paths, then name the
 * benchmarks. Discovery imports every suite file in one worker process, so
 * a suite with nothing to measure is refused before any other output.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { ensureWritableDir } from "../../adapters/files.js";
import {
  howToSet,
  ownershipOf,
  refuseForeignFiles,
  type Target,
} from "../../adapters/own-files.js";
import type { RunSettings } from "../../core/config/settings.js";
import { InputError } from "../../core/errors.js";
import type { BenchmarkResult } from "../../core/results.js";
import { inShard, type Shard } from "../../core/shard.js";
import {
  type BenchmarkRef,
  type Discovery,
  type DiscoveryProblem,
  discover,
  WorkerFailure,
  type WorkerOptions,
} from "../../measure/worker/calls.js";
import { resultsFileName } from "./record.js";
import type { RunWorkers } from "./workers.js";

export interface DiscoverDeps {
  log: (line: string) => void;
  warn: (line: string) => void;
  shard: Shard | null;
}

/** This shard's part of the suite. */
export interface DiscoveredSuite {
  /** This shard's benchmarks: the whole suite's when not sharded. */
  benchmarks: BenchmarkRef[];
  /** Benchmarks in the whole suite, every shard's: the rows its report compares. */
  suiteSize: number;
  /** Files that could not be imported, or whose bench_* functions need arguments. */
  importProblems: DiscoveryProblem[];
}

/**
 * Results files named `names` in the output folder, for the check that each
 * path is free or holds a results file (adapters/own-files.ts).
 */
export function resultsTargets(settings: RunSettings, names: readonly string[]): Target[] {
  const input = settings.names["output-dir"];
  return names.map((name) => ({
    path: resolve(settings.outputDir, name),
    kind: "results",
    input,
    value: relative(settings.root, settings.outputDir) || ".",
    what: "the results of this run",
    move: `${howToSet(input, "<folder>")} for a folder of jit-bench's own`,
  }));
}

/**
 * Every suite path exists, the output folder can be written, and the results
 * file would replace no file of the user's, before any worker starts.
 */
export async function checkPaths(
  settings: RunSettings,
  options: { results: boolean } = { results: true },
): Promise<void> {
  for (const path of settings.suite) {
    const full = isAbsolute(path) ? path : join(settings.root, path);
    if (!existsSync(full)) {
      throw new InputError(
        settings.names.suite,
        path,
        `does not exist (looked in ${settings.root})`,
        "Pass a file or folder of bench_* functions, relative to the project root.",
      );
    }
  }
  await ensureWritableDir(settings.outputDir, settings.names["output-dir"]);
  if (!options.results) return;
  // A folder that cannot be written is the first thing to say; then whose file is in the way.
  await refuseForeignFiles(
    resultsTargets(settings, [resultsFileName(settings.legs)]),
    ownershipOf(settings),
  );
}

/** Names the benchmarks, warns about the files that failed, and keeps this shard's part. */
export async function discoverSuite(
  settings: RunSettings,
  workers: RunWorkers,
  deps: DiscoverDeps,
): Promise<DiscoveredSuite> {
  const found = await importSuite(workers.worker("off"), settings);
  await workers.settle();
  const shard = deps.shard;
  const importProblems = inShard(found.problems, shard, (problem) => problem.file);
  for (const problem of importProblems) deps.warn(`${problem.file}: ${problem.reason}`);
  if (found.benchmarks.length === 0) {
    const filtered = settings.include.length > 0 || settings.exclude.length > 0;
    throw new InputError(
      settings.names.suite,
      settings.suite.join(" "),
      filtered ? "has no benchmarks left after include/exclude" : "has no benchmarks",
      filtered
        ? "Check the include and exclude patterns against the bench_* names."
        : "Define module-level functions named bench_* (def or async def) in .py files there.",
    );
  }
  const benchmarks = inShard(found.benchmarks, shard, (bench) => bench.name);
  if (shard !== null) {
    deps.log(
      `Shard ${shard.index} of ${shard.count}: ${benchmarks.length} of the ${found.benchmarks.length} benchmarks.`,
    );
  }
  return { benchmarks, suiteSize: found.benchmarks.length, importProblems };
}

/**
 * Discovery imports every suite file in one process; if that process itself
 * dies (a file that hangs or crashes at import), no benchmark can be named,
 * so the suite is refused as bad input.
 */
async function importSuite(options: WorkerOptions, settings: RunSettings): Promise<Discovery> {
  try {
    return await discover(options, settings.suite, {
      include: settings.include,
      exclude: settings.exclude,
    });
  } catch (error: unknown) {
    if (!(error instanceof WorkerFailure)) throw error;
    throw new InputError(
      settings.names.suite,
      settings.suite.join(" "),
      `could not be read: importing its files ${error.reason}`,
      "Make every suite file importable on its own (no work at import time), or exclude the one that fails.",
    );
  }
}

/** A file that failed at discovery, recorded as a failed benchmark named after it. */
export function discoveryFailure(problem: DiscoveryProblem): BenchmarkResult {
  const { file, reason } = problem;
  return {
    name: file,
    file,
    async: false,
    status: "failed",
    reason: problem.kind === "import" ? `could not be imported: ${reason}` : reason,
    loops: 1,
    processes: [],
    failures: [],
    stats: null,
    summary: null,
  };
}
