/**
 * The JSON the original benchmark script wrote (docs/benchmarks.json, copied to
 * benchmarks_nojit.json and benchmarks_jit.json): one line of summary numbers
 * per benchmark and no raw values. It is accepted so that old runs can be read,
 * but it cannot support an interval or a p-value, and a report built from it
 * says so.
 */
import { z } from "zod";
import { withUnrecordedJit } from "./compare/engagement.js";
import { LEG_LABELS } from "./compare/legs.js";
import { noCommonBenchmarks } from "./compare/names.js";
import type { BenchmarkRow, Comparison, JitGate, Warning } from "./compare/types.js";
import { InputError } from "./errors.js";
import { formatPath, type Leg, valueAt } from "./results.js";
import { geometricMean } from "./stats/geomean.js";
import { type Interval, isNonEmpty } from "./stats/types.js";

const milliseconds = z.number().finite().nonnegative();

export const SeedFileSchema = z.object({
  python: z.string().max(100),
  jit: z.boolean(),
  timestamp: z.string().max(100),
  results: z
    .array(
      z.object({
        name: z.string().min(1).max(500),
        iterations: z.number().int().nonnegative(),
        mean_ms: milliseconds,
        median_ms: milliseconds,
        p95_ms: milliseconds.optional(),
        p99_ms: milliseconds.optional(),
        min_ms: milliseconds.optional(),
        max_ms: milliseconds.optional(),
        std_ms: milliseconds.optional(),
      }),
    )
    .max(100_000),
  /**
   * jit-bench's own fields, in a file its `run` wrote (core/seed-export.ts):
   * the leg's PYTHON_JIT, since there `jit` says whether the JIT ran, and why not.
   */
  jit_bench: z
    .object({
      python_jit: z.enum(["0", "1"]).optional(),
      jit_detail: z.string().max(2000).optional(),
    })
    .optional(),
});
export type SeedFile = z.infer<typeof SeedFileSchema>;

export interface SeedInput {
  readonly file: SeedFile;
  readonly source: string;
}

/** The seed script's `jit` meant PYTHON_JIT=1; jit-bench's export says so in `python_jit`. */
export function seedLeg(file: SeedFile): Leg {
  const pythonJit = file.jit_bench?.python_jit;
  if (pythonJit !== undefined) return pythonJit === "1" ? "on" : "off";
  return file.jit ? "on" : "off";
}

/** True for parsed JSON shaped like the seed's output rather than a results file. */
export function looksLikeSeedFile(raw: unknown): boolean {
  return (
    typeof raw === "object" &&
    raw !== null &&
    !("schema" in raw) &&
    "results" in raw &&
    "jit" in raw
  );
}

export function parseSeedFile(raw: unknown, source: string): SeedFile {
  const parsed = SeedFileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InputError(
    `${source}: ${issue?.path.length ? formatPath(issue.path) : "(top level)"}`,
    issue ? valueAt(raw, issue.path) : raw,
    issue?.message ?? "is not a benchmark_engine.py JSON file",
    "Pass the JSON written by benchmark_engine.py unchanged, or a results file from jit-bench run.",
  );
}

/** The seed rounds to 3 decimals of a millisecond: anything faster than this shows as 0. */
const SEED_RESOLUTION_NS = 1000;
/** Half a rounding step, in milliseconds: how far a printed median may be from the true one. */
const HALF_STEP_MS = SEED_RESOLUTION_NS / 2 / 1e6;
/**
 * A ratio that rounding alone could move by more than this is not measured:
 * at the seed's 0.001 ms floor both medians read 0.001 whatever the JIT did.
 */
const MAX_ROUNDING_ERROR = 0.05;

/** The CPython release the JIT first shipped in. Older files cannot have run one. */
const FIRST_JIT_RELEASE = [3, 13] as const;

export const NO_RAW_VALUES =
  "these files hold only the seed script's summary numbers (no raw values), so there is no interval, no p-value and no noise floor: the speedups below are ratios of two medians, and no verdict beyond inconclusive can rest on them";

/**
 * Ratios of the two files' medians (the seed's script used means; medians resist
 * the odd slow iteration). No row can be significant: there is nothing to test.
 */
export function compareSeedFiles(
  baseline: SeedInput,
  candidate: SeedInput,
  settings: { readonly seed: number; readonly resamples: number },
): Comparison {
  const candidateByName = new Map(candidate.file.results.map((r) => [r.name, r]));
  const baselineNames = new Set(baseline.file.results.map((r) => r.name));
  const common = baseline.file.results.filter((r) => candidateByName.has(r.name));
  if (common.length === 0) {
    throw noCommonBenchmarks(
      { baseline: baseline.source, candidate: candidate.source },
      [...baselineNames],
      [...candidateByName.keys()],
    );
  }
  const labels = {
    baseline: LEG_LABELS[seedLeg(baseline.file)],
    candidate: LEG_LABELS[seedLeg(candidate.file)],
  };
  const rows: Omit<BenchmarkRow, "jit">[] = [];
  const blank = { interval: null, level: null, p: null, q: null, memory: null };
  for (const b of baseline.file.results) {
    const c = candidateByName.get(b.name);
    if (!c) {
      rows.push({
        ...blank,
        name: b.name,
        class: "missing",
        side: "candidate",
        baselineNs: b.median_ms * 1e6,
        candidateNs: null,
        speedup: null,
        processes: { baseline: 1, candidate: 0 },
        note: `only in the ${labels.baseline} file`,
      });
      continue;
    }
    const tooFast = b.median_ms === 0 || c.median_ms === 0;
    const rounding = tooFast ? null : roundingRange(b.median_ms, c.median_ms);
    rows.push({
      ...blank,
      name: b.name,
      class: "unchanged",
      side: null,
      // 0.000 ms only says "under half a microsecond": no time to show.
      baselineNs: b.median_ms === 0 ? null : b.median_ms * 1e6,
      candidateNs: c.median_ms === 0 ? null : c.median_ms * 1e6,
      speedup: tooFast || rounding ? null : b.median_ms / c.median_ms,
      processes: { baseline: 1, candidate: 1 },
      note: tooFast
        ? `rounded to 0.000 ms in the seed file: faster than its ${SEED_RESOLUTION_NS / 1000} µs resolution, so no ratio`
        : rounding
          ? `unmeasurable: the seed file rounds to 0.001 ms, so these medians allow any ratio from ${rounding.low.toFixed(2)}x to ${rounding.high.toFixed(2)}x`
          : null,
    });
  }
  for (const c of candidate.file.results) {
    if (baselineNames.has(c.name)) continue;
    rows.push({
      ...blank,
      name: c.name,
      class: "missing",
      side: "baseline",
      baselineNs: null,
      candidateNs: c.median_ms * 1e6,
      speedup: null,
      processes: { baseline: 0, candidate: 1 },
      note: `only in the ${labels.candidate} file`,
    });
  }
  const speedups = rows.flatMap((r) => (r.speedup === null ? [] : [r.speedup]));
  const warnings: Warning[] = [{ kind: "no-raw-values", message: NO_RAW_VALUES }];
  const jitLeg = (input: SeedInput) => seedLeg(input.file) === "on";
  const gate = seedGate(jitLeg(candidate) ? candidate : jitLeg(baseline) ? baseline : null);
  if (jitLeg(candidate) && gate.applicable && candidate.file.jit_bench?.python_jit === undefined) {
    warnings.push({
      kind: "jit-unverified",
      message: `the seed file only records PYTHON_JIT=1, not whether Python ${candidate.file.python} had a JIT to enable (the official python:3.x images have none)`,
    });
  }
  return {
    method: "point-estimates",
    baseline: describe(baseline),
    candidate: describe(candidate),
    rows: withUnrecordedJit(rows, { applicable: true }, "the seed script's files"),
    suite: isNonEmpty(speedups)
      ? {
          geomean: geometricMean(speedups),
          interval: null,
          benchmarks: speedups.length,
          leftOut: [],
        }
      : null,
    memory: null,
    noise: null,
    gate,
    warnings,
    processesPerLeg: 1,
    settings: { alpha: 0.05, level: 0.95, seed: settings.seed, resamples: settings.resamples },
  };
}

/**
 * The ratios the true medians may have, when rounding to 0.001 ms could move
 * the printed ratio by more than MAX_ROUNDING_ERROR; null when it cannot.
 */
function roundingRange(baselineMs: number, candidateMs: number): Interval | null {
  const ratio = baselineMs / candidateMs;
  const low = Math.max(0, baselineMs - HALF_STEP_MS) / (candidateMs + HALF_STEP_MS);
  const high =
    candidateMs > HALF_STEP_MS
      ? (baselineMs + HALF_STEP_MS) / (candidateMs - HALF_STEP_MS)
      : Number.POSITIVE_INFINITY;
  if (high / ratio - 1 <= MAX_ROUNDING_ERROR && 1 - low / ratio <= MAX_ROUNDING_ERROR) return null;
  return { low, high };
}

/**
 * The seed file records only the Python version. A release before the JIT
 * first shipped cannot have run one, whatever PYTHON_JIT said; a later one may
 * or may not have (the jit-unverified warning says so).
 */
function seedGate(jitFile: SeedInput | null): JitGate {
  if (jitFile === null) {
    return { applicable: false, reason: "neither file ran with PYTHON_JIT=1", interpreter: "none" };
  }
  const recorded = jitFile.file.jit_bench;
  if (recorded?.python_jit === "1" && !jitFile.file.jit) {
    return {
      applicable: false,
      reason: `jit-bench's export says the JIT did not run with PYTHON_JIT=1${recorded.jit_detail ? `: ${recorded.jit_detail}` : ""}`,
      interpreter: `Python ${jitFile.file.python} (${jitFile.source})`,
    };
  }
  const version = /^\s*(\d+)\.(\d+)/.exec(jitFile.file.python);
  const [first, second] = FIRST_JIT_RELEASE;
  if (version) {
    const major = Number(version[1]);
    const minor = Number(version[2]);
    if (major < first || (major === first && minor < second)) {
      return {
        applicable: false,
        reason: `CPython ${major}.${minor} has no JIT; the JIT first shipped, experimental, in CPython ${first}.${second}, so PYTHON_JIT=1 changed nothing`,
        interpreter: `Python ${jitFile.file.python} (${jitFile.source})`,
      };
    }
  }
  return { applicable: true };
}

function describe(input: SeedInput): Comparison["baseline"] {
  return {
    leg: seedLeg(input.file),
    python: `Python ${input.file.python}`,
    interpreter: null,
    fingerprint: null,
    jit: null,
    sources: [input.source],
  };
}
