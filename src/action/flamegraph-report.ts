/**
 * Flame graphs in the action: which files go into a leg's artifact, the
 * line a run job's summary gives them, and the compare job's section that
 * names them with one reading per benchmark. It reads and writes nothing:
 * it composes paths and text from its arguments, naming graph files by the
 * rule of the writer that made them (adapters/flamegraph-files.ts).
 */
import { join } from "node:path";
import { flameGraphFileName } from "../adapters/flamegraph-files.js";
import {
  type BenchmarkFlameGraphs,
  DEFAULT_MIN_SAMPLES,
  describeTopChanges,
  type FrameChange,
  flameGraphsFor,
  noJitReading,
  type Profile,
} from "../core/flamegraph/index.js";
import { codeSpan, escapeMarkdown } from "../core/render/escape.js";
import type { Leg, LegResults } from "../core/results.js";

/** Absolute paths of a leg's profiles and graphs, as its results (in `dir`) record them. */
export function profileFilesOf(leg: LegResults, dir: string): string[] {
  return leg.benchmarks.flatMap((bench) =>
    bench.profile?.status === "ok"
      ? [bench.profile.stacks, ...bench.profile.graphs].map((path) => join(dir, path))
      : [],
  );
}

/** One line for a run job's summary, or "" when the leg was not profiled. */
export function profileLegLine(leg: LegResults): string {
  const profiles = leg.benchmarks.flatMap((bench) => (bench.profile ? [bench.profile] : []));
  if (profiles.length === 0) return "";
  const graphs = profiles.reduce((n, p) => n + (p.status === "ok" ? p.graphs.length : 0), 0);
  const failed = profiles.filter((p) => p.status === "failed").length;
  const notes = profiles.reduce((n, p) => n + (p.status === "ok" ? p.notes.length : 0), 0);
  const extra = [
    failed > 0 ? `${failed} profiling process${failed === 1 ? "" : "es"} failed` : "",
    notes > 0 ? `${notes} graph${notes === 1 ? "" : "s"} not drawn (too few samples)` : "",
  ].filter(Boolean);
  return (
    `Flame graphs: ${graphs} SVG file${graphs === 1 ? "" : "s"} of ${profiles.length} profiled benchmark${profiles.length === 1 ? "" : "s"} ` +
    `in the artifact's \`flamegraphs/\` folder, taken in untimed processes${extra.length > 0 ? `; ${extra.join(", ")}` : ""}.`
  );
}

/** What the compare job knows about one benchmark's profiles. */
export type BenchmarkReading =
  /** Both legs profiled with enough samples: the frames that grew most under the JIT. */
  | { kind: "changes"; benchmark: string; grew: readonly FrameChange[]; files: readonly string[] }
  /** Why there is no reading: a leg missing, too few samples, a failed profile. */
  | { kind: "note"; benchmark: string; note: string; files: readonly string[] };

/** One leg's profile of one benchmark, as read back from a run's files. */
export interface RecordedProfile {
  profile: Profile | null;
  /** Why `profile` is null. */
  note: string | null;
  /** File names of the graphs the run drew with it. */
  graphs: readonly string[];
}

/**
 * A reading for every benchmark profiled in either leg (in the JIT-off leg's
 * order, then the rest), and the differential graphs to draw: the run jobs
 * of a matrix each saw one leg only, so this is the first place both meet.
 */
export function readingsFor(
  profiles: Record<Leg, ReadonlyMap<string, RecordedProfile>>,
  /** Why the JIT leg had no JIT, when it had none: then no frame is put down to the JIT. */
  noJit: string | null = null,
): {
  readings: BenchmarkReading[];
  diffs: BenchmarkFlameGraphs[];
} {
  const names = [...new Set([...profiles.off.keys(), ...profiles.on.keys()])];
  const readings: BenchmarkReading[] = [];
  const diffs: BenchmarkFlameGraphs[] = [];
  for (const benchmark of names) {
    const off = profiles.off.get(benchmark);
    const on = profiles.on.get(benchmark);
    const recorded = [...(off?.graphs ?? []), ...(on?.graphs ?? [])];
    if (!off?.profile || !on?.profile) {
      const missing = !off ? "the JIT-off leg was not profiled" : "the JIT-on leg was not profiled";
      const note = off?.note ?? on?.note ?? missing;
      readings.push({ kind: "note", benchmark, note, files: recorded });
      continue;
    }
    const drawn = flameGraphsFor(benchmark, { off: off.profile, on: on.profile });
    const diff = drawn.graphs.diff;
    if (diff?.kind !== "svg") {
      const note =
        `too few stack samples inside the benchmark to compare (JIT off ${off.profile.total}, ` +
        `JIT on ${on.profile.total}; a graph needs ${DEFAULT_MIN_SAMPLES}): profile for longer`;
      readings.push({ kind: "note", benchmark, note, files: recorded });
      continue;
    }
    diffs.push({ benchmark, graphs: { diff }, grew: drawn.grew });
    const diffName = flameGraphFileName(benchmark, "diff");
    const files = recorded.includes(diffName) ? recorded : [...recorded, diffName];
    if (noJit !== null) {
      readings.push({ kind: "note", benchmark, note: noJitReading(noJit), files });
      continue;
    }
    readings.push({ kind: "changes", benchmark, grew: drawn.grew, files });
  }
  return { readings, diffs };
}

export interface FlameGraphSection {
  readings: readonly BenchmarkReading[];
  /** Artifact names holding the legs' graphs; empty when the legs were local files. */
  artifacts: readonly string[];
  /** The page of the workflow run holding those artifacts, when known. */
  runUrl: string | null;
  /** Workspace-relative folder where this job wrote the differential graphs, if any. */
  diffDir: string | null;
}

/** Readings shown in full; the rest are counted, since a summary is read, not searched. */
const MAX_READINGS = 50;

export function renderFlameGraphSection(section: FlameGraphSection): string {
  if (section.readings.length === 0) return "";
  const where =
    section.artifacts.length > 0
      ? `the artifacts ${section.artifacts.map(codeSpan).join(", ")}` +
        (section.runUrl ? ` of [the workflow run](${section.runUrl}#artifacts)` : "")
      : "the run job's artifacts";
  const diff = section.diffDir
    ? ` The differential graphs (JIT on against off) are also in ${codeSpan(section.diffDir)} of this job.`
    : "";
  const lines = [
    "### Where the time goes",
    "",
    `Flame graphs from untimed profiling processes are in the \`flamegraphs/\` folder of ${where}.${diff} ` +
      "Shares of samples, not times: read them with the verdict above.",
    "",
  ];
  for (const reading of section.readings.slice(0, MAX_READINGS)) {
    const files = reading.files.length ? ` (${reading.files.map(codeSpan).join(", ")})` : "";
    const text = reading.kind === "changes" ? describeTopChanges(reading.grew) : reading.note;
    lines.push(`- **${escapeMarkdown(reading.benchmark)}**: ${escapeMarkdown(text)}${files}`);
  }
  const more = section.readings.length - MAX_READINGS;
  if (more > 0) lines.push(`- …and ${more} more benchmarks with flame graphs.`);
  return `${lines.join("\n")}\n`;
}
