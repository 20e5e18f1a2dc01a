/**
 * docs/benchmarks.json: the file the original benchmark script wrote, in its
 * own shape (python, jit, timestamp, and one line of summary numbers per
 * benchmark), so that whatever read it keeps working, with jit-bench's
 * numbers beside it: each benchmark's speedup and interval, the verdict, and
 * the no-JIT leg in the same shape. The top level is the JIT leg when it ran,
 * so `jit-bench compare` reads the file as that leg.
 */
import type { Comparison } from "./compare/types.js";
import type { BenchmarkResult, LegResults, ResultsFile } from "./results.js";
import type { Verdict } from "./verdict.js";

export const BENCHMARKS_JSON_SCHEMA = "jit-bench/benchmarks@1";

export interface SeedRow {
  readonly name: string;
  /** Timed values over all processes; each is the mean of a calibrated loop. */
  readonly iterations: number;
  readonly mean_ms: number;
  readonly median_ms: number;
  readonly p95_ms: number;
  readonly p99_ms: number;
  readonly min_ms: number;
  readonly max_ms: number;
  readonly std_ms: number;
  readonly jit: boolean;
  /** jit-bench's own fields from here on. */
  readonly status: BenchmarkResult["status"];
  readonly reason: string | null;
  readonly processes: number;
  readonly loops: number;
  /** No-JIT time / JIT time, with its 95% interval; null when not compared. */
  readonly speedup: number | null;
  readonly speedup_low: number | null;
  readonly speedup_high: number | null;
}

export interface BenchmarksJson {
  readonly python: string;
  readonly jit: boolean;
  readonly timestamp: string;
  readonly results: readonly SeedRow[];
  readonly jit_bench: {
    readonly schema: typeof BENCHMARKS_JSON_SCHEMA;
    readonly version: string;
    /** The full results file, relative to this one. */
    readonly results_file: string;
    readonly verdict: Verdict["kind"] | null;
    readonly headline: string | null;
    readonly speedup: number | null;
    readonly speedup_low: number | null;
    readonly speedup_high: number | null;
    /** The other leg, when both ran: the no-JIT one, in the same shape as `results`. */
    readonly baseline: { readonly jit: boolean; readonly results: readonly SeedRow[] } | null;
  };
}

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
    jit: main.leg === "on",
    timestamp: results.createdAt,
    results: legRows(main, rows),
    jit_bench: {
      schema: BENCHMARKS_JSON_SCHEMA,
      version: results.tool.version,
      results_file: input.resultsFile,
      verdict: compared?.verdict.kind ?? null,
      headline: compared?.headline ?? null,
      speedup: suite?.geomean ?? null,
      speedup_low: suite?.interval?.low ?? null,
      speedup_high: suite?.interval?.high ?? null,
      baseline: other ? { jit: false, results: legRows(other, rows) } : null,
    },
  };
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
      jit: leg.leg === "on",
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
