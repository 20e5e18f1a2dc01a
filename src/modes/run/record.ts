/**
 * The results file of a run in progress. It is written after every
 * benchmark (atomically, marked partial until the end), so a run that ends
 * any way at all (killed, its output folder removed) keeps what it measured,
 * and once more, synchronously, when the process must exit at once.
 * Sequential sampling returns to benchmarks until its budget is spent, so it
 * hands over every benchmark after each turn, the open ones as they stand
 * (`checkpoint(open)`): those are written until the run records them.
 */
import { existsSync, mkdirSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { writeFileAtomic, writeFileAtomicSync } from "../../adapters/files.js";
import type { LegChoice, RunSettings } from "../../core/config/settings.js";
import {
  type BenchmarkResult,
  type Fingerprint,
  type Interpreter,
  type JitState,
  type Leg,
  type LegResults,
  PYTHON_JIT_VALUE,
  RESULTS_SCHEMA_ID,
  type ResultsFile,
} from "../../core/results.js";
import type { Shard } from "../../core/shard.js";
import type { TestsRecord } from "../../core/tests/record.js";
import { TOOL_VERSION } from "../../core/version.js";

export interface RecordSetup {
  settings: RunSettings;
  legs: readonly Leg[];
  shard: Shard | null;
  /** Each leg's JIT state from its probe. */
  jit: ReadonlyMap<Leg, JitState>;
  interpreter: Interpreter;
  fingerprint: Fingerprint;
  /** How many benchmarks the run will record in all. */
  total: number;
  now: () => Date;
  warn: (line: string) => void;
}

export function resultsFileName(legs: LegChoice): string {
  return legs === "both" ? "results.json" : `results-${legs}.json`;
}

export function stoppedReason(reason: unknown): string {
  return `stopped (${String(reason ?? "aborted")}) before the last benchmark`;
}

export class RunRecord {
  readonly path: string;
  readonly #setup: RecordSetup;
  readonly #perLeg: Map<Leg, BenchmarkResult[]>;
  #saveProblem: string | null = null;
  #tests: TestsRecord | null = null;
  /** Benchmarks measured but not recorded yet, written after the recorded ones. */
  #open: ReadonlyMap<Leg, readonly BenchmarkResult[]> = new Map();

  constructor(setup: RecordSetup) {
    this.#setup = setup;
    this.path = resolve(setup.settings.outputDir, resultsFileName(setup.settings.legs));
    this.#perLeg = new Map(setup.legs.map((leg) => [leg, []]));
  }

  add(leg: Leg, result: BenchmarkResult): void {
    this.#perLeg.get(leg)?.push(result);
  }

  /** The team's tests with the JIT off and on, written with the benchmarks from now on. */
  setTests(tests: TestsRecord): void {
    this.#tests = tests;
  }

  /** One leg's benchmarks so far (both legs of a benchmark end the same way). */
  benchmarks(leg: Leg): readonly BenchmarkResult[] {
    return this.#perLeg.get(leg) ?? [];
  }

  assemble(partialReason: string | null): ResultsFile {
    const { settings, legs, jit, shard } = this.#setup;
    const legResults: Partial<Record<Leg, LegResults>> = {};
    for (const leg of legs) {
      const state = jit.get(leg) ?? jit.get(legs[0] ?? "off");
      if (state === undefined) throw new Error(`no JIT state for the ${leg} leg`);
      legResults[leg] = {
        leg,
        pythonJit: PYTHON_JIT_VALUE[leg],
        jit: state,
        benchmarks: [...this.benchmarks(leg), ...(this.#open.get(leg) ?? [])],
      };
    }
    return {
      schema: RESULTS_SCHEMA_ID,
      tool: { name: "jit-bench", version: TOOL_VERSION },
      createdAt: this.#setup.now().toISOString(),
      partial: partialReason !== null,
      partialReason,
      settings: {
        processes: settings.processes,
        warmups: settings.warmups,
        values: settings.values,
        minTimeMs: settings.minTimeMs,
        timeoutMs: settings.timeoutMs,
        timer: settings.timer,
        precision: settings.precision,
        ...(settings.precision === null ? {} : { budgetMs: settings.budgetMs }),
        include: settings.include,
        exclude: settings.exclude,
        allowFailures: settings.allowFailures,
      },
      shard,
      environment: {
        python: settings.python.join(" "),
        interpreter: this.#setup.interpreter,
        fingerprint: this.#setup.fingerprint,
      },
      legs: legResults,
      ...(this.#tests === null ? {} : { tests: this.#tests }),
    };
  }

  /**
   * Saves the benchmarks so far, with `open`: the ones still being measured,
   * as they stand, which replace the open ones of the last checkpoint. A
   * failure is warned about once, and the run goes on.
   */
  async checkpoint(open: ReadonlyMap<Leg, readonly BenchmarkResult[]> = new Map()): Promise<void> {
    this.#open = open;
    const first = this.#setup.legs[0] ?? "off";
    // Sequential sampling hands over its stopped benchmarks with the open ones: those have a sampling record.
    const handed = open.get(first) ?? [];
    const measuring = handed.filter((b) => b.sampling === undefined).length;
    const done = this.benchmarks(first).length + handed.length - measuring;
    const reason = `the run had not finished: ${done} of ${this.#setup.total} benchmarks were recorded when this file was last written${measuring > 0 ? `, and ${measuring} more ${measuring === 1 ? "was" : "were"} still being measured, kept with the processes they had so far` : ""}`;
    try {
      await this.#write(reason);
    } catch (error: unknown) {
      const said = error instanceof Error ? error.message : String(error);
      if (this.#saveProblem === null)
        this.#setup.warn(`Could not save the results so far: ${said}`);
      this.#saveProblem = said;
    }
  }

  /** The file at the end of the run; its failure is the run's. */
  async finish(partialReason: string | null): Promise<ResultsFile> {
    const results = this.assemble(partialReason);
    await this.#write(results);
    return results;
  }

  /** For a process that exits now: no promise would be waited for. Never throws. */
  writeNow(reason: string): void {
    try {
      mkdirSync(this.#setup.settings.outputDir, { recursive: true });
      writeFileAtomicSync(this.path, `${JSON.stringify(this.assemble(reason), null, 2)}\n`);
    } catch {
      // Exiting now: the file written after the last benchmark is what is left.
    }
  }

  async #write(what: string | ResultsFile): Promise<void> {
    const dir = this.#setup.settings.outputDir;
    if (!existsSync(dir)) {
      await mkdir(dir, { recursive: true });
      this.#setup.warn(`The output folder ${dir} was removed during the run; it was made again.`);
    }
    const results = typeof what === "string" ? this.assemble(what) : what;
    await writeFileAtomic(this.path, `${JSON.stringify(results, null, 2)}\n`);
  }
}
