/**
 * What a test run may leave behind, found the same way at the end of every
 * run (leftovers.global.ts) and in a test of its own: worker processes and
 * whatever they started (each carries the worker marker in its environment),
 * Azurite servers, worker containers, and temporary folders.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { CONTAINER_LABEL } from "../../src/adapters/docker.js";
import { WORKER_MARKER_VARIABLE } from "../../src/measure/worker/sweep.js";

/** The prefix of every temporary folder the fault suite makes. */
export const FAULTS_TEMP_PREFIX = "jit-bench-faults-";

export interface StrayProcess {
  pid: number;
  command: string;
}

function read(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

/** Running (not zombie) processes that a worker started, or Azurite servers not in `known`. */
/**
 * Names one test run in the environment of everything it starts, so that a
 * run can tell its own leftovers from those of another checkout's run on the
 * same machine at the same time.
 */
export const TEST_RUN_VARIABLE = "JIT_BENCH_TEST_RUN";

export function strayProcesses(
  known: ReadonlySet<number> = new Set(),
  run: string | undefined = process.env[TEST_RUN_VARIABLE],
): StrayProcess[] {
  const marker = Buffer.from(`${WORKER_MARKER_VARIABLE}=`);
  const anyRun = Buffer.from(`\0${TEST_RUN_VARIABLE}=`);
  const thisRun = Buffer.from(`\0${TEST_RUN_VARIABLE}=${run ?? ""}\0`);
  const found: StrayProcess[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid || known.has(pid)) continue;
    const stat = read(`/proc/${entry}/stat`)?.toString() ?? "";
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    if (state === "" || state === "Z" || state === "X") continue;
    const command = (read(`/proc/${entry}/cmdline`) ?? Buffer.alloc(0))
      .toString()
      .split("\0")
      .join(" ")
      .trim();
    const environ = read(`/proc/${entry}/environ`) ?? Buffer.alloc(0);
    // Another run's (it names a run, not this one) is that run's to judge; one naming none is counted.
    const entries = Buffer.concat([Buffer.from([0]), environ]);
    const otherRun = run !== undefined && entries.includes(anyRun) && !entries.includes(thisRun);
    if (otherRun) continue;
    if (environ.includes(marker) || /azurite/.test(command)) found.push({ pid, command });
  }
  return found;
}

/** Every live pid now, so that processes from before a run are not blamed on it. */
export function livePids(): Set<number> {
  return new Set(
    readdirSync("/proc")
      .filter((e) => /^\d+$/.test(e))
      .map(Number),
  );
}

export function tempEntries(): Set<string> {
  return new Set(readdirSync(tmpdir()));
}

/** Worker containers, by their label; none when there is no Docker engine to ask. */
export function strayContainers(): string[] {
  const run = spawnSync("docker", ["ps", "-aq", "--filter", `label=${CONTAINER_LABEL}`], {
    encoding: "utf8",
    timeout: 20_000,
  });
  if (run.status !== 0) return [];
  return run.stdout.split("\n").filter(Boolean);
}
