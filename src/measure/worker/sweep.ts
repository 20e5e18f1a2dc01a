/**
 * Killing a worker's process group ends everything the benchmark started,
 * except a process that left the group on purpose (setsid, a daemonizing
 * library, a double fork into a new session). Those still carry the
 * environment they were started with, so each worker gets a marker variable
 * of its own, and whatever still holds that marker once the worker is gone is
 * killed. Linux only (it reads /proc); elsewhere the group kill is all there is.
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

/** The variable every worker process, and so everything it starts, inherits. */
export const WORKER_MARKER_VARIABLE = "JIT_BENCH_WORKER";

export function newWorkerMarker(): string {
  return randomBytes(12).toString("hex");
}

/**
 * SIGKILLs every process whose environment holds `marker`, and returns their
 * pids. A process that changed its environment since it started still shows
 * the one it started with in /proc, which is what is read here.
 */
export function killMarkedProcesses(marker: string): number[] {
  const needle = Buffer.from(`\0${WORKER_MARKER_VARIABLE}=${marker}\0`);
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  const killed: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    let environ: Buffer;
    try {
      environ = readFileSync(`/proc/${entry}/environ`);
    } catch {
      continue; // gone already, or not ours to read
    }
    // A leading NUL so that the first variable matches the same way as the others.
    if (!Buffer.concat([Buffer.from([0]), environ, Buffer.from([0])]).includes(needle)) continue;
    try {
      process.kill(pid, "SIGKILL");
      killed.push(pid);
    } catch {
      // ESRCH: it ended by itself meanwhile.
    }
  }
  return killed;
}
