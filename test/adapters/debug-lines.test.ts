/**
 * `::debug::` lines reach stdout only in the runner's debug mode
 * (RUNNER_DEBUG=1): ours, written by @actions/core, and the real
 * @actions/artifact client's while it talks to its stand-ins. This file's
 * stdout is captured beneath the filter, so what a test reads is what the
 * log would get.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Writable } from "node:stream";
import * as core from "@actions/core";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { followRunnerDebugMode } from "../../src/adapters/debug-lines.js";
import { useArtifactWorld } from "../servers/artifact-world.js";

const TOKEN = "ghs_debugLinesTestTokenNeverLogged7";
const savedDebug = process.env.RUNNER_DEBUG;
const printed: string[] = [];
const stdoutWrite = process.stdout.write;
process.stdout.write = ((chunk: unknown) => {
  printed.push(String(chunk));
  return true;
}) as typeof process.stdout.write;
afterAll(() => {
  process.stdout.write = stdoutWrite;
});
afterEach(() => {
  if (savedDebug === undefined) delete process.env.RUNNER_DEBUG;
  else process.env.RUNNER_DEBUG = savedDebug;
  printed.length = 0;
});

let adapter: typeof import("../../src/adapters/artifacts.js");
const world = useArtifactWorld(TOKEN, async () => {
  adapter = await import("../../src/adapters/artifacts.js");
});

const debugLines = () => printed.filter((line) => line.startsWith("::debug::"));

describe("debug lines", () => {
  it("from the artifact client appear only in debug mode: its store applies the rule itself", async () => {
    world.joinRun();
    const results = join(world.work, "results.json");
    await writeFile(results, "{}");
    const store = adapter.createActionsArtifactStore();

    delete process.env.RUNNER_DEBUG;
    await store.upload("jit-bench-off", [results], world.work);
    expect(debugLines()).toEqual([]);

    process.env.RUNNER_DEBUG = "1";
    await store.upload("jit-bench-on", [results], world.work);
    expect(debugLines().some((line) => line.includes("[Request] CreateArtifact"))).toBe(true);
  });

  it("are dropped unless RUNNER_DEBUG is 1; other lines pass untouched", () => {
    followRunnerDebugMode();
    delete process.env.RUNNER_DEBUG;
    core.debug("hidden without debug mode");
    core.info("always shown");
    process.env.RUNNER_DEBUG = "true";
    core.debug("hidden: the runner sets 1, nothing else");
    process.env.RUNNER_DEBUG = "1";
    core.debug("shown in debug mode");
    expect(printed.map((line) => line.trimEnd())).toEqual([
      "always shown",
      "::debug::shown in debug mode",
    ]);
  });

  it("dropped, still count as written: the callback runs and write reports success", async () => {
    const kept: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        kept.push(chunk.toString());
        callback();
      },
    });
    followRunnerDebugMode(stream, () => false);
    const done = new Promise<void>((resolve) => {
      expect(stream.write("::debug::a string\n", () => resolve())).toBe(true);
    });
    await done;
    stream.write(Buffer.from("::debug::a buffer\n"));
    stream.write("::warning::kept\n");
    stream.write("a line that mentions ::debug:: later\n");
    await new Promise<void>((resolve) => stream.end(resolve));
    expect(kept).toEqual(["::warning::kept\n", "a line that mentions ::debug:: later\n"]);
  });
});
