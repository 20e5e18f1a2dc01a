/**
 * The end-of-run check (leftovers.global.ts) finds what it is meant to find:
 * a process carrying a worker's marker, even one in a session of its own.
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { WORKER_MARKER_VARIABLE } from "../../src/measure/worker/sweep.js";
import { livePids, strayProcesses } from "./leftovers.js";
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
});
