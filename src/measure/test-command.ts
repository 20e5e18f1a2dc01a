/**
 * One run of the team's test command: `/bin/sh -c COMMAND` as the leader of
 * its own process group, so that whatever it starts can be found and killed
 * with it. At the timeout the group gets SIGABRT first (faulthandler prints
 * where each Python process was: the hung test) and SIGKILL a moment later.
 * When the shell ends, anything of its group still alive half a second later is
 * counted and killed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";

export interface TestCommandRequest {
  readonly command: string;
  readonly cwd: string;
  /** The whole environment of the command. */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Between SIGABRT and SIGKILL at the timeout. */
  readonly graceMs?: number;
  /** Aborting ends the run like the timeout does. */
  readonly signal?: AbortSignal;
  /** Characters of output kept, from the end. */
  readonly keepChars?: number;
}

export interface TestCommandResult {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly durationMs: number;
  /** The end of stdout and stderr, interleaved as they arrived. */
  readonly output: string;
  /** Processes of the group still alive when the shell ended; they were killed. */
  readonly survivors: number;
}

const DEFAULT_GRACE_MS = 2000;
/** How long a process of the group may take to exit after the command did before it counts as left behind. */
const SETTLE_MS = 500;
const DEFAULT_KEEP_CHARS = 256 * 1024;

export function runTestCommand(request: TestCommandRequest): Promise<TestCommandResult> {
  const keep = request.keepChars ?? DEFAULT_KEEP_CHARS;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", request.command], {
      cwd: request.cwd,
      env: { ...request.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    const take = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.length > keep * 2) output = output.slice(-keep);
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      if (timedOut || child.pid === undefined) return;
      timedOut = true;
      signalGroup(child.pid, "SIGABRT");
      killTimer = setTimeout(() => {
        if (child.pid !== undefined) signalGroup(child.pid, "SIGKILL");
      }, request.graceMs ?? DEFAULT_GRACE_MS);
    };
    const timer = setTimeout(stop, request.timeoutMs);
    request.signal?.addEventListener("abort", stop, { once: true });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // "exit", not "close": a process the command left running may hold its pipes open.
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (killTimer !== undefined) clearTimeout(killTimer);
      request.signal?.removeEventListener("abort", stop);
      const pid = child.pid;
      const ended = performance.now() - started;
      void (async () => {
        // Stopped at the timeout, its processes get the grace to print their tracebacks and die;
        // otherwise a moment to finish exiting, so that only a process that stays is reported.
        if (pid !== undefined) {
          await groupGone(pid, timedOut ? (request.graceMs ?? DEFAULT_GRACE_MS) : SETTLE_MS);
        }
        const survivors = pid === undefined ? 0 : await killGroup(pid);
        await pipesClosed(child, 1000);
        resolve({
          exitCode: code,
          signal,
          timedOut,
          durationMs: ended,
          output: output.slice(-keep),
          survivors,
        });
      })();
    });
  });
}

/** Waits until no live process of the group is left, or `ms` have passed. */
async function groupGone(pgid: number, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    if ((await liveMembers(pgid)) === 0) return;
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** The output still on its way once the group is gone, waited for briefly. */
function pipesClosed(child: ChildProcess, ms: number): Promise<void> {
  return new Promise((done) => {
    if (child.stdout?.closed && child.stderr?.closed) return done();
    const timer = setTimeout(done, ms);
    child.once("close", () => {
      clearTimeout(timer);
      done();
    });
  });
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is gone already.
  }
}

/** Counts the group's live members, then kills them. */
async function killGroup(pgid: number): Promise<number> {
  const alive = await liveMembers(pgid);
  if (alive > 0) signalGroup(pgid, "SIGKILL");
  return alive;
}

/**
 * Members of the group that still run: from /proc, where zombies (ended,
 * waiting for a parent to collect them) do not count; elsewhere, whether a
 * signal can reach the group at all.
 */
async function liveMembers(pgid: number): Promise<number> {
  let names: string[];
  try {
    names = await readdir("/proc");
  } catch {
    try {
      process.kill(-pgid, 0);
      return 1;
    } catch {
      return 0;
    }
  }
  let count = 0;
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, "utf8");
      // Fields after the command's closing parenthesis: state, ppid, pgrp, ...
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid && fields[0] !== "Z") count += 1;
    } catch {
      // The process ended while the list was read.
    }
  }
  return count;
}
