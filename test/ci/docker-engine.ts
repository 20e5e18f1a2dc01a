/**
 * The Docker engine a test run started, stopped when `npm test` ends.
 * `.ci/provision` starts one only when none answers, through
 * `.ci/setup-docker`, which then writes the engine's pid to ENGINE_MARKER.
 * An engine started any other way (the system's own, or one started by hand)
 * has no marker and is never stopped here. Every test run registers itself
 * while it lasts, so a run that ends while others still use the engine
 * leaves it to the last one. JIT_BENCH_KEEP_DOCKER=1 keeps it running, and
 * the next `npm test` then starts in seconds.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Where .ci/setup-docker and .ci/stop-docker keep their state; keep in step with both. */
export const STATE_DIR = "/var/run/jit-bench";
/** Written by .ci/setup-docker when it started dockerd for the tests: the daemon's pid. */
export const ENGINE_MARKER = "engine-for-tests";
export const KEEP_VARIABLE = "JIT_BENCH_KEEP_DOCKER";

const RUNS = "test-runs";

export type EngineAction =
  /** No engine of the tests' own, or this run may not stop it. */
  | { action: "none" }
  | { action: "keep"; pid: number }
  | { action: "leave"; pid: number; otherRuns: number }
  | { action: "stop"; pid: number };

export interface EngineFacts {
  /** The dockerd a test setup started and that still runs, else null. */
  enginePid: number | null;
  /** JIT_BENCH_KEEP_DOCKER=1. */
  keep: boolean;
  /** Started by `npm test`, whose pretest may have started the engine; a bare `vitest run` did not. */
  npmTest: boolean;
  /** Other test runs still going, each of which may be using the engine. */
  otherRuns: number;
}

export function decide(facts: EngineFacts): EngineAction {
  const pid = facts.enginePid;
  if (pid === null || !facts.npmTest) return { action: "none" };
  if (facts.keep) return { action: "keep", pid };
  if (facts.otherRuns > 0) return { action: "leave", pid, otherRuns: facts.otherRuns };
  return { action: "stop", pid };
}

/** What the end of the run says about the engine; null when there is nothing to say. */
export function engineMessage(decision: EngineAction): string | null {
  const engine = (pid: number) => `the Docker engine the test setup started (dockerd, pid ${pid})`;
  switch (decision.action) {
    case "none":
      return null;
    case "keep":
      return `docker: ${engine(decision.pid)} keeps running, as ${KEEP_VARIABLE}=1 asks; stop it with: sudo bash .ci/stop-docker`;
    case "leave":
      return `docker: ${engine(decision.pid)} keeps running for the ${decision.otherRuns} other test run(s) using it; the last to end stops it`;
    case "stop":
      return `docker: stopping ${engine(decision.pid)}; set ${KEEP_VARIABLE}=1 to keep it running for the next run`;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Is `pid` a running dockerd? */
export function isDockerd(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "dockerd";
  } catch {
    return false;
  }
}

/** The pid in the marker when it is still that dockerd; a stale marker is removed. */
export function markedEngine(
  stateDir: string,
  running: (pid: number) => boolean = isDockerd,
): number | null {
  const marker = join(stateDir, ENGINE_MARKER);
  let pid: number;
  try {
    pid = Number(readFileSync(marker, "utf8").trim());
  } catch {
    return null;
  }
  if (Number.isInteger(pid) && pid > 0 && running(pid)) return pid;
  rmSync(marker, { force: true });
  return null;
}

/** Records this run while it lasts; false when the state folder cannot be written (no root). */
export function registerRun(stateDir: string, pid: number = process.pid): boolean {
  try {
    mkdirSync(join(stateDir, RUNS), { recursive: true });
    writeFileSync(join(stateDir, RUNS, String(pid)), "");
    return true;
  } catch {
    return false;
  }
}

export function unregisterRun(stateDir: string, pid: number = process.pid): void {
  rmSync(join(stateDir, RUNS, String(pid)), { force: true });
}

/** Registered runs other than `pid` that still go; those of runs that died are removed. */
export function otherRuns(stateDir: string, pid: number = process.pid): number {
  let entries: string[];
  try {
    entries = readdirSync(join(stateDir, RUNS));
  } catch {
    return 0;
  }
  let count = 0;
  for (const entry of entries) {
    const other = Number(entry);
    if (other === pid) continue;
    if (Number.isInteger(other) && other > 0 && alive(other)) count++;
    else rmSync(join(stateDir, RUNS, entry), { force: true });
  }
  return count;
}
