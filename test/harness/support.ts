/**
 * Shared by the harness and worker tests: the interpreters on this machine,
 * the fixture suites, and checks that a process is really gone.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { WorkerOptions } from "../../src/measure/worker/calls.js";
import { DEBIAN_PYTHON, pyenvPython } from "../pythons.js";

/** Looked up when a test asks, so that a missing one fails that test with the command that installs it. */
export const PY = {
  get py27() {
    return pyenvPython("2.7");
  },
  get py38() {
    return pyenvPython("3.8");
  },
  get py39() {
    return pyenvPython("3.9");
  },
  get py313() {
    return pyenvPython("3.13");
  },
  debian311: DEBIAN_PYTHON,
  default: "python3",
};

export const REPO = resolve(import.meta.dirname, "..", "..");
export const HARNESS = join(REPO, "src", "harness");
export const SUITES = join(REPO, "test", "fixtures", "suites");
export const SEED_PROJECT = join(REPO, "test", "fixtures", "seed-project");

export function options(
  python: string | readonly string[],
  overrides: Partial<WorkerOptions> = {},
): WorkerOptions {
  return {
    python: typeof python === "string" ? [python] : python,
    root: SUITES,
    env: {},
    timeoutMs: 30_000,
    ...overrides,
  };
}

/** The state letter of a process from /proc (R, S, Z, ...), or null when there is no such process. */
function procState(pid: number): { state: string; pgrp: number } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The command name is in parentheses and may hold spaces; the fields after it are fixed.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0] ?? "?", pgrp: Number(fields[2]) };
}

/** True when the process is not running: gone, or a zombie waiting for a parent to reap it. */
export function pidGone(pid: number): boolean {
  const state = procState(pid);
  return state === null || state.state === "Z" || state.state === "X";
}

/** True when nothing in the process group led by `pgid` is still running. */
export function groupGone(pgid: number): boolean {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const state = procState(Number(entry));
    if (state && state.pgrp === pgid && state.state !== "Z" && state.state !== "X") return false;
  }
  return true;
}

/** Polls until `check` holds or `attempts` run out; for processes the kernel reaps a moment later. */
export async function eventually(check: () => boolean, attempts = 100): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}
