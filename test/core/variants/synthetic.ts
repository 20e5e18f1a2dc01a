/**
 * Synthetic variants files from a seeded noise model with known truth. Every
 * value of variant v in round k of set s is
 *
 *   ns / speedup[v] × machine(s) × round(s, k) × worker(s, v) × value(s, v, k)
 *
 * where `machine` (the host's speed for the whole set) and `round` (its speed
 * for one round) are shared by every variant of that set or round: that is
 * the noise the sets' pairing cancels. `worker` (one process's own offset)
 * and `value` are each variant's own, and are what is left in a set's log
 * ratio. No clock is involved anywhere.
 */
import type { Engagement, JitState } from "../../../src/core/results.js";
import { createRng, type Rng } from "../../../src/core/stats/rng.js";
import {
  VARIANTS_SCHEMA_ID,
  type VariantBenchmark,
  type VariantRecord,
  type VariantSet,
  type VariantsFile,
} from "../../../src/core/variants/results.js";
import { setOrder } from "../../../src/measure/variant-sets.js";

export interface Noise {
  /** Log-scale sd of the machine's speed per set, shared by all variants. */
  readonly machineSd: number;
  /** Log-scale sd of the machine's speed per round, shared by all variants. */
  readonly roundSd: number;
  /** Log-scale sd of one worker's offset (per set and variant). */
  readonly workerSd: number;
  /** Log-scale sd of one value around its worker. */
  readonly valueSd: number;
}

/** A host whose speed swings by 15% from set to set and 5% from round to round. */
export const NOISY_HOST: Noise = { machineSd: 0.15, roundSd: 0.05, workerSd: 0.01, valueSd: 0.005 };

export interface VariantModel {
  readonly name: string;
  /** True speedup against the baseline: its time / this variant's time (the baseline's is 1). */
  readonly speedup: number;
  readonly python?: readonly string[];
  readonly env?: readonly (readonly [string, string])[];
  readonly version?: string | null;
  /** The interpreter's executable; by default python[0]. */
  readonly executable?: string;
  /** The JIT as the variant's workers report it; by default none compiled in. */
  readonly jit?: JitState | null;
  readonly rssKb?: number;
}

export interface BenchmarkModel {
  readonly name: string;
  /** True baseline time per call, ns. */
  readonly ns: number;
  /** Per variant, replacing the variant's own speedup for this benchmark. */
  readonly speedups?: readonly number[];
  readonly status?: VariantBenchmark["status"];
  readonly reason?: string;
  readonly failedVariant?: number | null;
  /** Sets measured; the file's default otherwise. */
  readonly sets?: number;
  /** Per variant, the executors each set's engagement scan finds; null leaves the scan out. */
  readonly executors?: readonly (number | null)[];
}

export interface FileModel {
  readonly seed: number;
  readonly variants: readonly VariantModel[];
  readonly benchmarks: readonly BenchmarkModel[];
  readonly sets: number;
  readonly values: number;
  readonly noise?: Noise;
  /** Sets measured unpinned, by set index. */
  readonly unpinned?: (set: number) => boolean;
}

export const NO_JIT: JitState = {
  compiled: false,
  tier2: false,
  enabled: false,
  active: false,
  method: "sysconfig",
  detail: "not built with the JIT",
};
export const JIT_OFF: JitState = {
  compiled: true,
  tier2: true,
  enabled: false,
  active: false,
  method: "sys._jit",
  detail: "JIT built in, not enabled",
};
export const JIT_ON: JitState = {
  compiled: true,
  tier2: true,
  enabled: true,
  active: true,
  method: "sys._jit",
  detail: "JIT built in, enabled and active",
};

/** A standard normal deviate (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng.nextFloat();
  const v = rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * The sd of one set's log ratio under `noise`: two workers' offsets, and the
 * median over `values` rounds of two values' difference (a median of n
 * normals has sd about sqrt(pi / 2n) times theirs).
 */
export function setRatioSd(noise: Noise, values: number): number {
  const valuePart = Math.SQRT2 * noise.valueSd * Math.sqrt(Math.PI / (2 * values));
  return Math.sqrt(2 * noise.workerSd ** 2 + valuePart ** 2);
}

function engagement(executors: number): Engagement {
  return {
    executors,
    timingLoopExecutors: 0,
    hotspots: [],
    functionsWithExecutors: executors > 0 ? 1 : 0,
    codeObjectsScanned: 100,
    scanNs: 1e6,
  };
}

export function variantRecord(model: VariantModel): VariantRecord {
  const python = [...(model.python ?? [`/usr/bin/python-${model.name.replace(/\W/g, "")}`])];
  const version = model.version === undefined ? "3.13.0" : model.version;
  return {
    name: model.name,
    python,
    env: (model.env ?? []).map(([k, v]) => [k, v] as [string, string]),
    interpreter: {
      implementation: "CPython",
      version: version ?? "unknown",
      build: "main, Oct  7 2024",
      executable: model.executable ?? (python[0] as string),
      configArgs: null,
    },
    version,
    jit: model.jit === undefined ? NO_JIT : model.jit,
  };
}

export function syntheticFile(model: FileModel): VariantsFile {
  const rng = createRng(model.seed);
  const noise = model.noise ?? NOISY_HOST;
  const n = model.variants.length;
  const benchmarks = model.benchmarks.map((bench): VariantBenchmark => {
    const status = bench.status ?? "ok";
    const count = bench.sets ?? (status === "ok" ? model.sets : 0);
    const sets: VariantSet[] = [];
    for (let s = 0; s < count; s++) {
      const machine = Math.exp(noise.machineSd * normal(rng));
      const workers = model.variants.map(() => Math.exp(noise.workerSd * normal(rng)));
      const values: number[][] = model.variants.map(() => []);
      for (let k = 0; k < model.values; k++) {
        const round = Math.exp(noise.roundSd * normal(rng));
        for (const [v, variant] of model.variants.entries()) {
          const speedup = bench.speedups?.[v] ?? (v === 0 ? 1 : variant.speedup);
          const value = Math.exp(noise.valueSd * normal(rng));
          const ns = (bench.ns / speedup) * machine * round * (workers[v] as number) * value;
          (values[v] as number[]).push(ns);
        }
      }
      const unpinned = model.unpinned?.(s) ?? false;
      sets.push({
        index: s,
        cpu: unpinned ? null : s % 2,
        unpinned: unpinned ? "sched_setaffinity is not allowed here" : null,
        order: setOrder(n, s),
        values,
        peakRssKb: model.variants.map((v) => v.rssKb ?? 20_000),
        engagement: model.variants.map((_, v) => {
          const executors = bench.executors?.[v];
          return executors === undefined || executors === null ? null : engagement(executors);
        }),
        jit: model.variants.map((v) => (v.jit === undefined ? NO_JIT : v.jit)),
      });
    }
    return {
      name: bench.name,
      file: "bench_synthetic.py",
      status,
      reason: status === "ok" ? null : (bench.reason ?? "RuntimeError: synthetic"),
      failedVariant: bench.failedVariant ?? (status === "ok" ? null : 0),
      loops: status === "ok" ? 64 : null,
      sets,
      stop: status === "ok" ? "fixed" : status,
    };
  });
  return {
    schema: VARIANTS_SCHEMA_ID,
    tool: { name: "jit-bench", version: "0.1.0" },
    createdAt: "2026-01-01T00:00:00.000Z",
    partial: false,
    partialReason: null,
    settings: {
      timer: "cpu",
      warmups: 1,
      values: model.values,
      minTimeMs: 10,
      sets: model.sets,
      precision: null,
      budgetMs: null,
    },
    fingerprint: {
      cpuModel: "Synthetic CPU",
      cores: 2,
      kernel: "6.1.0",
      platform: "linux",
      machine: "x86_64",
      containerImage: null,
    },
    variants: model.variants.map(variantRecord),
    benchmarks,
  };
}
