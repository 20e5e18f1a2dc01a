/**
 * Where compare mode finds what to compare: local files named by the
 * `results` input (one job ran both legs, or the variants), or the artifacts
 * of this workflow run or of the run named by `run-id`. Which kind of run
 * made them is told by the artifacts' names (or, for a local file, by its
 * opening bytes), never by what a file claims deep inside. Every expected
 * artifact is checked before anything is downloaded, so a missing leg or
 * shard fails with one message naming it.
 */
import { mkdir, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import type { ArtifactQuery, ArtifactStore } from "../adapters/ports.js";
import { opensAsVariantsFile } from "../adapters/variants-files.js";
import {
  MissingArtifactError,
  parseArtifactName,
  requireLegArtifacts,
  variantsArtifactName,
} from "../core/artifact-names.js";
import { InputError } from "../core/errors.js";
import { escapeTerminal } from "../core/render/escape.js";
import { LEGS, type Leg } from "../core/results.js";
import { LEGACY_PULL_REQUEST_FILE } from "./comment-target.js";
import { INPUTS } from "./names.js";

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
  /** The folder to download the legs into; whatever it held before is removed first. */
  dir: string;
  /** The same for a variants run's artifact; when absent, a folder in `dir`. */
  variantsDir?: string;
  log: (line: string) => void;
}

/** One variants file, with the words that name it in errors and reports. */
export interface VariantsSource {
  path: string;
  /** "variants.json in artifact jit-bench-variants", or the path as given. */
  source: string;
}

export type Sources =
  | { kind: "legs"; legs: LegSources }
  | { kind: "variants"; variants: VariantsSource };

export function localSources(paths: readonly string[]): LegSources {
  return { paths: [...paths], artifacts: { off: [], on: [] } };
}

/** Local files: one that opens as a variants file is compared as variants, anything else as legs. */
export async function localKind(paths: readonly string[], cwd: string): Promise<Sources> {
  const [only] = paths;
  if (paths.length === 1 && only !== undefined && (await opensAsVariantsFile(only))) {
    return {
      kind: "variants",
      variants: { path: only, source: relative(cwd, only) || only },
    };
  }
  return { kind: "legs", legs: localSources(paths) };
}

/**
 * The run's artifacts: its variants artifact when it has one, else both legs.
 * A run with both is refused: one step reports one kind of run, and guessing
 * would put one report where the other was expected.
 */
export async function downloadSources(request: DownloadRequest): Promise<Sources> {
  const query: ArtifactQuery = request.runId === null ? {} : { runId: request.runId };
  const where = whereOf(request);
  const available = (await request.store.list(query)).map((artifact) => artifact.name);
  const variants = variantsArtifactName(request.prefix);
  const legs = available.filter((name) => parseArtifactName(name, request.prefix) !== null);
  if (!available.includes(variants)) {
    try {
      return { kind: "legs", legs: await downloadLegs(request, available) };
    } catch (error: unknown) {
      if (!(error instanceof MissingArtifactError) || legs.length > 0) throw error;
      // Nothing of either kind: the reader may have meant a variants run.
      throw new MissingArtifactError(
        error.expected,
        error.available,
        error.where,
        `${error.message} A run with the variants input uploads ${variants} instead.`,
      );
    }
  }
  if (legs.length > 0) {
    throw new InputError(
      INPUTS.artifactPrefix,
      request.prefix,
      `finds both the variants artifact ${variants} and leg artifacts (${legs.join(", ")}) in ${where}, and one compare step reports one kind of run`,
      "Give the job that measures the variants an artifact-prefix of its own (e.g. artifact-prefix: variants-), and compare it in a step with that prefix and a comment-key of its own.",
    );
  }
  return { kind: "variants", variants: await downloadVariants(request, variants, query) };
}

async function downloadVariants(
  request: DownloadRequest,
  name: string,
  query: ArtifactQuery,
): Promise<VariantsSource> {
  const root = request.variantsDir ?? join(request.dir, "variants");
  // Left over from an earlier compare step in this job: stale files must not be read.
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  const dest = join(root, name);
  const files = await request.store.download(name, dest, query);
  request.log(`Downloaded artifact ${name} from ${whereOf(request)}: ${files.length} file(s).`);
  const json = files.filter((file) => file.endsWith(".json"));
  const [file] = json;
  if (json.length !== 1 || file === undefined) {
    throw new InputError(
      `artifact ${name}`,
      json.map((f) => escapeTerminal(relative(dest, f))),
      `holds ${json.length} .json files; a variants artifact holds one, the variants.json its run job uploaded`,
      "Upload it with this action's run mode and the variants input, and nothing else under this name.",
    );
  }
  return {
    path: file,
    // The name inside the artifact is the uploader's: shown, never obeyed.
    source: `${escapeTerminal(relative(dest, file))} in artifact ${name}`,
  };
}

function whereOf(request: DownloadRequest): string {
  return request.runId === null ? "this workflow run" : `workflow run ${request.runId}`;
}

export async function downloadLegs(
  request: DownloadRequest,
  listed?: readonly string[],
): Promise<LegSources> {
  const query: ArtifactQuery = request.runId === null ? {} : { runId: request.runId };
  const where = whereOf(request);
  const available = listed ?? (await request.store.list(query)).map((artifact) => artifact.name);
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
