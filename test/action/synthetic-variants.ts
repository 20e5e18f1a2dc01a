/**
 * Variants files with known effects, from a seeded noise model, for the
 * parts of the action that read a variants run's artifact: each variant runs
 * every benchmark at `factor` times the baseline's time, sets and rounds
 * wobble a little, and nothing depends on a clock.
 */
import { createRng } from "../../src/core/stats/rng.js";
import {
  VARIANTS_SCHEMA_ID,
  type VariantBenchmark,
  type VariantRecord,
  type VariantsFile,
} from "../../src/core/variants/results.js";

export interface SyntheticVariant {
  readonly name: string;
  /** This variant's time / the baseline's: 0.8 is 25% faster. The baseline's is 1. */
  readonly factor: number;
  readonly env?: readonly (readonly [string, string])[];
  /** The interpreter's version; 3.13.0 when absent. */
  readonly version?: string;
  /** The interpreter command; a path of the variant's own when absent. */
  readonly python?: string;
}

export interface SyntheticOptions {
  readonly benchmarks?: number;
  readonly sets?: number;
  readonly values?: number;
  /** Benchmark names; bench_000, bench_001, ... when absent. */
  readonly names?: readonly string[];
  readonly seed?: number;
}

const NO_JIT = {
  compiled: false,
  tier2: false,
  enabled: false,
  active: null,
  method: "sys._jit",
  detail: "no JIT compiled in",
};

export function variantsFile(
  variants: readonly SyntheticVariant[],
  options: SyntheticOptions = {},
): VariantsFile {
  const count = options.names?.length ?? options.benchmarks ?? 6;
  const sets = options.sets ?? 8;
  const values = options.values ?? 5;
  const rng = createRng(options.seed ?? 11);
  const noise = (sd: number) => Math.exp((rng.nextFloat() - 0.5) * 2 * sd);
  const records: VariantRecord[] = variants.map((v, i) => {
    const python = v.python ?? `/opt/python${i}/bin/python3`;
    const version = v.version ?? "3.13.0";
    return {
      name: v.name,
      python: [python],
      env: (v.env ?? []).map(([k, value]) => [k, value] as [string, string]),
      interpreter: {
        implementation: "CPython",
        version,
        build: "main, Jan 1 2025",
        executable: python,
        configArgs: null,
      },
      version,
      jit: NO_JIT,
    };
  });
  const benchmarks: VariantBenchmark[] = [];
  for (let b = 0; b < count; b++) {
    const base = 20_000 * (1 + (b % 7));
    benchmarks.push({
      name: options.names?.[b] ?? `bench_${String(b).padStart(3, "0")}`,
      file: "benchmarks/bench_synthetic.py",
      status: "ok",
      reason: null,
      failedVariant: null,
      loops: 100,
      stop: "fixed",
      sets: Array.from({ length: sets }, (_, s) => {
        const offset = noise(0.02);
        return {
          index: s,
          cpu: 0,
          unpinned: null,
          order: variants.map((_, i) => (i + s) % variants.length),
          values: variants.map((v) =>
            Array.from({ length: values }, () =>
              Math.round(base * v.factor * offset * noise(0.01)),
            ),
          ),
          peakRssKb: variants.map(() => 12_000),
          engagement: variants.map(() => null),
          jit: variants.map(() => NO_JIT),
        };
      }),
    });
  }
  return {
    schema: VARIANTS_SCHEMA_ID,
    tool: { name: "jit-bench", version: "0.1.0" },
    createdAt: "2025-01-01T00:00:00.000Z",
    partial: false,
    partialReason: null,
    settings: {
      timer: "cpu",
      warmups: 3,
      values,
      minTimeMs: 10,
      sets,
      precision: null,
      budgetMs: null,
    },
    fingerprint: {
      cpuModel: "Synthetic CPU",
      cores: 4,
      kernel: "6.1.0",
      platform: "linux",
      machine: "x86_64",
      containerImage: null,
    },
    variants: records,
    benchmarks,
  };
}

/**
 * Five variants as a workflow would set them up, the fourth clearly fastest:
 * a baseline, the same again (an A/A check), a newer version near it, that
 * version with PYTHON_JIT=1 (a winner: these interpreters report no JIT, so
 * the win is the model's, not a JIT's) and a free-threaded build (a loser).
 */
export const FIVE_VARIANTS: readonly SyntheticVariant[] = [
  { name: "3.13", factor: 1, python: "/opt/3.13/bin/python3.13" },
  { name: "3.13 again", factor: 1, python: "/opt/3.13/bin/python3.13" },
  { name: "3.14", factor: 0.97, version: "3.14.0", python: "/opt/3.14/bin/python3.14" },
  {
    name: "3.14 + JIT",
    factor: 0.7,
    version: "3.14.0",
    python: "/opt/3.14/bin/python3.14",
    env: [["PYTHON_JIT", "1"]],
  },
  { name: "3.14t", factor: 1.3, version: "3.14.0", python: "/opt/3.14t/bin/python3.14t" },
];
