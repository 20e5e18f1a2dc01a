/**
 * One leg as a pyperf JSON file (format version "1.0"), so that pyperf's own
 * tools work on our measurements: `python3 -m pyperf compare_to off.json
 * on.json`, `pyperf hist`, `pyperf stats`. The mapping is direct, because
 * pyperf measures the way we do: one pyperf run is one fresh worker process,
 * its values are seconds per loop iteration, its warmups are [loops, value]
 * pairs, and the `loops` metadata is the inner loop count.
 *
 * pyperf keeps metadata as flat strings and numbers: the JIT facts jit-bench
 * proves per process go there under `jit_*` keys, so an exported file can be
 * read back by `jit-bench compare` with nothing lost but what pyperf cannot
 * hold (tinybench's summary, which is recomputed from the values anyway).
 */
import type { Environment, Warning } from "../compare/types.js";
import {
  type JitState,
  LEGS,
  type Leg,
  type LegResults,
  type ProcessRecord,
  type ResultsFile,
} from "../results.js";

export const PYPERF_VERSION = "1.0";

export type PyperfMetadata = Record<string, string | number>;

export interface PyperfRun {
  /** [loops, seconds per loop iteration] for each untimed warm-up value. */
  readonly warmups?: [number, number][];
  /** Seconds per loop iteration; pyperf refuses a value of 0. */
  readonly values?: number[];
  readonly metadata?: PyperfMetadata;
}

export interface PyperfBenchmark {
  readonly metadata: PyperfMetadata;
  readonly runs: PyperfRun[];
}

export interface PyperfDocument {
  readonly version: typeof PYPERF_VERSION;
  readonly metadata: PyperfMetadata;
  readonly benchmarks: PyperfBenchmark[];
}

export interface PyperfExportInput {
  readonly leg: LegResults;
  readonly environment: Environment;
  /** When the results were written (ISO 8601); null when unknown. */
  readonly createdAt: string | null;
  readonly toolVersion: string;
}

export interface PyperfExport {
  /** Null when no benchmark of the leg has a value pyperf can hold. */
  readonly document: PyperfDocument | null;
  /** What was left out, in words. */
  readonly notes: readonly Warning[];
}

/** The metadata keys jit-bench adds; pyperf shows them in `pyperf metadata`. */
export const JIT_KEYS = {
  leg: "jit_bench_leg",
  version: "jit_bench_version",
  order: "jit_bench_order",
  file: "jit_bench_file",
  build: "python_build",
  machine: "jit_bench_machine",
  kernel: "jit_bench_kernel",
  image: "jit_bench_image",
  pythonJit: "python_jit",
  compiled: "jit_compiled",
  tier2: "jit_tier2",
  enabled: "jit_enabled",
  active: "jit_active",
  method: "jit_method",
  detail: "jit_detail",
  pair: "jit_bench_pair",
  pairing: "jit_bench_pairing",
  cpu: "jit_bench_cpu",
  unpinned: "jit_bench_unpinned",
  first: "jit_bench_first",
} as const;

const NS_PER_SECOND = 1e9;

/** A leg and the environment it was measured in; compare's LegInput is one. */
export interface PyperfLegSource {
  readonly results: LegResults;
  readonly environment: Environment;
}

/**
 * Each leg given, as pyperf JSON: what `run --format pyperf` and
 * `compare --format pyperf` write. `file` says when the results were written
 * (null when unknown) and by which jit-bench.
 */
export function legsToPyperf(
  legs: Partial<Record<Leg, PyperfLegSource>>,
  file: { readonly createdAt: string | null; readonly toolVersion: string },
): Partial<Record<Leg, PyperfExport>> {
  const exports: Partial<Record<Leg, PyperfExport>> = {};
  for (const leg of LEGS) {
    const source = legs[leg];
    if (source === undefined) continue;
    exports[leg] = toPyperf({ leg: source.results, environment: source.environment, ...file });
  }
  return exports;
}

/** The legs of one results file, as pyperf JSON. */
export function resultsToPyperf(results: ResultsFile): Partial<Record<Leg, PyperfExport>> {
  const legs: Partial<Record<Leg, PyperfLegSource>> = {};
  for (const leg of LEGS) {
    const measured = results.legs[leg];
    if (measured) legs[leg] = { results: measured, environment: results.environment };
  }
  return legsToPyperf(legs, { createdAt: results.createdAt, toolVersion: results.tool.version });
}

export function toPyperf(input: PyperfExportInput): PyperfExport {
  const { leg, environment } = input;
  const notes: Warning[] = [];
  const legJit = jitMetadata(leg.jit);
  const benchmarks: PyperfBenchmark[] = [];
  let dropped = 0;
  for (const benchmark of leg.benchmarks) {
    const runs: PyperfRun[] = [];
    for (const proc of [...benchmark.processes].sort((a, b) => a.order - b.order)) {
      const values = proc.values.filter((ns) => ns > 0).map((ns) => ns / NS_PER_SECOND);
      dropped += proc.values.length - values.length;
      const warmups = proc.warmups.map((ns): [number, number] => [
        benchmark.loops,
        ns / NS_PER_SECOND,
      ]);
      if (values.length === 0 && warmups.length === 0) continue;
      runs.push({
        ...(warmups.length > 0 ? { warmups } : {}),
        ...(values.length > 0 ? { values } : {}),
        metadata: runMetadata(proc, legJit),
      });
    }
    if (benchmark.status !== "ok" || !runs.some((run) => run.values !== undefined)) {
      notes.push({
        kind: "partial",
        message: `${benchmark.name} has no timed values in the ${leg.leg} leg (${benchmark.status}${benchmark.reason ? `: ${benchmark.reason}` : ""}), so the pyperf file leaves it out`,
      });
      continue;
    }
    benchmarks.push({
      metadata: {
        name: benchmark.name,
        loops: benchmark.loops,
        ...text(JIT_KEYS.file, benchmark.file),
      },
      runs,
    });
  }
  if (dropped > 0) {
    notes.push({
      kind: "partial",
      message: `${dropped} value(s) of 0 ns (below the timer's resolution) are left out of the pyperf file, which refuses values of 0`,
    });
  }
  if (benchmarks.length === 0) return { document: null, notes };
  const { interpreter, fingerprint } = environment;
  const metadata: PyperfMetadata = {
    unit: "second",
    ...text("date", pyperfDate(input.createdAt)),
    ...text("python_implementation", interpreter.implementation.toLowerCase()),
    ...text("python_version", interpreter.version),
    ...text("python_executable", interpreter.executable),
    ...text(JIT_KEYS.build, interpreter.build),
    ...text("platform", fingerprint.platform),
    ...text("cpu_model_name", fingerprint.cpuModel),
    ...(fingerprint.cores !== null && fingerprint.cores > 0
      ? { cpu_count: fingerprint.cores }
      : {}),
    ...text(JIT_KEYS.machine, fingerprint.machine),
    ...text(JIT_KEYS.kernel, fingerprint.kernel),
    ...text(JIT_KEYS.image, fingerprint.containerImage),
    [JIT_KEYS.version]: input.toolVersion,
    [JIT_KEYS.leg]: leg.leg,
    [JIT_KEYS.pythonJit]: leg.pythonJit,
    ...legJit,
  };
  return { document: { version: PYPERF_VERSION, metadata, benchmarks }, notes };
}

/** Per run: its place in the run order, its memory, and any JIT fact that differs from the leg's. */
function runMetadata(proc: ProcessRecord, legJit: PyperfMetadata): PyperfMetadata {
  const metadata: PyperfMetadata = { [JIT_KEYS.order]: proc.order };
  if (proc.peakRssKb !== null) metadata.mem_max_rss = Math.round(proc.peakRssKb * 1024);
  if (proc.pair) {
    // The pair survives the round trip, so a pyperf file read back compares pair by pair.
    metadata[JIT_KEYS.pair] = proc.pair.index;
    metadata[JIT_KEYS.pairing] = proc.pair.pairing;
    metadata[JIT_KEYS.first] = proc.pair.first;
    if (proc.pair.cpu !== null) metadata[JIT_KEYS.cpu] = proc.pair.cpu;
    Object.assign(metadata, text(JIT_KEYS.unpinned, proc.pair.unpinned));
  }
  for (const [key, value] of Object.entries(jitMetadata(proc.jit))) {
    if (legJit[key] !== value) metadata[key] = value;
  }
  return metadata;
}

export const YES_NO = { yes: true, no: false, unknown: null } as const;

function yesNo(value: boolean | null): keyof typeof YES_NO {
  return value === null ? "unknown" : value ? "yes" : "no";
}

function jitMetadata(jit: JitState): PyperfMetadata {
  return {
    [JIT_KEYS.compiled]: yesNo(jit.compiled),
    [JIT_KEYS.tier2]: yesNo(jit.tier2),
    [JIT_KEYS.enabled]: yesNo(jit.enabled),
    [JIT_KEYS.active]: yesNo(jit.active),
    ...text(JIT_KEYS.method, jit.method),
    ...text(JIT_KEYS.detail, jit.detail),
  };
}

/**
 * pyperf refuses empty strings and line breaks in metadata, and strips the
 * ends: such a value is written flattened, or not at all.
 */
function text(key: string, value: string | null): PyperfMetadata {
  const flat = (value ?? "").replace(/\s+/g, " ").trim();
  return flat === "" ? {} : { [key]: flat };
}

/** pyperf's date form, "2026-11-26 14:06:26", in UTC; null when the input is no date. */
function pyperfDate(iso: string | null): string | null {
  if (iso === null) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().slice(0, 19).replace("T", " ");
}
