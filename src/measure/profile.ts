/**
 * The profiling phase of `jit-bench run --profile`: after a benchmark's timed
 * processes, one extra process per leg calls it under the stack sampler.
 * These processes are never timed and their times are never measurements;
 * they only say where the time goes. Their collapsed stacks and flame graphs
 * go to `<output-dir>/flamegraphs/`, and each leg's result records its
 * profiling process (role "profile") next to the timed ones.
 */
import { mkdir, rm } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { writeFileAtomic } from "../adapters/files.js";
import { flameGraphFileName, writeFlameGraphs } from "../adapters/flamegraph-files.js";
import { InputError } from "../core/errors.js";
import {
  describeTopChanges,
  flameGraphsFor,
  formatCollapsed,
  GRAPH_KINDS,
  type GraphKind,
  noJitReading,
  type Profile,
  profileFromCounts,
} from "../core/flamegraph/index.js";
import type { BenchmarkResult, Leg, ProfileRecord } from "../core/results.js";
import {
  type BenchmarkRef,
  type ProfileAnswer,
  profileBenchmark,
  WorkerFailure,
  type WorkerOptions,
} from "./worker/calls.js";

/** Folder of the profiles and graphs, inside the output folder. */
export const FLAMEGRAPH_DIR = "flamegraphs";
/** About a thousand samples a second: see src/harness/_jitbench_profile.py for why. */
export const SAMPLE_INTERVAL_S = 0.001;

export interface ProfilePlan {
  legs: readonly Leg[];
  /** The same worker options as the timed processes: they differ in PYTHON_JIT only. */
  worker: (leg: Leg) => WorkerOptions;
  seconds: number;
  intervalS?: number;
  /** The folder of the results file; records name files relative to it. */
  outputDir: string;
}

export interface ProfileHooks {
  /** Hands out the run-wide position of the next process, as for the timed ones. */
  nextOrder: () => number;
  /** Aborting kills the profiling process under way; its leg gets no record. */
  signal: AbortSignal;
}

export interface ProfileLine {
  level: "info" | "warning";
  text: string;
}

/** The graph kinds drawn with each leg's profile: the differential one has the JIT-on widths. */
const KINDS_OF: Record<Leg, readonly GraphKind[]> = { off: ["off"], on: ["on", "diff"] };

/**
 * Profiles `bench` in each leg and attaches the records to `measured` (in
 * place). A benchmark that failed or was skipped is not profiled. Returns
 * progress lines: the files written, the notes, the failures.
 */
export async function profileMeasured(
  plan: ProfilePlan,
  bench: BenchmarkRef,
  measured: Record<Leg, BenchmarkResult | undefined>,
  hooks: ProfileHooks,
): Promise<ProfileLine[]> {
  const status = plan.legs.map((leg) => measured[leg]?.status ?? "not measured");
  const notOk = status.find((one) => one !== "ok");
  if (notOk !== undefined) {
    return [{ level: "info", text: `${bench.name}: not profiled (${notOk}).` }];
  }
  const dir = join(plan.outputDir, FLAMEGRAPH_DIR);
  await mkdir(dir, { recursive: true });
  const lines: ProfileLine[] = [];
  const profiles: Partial<Record<Leg, Profile>> = {};
  const taken: Partial<Record<Leg, { answer: ProfileAnswer; order: number; stacks: string }>> = {};
  for (const leg of plan.legs) {
    if (hooks.signal.aborted) break;
    const order = hooks.nextOrder();
    try {
      const answer = await profileBenchmark(
        plan.worker(leg),
        bench,
        { seconds: plan.seconds, intervalS: plan.intervalS ?? SAMPLE_INTERVAL_S },
        hooks.signal,
      );
      const profile = profileFromCounts(answer.stacks, `${bench.name} (JIT ${leg}) profile`);
      const stacks = join(dir, collapsedFileName(bench.name, leg));
      await writeFileAtomic(stacks, formatCollapsed(profile));
      profiles[leg] = profile;
      taken[leg] = { answer, order, stacks };
    } catch (error: unknown) {
      if (hooks.signal.aborted) break;
      const reason = failureReason(error);
      const result = measured[leg];
      if (result) result.profile = { role: "profile", order, status: "failed", reason };
      lines.push({
        level: "warning",
        text: `${bench.name}: profiling the JIT-${leg} leg ${reason}`,
      });
    }
  }

  const drawn = flameGraphsFor(bench.name, profiles);
  const written = await writeFlameGraphs(dir, drawn);
  // A graph this run could have drawn but did not (a note this time) must not leave an earlier
  // run's SVG behind under its name; another leg's graphs, from a run of that leg, stay.
  const drawable = GRAPH_KINDS.filter((kind) =>
    kind === "diff" ? plan.legs.length === 2 : plan.legs.includes(kind),
  );
  for (const kind of drawable) {
    if (!written.files.some((file) => file.kind === kind)) {
      await rm(join(dir, flameGraphFileName(bench.name, kind)), { force: true });
    }
  }
  for (const leg of plan.legs) {
    const got = taken[leg];
    const result = measured[leg];
    if (got === undefined || result === undefined) continue;
    const kinds = KINDS_OF[leg];
    const notes = kinds.flatMap((kind) => {
      const graph = drawn.graphs[kind];
      return graph?.kind === "note" ? [graph.note] : [];
    });
    const { answer } = got;
    result.profile = {
      role: "profile",
      order: got.order,
      status: "ok",
      method: answer.method,
      intervalS: answer.intervalS,
      seconds: answer.seconds,
      calls: answer.calls,
      samples: answer.samples,
      outside: answer.outside,
      dropped: answer.dropped,
      stacks: relativeTo(plan.outputDir, got.stacks),
      graphs: written.files
        .filter((file) => kinds.includes(file.kind))
        .map((file) => relativeTo(plan.outputDir, file.path)),
      notes,
      jit: answer.jit,
    } satisfies ProfileRecord;
  }
  const files = written.files.map((file) => relativeTo(plan.outputDir, file.path));
  if (files.length > 0) {
    lines.push({ level: "info", text: `${bench.name}: flame graphs ${files.join(", ")}` });
  }
  for (const note of written.notes) lines.push({ level: "info", text: note });
  if (drawn.graphs.diff?.kind === "svg") {
    const jit = taken.on?.answer.jit;
    const text =
      jit && (!jit.compiled || !jit.enabled)
        ? noJitReading(jit.detail || "the interpreter has no JIT to enable")
        : describeTopChanges(drawn.grew);
    lines.push({ level: "info", text: `${bench.name}: ${text}` });
  }
  return lines;
}

export function collapsedFileName(benchmark: string, leg: Leg): string {
  return flameGraphFileName(benchmark, leg).replace(/\.svg$/, ".collapsed");
}

/** With forward slashes on every OS: the path goes into a results file read anywhere. */
function relativeTo(dir: string, path: string): string {
  return relative(dir, path).split(sep).join("/");
}

function failureReason(error: unknown): string {
  if (error instanceof WorkerFailure) return error.reason;
  // A profile the sampler should never produce (its bounds are below these): a fault, not bad input.
  if (error instanceof InputError) return `gave stacks that cannot be drawn: ${error.message}`;
  throw error;
}
