// Timeouts: a container outlives its killed client, and killContainer ends it.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containerName, dockerPythonArgv, killContainer } from "../../src/adapters/docker.js";
import { eventually, inspectContainer, requireEngine, TEST_IMAGE } from "./engine.js";

beforeAll(requireEngine);

// Made when the tests run, not when the file is loaded: `vitest list` loads it without running it.
let workspace = "";
beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), "jit-bench-kill-"));
});
const started: string[] = [];
afterAll(async () => {
  // Whatever a failed assertion left running.
  for (const name of started) await killContainer(name).catch(() => false);
  rmSync(workspace, { recursive: true, force: true });
});

/** Starts a container that sleeps for 1000 s, and resolves once Python inside it runs. */
async function startSleeper(): Promise<{ name: string; client: ChildProcessWithoutNullStreams }> {
  const name = containerName("jit-bench-test");
  started.push(name);
  const { argv } = dockerPythonArgv({
    image: TEST_IMAGE,
    workspace,
    harnessDir: workspace,
    python: ["python3"],
    name,
  });
  const [command, ...args] = argv;
  if (command === undefined) throw new Error("empty argv");
  const client = spawn(
    command,
    [...args, "-c", "import time; print('sleeping', flush=True); time.sleep(1000)"],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  await new Promise<void>((ready, fail) => {
    client.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("sleeping")) ready();
    });
    client.on("error", fail);
    client.on("exit", (code) =>
      fail(new Error(`docker run exited with ${code} before Python ran`)),
    );
  });
  return { name, client };
}

function exitOf(client: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (client.exitCode !== null) return Promise.resolve(client.exitCode);
  return new Promise((done) => client.on("exit", (code) => done(code)));
}

describe("killContainer", () => {
  it("stops a container whose client was killed, and --rm removes it", async () => {
    const { name, client } = await startSleeper();
    client.kill("SIGKILL");
    await exitOf(client);
    // The reason killContainer exists: the sleeper is still there without its client.
    expect(await inspectContainer(name, "{{.State.Running}}")).toBe("true");

    expect(await killContainer(name)).toBe(true);
    expect(await eventually(async () => (await inspectContainer(name, "{{.Id}}")) === null)).toBe(
      true,
    );
  });

  it("ends the docker run client too, with the killed container's status", async () => {
    const { name, client } = await startSleeper();
    const exited = exitOf(client);
    expect(await killContainer(name)).toBe(true);
    // 128 + SIGKILL: the container was killed, not finished.
    expect(await exited).toBe(137);
  });

  it("says false for a container that is already gone", async () => {
    expect(await killContainer(containerName("jit-bench-test"))).toBe(false);
  });
});
