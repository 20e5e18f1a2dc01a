/**
 * One module on purpose: the schema is one contract, read top to bottom
 * beside docs/results-schema.md, and nearly every part of jit-bench imports
 * its types from here.
 *
 * The results file, schema `jit-bench/results@1`: the one contract between
 * `jit-bench run` (which writes it), the artifacts, and `jit-bench compare`
 * (which reads it). docs/results-schema.md describes it field by field.
 *
 * Units: every raw value is nanoseconds per call (one timed value divided by
 * its inner loop count). Summary fields ending in `_ms` are milliseconds.
 */
import { z } from "zod";
import { InputError } from "./errors.js";
import { JitStateSchema } from "./jit-state.js";
import { MAX_SHARDS } from "./shard.js";
import { TestsRecordSchema } from "./tests/record.js";

export { type JitState, JitStateSchema } from "./jit-state.js";

export const RESULTS_SCHEMA_ID = "jit-bench/results@1";

export const LEGS = ["off", "on"] as const;
export type Leg = (typeof LEGS)[number];

/** The value each leg gives PYTHON_JIT in its workers. */
export const PYTHON_JIT_VALUE: Record<Leg, "0" | "1"> = { off: "0", on: "1" };

const finiteNonNegative = z.number().finite().nonnegative();

/**
 * One timed value beyond any benchmark (a day, in nanoseconds): a larger
 * figure is forged or corrupt, and would only turn the statistics into
 * numbers of 300 digits.
 */
export const VALUE_MAX_NS = 86_400e9;
/**
 * The smallest time per call above zero that is a measurement (a
 * millionth of a nanosecond): a smaller one is forged or an underflow, and
 * its logarithm would make ratios of 1e300. Zero stays allowed: a clock too
 * coarse for a value reads 0, and compare says so.
 */
export const VALUE_MIN_NS = 1e-6;
/** A time per call as files hold it: 0 (below the clock) or a measurement up to a day. */
export const NanosecondsSchema = finiteNonNegative
  .max(VALUE_MAX_NS, `must be at most ${VALUE_MAX_NS} ns (a day) per value`)
  .refine(
    (ns) => ns === 0 || ns >= VALUE_MIN_NS,
    `must be 0 or at least ${VALUE_MIN_NS} ns per value: anything between is no measurement`,
  );
const nanoseconds = NanosecondsSchema;

/** Peak memory beyond any machine (1 PiB, in KiB): a larger figure is forged or corrupt. */
export const PEAK_RSS_MAX_KIB = 2 ** 40;

export const InterpreterSchema = z.object({
  implementation: z.string().max(100),
  version: z.string().max(100),
  /** sys.version: the build line, with compiler and date. */
  build: z.string().max(1000),
  executable: z.string().max(4096),
  /** The configure arguments the interpreter was built with, when known. */
  configArgs: z.string().max(20_000).nullable(),
});
export type Interpreter = z.infer<typeof InterpreterSchema>;

export const FingerprintSchema = z.object({
  cpuModel: z.string().max(500).nullable(),
  cores: z.number().int().nonnegative().nullable(),
  kernel: z.string().max(500).nullable(),
  platform: z.string().max(500),
  machine: z.string().max(100),
  /** The container image, when the run says which (for example from JIT_BENCH_IMAGE). */
  containerImage: z.string().max(500).nullable(),
});
export type Fingerprint = z.infer<typeof FingerprintSchema>;

/**
 * Where the JIT compiled code in one process of the JIT leg, from a scan of
 * every code object the process could reach after its last value, against a
 * baseline taken before the benchmark's first call (src/harness/_jitbench_executors.py).
 */
export const EngagementSchema = z.object({
  /** Executors the benchmark caused: in it, its callees, methods, coroutines, library code. */
  executors: z.number().int().nonnegative().max(10_000_000),
  /** Executors on the harness's own timing loop: never the benchmark's. */
  timingLoopExecutors: z.number().int().nonnegative().max(10_000_000),
  /** The functions holding most of the benchmark's executors, most first. */
  hotspots: z
    .array(
      z.object({
        function: z.string().max(300),
        file: z.string().max(1000),
        line: z.number().int().nonnegative(),
        executors: z.number().int().positive().max(10_000_000),
      }),
    )
    .max(10),
  functionsWithExecutors: z.number().int().nonnegative().max(10_000_000),
  codeObjectsScanned: z.number().int().nonnegative().max(100_000_000),
  /** What the scan cost, in nanoseconds (after the last value, so it is never timed). */
  scanNs: finiteNonNegative,
});
export type Engagement = z.infer<typeof EngagementSchema>;

/**
 * The clock that times the values the statistics use: the worker process's
 * CPU time (user + system, all threads; time.process_time_ns) or wall time
 * (time.perf_counter_ns). Both are recorded for every value.
 */
export const TIMERS = ["cpu", "wall"] as const;
export type Timer = (typeof TIMERS)[number];

/** The smallest step each clock was seen to take, in nanoseconds. */
export const ClockResolutionSchema = z.object({ wall: finiteNonNegative, cpu: finiteNonNegative });
export type ClockResolution = z.infer<typeof ClockResolutionSchema>;

/**
 * How a process was paired with one of the other leg (paired sampling, the
 * default when one job measures both legs). The two processes of a pair share
 * `index`; they were alive at the same time, and value k of one was taken
 * next to value k of the other, so the two share the machine's state of that
 * moment. docs/methodology.md ("Paired measurement") gives the design.
 */
export const PAIRINGS = ["alternate", "concurrent"] as const;
export type Pairing = (typeof PAIRINGS)[number];

export const PairRecordSchema = z.object({
  /** The pair's 0-based index within the benchmark: the process of the other leg with the same index is its partner. */
  index: z.number().int().nonnegative().max(10_000),
  /**
   * alternate: both on one CPU, values asked for in turn (ABBA: off on, on off, ...);
   * concurrent: each on a CPU of its own, values taken at the same moment.
   */
  pairing: z.enum(PAIRINGS),
  /** The CPU this process was pinned to; null when it could not be pinned. */
  cpu: z.number().int().nonnegative().max(1_000_000).nullable(),
  /** Why it was not pinned (no affinity call, a refusal); null when it was. */
  unpinned: z.string().max(500).nullable(),
  /** The leg that gave the pair's first value. */
  first: z.enum(LEGS),
});
export type PairRecord = z.infer<typeof PairRecordSchema>;

/** One fresh interpreter process: the independent unit of the statistics. */
export const ProcessRecordSchema = z.object({
  /** 0-based index of this process within its benchmark and leg. */
  index: z.number().int().nonnegative(),
  /** Position in the whole run's process sequence (ABBA order shows here). */
  order: z.number().int().nonnegative(),
  warmups: z.array(nanoseconds).max(100_000),
  /** Nanoseconds per call on the run's timer (settings.timer; wall time in files without one). */
  values: z.array(nanoseconds).max(100_000),
  /** The same values on the wall clock, whatever the timer. Absent in older files. */
  wallValues: z.array(nanoseconds).max(100_000).optional(),
  /** The same values in the process's CPU time, whatever the timer. Absent in older files. */
  cpuValues: z.array(nanoseconds).max(100_000).optional(),
  /**
   * Per call, how long the process's thread was ready to run but waited for a
   * CPU (Linux scheduler statistics): the part of wall time beyond CPU time
   * that other work caused. Absent where the system cannot tell, and in older files.
   */
  queueValues: z.array(nanoseconds).max(100_000).optional(),
  /** The system's 1-minute load average after the values; null where it has none. Absent in older files. */
  loadAverage: finiteNonNegative.nullable().optional(),
  peakRssKb: z
    .number()
    .finite()
    .min(
      1,
      "a peak memory of 0 KiB is not a measurement (the harness writes null when it has none)",
    )
    .max(PEAK_RSS_MAX_KIB, `must be at most ${PEAK_RSS_MAX_KIB} KiB (1 PiB)`)
    .nullable(),
  jit: JitStateSchema,
  /** What the process was for: here always "timed". Absent in files written before profiling. */
  role: z.literal("timed").optional(),
  /**
   * The harness's own word on whether a stack sampler was loaded in this
   * process; a timed process must say false. Absent in older files.
   */
  sampler: z.boolean().optional(),
  /**
   * Where the JIT compiled code for the benchmark; null when this build
   * cannot tell (no `_opcode.get_executor`). Absent in older files.
   */
  engagement: EngagementSchema.nullable().optional(),
  /**
   * Nanoseconds per call of the empty timing loop in this process, after its
   * values: with the JIT on, the loop itself may have been compiled. Absent in older files.
   */
  loopOverheadNs: finiteNonNegative.optional(),
  /** With paired sampling, the pair this process belongs to. Absent for unpaired processes and in older files. */
  pair: PairRecordSchema.optional(),
});
export type ProcessRecord = z.infer<typeof ProcessRecordSchema>;

/**
 * A path a results file gives to a file beside it: relative, and never out
 * of its folder. The reader checks links too; this refuses the obvious at
 * the schema, with the field named.
 */
const relativePath = z
  .string()
  .min(1)
  .max(4096)
  .refine(
    (path) =>
      !/^([\\/]|[A-Za-z]:)/.test(path) &&
      !path.includes("\0") &&
      !path.split(/[\\/]/).includes(".."),
    "must be a path relative to the results file's folder, without ..",
  );

/**
 * The extra, untimed process that took a benchmark's stack samples in one
 * leg (`jit-bench run --profile`). Its times are never measurements. Paths
 * are relative to the folder of the results file.
 */
export const ProfileRecordSchema = z.discriminatedUnion("status", [
  z.object({
    role: z.literal("profile"),
    /** Position in the whole run's process sequence, after the benchmark's timed processes. */
    order: z.number().int().nonnegative(),
    status: z.literal("ok"),
    /** How the samples were taken: "sys._current_frames". */
    method: z.string().max(200),
    intervalS: z.number().finite().positive(),
    /** How long the benchmark ran under the sampler. */
    seconds: finiteNonNegative,
    calls: z.number().int().nonnegative(),
    /** Samples inside the benchmark, the ones drawn. */
    samples: z.number().int().nonnegative(),
    /** Samples between calls, or while an async benchmark waited. */
    outside: z.number().int().nonnegative(),
    /** Samples left out at the profile's bounds. */
    dropped: z.number().int().nonnegative(),
    /** The collapsed stacks: one `frame;frame;leaf count` per line. */
    stacks: relativePath,
    /** SVG flame graphs drawn with this profile (the differential one goes with the JIT-on leg). */
    graphs: z.array(relativePath).max(10),
    /** Why a graph was not drawn, such as too few samples. */
    notes: z.array(z.string().max(5000)).max(10),
    jit: JitStateSchema,
  }),
  z.object({
    role: z.literal("profile"),
    order: z.number().int().nonnegative(),
    status: z.literal("failed"),
    reason: z.string().max(5000),
  }),
]);
export type ProfileRecord = z.infer<typeof ProfileRecordSchema>;

/** tinybench's statistics over all values of a leg, in milliseconds per call. */
export const TinybenchStatsSchema = z.object({
  samples: z.number().int().nonnegative(),
  mean: finiteNonNegative,
  sd: finiteNonNegative,
  min: finiteNonNegative,
  max: finiteNonNegative,
  p50: finiteNonNegative,
  p75: finiteNonNegative,
  p99: finiteNonNegative,
  rme: z.number().finite().nonnegative(),
});
export type TinybenchStats = z.infer<typeof TinybenchStatsSchema>;

/** The fields the original benchmark_engine.py printed, for readers used to them. */
export const SeedSummarySchema = z.object({
  iterations: z.number().int().nonnegative(),
  mean_ms: finiteNonNegative,
  median_ms: finiteNonNegative,
  p95_ms: finiteNonNegative,
  p99_ms: finiteNonNegative,
  min_ms: finiteNonNegative,
  max_ms: finiteNonNegative,
  std_ms: finiteNonNegative,
});
export type SeedSummary = z.infer<typeof SeedSummarySchema>;

export const BENCHMARK_STATUSES = ["ok", "failed", "skipped"] as const;
export type BenchmarkStatus = (typeof BENCHMARK_STATUSES)[number];

/**
 * How sequential sampling ended a benchmark (`--precision`); see docs/methodology.md:
 * - precise: its interval became narrower than the target (and, with `settle`, it went on);
 * - noisy: it used its share of the budget (or the process limit) and is still wider;
 * - budget: the run's budget was spent before it could take more than the minimum;
 * - failed, skipped: a process failed, or the benchmark skipped itself (see status and reason).
 */
export const SAMPLING_STOPS = ["precise", "noisy", "budget", "failed", "skipped"] as const;
export type SamplingStop = (typeof SAMPLING_STOPS)[number];

export const SamplingRecordSchema = z.object({
  stop: z.enum(SAMPLING_STOPS),
  /** The half-width aimed at, as a fraction: 0.01 for ±1%. */
  target: z.number().finite().positive(),
  /** The half-width reached, (high - low) / (high + low) of `interval`; null when there was none. */
  halfWidth: finiteNonNegative.nullable(),
  /** Processes per leg that would likely have reached the target; null when it was reached or unknown. */
  projected: z.number().int().nonnegative().nullable(),
  /**
   * The interval the rule stopped on, at `level`: of the speedup (no-JIT /
   * JIT time) with both legs, of the leg's time per call in ns with one.
   */
  interval: z.object({ low: finiteNonNegative, high: finiteNonNegative }).nullable(),
  /** Its confidence level: wider than 95%, which keeps it honest under the stopping rule. */
  level: z.number().gt(0).lt(1),
  /** Wall time spent measuring this benchmark's processes, in milliseconds. Absent in older files. */
  elapsedMs: finiteNonNegative.optional(),
  /**
   * Present when the interval, at `target`, still held the regression limit
   * (`limit`, a speedup), so the benchmark was measured on toward the
   * narrower `target` here, at `level`, while the budget allowed; `halfWidth`
   * and `interval` are what it reached. Absent otherwise and in older files.
   */
  settle: z
    .object({ limit: z.number().finite().positive(), target: z.number().finite().positive() })
    .optional(),
});
export type SamplingRecord = z.infer<typeof SamplingRecordSchema>;

export const ProcessFailureSchema = z.object({
  index: z.number().int().nonnegative(),
  reason: z.string().max(5000),
});

export const BenchmarkResultSchema = z.object({
  name: z.string().min(1).max(500),
  /** The file it came from, relative to the suite root. */
  file: z.string().max(4096),
  async: z.boolean(),
  status: z.enum(BENCHMARK_STATUSES),
  /** Why it failed or was skipped, in words a person understands. */
  reason: z.string().max(5000).nullable(),
  /** Inner loop count per timed value, the same in both legs. */
  loops: z.number().int().positive(),
  processes: z.array(ProcessRecordSchema).max(10_000),
  failures: z.array(ProcessFailureSchema).max(10_000),
  stats: TinybenchStatsSchema.nullable(),
  summary: SeedSummarySchema.nullable(),
  /**
   * Nanoseconds per call of the timing loop with an empty body, measured at
   * calibration with the JIT off. Every value includes it; nothing subtracts it.
   */
  loopOverheadNs: finiteNonNegative.optional(),
  /** Each clock's resolution as the calibrating process measured it. Absent in older files. */
  clockResolutionNs: ClockResolutionSchema.optional(),
  /** How sequential sampling ended; absent when the run used a fixed number of processes. */
  sampling: SamplingRecordSchema.optional(),
  /** Only with --profile, and only for a benchmark whose timed processes all succeeded. */
  profile: ProfileRecordSchema.optional(),
});
export type BenchmarkResult = z.infer<typeof BenchmarkResultSchema>;

export const LegResultsSchema = z.object({
  leg: z.enum(LEGS),
  pythonJit: z.enum(["0", "1"]),
  /** The JIT as the leg's interpreter reported it before any benchmark ran. */
  jit: JitStateSchema,
  benchmarks: z.array(BenchmarkResultSchema).max(100_000),
});
export type LegResults = z.infer<typeof LegResultsSchema>;

export const SettingsRecordSchema = z.object({
  processes: z.number().int().min(2),
  warmups: z.number().int().nonnegative(),
  /** A count, or "auto": each process took as many as filled a time (core/schedule.ts). */
  values: z.union([z.number().int().positive(), z.literal("auto")]),
  minTimeMs: z.number().positive(),
  timeoutMs: z.number().positive(),
  /**
   * Sequential sampling's target half-width (0.01 for ±1%), null for a fixed
   * number of processes (then `processes` is that number; otherwise the
   * minimum per leg). Absent in files written before sequential sampling.
   */
  precision: z.number().finite().positive().nullable().optional(),
  /** The run's time budget for sequential sampling, in milliseconds. */
  budgetMs: z.number().finite().positive().optional(),
  /** The clock behind every `values` array. Absent in older files, whose values are wall time. */
  timer: z.enum(TIMERS).optional(),
  include: z.array(z.string().max(500)).max(1000),
  exclude: z.array(z.string().max(500)).max(1000),
  /**
   * True when the run allowed failed benchmarks (`allow-failures`): compare
   * then reports them without failing. Absent in older files, which allowed none.
   */
  allowFailures: z.boolean().optional(),
});
export type SettingsRecord = z.infer<typeof SettingsRecordSchema>;

export const ResultsFileSchema = z
  .object({
    schema: z.literal(RESULTS_SCHEMA_ID),
    tool: z.object({ name: z.literal("jit-bench"), version: z.string().max(100) }),
    createdAt: z.string().max(100),
    /** True when the run was stopped before every benchmark finished. */
    partial: z.boolean(),
    partialReason: z.string().max(2000).nullable(),
    settings: SettingsRecordSchema,
    shard: z
      .object({
        index: z.number().int().positive(),
        count: z.number().int().positive().max(MAX_SHARDS, `must be at most ${MAX_SHARDS} shards`),
      })
      .refine((shard) => shard.index <= shard.count, {
        message: "index must be at most count",
        path: ["index"],
      })
      .nullable(),
    environment: z.object({
      /** The python command as given. */
      python: z.string().max(4096),
      interpreter: InterpreterSchema,
      fingerprint: FingerprintSchema,
    }),
    legs: z.object({ off: LegResultsSchema.optional(), on: LegResultsSchema.optional() }),
    /** The team's tests with the JIT off and on (`tests` setting). Absent when none ran, and in older files. */
    tests: TestsRecordSchema.optional(),
  })
  .refine((file) => file.legs.off !== undefined || file.legs.on !== undefined, {
    message: "a results file holds at least one leg",
    path: ["legs"],
  });
export type ResultsFile = z.infer<typeof ResultsFileSchema>;

/** Per-call times in milliseconds from a process's raw nanosecond values. */
export function valuesMs(proc: ProcessRecord): number[] {
  return proc.values.map((ns) => ns / 1e6);
}

/**
 * Validates parsed JSON as a results file. `source` names it in errors, which
 * point at the first offending field: `results.json: legs.on.benchmarks[3].values[0] ...`.
 */
export function parseResultsFile(raw: unknown, source: string): ResultsFile {
  if (typeof raw === "object" && raw !== null && "schema" in raw) {
    const schema = (raw as { schema: unknown }).schema;
    if (schema !== RESULTS_SCHEMA_ID) {
      throw new InputError(
        source,
        schema,
        `is schema ${JSON.stringify(schema)}, not ${RESULTS_SCHEMA_ID}`,
        `Produce it with this version of jit-bench run, or upgrade jit-bench to read it.`,
      );
    }
  }
  const parsed = ResultsFileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw firstIssue(
    raw,
    source,
    parsed.error,
    "is not a jit-bench results file",
    `Pass a file written by jit-bench run (schema ${RESULTS_SCHEMA_ID}); see docs/results-schema.md.`,
  );
}

/**
 * The InputError for a document its schema refused: named by the source and
 * the path of the first offending field, quoting the value found there.
 */
export function firstIssue(
  raw: unknown,
  source: string,
  error: z.ZodError,
  fallback: string,
  fix: string,
): InputError {
  const issue = error.issues[0];
  const path = issue?.path.length ? formatPath(issue.path) : "(top level)";
  return new InputError(
    `${source}: ${path}`,
    issue?.path.length ? valueAt(raw, issue.path) : "(document)",
    issue?.message ?? fallback,
    fix,
  );
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`))
    .join("");
}

/** The value at a zod issue's path, for quoting it in an error message. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
