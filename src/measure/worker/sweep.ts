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

/** Where the harness looks for the pid of the process that started it (_jitbench_guard.py). */
export const PARENT_PID_VARIABLE = "JIT_BENCH_PARENT_PID";

/**
 * SIGKILLs every live descendant of `root` (not `root` itself), scanning
 * again until none is left. The harness is a child subreaper, so a process
 * the benchmark started in a new session with an empty environment is still
 * its descendant, until the harness dies: hence before the harness.
 */
export function killDescendants(root: number): number[] {
  const killed: number[] = [];
  for (let round = 0; round < 20; round += 1) {
    const children = childrenByParent();
    const found: number[] = [];
    const queue = [...(children.get(root) ?? [])];
    while (queue.length > 0) {
      const pid = queue.pop() as number;
      found.push(pid);
      queue.push(...(children.get(pid) ?? []));
    }
    if (found.length === 0) break;
    for (const pid of found) {
      try {
        process.kill(pid, "SIGKILL");
        killed.push(pid);
      } catch {
        // ESRCH: it ended by itself meanwhile.
      }
    }
  }
  return killed;
}

/** Live processes by parent pid, from /proc; empty where there is no /proc. */
function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return children;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "latin1");
    } catch {
      continue;
    }
    // The command name may hold spaces and parentheses: the fields after the last ")" are fixed.
    const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (state === undefined || state === "Z" || state === "X") continue;
    const parent = Number(ppid);
    const list = children.get(parent);
    if (list) list.push(Number(entry));
    else children.set(parent, [Number(entry)]);
  }
  return children;
}
