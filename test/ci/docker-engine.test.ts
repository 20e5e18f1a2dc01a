/**
 * What the end of `npm test` does with the Docker engine, decided from marker
 * files in a state folder of this test's own: the real one, and the engine,
 * belong to whatever test runs share this machine and are not touched here.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  decide,
  ENGINE_MARKER,
  type EngineFacts,
  engineMessage,
  isDockerd,
  KEEP_VARIABLE,
  markedEngine,
  otherRuns,
  registerRun,
  STATE_DIR,
  unregisterRun,
} from "./docker-engine.js";

const REPO = resolve(import.meta.dirname, "../..");
const root = mkdtempSync(join(tmpdir(), "jit-bench-engine-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let state = "";
let sleeper: ChildProcess | undefined;
beforeEach(() => {
  state = mkdtempSync(join(root, "state-"));
});
afterEach(() => {
  sleeper?.kill("SIGKILL");
  sleeper = undefined;
});

/** A pid that no process has: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" });
  return Number(child.stdout.trim());
}

const ENGINE = 4321;
const facts = (over: Partial<EngineFacts>): EngineFacts => ({
  enginePid: ENGINE,
  keep: false,
  npmTest: true,
  otherRuns: 0,
  ...over,
});

describe("what the end of a test run does with the engine", () => {
  it("stops the engine its setup started when no other run uses it", () => {
    expect(decide(facts({}))).toEqual({ action: "stop", pid: ENGINE });
  });

  it("keeps it running when JIT_BENCH_KEEP_DOCKER=1, even as the last run", () => {
    expect(decide(facts({ keep: true }))).toEqual({ action: "keep", pid: ENGINE });
  });

  it("leaves it to the last of the runs still using it", () => {
    expect(decide(facts({ otherRuns: 2 }))).toEqual({ action: "leave", pid: ENGINE, otherRuns: 2 });
  });

  it("leaves alone an engine no test setup started, and any engine after a bare vitest run", () => {
    expect(decide(facts({ enginePid: null }))).toEqual({ action: "none" });
    expect(decide(facts({ npmTest: false }))).toEqual({ action: "none" });
  });

  it("says what it does, and how to do otherwise", () => {
    expect(engineMessage({ action: "none" })).toBeNull();
    expect(engineMessage({ action: "stop", pid: ENGINE })).toBe(
      "docker: stopping the Docker engine the test setup started (dockerd, pid 4321); set JIT_BENCH_KEEP_DOCKER=1 to keep it running for the next run",
    );
    expect(engineMessage({ action: "keep", pid: ENGINE })).toBe(
      "docker: the Docker engine the test setup started (dockerd, pid 4321) keeps running, as JIT_BENCH_KEEP_DOCKER=1 asks; stop it with: sudo bash .ci/stop-docker",
    );
    expect(engineMessage({ action: "leave", pid: ENGINE, otherRuns: 1 })).toBe(
      "docker: the Docker engine the test setup started (dockerd, pid 4321) keeps running for the 1 other test run(s) using it; the last to end stops it",
    );
  });
});

describe("the marker of the tests' engine", () => {
  it("is absent: no engine of the tests' own", () => {
    expect(markedEngine(state, () => true)).toBeNull();
  });

  it("names a running engine: its pid", () => {
    writeFileSync(join(state, ENGINE_MARKER), `${ENGINE}\n`);
    expect(markedEngine(state, (pid) => pid === ENGINE)).toBe(ENGINE);
    expect(existsSync(join(state, ENGINE_MARKER))).toBe(true);
  });

  it("names a process that is not dockerd, or nothing readable: stale, removed", () => {
    sleeper = spawn("sleep", ["60"]);
    writeFileSync(join(state, ENGINE_MARKER), `${sleeper.pid}\n`);
    expect(isDockerd(sleeper.pid ?? 0)).toBe(false);
    expect(markedEngine(state)).toBeNull();
    expect(existsSync(join(state, ENGINE_MARKER))).toBe(false);
    writeFileSync(join(state, ENGINE_MARKER), "not a pid\n");
    expect(markedEngine(state, () => true)).toBeNull();
    expect(existsSync(join(state, ENGINE_MARKER))).toBe(false);
  });
});

describe("test runs using the engine", () => {
  it("counts the other runs still going and forgets those that died", () => {
    sleeper = spawn("sleep", ["60"]);
    const live = sleeper.pid ?? 0;
    const dead = deadPid();
    for (const pid of [process.pid, live, dead]) expect(registerRun(state, pid)).toBe(true);
    expect(otherRuns(state, process.pid)).toBe(1);
    expect(readdirSync(join(state, "test-runs")).sort()).toEqual(
      [String(process.pid), String(live)].sort(),
    );
    unregisterRun(state, live);
    expect(otherRuns(state, process.pid)).toBe(0);
  });

  it("registers nowhere when the state folder cannot be made", () => {
    writeFileSync(join(state, "file"), "");
    expect(registerRun(join(state, "file"))).toBe(false);
    expect(otherRuns(join(state, "file"))).toBe(0);
  });
});

describe("the scripts and the README agree with these rules", () => {
  it("setup-docker writes the marker and stop-docker removes it, where these rules read it", () => {
    const marker = join(STATE_DIR, ENGINE_MARKER);
    const setup = readFileSync(join(REPO, ".ci/setup-docker"), "utf8");
    expect(setup).toContain(`state_dir=${STATE_DIR}`);
    expect(setup).toContain(`"$state_dir/${ENGINE_MARKER}"`);
    expect(readFileSync(join(REPO, ".ci/stop-docker"), "utf8")).toContain(`rm -f ${marker}`);
    expect(readFileSync(join(REPO, ".ci/provision"), "utf8")).toContain(
      'JIT_BENCH_ENGINE_FOR_TESTS=1 bash "$here/setup-docker"',
    );
  });

  it("the README says what npm test stops and how to keep it running", () => {
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    expect(readme).toContain(`${KEEP_VARIABLE}=1 npm test`);
    expect(readme).toContain("sudo bash .ci/stop-docker");
  });
});
