/**
 * Run mode with `image:` against a real Docker engine and the Debian-built
 * test image (`.ci/setup-docker`): each worker is a `docker run --network
 * none` of that image, and a worker that hangs past its timeout has its
 * container stopped before the next benchmark starts.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readInputs } from "../../src/action/inputs.js";
import { type ActionRunOutcome, actionRun } from "../../src/action/run.js";
import type { GitHubContext } from "../../src/adapters/github-context.js";
import type { ArtifactStore } from "../../src/adapters/ports.js";
import { parseResultsFile } from "../../src/core/results.js";
import { requireEngine, TEST_IMAGE } from "../docker/engine.js";
import { actionDefaults } from "./runner.js";

const SUITE = `
import os


def bench_sum():
    return sum(range(100))


def bench_sees_only_loopback():
    # --network none leaves the container nothing but the loopback interface.
    names = sorted(os.listdir("/sys/class/net"))
    if names != ["lo"]:
        raise RuntimeError("network interfaces: %r" % names)


def bench_hangs():
    import time
    while True:
        time.sleep(0.05)
`;

/** Records uploads instead of sending them: the artifact service has its own tests. */
function memoryStore(): ArtifactStore & { uploads: { name: string; files: string[] }[] } {
  const uploads: { name: string; files: string[] }[] = [];
  return {
    uploads,
    async upload(name, files) {
      uploads.push({ name, files: [...files] });
      return { id: uploads.length, size: 1 };
    },
    download: () => Promise.reject(new Error("not used")),
    list: async () => [],
  };
}

const CONTEXT: GitHubContext = {
  owner: "aria",
  repo: "app",
  eventName: "push",
  runId: 1,
  pullRequest: null,
  workflowRun: null,
};

/** Containers this test process started that still run. */
function ourRunningContainers(): Promise<string[]> {
  return new Promise((done, fail) => {
    execFile("docker", ["ps", "--format", "{{.Names}}"], (error, stdout) => {
      if (error) return fail(error);
      done(stdout.split("\n").filter((name) => name.startsWith(`jit-bench-${process.pid}-`)));
    });
  });
}

let workspace: string;
const saved = new Map<string, string | undefined>();

beforeAll(async () => {
  await requireEngine();
  workspace = await mkdtemp(join(tmpdir(), "jit-bench-image-mode-"));
  await mkdir(join(workspace, "benchmarks"));
  await writeFile(join(workspace, "benchmarks", "bench_image.py"), SUITE);
  const inputs = {
    ...(await actionDefaults()),
    mode: "run",
    jit: "1",
    image: TEST_IMAGE,
    python: "python3",
    suite: "benchmarks",
    processes: "2",
    warmups: "0",
    values: "2",
    "min-time": "1ms",
    timeout: "4s",
    "github-token": "",
  };
  for (const [name, value] of Object.entries(inputs)) {
    const key = `INPUT_${name.toUpperCase()}`;
    saved.set(key, process.env[key]);
    process.env[key] = value;
  }
});

afterAll(async () => {
  for (const [key, value] of saved) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe("run mode in an image", () => {
  let outcome: ActionRunOutcome;
  const info: string[] = [];
  const warnings: string[] = [];
  const store = memoryStore();

  beforeAll(async () => {
    const inputs = await readInputs(workspace);
    if (inputs.mode !== "run") throw new Error("expected run mode");
    outcome = await actionRun(inputs, {
      store,
      summary: null,
      reporter: {
        group: (_name, work) => work(),
        info: (line) => info.push(line),
        warning: (line) => warnings.push(line),
      },
      context: CONTEXT,
      workspace,
      signal: new AbortController().signal,
      now: () => new Date("2025-01-01T00:00:00Z"),
    });
  });

  it("measures with the image's own Python, and records the image", async () => {
    const results = parseResultsFile(
      JSON.parse(await readFile(outcome.resultsPath, "utf8")),
      "results",
    );
    expect(results.environment.fingerprint.containerImage).toBe(TEST_IMAGE);
    expect(results.environment.interpreter.executable).toBe("/usr/bin/python3");
    const on = results.legs.on;
    expect(on?.pythonJit).toBe("1");
    const sum = on?.benchmarks.find((b) => b.name === "bench_sum");
    expect(sum?.status).toBe("ok");
    expect(sum?.processes).toHaveLength(2);
  });

  it("gives the workers no network but the loopback interface", async () => {
    const results = parseResultsFile(
      JSON.parse(await readFile(outcome.resultsPath, "utf8")),
      "results",
    );
    const loopback = results.legs.on?.benchmarks.find((b) => b.name === "bench_sees_only_loopback");
    expect(loopback?.reason ?? null).toBeNull();
    expect(loopback?.status).toBe("ok");
  });

  it("stops a hung worker's container once its benchmark ends, and leaves none running", async () => {
    const hung = outcome.problems.find((p) => p.name === "bench_hangs");
    expect(hung?.status).toBe("failed");
    expect(hung?.reason).toMatch(/4 ?s|timeout|time/i);
    expect(
      info.some((line) => /^Stopped 1 container\(s\) that outlived their worker/.test(line)),
    ).toBe(true);
    expect(warnings.filter((w) => w.includes("left running"))).toEqual([]);
    expect(await ourRunningContainers()).toEqual([]);
  });

  it("uploads the leg under its artifact name", () => {
    expect(store.uploads.map((u) => u.name)).toEqual(["jit-bench-on"]);
    expect(store.uploads[0]?.files).toEqual([outcome.resultsPath]);
  });
});
