/**
 * Where compare mode finds the two legs: local results files named by the
 * `results` input (one job ran both legs), or the leg artifacts of this
 * workflow run or of the run named by `run-id`. Every expected artifact is
 * checked before anything is downloaded, so a missing leg or shard fails
 * with one message naming it.
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { ArtifactQuery, ArtifactStore } from "../adapters/ports.js";
import { MissingArtifactError, requireLegArtifacts } from "../core/artifact-names.js";
import { LEGS, type Leg } from "../core/results.js";
import { LEGACY_PULL_REQUEST_FILE } from "./comment-target.js";

export interface LegSources {
  /** One or two paths (files or folders) for the compare core, which sorts the legs out. */
  paths: string[];
  /** Artifact names read, per leg; empty for local files. */
  artifacts: Record<Leg, string[]>;
}

export interface DownloadRequest {
  store: ArtifactStore;
  prefix: string;
  runId: number | null;
  /** The folder to download into; whatever it held before is removed first. */
  dir: string;
  log: (line: string) => void;
}

export function localSources(paths: readonly string[]): LegSources {
  return { paths: [...paths], artifacts: { off: [], on: [] } };
}

export async function downloadLegs(request: DownloadRequest): Promise<LegSources> {
  const query: ArtifactQuery = request.runId === null ? {} : { runId: request.runId };
  const where = request.runId === null ? "this workflow run" : `workflow run ${request.runId}`;
  const available = (await request.store.list(query)).map((artifact) => artifact.name);
  const names = namesPerLeg(available, request.prefix, where);

  const root = request.dir;
  // Left over from an earlier compare step in this job: stale legs must not be read.
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  const paths: string[] = [];
  for (const leg of LEGS) {
    const legDir = join(root, leg);
    for (const name of names[leg]) {
      const dest = join(legDir, name);
      const files = await request.store.download(name, dest, query);
      request.log(`Downloaded artifact ${name} from ${where}: ${files.length} file(s).`);
      const legacy = files.find((file) => file === join(dest, LEGACY_PULL_REQUEST_FILE));
      // Not a results file (the compare core reads every .json in the folder), and not to be trusted.
      if (legacy !== undefined) await rm(legacy);
    }
    paths.push(legDir);
  }
  return { paths, artifacts: names };
}

/** Both legs' artifact names, or one error naming everything that is missing. */
function namesPerLeg(
  available: readonly string[],
  prefix: string,
  where: string,
): Record<Leg, string[]> {
  const found: Partial<Record<Leg, string[]>> = {};
  const missing: MissingArtifactError[] = [];
  for (const leg of LEGS) {
    try {
      found[leg] = requireLegArtifacts(available, prefix, leg, where);
    } catch (error: unknown) {
      if (!(error instanceof MissingArtifactError)) throw error;
      missing.push(error);
    }
  }
  const [first, second] = missing;
  if (first !== undefined) {
    // Two legs missing is one problem (nothing was uploaded), said once.
    if (second === undefined || first.expected.length === 0 || second.expected.length === 0)
      throw first;
    throw new MissingArtifactError([...first.expected, ...second.expected], available, where);
  }
  return { off: found.off ?? [], on: found.on ?? [] };
}
