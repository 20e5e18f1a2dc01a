/**
 * A workflow for the end-to-end tests of the bundled action: the artifact
 * service stand-in with Azurite, the REST stand-in, and steps that run
 * dist/index.js as run-mode and compare-mode jobs of a pull request.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { useArtifactWorld } from "../servers/artifact-world.js";
import { runStep, type StepResult } from "./runner.js";

export const TOKEN = "ghs_e2eTokenThatMustNeverBePrinted42";
export const OWNER = "aria";
export const REPO = "app";
export const PR = 7;
export const HEAD_SHA = "0123456789abcdef0123456789abcdef01234567";

const SUITE = `
def bench_sum():
    return sum(range(50))


def bench_join():
    return ",".join(["a", "b", "c"])
`;

/** Tiny settings: the point is the plumbing, not the statistics. */
export const RUN_INPUTS = {
  mode: "run",
  suite: "benchmarks",
  python: "python3",
  processes: "2",
  warmups: "0",
  values: "2",
  "min-time": "1ms",
  timeout: "60s",
  "github-token": TOKEN,
};

const COMPARE_INPUTS = {
  mode: "compare",
  "github-token": TOKEN,
  comment: "true",
  "comment-key": "jit-bench",
};

export const PULL_REQUEST_EVENT = {
  action: "synchronize",
  number: PR,
  pull_request: { number: PR, head: { sha: HEAD_SHA } },
};

export interface ActionWorld {
  world: ReturnType<typeof useArtifactWorld>;
  runLeg(
    runId: number,
    jit: "0" | "1" | "both",
    shard?: string,
    extra?: { inputs?: Record<string, string>; files?: Record<string, string> },
  ): Promise<StepResult>;
  compare(
    runId: number,
    inputs?: Record<string, string>,
    env?: Record<string, string>,
    event?: unknown,
  ): Promise<StepResult>;
  comments(): { id: number; body: string; updatedAt: string }[];
  calls(operationId: string): number;
}

/** Registers the servers' vitest hooks for this test file and returns its steps. */
export function useActionWorld(): ActionWorld {
  const world = useArtifactWorld(TOKEN, async () => {});

  /** A fresh checkout: every job starts from its own workspace. */
  async function workspace(withSuite: boolean): Promise<string> {
    const dir = await mkdtemp(join(world.work, "ws-"));
    const ws = join(dir, "repo");
    await mkdir(join(ws, "benchmarks"), { recursive: true });
    if (withSuite) await writeFile(join(ws, "benchmarks", "bench_tiny.py"), SUITE);
    return ws;
  }

  /**
   * A runtime token for a new job of run `runId`: every step here is its own
   * job, as the matrix legs and the compare job are on GitHub, so artifacts
   * cross jobs the way they do there.
   */
  function runtimeToken(runId: number): string {
    return world.service.newJob(runId).runtimeToken;
  }

  function jobEnv(runId: number, extra: Record<string, string> = {}): Record<string, string> {
    return {
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_RUN_ID: String(runId),
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_API_URL: world.github.url,
      GITHUB_SERVER_URL: "https://github.com",
      ACTIONS_RESULTS_URL: world.service.url,
      ACTIONS_RUNTIME_TOKEN: runtimeToken(runId),
      JIT_BENCH_RETRY_BASE_MS: "5",
      ...extra,
    };
  }

  async function runLeg(
    runId: number,
    jit: "0" | "1" | "both",
    shard = "",
    extra: { inputs?: Record<string, string>; files?: Record<string, string> } = {},
  ): Promise<StepResult> {
    const ws = await workspace(true);
    for (const [path, text] of Object.entries(extra.files ?? {})) {
      await mkdir(dirname(join(ws, path)), { recursive: true });
      await writeFile(join(ws, path), text);
    }
    return runStep({
      inputs: { ...RUN_INPUTS, jit, shard, ...extra.inputs },
      workspace: ws,
      env: jobEnv(runId),
      event: PULL_REQUEST_EVENT,
    });
  }

  async function compare(
    runId: number,
    inputs: Record<string, string> = {},
    env: Record<string, string> = {},
    event: unknown = PULL_REQUEST_EVENT,
  ): Promise<StepResult> {
    return runStep({
      inputs: { ...COMPARE_INPUTS, ...inputs },
      workspace: await workspace(false),
      env: jobEnv(runId, env),
      event,
    });
  }

  return {
    world,
    runLeg,
    compare,
    comments: () => world.github.comments(OWNER, REPO, PR),
    calls: (operationId) =>
      world.github.requests.filter((r) => r.operationId === operationId).length,
  };
}

/** The token appears once, in the runner command that masks it, before anything else is printed. */
export function expectNoSecret(step: StepResult): void {
  const lines = step.stdout.split("\n");
  expect(lines[0]).toBe(`::add-mask::${TOKEN}`);
  expect(lines.slice(1).join("\n")).not.toContain(TOKEN);
  expect(step.stderr).not.toContain(TOKEN);
  expect(step.summary).not.toContain(TOKEN);
}
