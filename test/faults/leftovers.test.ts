/**
 * The end-of-run check (leftovers.global.ts) finds what it is meant to find:
 * a process carrying a worker's marker, even one in a session of its own.
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { WORKER_MARKER_VARIABLE } from "../../src/measure/worker/sweep.js";
import { livePids, strayProcesses, TEST_RUN_VARIABLE } from "./leftovers.js";
import { eventually, pidGone } from "./support.js";

describe("the leftover check", () => {
  it("finds a process a worker left behind, and not the ones that were there before", async () => {
    const before = livePids();
    const child = spawn("sleep", ["30"], {
      detached: true,
      stdio: "ignore",
      env: { ...process.env, [WORKER_MARKER_VARIABLE]: "leftover-check" },
    });
    const pid = child.pid ?? 0;
    try {
      expect(await eventually(() => strayProcesses(before).some((p) => p.pid === pid))).toBe(true);
      expect(strayProcesses(new Set([...before, pid])).some((p) => p.pid === pid)).toBe(false);
    } finally {
      child.kill("SIGKILL");
    }
    expect(await eventually(() => pidGone(pid))).toBe(true);
  });

  it("leaves another test run's workers to that run, and counts a worker that names no run", async () => {
    const before = livePids();
    const start = (run: string | null) =>
      spawn("sleep", ["30"], {
        detached: true,
        stdio: "ignore",
        env: {
          PATH: process.env.PATH ?? "",
          [WORKER_MARKER_VARIABLE]: "leftover-check",
          ...(run === null ? {} : { [TEST_RUN_VARIABLE]: run }),
        },
      });
    const children = { mine: start("run-a"), other: start("run-b"), none: start(null) };
    const pid = (name: keyof typeof children) => children[name].pid ?? 0;
    try {
      const seen = () => strayProcesses(before, "run-a").map((p) => p.pid);
      expect(await eventually(() => seen().includes(pid("mine")))).toBe(true);
      expect(await eventually(() => seen().includes(pid("none")))).toBe(true);
      expect(seen()).not.toContain(pid("other"));
      // Seen from the other run, it is the first run's worker that is left alone.
      expect(strayProcesses(before, "run-b").map((p) => p.pid)).toContain(pid("other"));
      expect(strayProcesses(before, "run-b").map((p) => p.pid)).not.toContain(pid("mine"));
    } finally {
      for (const child of Object.values(children)) child.kill("SIGKILL");
    }
    for (const name of ["mine", "other", "none"] as const) {
      expect(await eventually(() => pidGone(pid(name)))).toBe(true);
    }
  });
});
