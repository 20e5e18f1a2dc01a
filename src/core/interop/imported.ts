/**
 * Results from other tools (pyperf, pytest-benchmark) as jit-bench legs, so
 * that a team with an existing suite gets the same statistics and verdict.
 * The converters in this folder turn one file into an ImportedFile; this file
 * decides which leg each belongs to, merges a leg's files, and fills in what
 * the other tools do not record (the JIT state) without claiming more than
 * the files say.
 */
import { LEG_LABELS } from "../compare/legs.js";
import type { Environment, LegInput, Warning } from "../compare/types.js";
import { InputError } from "../errors.js";
import {
  type BenchmarkResult,
  formatPath,
  type Interpreter,
  type JitState,
  type Leg,
  type ProcessRecord,
  ProcessRecordSchema,
  PYTHON_JIT_VALUE,
  valueAt,
} from "../results.js";

export const IMPORT_FORMATS = ["pyperf", "pytest-benchmark"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  pyperf: "pyperf JSON",
  "pytest-benchmark": "pytest-benchmark JSON",
};

/** A process as another tool recorded it: its JIT state is known only if the file says. */
export type ImportedProcess = Omit<ProcessRecord, "jit"> & { readonly jit: JitState | null };

export type ImportedBenchmark = Omit<BenchmarkResult, "processes"> & {
  readonly processes: readonly ImportedProcess[];
};

export interface ImportedFile {
  readonly format: ImportFormat;
  readonly source: string;
  /** The leg the file itself names (our own pyperf export does), else null. */
  readonly leg: Leg | null;
  /** The leg's JIT state as recorded, or null when the file does not say. */
  readonly jit: JitState | null;
  readonly environment: Environment;
  readonly benchmarks: readonly ImportedBenchmark[];
  /** What the conversion left out or could not know, as warnings for the report. */
  readonly notes: readonly Warning[];
}

/** "3.13.2 (64-bit) revision 4f8bb39" -> [3, 13]; null when there is no version number. */
export function pythonMinor(version: string): [number, number] | null {
  const match = /(\d+)\.(\d+)/.exec(version);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/**
 * The JIT state to assume for a leg whose file does not record one. Facts come
 * first: a CPython older than 3.13, or another implementation, has no JIT to
 * enable. Otherwise the leg is taken at its word (the files passed second are
 * the JIT leg) with `active: null`, which the comparison reports as unverified.
 */
export function unrecordedJit(leg: Leg, interpreter: Interpreter, format: ImportFormat): JitState {
  const minor = pythonMinor(interpreter.version);
  const implementation = interpreter.implementation.toLowerCase();
  const tooOld = minor !== null && (minor[0] < 3 || (minor[0] === 3 && minor[1] < 13));
  if (implementation !== "" && implementation !== "cpython") {
    return noJit(`${interpreter.implementation} is not CPython, whose JIT PYTHON_JIT controls.`);
  }
  if (tooOld) {
    return noJit(
      `CPython ${interpreter.version} has no JIT; the JIT first shipped, experimental, in CPython 3.13.`,
    );
  }
  return {
    compiled: true,
    tier2: leg === "on",
    enabled: leg === "on",
    active: null,
    method: "assumed",
    detail: `${FORMAT_NAMES[format]} does not record the JIT: this leg is taken as PYTHON_JIT=${PYTHON_JIT_VALUE[leg]} because of the order the files were passed in, and whether the JIT was built in and active could not be checked.`,
  };
}

function noJit(detail: string): JitState {
  return {
    compiled: false,
    tier2: false,
    enabled: false,
    active: false,
    method: "version",
    detail,
  };
}

const HOW_TO_PASS_IMPORTED =
  "Pass the JIT-off files first and the JIT-on files second, one file or folder each: jit-bench compare OFF ON.";

/**
 * Assigns each path's files to a leg and merges them. When every file names its
 * leg, that decides; otherwise the first path is the JIT-off leg and the second
 * the JIT-on leg, as for `jit-bench compare BASELINE CANDIDATE`.
 */
export function assembleImportedLegs(
  groups: readonly (readonly ImportedFile[])[],
  paths: readonly string[],
): { baseline: LegInput; candidate: LegInput; warnings: Warning[] } {
  const all = groups.flat();
  const byLeg: Record<Leg, ImportedFile[]> = { off: [], on: [] };
  if (all.length > 0 && all.every((file) => file.leg !== null)) {
    for (const file of all) byLeg[file.leg as Leg].push(file);
  } else {
    if (groups.length !== 2) {
      throw new InputError(
        paths.join(" and "),
        `${groups.length} path(s)`,
        "do not say which leg they hold, so the order of two paths must",
        HOW_TO_PASS_IMPORTED,
      );
    }
    const [off, on] = groups as [ImportedFile[], ImportedFile[]];
    byLeg.off = off;
    byLeg.on = on;
  }
  for (const leg of ["off", "on"] as const) {
    if (byLeg[leg].length === 0) {
      throw new InputError(
        paths.join(" and "),
        leg,
        `hold no ${LEG_LABELS[leg]} leg`,
        HOW_TO_PASS_IMPORTED,
      );
    }
  }
  const warnings: Warning[] = [];
  const seen = new Set<string>();
  for (const note of all.flatMap((file) => file.notes)) {
    if (seen.has(note.message)) continue;
    seen.add(note.message);
    warnings.push(note);
  }
  const unverified = all.filter((file) => file.jit === null);
  if (unverified.length > 0) {
    const formats = [...new Set(unverified.map((file) => FORMAT_NAMES[file.format]))].join(" and ");
    warnings.push({
      kind: "jit-unverified",
      message: `${formats} does not record whether the JIT was built in or active: the files passed second are taken as the JIT leg on trust (run them through jit-bench run to have every process prove it)`,
    });
  }
  return { baseline: mergeLeg("off", byLeg.off), candidate: mergeLeg("on", byLeg.on), warnings };
}

/**
 * One leg from several files: a benchmark found in several files (several
 * pytest sessions, say) gets the processes of all of them, each a fresh one.
 */
function mergeLeg(leg: Leg, files: readonly ImportedFile[]): LegInput {
  const first = files[0] as ImportedFile;
  const legJit = first.jit ?? unrecordedJit(leg, first.environment.interpreter, first.format);
  const merged = new Map<string, BenchmarkResult>();
  let order = 0;
  for (const file of files) {
    const fallback = file.jit ?? unrecordedJit(leg, file.environment.interpreter, file.format);
    for (const benchmark of file.benchmarks) {
      const existing = merged.get(benchmark.name);
      const base = existing?.processes.length ?? 0;
      const processes: ProcessRecord[] = benchmark.processes.map((proc, i) =>
        checkedProcess(
          { ...proc, index: base + i, order: order++, jit: proc.jit ?? fallback },
          file,
          benchmark.name,
          i,
        ),
      );
      if (existing === undefined) {
        merged.set(benchmark.name, { ...benchmark, processes });
      } else {
        merged.set(benchmark.name, {
          ...existing,
          // A benchmark that ran in any session counts as ok; failures are kept.
          status: existing.status === "ok" || benchmark.status === "ok" ? "ok" : existing.status,
          processes: [...existing.processes, ...processes],
          failures: [...existing.failures, ...benchmark.failures],
        });
      }
    }
  }
  return {
    results: {
      leg,
      pythonJit: PYTHON_JIT_VALUE[leg],
      jit: legJit,
      benchmarks: [...merged.values()],
    },
    environment: first.environment,
    settings: null,
    sources: files.map((file) => file.source),
  };
}

/**
 * An imported process meets the same bounds as a results file's: every time
 * finite and at most a day per call, peak memory from 1 KiB to 1 PiB. Other
 * tools' files are read as written, so a forged or corrupt figure (1e300 s,
 * a memory of 0) is refused here, naming the file, the benchmark and the
 * field, rather than reaching the statistics as Infinity or NaN.
 */
function checkedProcess(
  proc: ProcessRecord,
  file: ImportedFile,
  benchmark: string,
  position: number,
): ProcessRecord {
  const parsed = ProcessRecordSchema.safeParse(proc);
  if (parsed.success) return proc;
  const issue = parsed.error.issues[0];
  const path = issue?.path ?? [];
  const value = path.length > 0 ? valueAt(proc, path) : "(run)";
  // JSON has no Infinity: say it in words, where zod's message would quote it as null.
  const infinite = typeof value === "number" && !Number.isFinite(value);
  throw new InputError(
    `${file.source}: benchmark ${JSON.stringify(benchmark.slice(0, 200))}, run ${position + 1}${path.length > 0 ? `: ${formatPath(path)}` : ""}`,
    infinite ? String(value) : value,
    `${infinite ? "must be a finite number" : (issue?.message ?? "is not a measurement")}, after conversion to nanoseconds per call and KiB`,
    `Pass the ${FORMAT_NAMES[file.format]} file the tool wrote; a time beyond a day per call or a memory of 0 is no measurement.`,
  );
}

/** Fewest fresh processes any benchmark measured in both legs has, per leg. */
export function fewestProcesses(baseline: LegInput, candidate: LegInput): number {
  const counts = new Map(
    baseline.results.benchmarks.map((b) => [b.name, usableCount(b.processes)]),
  );
  let fewest = Number.POSITIVE_INFINITY;
  for (const benchmark of candidate.results.benchmarks) {
    const other = counts.get(benchmark.name);
    if (other === undefined) continue;
    fewest = Math.min(fewest, other, usableCount(benchmark.processes));
  }
  return fewest;
}

function usableCount(processes: readonly ProcessRecord[]): number {
  return processes.filter((p) => p.values.some((v) => v > 0)).length;
}
