/**
 * Reads pytest-benchmark's JSON (`pytest --benchmark-json=FILE`, or a file it
 * saved with --benchmark-save / --benchmark-autosave) as a leg.
 *
 * pytest-benchmark runs every round of every benchmark inside the one pytest
 * process, so one file is one process per benchmark: its rounds are that
 * process's values (`stats.data`, seconds per iteration). The independent
 * unit of jit-bench's statistics is the process, so intervals need several
 * sessions per leg: several files, each from a fresh `pytest` run.
 *
 * Saved files keep `stats.data` only with --benchmark-save-data. Without it a
 * file has the median of each benchmark and no rounds: the comparison across
 * sessions (which uses one median per process anyway) still holds, but the
 * spread within a session is lost, and the report says so.
 */
import { z } from "zod";
import type { Environment } from "../compare/types.js";
import { InputError } from "../errors.js";
import { formatPath } from "../results.js";
import type { ImportedBenchmark, ImportedFile } from "./imported.js";

const seconds = z.number().finite().nonnegative();

const BenchmarkSchema = z.object({
  name: z.string().min(1).max(500),
  fullname: z.string().min(1).max(2000).optional(),
  stats: z
    .object({
      median: seconds,
      rounds: z.number().int().nonnegative().optional(),
      iterations: z.number().int().positive().optional(),
      data: z.array(seconds).max(1_000_000).optional(),
    })
    .nullable()
    .optional(),
});

const MachineInfoSchema = z
  .object({
    python_implementation: z.string().max(100).optional(),
    python_version: z.string().max(100).optional(),
    python_compiler: z.string().max(500).optional(),
    python_build: z.array(z.string().max(200)).max(10).optional(),
    machine: z.string().max(100).optional(),
    system: z.string().max(100).optional(),
    release: z.string().max(500).optional(),
    cpu: z
      .object({
        brand_raw: z.string().max(500).optional(),
        brand: z.string().max(500).optional(),
        count: z.number().int().nonnegative().optional(),
      })
      .optional(),
  })
  .optional();

const PytestBenchmarkSchema = z.object({
  machine_info: MachineInfoSchema,
  benchmarks: z.array(BenchmarkSchema).max(100_000),
  datetime: z.string().max(100).optional(),
  version: z.string().max(100).optional(),
});

/** True for parsed JSON shaped like pytest-benchmark's output. */
export function looksLikePytestBenchmark(raw: unknown): boolean {
  return (
    typeof raw === "object" &&
    raw !== null &&
    !("schema" in raw) &&
    "machine_info" in raw &&
    "benchmarks" in raw &&
    Array.isArray((raw as { benchmarks: unknown }).benchmarks)
  );
}

export function noDataNote(source: string): string {
  return `${source} has no rounds, only each benchmark's median (pytest-benchmark always writes them with --benchmark-json, but into --benchmark-save files only with --benchmark-save-data): the comparison across sessions still holds, but the spread within a session is lost`;
}

export function fromPytestBenchmark(raw: unknown, source: string): ImportedFile {
  const parsed = PytestBenchmarkSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `${source}: ${issue?.path.length ? formatPath(issue.path) : "(top level)"}`,
      "(pytest-benchmark JSON)",
      issue?.message ?? "is not a pytest-benchmark JSON file",
      "Pass the file pytest --benchmark-json=FILE wrote, unchanged.",
    );
  }
  const file = parsed.data;
  let withoutData = 0;
  const seen = new Set<string>();
  const benchmarks: ImportedBenchmark[] = file.benchmarks.map((entry) => {
    // fullname ("tests/test_x.py::test_parse[small]") is unique across modules; name is not.
    const name = entry.fullname ?? entry.name;
    if (seen.has(name)) {
      throw new InputError(
        source,
        name,
        "holds this benchmark twice",
        "Pass the file pytest-benchmark wrote, unchanged; give each session its own file.",
      );
    }
    seen.add(name);
    const stats = entry.stats ?? null;
    if (stats === null) {
      return failed(
        name,
        "pytest-benchmark recorded no statistics (the test failed or was skipped)",
      );
    }
    const data = stats.data;
    if (data === undefined) withoutData++;
    const values = (data ?? [stats.median]).map((s) => s * 1e9);
    return {
      name,
      file: name.includes("::") ? (name.split("::")[0] ?? "") : "",
      async: false,
      status: "ok",
      reason: null,
      loops: stats.iterations ?? 1,
      processes: [{ index: 0, order: 0, warmups: [], values, peakRssKb: null, jit: null }],
      failures: [],
      stats: null,
      summary: null,
    };
  });
  return {
    format: "pytest-benchmark",
    source,
    leg: null,
    jit: null,
    environment: environmentFrom(file.machine_info ?? {}),
    benchmarks,
    notes: withoutData > 0 ? [{ kind: "no-raw-values", message: noDataNote(source) }] : [],
  };
}

function failed(name: string, reason: string): ImportedBenchmark {
  return {
    name,
    file: "",
    async: false,
    status: "failed",
    reason,
    loops: 1,
    processes: [],
    failures: [],
    stats: null,
    summary: null,
  };
}

function environmentFrom(info: NonNullable<z.infer<typeof MachineInfoSchema>>): Environment {
  const version = info.python_version ?? "";
  const build = info.python_build?.join(", ");
  return {
    python: "python",
    interpreter: {
      implementation: info.python_implementation ?? "",
      version,
      // sys.version's shape, from the pieces pytest-benchmark keeps.
      build: `${version}${build ? ` (${build})` : ""}${info.python_compiler ? ` [${info.python_compiler}]` : ""}`,
      // pytest-benchmark keeps no interpreter path.
      executable: "path not recorded",
      configArgs: null,
    },
    fingerprint: {
      cpuModel: info.cpu?.brand_raw ?? info.cpu?.brand ?? null,
      cores: info.cpu?.count ?? null,
      kernel: info.release ?? null,
      platform: [info.system, info.release].filter(Boolean).join("-"),
      machine: info.machine ?? "",
      containerImage: null,
    },
  };
}
