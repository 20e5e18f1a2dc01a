/**
 * Leg results as workflow artifacts, through @actions/artifact 6. This run's
 * artifacts are reached with the runner's own credentials
 * (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL); another run's through the
 * REST API at GITHUB_API_URL, which needs a token with `actions: read`.
 * The library logs each request as a `::debug::` line; a store passes them
 * on only in the runner's debug mode.
 */
import { rm } from "node:fs/promises";
import type { ArtifactClient, FindOptions } from "@actions/artifact";
import { MissingArtifactError } from "../core/artifact-names.js";
import { InputError } from "../core/errors.js";
import { followRunnerDebugMode } from "./debug-lines.js";
import {
  DEFAULT_EXTRACT_LIMITS,
  type ExtractLimits,
  prepareEmptyDir,
  UnsafeArtifactError,
  verifyExtracted,
} from "./extracted-files.js";
import { redact } from "./github-requests.js";
import type { ArtifactQuery, ArtifactStore, StoredArtifact } from "./ports.js";

export interface ActionsArtifactStoreOptions {
  /** Only needed to read another run's artifacts. */
  github?: { token: string; owner: string; repo: string };
  /** Days GitHub keeps uploads; the repository's default when absent. */
  retentionDays?: number;
  limits?: Partial<ExtractLimits>;
  /** The @actions/artifact client; the default one reads the runner's environment. */
  client?: ArtifactClient;
}

interface Listed extends StoredArtifact {
  digest?: string;
}

export function createActionsArtifactStore(
  options: ActionsArtifactStoreOptions = {},
): ArtifactStore {
  return new ActionsArtifactStore(options);
}

class ActionsArtifactStore implements ArtifactStore {
  #client: Promise<ArtifactClient> | null = null;
  readonly #options: ActionsArtifactStoreOptions;
  readonly #limits: ExtractLimits;

  constructor(options: ActionsArtifactStoreOptions) {
    followRunnerDebugMode();
    this.#options = options;
    this.#limits = { ...DEFAULT_EXTRACT_LIMITS, ...options.limits };
  }

  async upload(
    name: string,
    files: readonly string[],
    rootDir: string,
  ): Promise<{ id: number; size: number }> {
    const retention = this.#options.retentionDays;
    try {
      const result = await (await this.#artifactClient()).uploadArtifact(
        name,
        [...files],
        rootDir,
        retention === undefined ? {} : { retentionDays: retention },
      );
      if (result.id === undefined) throw new Error("the artifact service returned no artifact id");
      return { id: result.id, size: result.size ?? 0 };
    } catch (error: unknown) {
      throw this.#wrap(`Could not upload artifact ${JSON.stringify(name)}`, error);
    }
  }

  async list(query: ArtifactQuery = {}): Promise<StoredArtifact[]> {
    return (await this.#list(query)).map(({ name, id, size }) => ({ name, id, size }));
  }

  async download(name: string, destDir: string, query: ArtifactQuery = {}): Promise<string[]> {
    const available = await this.#list(query);
    const found = available.find((artifact) => artifact.name === name);
    if (found === undefined) {
      throw new MissingArtifactError(
        [name],
        available.map((artifact) => artifact.name).sort(),
        describeRun(query),
      );
    }
    // The zip can only grow when extracted: refuse early what could never fit.
    if (found.size > this.#limits.maxBytes) {
      throw new UnsafeArtifactError(
        `Artifact ${JSON.stringify(name)} is ${found.size} bytes, over the ${this.#limits.maxBytes} bytes allowed.`,
      );
    }
    await prepareEmptyDir(destDir);
    try {
      const { digestMismatch } = await (await this.#artifactClient()).downloadArtifact(found.id, {
        path: destDir,
        ...(found.digest ? { expectedHash: found.digest } : {}),
        ...this.#findBy(query),
      });
      if (digestMismatch) {
        throw new UnsafeArtifactError(
          `Artifact ${JSON.stringify(name)} does not match the digest recorded at upload; it was changed or damaged in transit.`,
        );
      }
      return await verifyExtracted(destDir, this.#limits, name);
    } catch (error: unknown) {
      // Whatever was extracted is not to be trusted or half-read later.
      await rm(destDir, { recursive: true, force: true });
      if (error instanceof UnsafeArtifactError) throw error;
      throw this.#wrap(
        `Could not download artifact ${JSON.stringify(name)} from ${describeRun(query)}`,
        error,
      );
    }
  }

  /**
   * @actions/artifact, with the Azure and protobuf code it brings, is a third
   * of the bundle: it is loaded when first used, not when the action starts.
   */
  #artifactClient(): Promise<ArtifactClient> {
    this.#client ??= this.#options.client
      ? Promise.resolve(this.#options.client)
      : import("@actions/artifact").then((module) => new module.DefaultArtifactClient());
    return this.#client;
  }

  async #list(query: ArtifactQuery): Promise<Listed[]> {
    try {
      const { artifacts } = await (await this.#artifactClient()).listArtifacts({
        latest: true,
        ...this.#findBy(query),
      });
      return artifacts.map(({ name, id, size, digest }) => ({
        name,
        id,
        size,
        ...(digest ? { digest } : {}),
      }));
    } catch (error: unknown) {
      throw this.#wrap(`Could not list the artifacts of ${describeRun(query)}`, error);
    }
  }

  #findBy(query: ArtifactQuery): FindOptions {
    if (query.runId === undefined) return {};
    const github = this.#options.github;
    if (github === undefined || github.token === "") {
      throw new InputError(
        "github-token",
        "",
        `is needed to read the artifacts of workflow run ${query.runId}`,
        "Pass a token with `actions: read` permission, such as the workflow's github.token.",
      );
    }
    return {
      findBy: {
        token: github.token,
        workflowRunId: query.runId,
        repositoryOwner: github.owner,
        repositoryName: github.repo,
      },
    };
  }

  /** Keeps the library's message but never the token it may have echoed. */
  #wrap(context: string, error: unknown): Error {
    if (error instanceof InputError) return error;
    const secrets = this.#options.github ? [this.#options.github.token] : [];
    const message = error instanceof Error ? error.message : String(error);
    // No `cause`: a library error object may carry request headers into a log.
    return new Error(`${context}: ${redact(message, secrets)}`);
  }
}

function describeRun(query: ArtifactQuery): string {
  return query.runId === undefined ? "this workflow run" : `workflow run ${query.runId}`;
}
