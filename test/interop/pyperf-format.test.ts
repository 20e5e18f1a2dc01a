/**
 * The pyperf export against pyperf's documented JSON format (version "1.0":
 * doc/api.rst "JSON format", and the checks pyperf's loader makes): a suite
 * of benchmarks, each a list of runs; a run's values are seconds per loop
 * iteration and must be above 0, its warmups are [loops, value] pairs;
 * metadata values are non-empty one-line strings or numbers, and the keys
 * pyperf knows have its types. pyperf itself is not packaged for Debian, so
 * these rules are checked here field by field.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { JIT_KEYS, type PyperfDocument, toPyperf } from "../../src/core/interop/pyperf.js";
import { fromPyperf } from "../../src/core/interop/pyperf-import.js";
import { type LegResults, parseResultsFile, type ResultsFile } from "../../src/core/results.js";

const fixture = "test/fixtures/results/both-legs.json";
const results = (): ResultsFile =>
  parseResultsFile(JSON.parse(readFileSync(fixture, "utf8")), fixture);

function exportLeg(file: ResultsFile, leg: LegResults) {
  return toPyperf({
    leg,
    environment: file.environment,
    createdAt: file.createdAt,
    toolVersion: file.tool.version,
  });
}

/** pyperf's loader rules for one metadata entry (pyperf/_metadata.py, parse_metadata). */
function metadataProblem(key: string, value: unknown): string | null {
  if (typeof value === "string") {
    if (value.trim() !== value || value === "") return `${key}: empty or unstripped`;
    if (/[\r\n]/.test(value)) return `${key}: line break`;
  } else if (typeof value !== "number" || !Number.isFinite(value)) {
    return `${key}: not a string or number`;
  }
  const whole = (min: number) =>
    Number.isInteger(value) && (value as number) >= min ? null : `${key}: ${String(value)}`;
  switch (key) {
    case "loops":
    case "inner_loops":
      return whole(1);
    case "mem_max_rss":
    case "cpu_count":
      return whole(0);
    case "unit":
      return ["second", "byte", "integer"].includes(value as string) ? null : `unit ${value}`;
    case "date":
      return /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(value as string) ? null : `date ${value}`;
    default:
      return null;
  }
}

function problems(document: PyperfDocument): string[] {
  const found: string[] = [];
  const check = (metadata: Record<string, unknown> | undefined) => {
    for (const [key, value] of Object.entries(metadata ?? {})) {
      const problem = metadataProblem(key, value);
      if (problem) found.push(problem);
    }
  };
  if (document.version !== "1.0") found.push("version");
  if (document.benchmarks.length === 0) found.push("no benchmarks");
  check(document.metadata);
  for (const benchmark of document.benchmarks) {
    check(benchmark.metadata);
    if (typeof benchmark.metadata.name !== "string") found.push("benchmark without a name");
    if (benchmark.runs.length === 0) found.push(`${benchmark.metadata.name}: no runs`);
    for (const run of benchmark.runs) {
      check(run.metadata);
      if (!run.values?.length && !run.warmups?.length) found.push("run with neither");
      if (run.values?.some((v) => !(v > 0))) found.push("value not above 0");
      for (const warmup of run.warmups ?? []) {
        const [loops, value] = warmup;
        if (warmup.length !== 2 || !Number.isInteger(loops) || loops < 1 || !(value >= 0)) {
          found.push(`warmup ${JSON.stringify(warmup)}`);
        }
      }
    }
  }
  return found;
}

describe("pyperf export", () => {
  it("follows pyperf's documented format, for both legs of a real results file", () => {
    const file = results();
    for (const leg of [file.legs.off, file.legs.on]) {
      const { document } = exportLeg(file, leg as LegResults);
      expect(document).not.toBeNull();
      expect(problems(document as PyperfDocument)).toEqual([]);
    }
  });

  it("maps one fresh process to one pyperf run: values in seconds per call, loops as metadata", () => {
    const file = results();
    const leg = file.legs.on as LegResults;
    const document = exportLeg(file, leg).document as PyperfDocument;
    expect(document.benchmarks.map((b) => b.metadata.name)).toEqual(
      leg.benchmarks.map((b) => b.name),
    );
    leg.benchmarks.forEach((benchmark, i) => {
      const exported = document.benchmarks[i];
      expect(exported?.metadata.loops).toBe(benchmark.loops);
      expect(exported?.runs).toHaveLength(benchmark.processes.length);
      const byOrder = [...benchmark.processes].sort((a, b) => a.order - b.order);
      byOrder.forEach((process, j) => {
        const run = exported?.runs[j];
        expect(run?.values).toEqual(process.values.map((ns) => ns / 1e9));
        expect(run?.warmups).toEqual(process.warmups.map((ns) => [benchmark.loops, ns / 1e9]));
        expect(run?.metadata?.[JIT_KEYS.order]).toBe(process.order);
        if (process.peakRssKb !== null) {
          expect(run?.metadata?.mem_max_rss).toBe(Math.round(process.peakRssKb * 1024));
        }
      });
    });
    expect(document.metadata.unit).toBe("second");
    expect(document.metadata[JIT_KEYS.leg]).toBe("on");
    expect(document.metadata.python_jit).toBe("1");
    expect(document.metadata[JIT_KEYS.active]).toBe("yes");
  });

  it("leaves out values of 0 and failed benchmarks, which pyperf refuses, and says so", () => {
    const file = results();
    const leg = structuredClone(file.legs.off as LegResults);
    const [first, second] = leg.benchmarks;
    if (!first?.processes[0] || !second) throw new Error("fixture changed");
    first.processes[0].values[0] = 0;
    second.status = "failed";
    second.reason = "boom";
    const { document, notes } = exportLeg(file, leg);
    expect(problems(document as PyperfDocument)).toEqual([]);
    expect(document?.benchmarks.map((b) => b.metadata.name)).not.toContain(second.name);
    expect(notes.map((n) => n.message).join("\n")).toMatch(/1 value\(s\) of 0 ns/);
    expect(notes.map((n) => n.message).join("\n")).toContain(`${second.name} has no timed values`);
  });

  it("writes only the JIT facts of a process that differ from its leg's", () => {
    const file = results();
    const leg = structuredClone(file.legs.on as LegResults);
    const process = leg.benchmarks[0]?.processes[1];
    if (!process) throw new Error("fixture changed");
    process.jit = { ...process.jit, active: null };
    const document = exportLeg(file, leg).document as PyperfDocument;
    expect(document.benchmarks[0]?.runs[0]?.metadata?.[JIT_KEYS.active]).toBeUndefined();
    const changed = document.benchmarks[0]?.runs.find(
      (run) => run.metadata?.[JIT_KEYS.order] === process.order,
    );
    expect(changed?.metadata?.[JIT_KEYS.active]).toBe("unknown");
    // Read back, the process gets its own state and the others the leg's.
    const back = fromPyperf(JSON.parse(JSON.stringify(document)), "on.pyperf.json");
    const states = back.benchmarks[0]?.processes.map((p) => p.jit?.active);
    expect(states?.filter((s) => s === null)).toHaveLength(1);
    const count = leg.benchmarks[0]?.processes.length ?? 0;
    expect(states?.filter((s) => s === true)).toHaveLength(count - 1);
  });

  it("flattens line breaks in metadata text and drops what would be empty", () => {
    const file = structuredClone(results());
    file.environment.interpreter.build = "3.13.1 (main)\n[GCC 14.2.0]";
    file.environment.fingerprint.cpuModel = "   ";
    const { document } = exportLeg(file, file.legs.off as LegResults);
    expect(document?.metadata.python_build).toBe("3.13.1 (main) [GCC 14.2.0]");
    expect(document?.metadata).not.toHaveProperty("cpu_model_name");
    expect(problems(document as PyperfDocument)).toEqual([]);
  });
});
