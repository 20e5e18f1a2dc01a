/**
 * profileMeasured on its own, with real profiling processes: one leg at a
 * time, a profiling process that fails, a profile too short to draw, and
 * files of earlier runs in the same folder.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenchmarkResult, Leg } from "../../src/core/results.js";
import { type ProfilePlan, profileMeasured } from "../../src/measure/profile.js";
import type { BenchmarkRef } from "../../src/measure/worker/calls.js";

const ROOT = resolve(import.meta.dirname, "..", "fixtures", "profile");
const known: BenchmarkRef = { name: "bench_known", file: "known_workload.py", async: false };
const fails: BenchmarkRef = { name: "bench_fails", file: "known_workload.py", async: false };

let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "jit-bench-profile-measured-"));
});

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

function plan(legs: Leg[], seconds: number, outputDir: string): ProfilePlan {
  return {
    legs,
    seconds,
    outputDir,
    worker: (leg) => ({
      python: ["python3"],
      root: ROOT,
      env: { PYTHON_JIT: leg === "on" ? "1" : "0" },
      timeoutMs: 30_000,
    }),
  };
}

/** A measured result as measureBenchmark leaves it; only its status matters here. */
function measured(name: string, status: BenchmarkResult["status"] = "ok"): BenchmarkResult {
  return {
    name,
    file: "known_workload.py",
    async: false,
    status,
    reason: status === "ok" ? null : "it broke",
    loops: 1,
    processes: [],
    failures: [],
    stats: null,
    summary: null,
  };
}

function counter(start: number) {
  let next = start;
  return () => next++;
}

const signal = new AbortController().signal;

describe("profileMeasured", () => {
  it("profiles one leg, records its process and graph, and leaves the other leg's files alone", async () => {
    const dir = join(out, "one-leg");
    await mkdir(join(dir, "flamegraphs"), { recursive: true });
    await writeFile(join(dir, "flamegraphs", "bench_known.off.svg"), "<svg/>");
    const result = { off: undefined, on: measured("bench_known") };
    const lines = await profileMeasured(plan(["on"], 0.3, dir), known, result, {
      nextOrder: counter(7),
      signal,
    });
    const record = result.on.profile;
    if (record?.status !== "ok") throw new Error("expected a profile");
    expect(record.order).toBe(7);
    expect(record.stacks).toBe("flamegraphs/bench_known.on.collapsed");
    expect(record.graphs).toEqual(["flamegraphs/bench_known.on.svg"]);
    expect(record.notes).toEqual([]);
    expect(lines).toEqual([
      { level: "info", text: "bench_known: flame graphs flamegraphs/bench_known.on.svg" },
    ]);
    expect(existsSync(join(dir, "flamegraphs", "bench_known.off.svg"))).toBe(true);
  });

  it("records a failed profiling process with its reason, as a warning", async () => {
    const result = { off: measured("bench_fails"), on: undefined };
    const lines = await profileMeasured(plan(["off"], 0.2, join(out, "fails")), fails, result, {
      nextOrder: counter(0),
      signal,
    });
    expect(result.off.profile).toMatchObject({ role: "profile", order: 0, status: "failed" });
    const profile = result.off.profile;
    expect(profile?.status === "failed" && profile.reason).toMatch(
      /^raised ValueError: this benchmark always fails/,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe("warning");
    expect(lines[0]?.text).toMatch(/^bench_fails: profiling the JIT-off leg raised ValueError/);
  });

  it("gives a profile too short to draw a note, and removes that graph left by an earlier run", async () => {
    const dir = join(out, "short");
    await mkdir(join(dir, "flamegraphs"), { recursive: true });
    await writeFile(join(dir, "flamegraphs", "bench_known.off.svg"), "<svg>stale</svg>");
    const result = { off: measured("bench_known"), on: undefined };
    const lines = await profileMeasured(plan(["off"], 0.004, dir), known, result, {
      nextOrder: counter(0),
      signal,
    });
    const record = result.off.profile;
    if (record?.status !== "ok") throw new Error("expected a profile");
    expect(record.samples).toBeLessThan(20);
    expect(record.graphs).toEqual([]);
    expect(record.notes).toHaveLength(1);
    expect(lines.map((line) => line.text)).toEqual(record.notes);
    expect(existsSync(join(dir, "flamegraphs", "bench_known.off.svg"))).toBe(false);
    expect(existsSync(join(dir, "flamegraphs", "bench_known.off.collapsed"))).toBe(true);
  });

  it("does not profile a benchmark that failed or was skipped", async () => {
    const result = { off: measured("bench_known", "skipped"), on: measured("bench_known") };
    const order = counter(0);
    const lines = await profileMeasured(
      plan(["off", "on"], 0.2, join(out, "skip")),
      known,
      result,
      {
        nextOrder: order,
        signal,
      },
    );
    expect(lines).toEqual([{ level: "info", text: "bench_known: not profiled (skipped)." }]);
    expect(result.off.profile).toBeUndefined();
    expect(result.on.profile).toBeUndefined();
    expect(order()).toBe(0);
  });

  it("starts nothing once the run is stopped", async () => {
    const stop = new AbortController();
    stop.abort("test");
    const result = { off: measured("bench_known"), on: undefined };
    await profileMeasured(plan(["off"], 0.2, join(out, "stopped")), known, result, {
      nextOrder: counter(0),
      signal: stop.signal,
    });
    expect(result.off.profile).toBeUndefined();
  });
});
