/**
 * The sampler on real interpreters, against a workload whose shape is known:
 * bench_known spends about nine tenths of its time in heavy_helper and one
 * tenth in light_helper. The profile must say so, and the SVG drawn from it
 * must give heavy_helper a width in proportion to its samples.
 */
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { profileFromCounts, renderFlameGraph } from "../../src/core/flamegraph/index.js";
import { INNER_WIDTH } from "../../src/core/flamegraph/svg.js";
import { pyenvPython } from "../pythons.js";
import { frameNamed } from "./svg-frames.js";

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, "..", "..");
const HARNESS = join(REPO, "src", "harness");
const FIXTURES = join(REPO, "test", "fixtures", "profile");

interface ProfileResult {
  method?: string;
  samples?: number;
  outside?: number;
  calls?: number;
  async?: boolean;
  stacks?: Record<string, number>;
  error?: string;
  message?: string;
  switchIntervalRestored: boolean;
}

async function profile(python: string, name: string, seconds = 0.4): Promise<ProfileResult> {
  const { stdout } = await run(
    python,
    [
      "-B",
      join(FIXTURES, "drive.py"),
      HARNESS,
      FIXTURES,
      "known_workload.py",
      name,
      String(seconds),
      "0.001",
    ],
    {
      timeout: 60_000,
      killSignal: "SIGKILL",
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    },
  );
  return JSON.parse(stdout) as ProfileResult;
}

/** Samples with `frame` anywhere on the stack, over all samples. */
function inclusiveShare(stacks: Record<string, number>, frame: string): number {
  let hits = 0;
  let total = 0;
  for (const [stack, count] of Object.entries(stacks)) {
    total += count;
    if (stack.split(";").includes(frame)) hits += count;
  }
  return hits / total;
}

const HEAVY = "known_workload:heavy_helper";
const LIGHT = "known_workload:light_helper";

describe.each([
  ["3.9", pyenvPython("3.9")],
  ["3.13", pyenvPython("3.13")],
])("profiling a known workload on Python %s", (_version, python) => {
  it("finds the helper that dominates, with stacks that start at the benchmark", async () => {
    const result = await profile(python, "bench_known");
    const stacks = result.stacks ?? {};
    expect(result.method).toBe("sys._current_frames");
    expect(result.samples).toBeGreaterThanOrEqual(50);
    expect(Object.values(stacks).reduce((a, b) => a + b, 0)).toBe(result.samples);
    for (const stack of Object.keys(stacks)) {
      expect(stack.split(";")[0]).toBe("known_workload:bench_known");
    }
    const heavy = inclusiveShare(stacks, HEAVY);
    const light = inclusiveShare(stacks, LIGHT);
    expect(heavy).toBeGreaterThan(0.7);
    expect(light).toBeLessThan(heavy / 3);
    expect(result.switchIntervalRestored).toBe(true);
  });

  it("draws the helper with a width in proportion to its samples", async () => {
    const result = await profile(python, "bench_known");
    const stacks = result.stacks ?? {};
    const graph = renderFlameGraph(profileFromCounts(stacks, "profile"), { title: "bench_known" });
    if (graph.kind !== "svg") throw new Error(graph.note);
    const heavy = frameNamed(graph.svg, HEAVY);
    const bench = frameNamed(graph.svg, "known_workload:bench_known");
    const share = inclusiveShare(stacks, HEAVY);
    expect(heavy.width / INNER_WIDTH).toBeCloseTo(share, 2);
    expect(bench.width).toBeCloseTo(INNER_WIDTH, 1);
    expect(heavy.width).toBeGreaterThan(0.7 * INNER_WIDTH);
    expect(heavy.title).toContain(HEAVY);
    expect(heavy.depth).toBe(2);
  });

  it("profiles an async benchmark on an event loop, starting at the coroutine", async () => {
    const result = await profile(python, "bench_known_async");
    const stacks = result.stacks ?? {};
    expect(result.async).toBe(true);
    expect(result.samples).toBeGreaterThanOrEqual(50);
    for (const stack of Object.keys(stacks)) {
      expect(stack.split(";")[0]).toBe("known_workload:bench_known_async");
    }
    expect(inclusiveShare(stacks, HEAVY)).toBeGreaterThan(0.7);
  });

  it("lets a failing benchmark's exception through and restores the switch interval", async () => {
    const result = await profile(python, "bench_fails", 0.2);
    expect(result.error).toBe("ValueError");
    expect(result.message).toBe("this benchmark always fails");
    expect(result.switchIntervalRestored).toBe(true);
  });

  it("cuts stacks deeper than the harness's bound, marking the cut", async () => {
    const result = await profile(python, "bench_deep", 0.3);
    const stacks = Object.keys(result.stacks ?? {});
    expect(stacks.length).toBeGreaterThan(0);
    const depths = stacks.map((stack) => stack.split(";").length);
    expect(Math.max(...depths)).toBe(256);
    const cut = stacks.filter((stack) => stack.endsWith(";(deeper frames cut)"));
    expect(cut.length).toBeGreaterThan(0);
    // The cut stacks are the ones that reached heavy_helper at the bottom of the recursion.
    expect(stacks.some((stack) => stack.endsWith(HEAVY))).toBe(false);
    expect(profileFromCounts(result.stacks, "deep").total).toBe(result.samples);
  });
});
