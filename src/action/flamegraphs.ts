/**
 * Compare mode's part in profiling: read back the legs' stack samples, draw
 * the differential graphs (in a matrix no run job saw both legs), and give
 * the job summary one reading per benchmark. Profiles never change the
 * verdict, so anything missing here is a note in the section, not a failure.
 */
import { join, relative } from "node:path";
import { writeFlameGraphs } from "../adapters/flamegraph-files.js";
import { readLegProfiles } from "../adapters/profile-files.js";
import { describeTopChanges } from "../core/flamegraph/index.js";
import {
  type BenchmarkReading,
  readingsFor,
  renderFlameGraphSection,
} from "./flamegraph-report.js";

/** Where compare mode writes the differential graphs, relative to the workspace. */
export const DIFF_DIR = join(".jit-bench", "flamegraphs");

export interface FlameGraphRequest {
  /** The legs as compare read them: results files, or folders of downloaded artifacts. */
  paths: readonly string[];
  /** The artifacts those came from; empty for local files. */
  artifacts: readonly string[];
  /** The page of the run holding the artifacts, when known. */
  runUrl: string | null;
  workspace: string;
  log: (line: string) => void;
  /** Why the JIT leg had no JIT (the comparison's gate), or null when it had one. */
  noJit: string | null;
}

/** The job summary's section on the flame graphs, or "" when no leg was profiled. */
export async function flameGraphSummary(request: FlameGraphRequest): Promise<string> {
  const { readings, diffs } = readingsFor(await readLegProfiles(request.paths), request.noJit);
  if (readings.length === 0) {
    request.log("No profiles in these results (run with profile: true for flame graphs).");
    return "";
  }
  const dir = join(request.workspace, DIFF_DIR);
  let written = 0;
  for (const diff of diffs) written += (await writeFlameGraphs(dir, diff)).files.length;
  if (written > 0) request.log(`Wrote ${written} differential flame graphs to ${DIFF_DIR}.`);
  for (const reading of readings) request.log(`${reading.benchmark}: ${plain(reading)}`);
  return renderFlameGraphSection({
    readings,
    artifacts: request.artifacts,
    runUrl: request.runUrl,
    diffDir: written > 0 ? relative(request.workspace, dir) : null,
  });
}

function plain(reading: BenchmarkReading): string {
  return reading.kind === "changes" ? describeTopChanges(reading.grew) : reading.note;
}

/** The page of the run whose artifacts were read: this run, or the one `run-id` named. */
export function artifactRunUrl(thisRun: string | null, runId: number | null): string | null {
  if (thisRun === null || runId === null) return thisRun;
  return thisRun.replace(/\/runs\/\d+$/, `/runs/${runId}`);
}
