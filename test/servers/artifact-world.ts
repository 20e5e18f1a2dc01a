/**
 * Everything @actions/artifact needs, started once per test file: Azurite,
 * the results service stand-in, the REST stand-in serving other runs'
 * artifacts, and the runner environment pointing at them. Registers its own
 * vitest hooks; every test must leave both stand-ins without violations.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { type Azurite, processAlive, startAzurite } from "./azurite.js";
import { type FakeArtifactService, startFakeArtifactService } from "./fake-artifact-service.js";
import { type FakeGitHub, startFakeGitHub } from "./fake-github.js";

const ENV_KEYS = [
  "GITHUB_API_URL",
  "GITHUB_SERVER_URL",
  "ACTIONS_RESULTS_URL",
  "ACTIONS_RUNTIME_TOKEN",
  "GITHUB_WORKSPACE",
] as const;

export interface ArtifactWorld {
  service: FakeArtifactService;
  github: FakeGitHub;
  /** A temp folder for the test's files, removed at the end. */
  work: string;
  /** Makes this process a new job of `runId` (a fresh run when absent) and returns the run id. */
  joinRun(runId?: number): number;
}

/**
 * Sets the world up before the file's tests and tears it down after, then
 * runs `ready`: modules that read the environment when imported (through
 * @actions/github, GITHUB_API_URL) must be imported there, not at the top.
 */
export function useArtifactWorld(token: string, ready: () => Promise<void>): ArtifactWorld {
  const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  let azurite: Azurite | undefined;
  let nextRun = 100;
  const world = { joinRun } as ArtifactWorld;

  function joinRun(runId = nextRun++): number {
    process.env.ACTIONS_RUNTIME_TOKEN = world.service.newJob(runId).runtimeToken;
    return runId;
  }

  beforeAll(async () => {
    azurite = await startAzurite();
    world.service = await startFakeArtifactService(azurite);
    const service = world.service;
    world.github = await startFakeGitHub({
      token,
      artifacts: {
        list: (runId) => service.artifacts(runId),
        downloadUrl: (id) => service.signedDownloadUrl(id),
      },
    });
    world.work = await mkdtemp(join(tmpdir(), "jit-bench-artifacts-"));
    process.env.GITHUB_API_URL = world.github.url;
    process.env.GITHUB_SERVER_URL = "https://github.com";
    process.env.ACTIONS_RESULTS_URL = service.url;
    process.env.GITHUB_WORKSPACE = world.work;
    await ready();
  });

  afterEach(() => {
    expect(world.service.violations).toEqual([]);
    expect(world.github.violations).toEqual([]);
  });

  afterAll(async () => {
    await world.github?.close();
    await world.service?.close();
    await azurite?.stop();
    if (world.work) await rm(world.work, { recursive: true, force: true });
    for (const key of ENV_KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    // No stray Azurite left behind.
    if (azurite) expect(processAlive(azurite.pid)).toBe(false);
  });

  return world;
}
