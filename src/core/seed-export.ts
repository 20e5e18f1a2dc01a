/**
 * docs/benchmarks.json: the file the original benchmark script wrote, in its
 * own shape (python, jit, timestamp, and one line of summary numbers per
 * benchmark), so that whatever read it keeps working, with jit-bench's
 * numbers beside it: each benchmark's speedup and interval, the verdict, and
 * the no-JIT leg in the same shape. The top level is the JIT leg when it ran;
 * its `jit_bench.python_jit` tells `jit-bench compare` which leg it is, since
 * `jit` is true only where the JIT really ran (see jitRan below).
 */
import { z } from "zod";
import type { Comparison } from "./compare/types.js";
import {
  BENCHMARK_STATUSES,
  type JitState,
  type LegResults,
  type ProcessRecord,
  type ResultsFile,
} from "./results.js";
import { VERDICTS, type Verdict } from "./verdict.js";

export const BENCHMARKS_JSON_SCHEMA = "jit-bench/benchmarks@1";

const ms = z.number().finite().nonnegative();
const ratio = z.number().finite().nonnegative().nullable();
const pythonJit = z.enum(["0", "1"]);

/**
 * One benchmark of one leg. The fields up to `jit` are the seed script's;
 * the rest are jit-bench's. docs/benchmarks-schema.md describes each.
 */
export const SeedRowSchema = z.object({
  name: z.string().min(1),
  iterations: z.number().int().nonnegative(),
  mean_ms: ms,
  median_ms: ms,
  p95_ms: ms,
  p99_ms: ms,
  min_ms: ms,
  max_ms: ms,
  std_ms: ms,
  jit: z.boolean(),
  status: z.enum(BENCHMARK_STATUSES),
  reason: z.string().nullable(),
  processes: z.number().int().nonnegative(),
  loops: z.number().int().nonnegative(),
  speedup: ratio,
  speedup_low: ratio,
  speedup_high: ratio,
});
export type SeedRow = z.infer<typeof SeedRowSchema>;

/** What the JIT was in a leg: the facts behind its `jit`. Absent in files written before them. */
const legJitFields = {
  python_jit: pythonJit.optional(),
  jit_compiled: z.boolean().optional(),
  jit_detail: z.string().optional(),
};

export const BaselineSchema = z.object({
  jit: z.boolean(),
  ...legJitFields,
  results: z.array(SeedRowSchema),
});

export const JitBenchFieldsSchema = z.object({
  schema: z.literal(BENCHMARKS_JSON_SCHEMA),
  version: z.string(),
  results_file: z.string(),
  ...legJitFields,
  verdict: z.enum(VERDICTS).nullable(),
  headline: z.string().nullable(),
  speedup: ratio,
  speedup_low: ratio,
  speedup_high: ratio,
  baseline: BaselineSchema.nullable(),
});

/** docs/benchmarks.json, schema jit-bench/benchmarks@1 (docs/schemas/benchmarks.schema.json). */
export const BenchmarksJsonSchema = z.object({
  python: z.string(),
  jit: z.boolean(),
  timestamp: z.string(),
  results: z.array(SeedRowSchema),
  jit_bench: JitBenchFieldsSchema,
});
export type BenchmarksJson = z.infer<typeof BenchmarksJsonSchema>;

export interface SeedExportInput {
  readonly results: ResultsFile;
  /** With both legs: their comparison, its verdict and headline. */
  readonly compared: {
    readonly comparison: Comparison;
    readonly verdict: Verdict;
    readonly headline: string;
  } | null;
  readonly resultsFile: string;
}

export function benchmarksJson(input: SeedExportInput): BenchmarksJson {
  const { results, compared } = input;
  const main = results.legs.on ?? results.legs.off;
  if (!main) throw new Error("a results file holds at least one leg");
  const other = results.legs.on && results.legs.off ? results.legs.off : null;
  const rows = new Map(compared?.comparison.rows.map((row) => [row.name, row]) ?? []);
  const suite = compared?.comparison.suite ?? null;
  return {
    python: results.environment.interpreter.version,
    jit: jitRan(main.leg, [main.jit]),
    timestamp: results.createdAt,
    results: legRows(main, rows),
    jit_bench: {
      schema: BENCHMARKS_JSON_SCHEMA,
      version: results.tool.version,
      results_file: input.resultsFile,
      ...legJit(main),
      verdict: compared?.verdict.kind ?? null,
      headline: compared?.headline ?? null,
      speedup: suite?.geomean ?? null,
      speedup_low: suite?.interval?.low ?? null,
      speedup_high: suite?.interval?.high ?? null,
      baseline: other
        ? { jit: jitRan(other.leg, [other.jit]), ...legJit(other), results: legRows(other, rows) }
        : null,
    },
  };
}

/**
 * The seed script's `jit` meant "PYTHON_JIT=1 was set". Here it is true only
 * where that was so and every interpreter process said its JIT was compiled
 * in and enabled: on a build without a JIT the JIT leg says false, and
 * `python_jit` still says what was asked for.
 */
function jitRan(leg: LegResults["leg"], states: readonly JitState[]): boolean {
  return (
    leg === "on" && states.length > 0 && states.every((state) => state.compiled && state.enabled)
  );
}

/** A benchmark's timed processes' JIT states; the leg's probe when none ran. */
function processStates(processes: readonly ProcessRecord[], probe: JitState): JitState[] {
  return processes.length > 0 ? processes.map((proc) => proc.jit) : [probe];
}

function legJit(leg: LegResults) {
  return { python_jit: leg.pythonJit, jit_compiled: leg.jit.compiled, jit_detail: leg.jit.detail };
}

function legRows(
  leg: LegResults,
  rows: ReadonlyMap<string, Comparison["rows"][number]>,
): SeedRow[] {
  return leg.benchmarks.map((bench) => {
    const values = bench.processes
      .flatMap((p) => p.values.map((ns) => ns / 1e6))
      .sort((a, b) => a - b);
    const row = rows.get(bench.name);
    return {
      name: bench.name,
      iterations: values.length,
      mean_ms: round(mean(values)),
      median_ms: round(quantile(values, 0.5)),
      p95_ms: round(quantile(values, 0.95)),
      p99_ms: round(quantile(values, 0.99)),
      min_ms: round(values[0] ?? 0),
      max_ms: round(values.at(-1) ?? 0),
      std_ms: round(std(values)),
      jit: jitRan(leg.leg, processStates(bench.processes, leg.jit)),
      status: bench.status,
      reason: bench.reason,
      processes: bench.processes.length,
      loops: bench.loops,
      speedup: row?.speedup ?? null,
      speedup_low: row?.interval?.low ?? null,
      speedup_high: row?.interval?.high ?? null,
    };
  });
}

/**
 * Six significant digits, not the seed's three decimals: its 0.001 ms floor
 * made every fast benchmark read 0.001 in both legs.
 */
function round(ms: number): number {
  return ms === 0 || !Number.isFinite(ms) ? 0 : Number(ms.toPrecision(6));
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Linear interpolation between order statistics of sorted values (numpy's default). */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const lowValue = sorted[below] ?? 0;
  const highValue = sorted[Math.min(sorted.length - 1, below + 1)] ?? lowValue;
  return lowValue + (highValue - lowValue) * (at - below);
}

function std(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1));
}
