/**
 * Nothing measured is lost, however `jit-bench run` ends: the results file
 * is written after every benchmark, so SIGKILL, SIGHUP, a second Ctrl-C, a
 * benchmark that kills the run or removes its output folder all leave a
 * valid file with every benchmark measured before. And nothing a benchmark
 * starts outlives the run: not a worker whose parent died, not a process in
 * a new session with an empty environment. Real runs of the bundled CLI.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseResultsFile, type ResultsFile } from "../../src/core/results.js";
import { CLI } from "../cli/support.js";
import { eventually, processesMentioning, scratchDir } from "./support.js";

const FAST = ["--processes", "2", "--values", "2", "--warmups", "0", "--min-time", "30ms"];

/** Four benchmarks slow enough to interrupt between them. */
const SLOW = ["bench_first", "bench_second", "bench_third", "bench_fourth"]
  .map((name) => `import time\n\n\ndef ${name}():\n    time.sleep(0.002)\n`)
  .join("\n\n");

let dir: Awaited<ReturnType<typeof scratchDir>>;

beforeAll(async () => {
  dir = await scratchDir("jit-bench-faults-lost-");
});
afterAll(async () => {
  await dir?.cleanup();
});

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Resolves once stderr matches `pattern`. */
  when(pattern: RegExp): Promise<void>;
}

/** `jit-bench run` on a suite of its own, in a folder of its own. */
function startRun(
  name: string,
  suite: string,
  extra: string[] = [],
  schedule: string[] = FAST,
): Run & { out: string; root: string } {
  const root = join(dir.path, name);
  mkdirSync(join(root, "suite"), { recursive: true });
  writeFileSync(join(root, "suite", "bench_suite.py"), suite);
  const out = join(root, "out");
  const child = spawn(
    process.execPath,
    [CLI, "run", "suite", "--root", root, "--output-dir", out, ...schedule, ...extra],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  const waiting: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout?.resume();
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const wait of waiting.filter((w) => w.pattern.test(stderr))) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve();
    }
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on("close", (code, signal) => resolve({ code, signal, stderr })),
  );
  const when = (pattern: RegExp) =>
    new Promise<void>((resolve) => {
      if (pattern.test(stderr)) resolve();
      else waiting.push({ pattern, resolve });
    });
  return { child, done, when, out, root };
}

function results(out: string): ResultsFile {
  return parseResultsFile(
    JSON.parse(readFileSync(join(out, "results.json"), "utf8")),
    "results.json",
  );
}

function measured(file: ResultsFile): string[] {
  return (file.legs.off?.benchmarks ?? []).filter((b) => b.status === "ok").map((b) => b.name);
}

describe("jit-bench run keeps what it measured", () => {
  it("writes a valid partial file after each benchmark, which a SIGKILL leaves in place, and its workers end", async () => {
    const run = startRun("sigkill", SLOW);
    await run.when(/\[2\/4\]/);
    run.child.kill("SIGKILL");
    await run.done;
    const file = results(run.out);
    expect(file.partial).toBe(true);
    expect(file.partialReason).toContain("the run had not finished");
    expect(measured(file)).toEqual(["bench_first", "bench_second"]);
    // The worker under way notices its parent is gone and ends, with what it started.
    expect(await eventually(() => processesMentioning(run.root).length === 0)).toBe(true);
  });

  it("keeps, in a sequential run killed halfway, the benchmarks still being measured", async () => {
    // Work the CPU clock sees; a target no benchmark reaches, so each stays open for later rounds.
    const busy = ["bench_first", "bench_second", "bench_third"]
      .map((name) => `def ${name}():\n    sum(range(3000))\n`)
      .join("\n\n");
    const run = startRun("sequential", busy, ["--precision", "0.05%", "--budget", "40s"], []);
    await run.when(/\[2\/3\] bench_second .*after \d+ pairs/);
    run.child.kill("SIGKILL");
    await run.done;
    const file = results(run.out);
    expect(file.partial).toBe(true);
    expect(file.partialReason).toContain("still being measured");
    expect(measured(file)[0]).toBe("bench_first");
    const first = file.legs.off?.benchmarks[0];
    // Its minimum of 8 pairs and its first-pass blocks, with no stop: it had not stopped.
    expect(first?.processes.length).toBeGreaterThanOrEqual(8);
    expect(first?.sampling).toBeUndefined();
    expect(first?.stats).toBeNull();
    expect(file.legs.on?.benchmarks[0]?.processes.length).toBe(first?.processes.length);
    expect(await eventually(() => processesMentioning(run.root).length === 0)).toBe(true);
  });

  it("on SIGHUP keeps a valid partial file and exits 129", async () => {
    const run = startRun("sighup", SLOW);
    await run.when(/\[1\/4\]/);
    run.child.kill("SIGHUP");
    const { code, stderr } = await run.done;
    expect(code, stderr).toBe(129);
    const file = results(run.out);
    expect(file.partial).toBe(true);
    expect(file.partialReason).toContain("SIGHUP");
    expect(measured(file)[0]).toBe("bench_first");
    expect(await eventually(() => processesMentioning(run.root).length === 0)).toBe(true);
  });

  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "on a second %s writes what it measured at once and exits %i",
    async (signal, exitCode) => {
      const run = startRun(`twice-${signal}`, SLOW);
      await run.when(/\[1\/4\]/);
      run.child.kill(signal);
      await run.when(/stopping; the results measured so far are kept/);
      run.child.kill(signal);
      const { code, stderr } = await run.done;
      expect(code, stderr).toBe(exitCode);
      const file = results(run.out);
      expect(file.partial).toBe(true);
      expect(file.partialReason).toContain(signal);
      expect(measured(file)[0]).toBe("bench_first");
      expect(await eventually(() => processesMentioning(run.root).length === 0)).toBe(true);
    },
  );

  it("keeps the benchmarks measured before one that kills the run itself", async () => {
    const suite = `import os
import signal
import time


def bench_first():
    time.sleep(0.002)


def bench_second():
    time.sleep(0.002)


def bench_third_kills_the_run():
    # The benchmark runs in the worker, whose parent is jit-bench run.
    os.kill(os.getppid(), signal.SIGKILL)
`;
    const run = startRun("killer", suite);
    await run.done;
    const file = results(run.out);
    expect(file.partial).toBe(true);
    expect(measured(file)).toEqual(["bench_first", "bench_second"]);
    expect(await eventually(() => processesMentioning(run.root).length === 0)).toBe(true);
  });

  it("makes the output folder again when a benchmark removes it, and loses nothing", async () => {
    const suite = `${SLOW}

import shutil


def bench_zz_removes_output():
    shutil.rmtree(${JSON.stringify(join(dir.path, "remover", "out"))}, ignore_errors=True)
`;
    const run = startRun("remover", suite);
    const { code, stderr } = await run.done;
    expect(code, stderr).toBe(0);
    expect(stderr).toContain("was removed during the run; it was made again");
    const file = results(run.out);
    expect(file.partial).toBe(false);
    expect(measured(file)).toHaveLength(5);
  });
});

describe("nothing a benchmark starts outlives the run", () => {
  it("ends processes started in a new session with an empty environment", async () => {
    const tag = "987654.321";
    const suite = `import os


def bench_leaves_daemons():
    # A double fork into a new session, then exec with an empty environment: no group, no marker.
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execve("/bin/sleep", ["sleep", "${tag}"], {})
        os._exit(0)
    os.wait()
`;
    const run = startRun("daemons", suite);
    const { code, stderr } = await run.done;
    expect(code, stderr).toBe(0);
    expect(measured(results(run.out))).toEqual(["bench_leaves_daemons"]);
    expect(await eventually(() => processesMentioning(`sleep\0${tag}`).length === 0)).toBe(true);
  });

  it("ends them too when the run is killed while they live", async () => {
    const tag = "987654.322";
    const suite = `import os, time


def bench_leaves_daemons_and_hangs():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execve("/bin/sleep", ["sleep", "${tag}"], {})
        os._exit(0)
    os.wait()
    time.sleep(600)
`;
    const run = startRun("daemons-killed", suite, ["--timeout", "600s"]);
    await eventually(() => processesMentioning(`sleep\0${tag}`).length > 0, 1500);
    run.child.kill("SIGKILL");
    await run.done;
    expect(existsSync(run.out)).toBe(true);
    expect(await eventually(() => processesMentioning(`sleep\0${tag}`).length === 0)).toBe(true);
    expect(await eventually(() => processesMentioning(run.root).length === 0)).toBe(true);
  });
});
