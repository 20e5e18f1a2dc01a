/**
 * Synthetic legs from a seeded noise model shaped like real benchmark runs:
 * every process gets its own offset (CPU frequency, memory layout, address
 * randomisation), values within a process vary around it, and now and then a
 * value or a whole process lands far out (an interrupt, a noisy neighbour).
 * No clock is involved anywhere.
 */
import type { LegInput } from "../../../src/core/compare/types.js";
import type {
  BenchmarkResult,
  Engagement,
  JitState,
  Leg,
  LegResults,
  ProcessRecord,
} from "../../../src/core/results.js";
import { createRng, type Rng } from "../../../src/core/stats/rng.js";

export interface NoiseModel {
  /** Log-scale sd of the per-process offset. */
  readonly processSd: number;
  /** Log-scale sd of values within a process. */
  readonly valueSd: number;
  /** Chance that one value is 1.5x to 3x its expected time. */
  readonly valueOutlier: number;
  /** Chance that a whole process runs 10% to 25% slow. */
  readonly processOutlier: number;
}

export const REALISTIC: NoiseModel = {
  processSd: 0.02,
  valueSd: 0.01,
  valueOutlier: 0.02,
  processOutlier: 0.03,
};

export interface BenchmarkSpec {
  readonly name: string;
  /** True per-call time in the baseline leg, ns. */
  readonly ns: number;
  /** Candidate time / baseline time: 1.1 is a 10% slowdown. */
  readonly factor?: number;
  readonly status?: BenchmarkResult["status"];
  readonly reason?: string | null;
  readonly rssKb?: number;
  /** Executors each JIT-on process finds for it (2 by default; 0 makes it idle). */
  readonly executors?: number;
  /** The empty timing loop's cost per call, ns (6 by default). */
  readonly loopNs?: number;
  /** Leave the executor scan out, as files written before it do. */
  readonly unscanned?: boolean;
}

export interface LegSpec {
  readonly leg: Leg;
  readonly benchmarks: readonly BenchmarkSpec[];
  readonly processes: number;
  readonly values: number;
  readonly noise?: NoiseModel;
  /** The JIT state each process reports. */
  readonly jit?: JitState;
  /** Extra RSS for the candidate leg, as a fraction. */
  readonly rssGrowth?: number;
  readonly cpuModel?: string;
  readonly version?: string;
  readonly loops?: number;
  readonly sources?: readonly string[];
  /** Record the processes as pairs (one per leg, index for index); with a reason, unpinned. */
  readonly paired?: { readonly unpinned: string | null };
}

export const JIT_ACTIVE: JitState = {
  compiled: true,
  tier2: true,
  enabled: true,
  active: true,
  method: "sys._jit",
  detail: "JIT built in, enabled and active",
};

export const JIT_OFF: JitState = {
  ...JIT_ACTIVE,
  enabled: false,
  active: false,
  detail: "JIT built in, off",
};

export const NO_JIT_BUILD: JitState = {
  compiled: false,
  tier2: false,
  enabled: false,
  active: false,
  method: "sys._jit",
  detail: "this interpreter was built without the JIT",
};

/** What a process's executor scan reports: `executors` on one helper of the benchmark. */
function engagementOf(executors: number, benchIndex: number): Engagement {
  return {
    executors,
    timingLoopExecutors: 0,
    hotspots:
      executors > 0
        ? [
            {
              function: `_loop_${benchIndex}`,
              file: "bench_suite.py",
              line: 10 + benchIndex,
              executors,
            },
          ]
        : [],
    functionsWithExecutors: executors > 0 ? 1 : 0,
    codeObjectsScanned: 3500,
    scanNs: 6_000_000,
  };
}

function gaussian(rng: Rng): number {
  // Box–Muller; 1 - u keeps the logarithm finite.
  const u = 1 - rng.nextFloat();
  const v = rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function syntheticLeg(spec: LegSpec, rng: Rng): LegInput {
  const noise = spec.noise ?? REALISTIC;
  const jit = spec.jit ?? (spec.leg === "on" ? JIT_ACTIVE : JIT_OFF);
  const factorFor = (b: BenchmarkSpec) => (spec.leg === "on" ? (b.factor ?? 1) : 1);
  const benchmarks: BenchmarkResult[] = spec.benchmarks.map((b, benchIndex) => {
    const status = b.status ?? "ok";
    const processes: ProcessRecord[] =
      status !== "ok"
        ? []
        : Array.from({ length: spec.processes }, (_, index) => {
            let offset = Math.exp(noise.processSd * gaussian(rng));
            if (rng.nextFloat() < noise.processOutlier) offset *= 1.1 + 0.15 * rng.nextFloat();
            const values = Array.from({ length: spec.values }, () => {
              let value = b.ns * factorFor(b) * offset * Math.exp(noise.valueSd * gaussian(rng));
              if (rng.nextFloat() < noise.valueOutlier) value *= 1.5 + 1.5 * rng.nextFloat();
              return value;
            });
            const rss = (b.rssKb ?? 20_000) * (spec.leg === "on" ? 1 + (spec.rssGrowth ?? 0) : 1);
            return {
              index,
              order: (benchIndex * spec.processes + index) * 2 + (spec.leg === "on" ? 1 : 0),
              warmups: [],
              values,
              peakRssKb: Math.round(rss * (1 + 0.002 * gaussian(rng))),
              jit,
              ...(spec.paired
                ? {
                    pair: {
                      index,
                      pairing: "alternate" as const,
                      cpu: spec.paired.unpinned === null ? index % 2 : null,
                      unpinned: spec.paired.unpinned,
                      first: index % 2 === 0 ? ("off" as const) : ("on" as const),
                    },
                  }
                : {}),
              ...(b.unscanned
                ? {}
                : {
                    engagement: engagementOf(jit.enabled ? (b.executors ?? 2) : 0, benchIndex),
                    loopOverheadNs: b.loopNs ?? 6,
                  }),
            };
          });
    return {
      name: b.name,
      file: "bench_suite.py",
      async: false,
      status,
      reason: b.reason ?? null,
      loops: spec.loops ?? 1000,
      processes,
      failures: [],
      stats: null,
      summary: null,
    };
  });
  const results: LegResults = {
    leg: spec.leg,
    pythonJit: spec.leg === "on" ? "1" : "0",
    jit,
    benchmarks,
  };
  return {
    results,
    environment: {
      python: "python3.14",
      interpreter: {
        implementation: "CPython",
        version: spec.version ?? "3.14.0",
        build: `${spec.version ?? "3.14.0"} (main, Oct  7 2025, 12:00:00) [GCC 14.2.0]`,
        executable: "/opt/python/3.14/bin/python3.14",
        configArgs: "--enable-experimental-jit=yes-off",
      },
      fingerprint: {
        cpuModel: spec.cpuModel ?? "AMD EPYC 7763 64-Core Processor",
        cores: 2,
        kernel: "6.8.0",
        platform: "Linux-6.8.0-x86_64-with-glibc2.39",
        machine: "x86_64",
        containerImage: null,
      },
    },
    settings: null,
    sources: spec.sources ?? [`${spec.leg}.json`],
  };
}

/** Both legs of one synthetic run, from one seed. */
export function syntheticRun(
  seed: number,
  shape: Omit<LegSpec, "leg">,
  overrides: { off?: Partial<LegSpec>; on?: Partial<LegSpec> } = {},
): { off: LegInput; on: LegInput } {
  const rng = createRng(seed, 99);
  return {
    off: syntheticLeg({ ...shape, ...overrides.off, leg: "off" }, rng),
    on: syntheticLeg({ ...shape, ...overrides.on, leg: "on" }, rng),
  };
}

/** `count` benchmarks spread over four orders of magnitude, all with one effect. */
export function suiteOf(count: number, factor = 1): BenchmarkSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `bench_${String(i).padStart(3, "0")}`,
    ns: 50 * 10 ** ((i % 8) / 2),
    factor,
  }));
}
