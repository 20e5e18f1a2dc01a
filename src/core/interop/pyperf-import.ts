/**
 * Reads a pyperf JSON file (format "1.0", written by pyperf, pyperformance or
 * `jit-bench run --format pyperf`) as a leg. Each pyperf run with values is one
 * fresh worker process, so the file keeps everything the statistics need;
 * runs with only warmups are pyperf's calibration runs and are skipped.
 * Metadata applies from the file to the benchmark to the run, as in pyperf.
 */
import { z } from "zod";
import type { Environment } from "../compare/types.js";
import { InputError } from "../errors.js";
import {
  formatPath,
  type JitState,
  LEGS,
  type Leg,
  PAIRINGS,
  type PairRecord,
} from "../results.js";
import type { ImportedBenchmark, ImportedFile, ImportedProcess } from "./imported.js";
import { JIT_KEYS, PYPERF_VERSION, YES_NO } from "./pyperf.js";

const MetadataSchema = z.record(
  z.string().max(200),
  z.union([z.string().max(20_000), z.number(), z.array(z.string().max(200)).max(100)]),
);
type Metadata = z.infer<typeof MetadataSchema>;

const RunSchema = z.object({
  values: z.array(z.number().finite().positive()).max(100_000).optional(),
  warmups: z
    .array(z.tuple([z.number().int().positive(), z.number().finite().nonnegative()]))
    .max(100_000)
    .optional(),
  metadata: MetadataSchema.optional(),
});

const PyperfFileSchema = z.object({
  version: z.literal(PYPERF_VERSION),
  metadata: MetadataSchema.nullable().optional(),
  benchmarks: z
    .array(
      z.object({
        metadata: MetadataSchema.optional(),
        runs: z.array(RunSchema).min(1).max(10_000),
      }),
    )
    .min(1)
    .max(100_000),
});

/** True for parsed JSON shaped like a pyperf file rather than a jit-bench results file. */
export function looksLikePyperf(raw: unknown): boolean {
  return (
    typeof raw === "object" &&
    raw !== null &&
    !("schema" in raw) &&
    !("machine_info" in raw) &&
    "version" in raw &&
    "benchmarks" in raw &&
    Array.isArray((raw as { benchmarks: unknown }).benchmarks)
  );
}

export function fromPyperf(raw: unknown, source: string): ImportedFile {
  const version = (raw as { version?: unknown }).version;
  if (version !== PYPERF_VERSION) {
    throw new InputError(
      `${source}: version`,
      version,
      `is pyperf's file format ${JSON.stringify(version)}, not "${PYPERF_VERSION}" (pyperf 1.0 and newer)`,
      `Convert it with a current pyperf: python3 -m pyperf convert ${source} -o new.json.`,
    );
  }
  const parsed = PyperfFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `${source}: ${issue?.path.length ? formatPath(issue.path) : "(top level)"}`,
      "(pyperf JSON)",
      issue?.message ?? "is not a pyperf JSON file",
      "Pass a file written by pyperf (-o FILE) or by jit-bench run --format pyperf, unchanged.",
    );
  }
  const file = parsed.data;
  const suite = file.metadata ?? {};
  let order = 0;
  const benchmarks: ImportedBenchmark[] = file.benchmarks.map((benchmark, i) => {
    const common = { ...suite, ...benchmark.metadata };
    const runs = benchmark.runs.map((run) => ({ ...run, all: { ...common, ...run.metadata } }));
    const name = str(runs[0]?.all.name);
    if (name === null) {
      throw new InputError(
        `${source}: benchmarks[${i}].metadata.name`,
        undefined,
        "is missing: every pyperf benchmark has a name",
        "Pass the file as pyperf wrote it.",
      );
    }
    const unit = str(common.unit) ?? "second";
    if (unit !== "second") {
      throw new InputError(
        `${source}: ${name}`,
        unit,
        `measures in ${unit}s, not seconds`,
        "Compare time benchmarks only: drop memory benchmarks (--track-memory, --tracemalloc) from the file.",
      );
    }
    const measured = runs.filter((run) => (run.values?.length ?? 0) > 0);
    const processes: ImportedProcess[] = measured.map((run, index) => {
      const recorded = num(run.all[JIT_KEYS.order]);
      const rss = num(run.all.mem_max_rss);
      return {
        index,
        order:
          recorded !== null && Number.isInteger(recorded) && recorded >= 0 ? recorded : order++,
        warmups: (run.warmups ?? []).map(([, seconds]) => seconds * 1e9),
        values: (run.values ?? []).map((seconds) => seconds * 1e9),
        peakRssKb: rss !== null && rss >= 0 ? rss / 1024 : null,
        jit: jitFrom(run.all),
        ...pairFrom(run.all),
      };
    });
    const first = measured[0]?.all ?? common;
    const loops = Math.max(1, Math.round((num(first.loops) ?? 1) * (num(first.inner_loops) ?? 1)));
    return {
      name,
      file: str(common[JIT_KEYS.file]) ?? "",
      async: false,
      status: processes.length > 0 ? "ok" : "failed",
      reason: processes.length > 0 ? null : "the pyperf file holds only calibration runs",
      loops,
      processes,
      failures: [],
      stats: null,
      summary: null,
    };
  });
  const leg = str(suite[JIT_KEYS.leg]);
  return {
    format: "pyperf",
    source,
    leg: (LEGS as readonly string[]).includes(leg ?? "") ? (leg as Leg) : null,
    jit: jitFrom(suite),
    environment: environmentFrom(suite, file.benchmarks[0]?.metadata ?? {}),
    benchmarks,
    notes: [],
  };
}

const IMPLEMENTATIONS: Record<string, string> = { cpython: "CPython", pypy: "PyPy" };

function environmentFrom(suite: Metadata, firstBenchmark: Metadata): Environment {
  const all = { ...suite, ...firstBenchmark };
  const implementation = str(all.python_implementation) ?? "";
  const executable = str(all.python_executable) ?? "";
  return {
    python: executable || "python3",
    interpreter: {
      implementation: IMPLEMENTATIONS[implementation.toLowerCase()] ?? implementation,
      version: str(all.python_version) ?? "",
      build: str(all[JIT_KEYS.build]) ?? str(all.python_compiler) ?? "",
      executable,
      configArgs: null,
    },
    fingerprint: {
      cpuModel: str(all.cpu_model_name),
      cores: intOrNull(all.cpu_count),
      kernel: str(all[JIT_KEYS.kernel]),
      platform: str(all.platform) ?? "",
      machine: str(all[JIT_KEYS.machine]) ?? "",
      containerImage: str(all[JIT_KEYS.image]),
    },
  };
}

/** The JIT state our own export wrote; null for a file from pyperf itself. */
/** The pair a run of our own export belonged to; nothing when any of its facts is missing or odd. */
function pairFrom(metadata: Metadata): { pair?: PairRecord } {
  const index = num(metadata[JIT_KEYS.pair]);
  const pairing = str(metadata[JIT_KEYS.pairing]);
  const first = str(metadata[JIT_KEYS.first]);
  const cpu = num(metadata[JIT_KEYS.cpu]);
  if (index === null || !Number.isInteger(index) || index < 0 || index > 10_000) return {};
  if (!(PAIRINGS as readonly (string | null)[]).includes(pairing)) return {};
  if (!(LEGS as readonly (string | null)[]).includes(first)) return {};
  const validCpu = cpu !== null && Number.isInteger(cpu) && cpu >= 0 && cpu <= 1_000_000;
  return {
    pair: {
      index,
      pairing: pairing as PairRecord["pairing"],
      first: first as PairRecord["first"],
      cpu: validCpu ? cpu : null,
      unpinned: validCpu
        ? null
        : (str(metadata[JIT_KEYS.unpinned])?.slice(0, 500) ?? "not recorded"),
    },
  };
}

function jitFrom(metadata: Metadata): JitState | null {
  const flag = (key: string) => {
    const value = metadata[key];
    return typeof value === "string" && value in YES_NO
      ? YES_NO[value as keyof typeof YES_NO]
      : undefined;
  };
  const compiled = flag(JIT_KEYS.compiled);
  const tier2 = flag(JIT_KEYS.tier2);
  const enabled = flag(JIT_KEYS.enabled);
  const active = flag(JIT_KEYS.active);
  if (compiled == null || tier2 == null || enabled == null || active === undefined) return null;
  return {
    compiled,
    tier2,
    enabled,
    active,
    method: str(metadata[JIT_KEYS.method]) ?? "",
    detail: str(metadata[JIT_KEYS.detail]) ?? "",
  };
}

function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function intOrNull(value: unknown): number | null {
  const n = num(value);
  return n !== null && Number.isInteger(n) && n >= 0 ? n : null;
}
