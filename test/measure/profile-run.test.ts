/**
 * `jit-bench run --profile` on real interpreters: profiling happens in extra
 * processes of their own, recorded with role "profile", and the timed
 * processes are the same ones, in the same order, as in a run without it;
 * the harness itself says that no timed process had a sampler loaded. The
 * known-shaped benchmark's graphs show its helper in proportion, a failing
 * benchmark does not stop the others' graphs, and a benchmark that gives too
 * few samples gets a note instead of an SVG.
 */
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunSettings, resolveRunSettings } from "../../src/core/config/settings.js";
import { parseCollapsed } from "../../src/core/flamegraph/index.js";
import { INNER_WIDTH } from "../../src/core/flamegraph/svg.js";
import {
  type BenchmarkResult,
  type Leg,
  parseResultsFile,
  type ResultsFile,
} from "../../src/core/results.js";
import { runSuite } from "../../src/modes/run/suite.js";
import { frameNamed } from "../flamegraph/svg-frames.js";

const FIXTURE = resolve(import.meta.dirname, "..", "fixtures", "profile-run");
const HEAVY = "bench_profiled:heavy_helper";

let root: string;

/** Through the settings resolver, as flags would give them: processes set means exactly that many. */
function settings(outputDir: string, profile: boolean): RunSettings {
  return resolveRunSettings({
    flags: {
      suite: ["benchmarks"],
      python: "python3",
      legs: "both",
      processes: "2",
      warmups: "0",
      values: "2",
      "min-time": "1ms",
      timeout: "60s",
      "output-dir": outputDir,
      report: false,
      profile,
      "profile-time": "400ms",
    },
    file: null,
    cwd: root,
  });
}

async function run(outputDir: string, profile: boolean) {
  const log: string[] = [];
  const warnings: string[] = [];
  const outcome = await runSuite(settings(outputDir, profile), {
    now: () => new Date("2025-01-01T00:00:00Z"),
    log: (line) => log.push(line),
    warn: (line) => warnings.push(line),
    signal: new AbortController().signal,
  });
  // What compare and the action read: the file on disk, through the schema.
  const file = parseResultsFile(JSON.parse(await readFile(outcome.resultsPath, "utf8")), "results");
  return { outcome, file, log, warnings };
}

function bench(file: ResultsFile, leg: Leg, name: string): BenchmarkResult {
  const found = file.legs[leg]?.benchmarks.find((b) => b.name === name);
  if (!found) throw new Error(`no ${name} in the JIT-${leg} leg`);
  return found;
}

/** Every timed process of the run as "name leg index", in the run's own order. */
function timedSequence(file: ResultsFile): string[] {
  const all = (["off", "on"] as const).flatMap((leg) =>
    (file.legs[leg]?.benchmarks ?? []).flatMap((b) =>
      b.processes.map((p) => ({ key: `${b.name} ${leg} ${p.index}`, order: p.order })),
    ),
  );
  return all.sort((a, b) => a.order - b.order).map((p) => p.key);
}

let profiled: Awaited<ReturnType<typeof run>>;
let plain: Awaited<ReturnType<typeof run>>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "jit-bench-profile-run-"));
  await cp(FIXTURE, root, { recursive: true });
  profiled = await run("with-profile", true);
  plain = await run("without-profile", false);
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe("the recorded process roles", () => {
  it("keeps the timed processes as they are without --profile: same count, same order", () => {
    const withProfile = timedSequence(profiled.file);
    expect(withProfile.length).toBeGreaterThan(0);
    expect(withProfile).toEqual(timedSequence(plain.file));
  });

  it("records every timed process as timed, with the harness saying no sampler was loaded", () => {
    for (const leg of ["off", "on"] as const) {
      for (const b of profiled.file.legs[leg]?.benchmarks ?? []) {
        for (const p of b.processes) {
          expect(p.role).toBe("timed");
          expect(p.sampler).toBe(false);
        }
      }
    }
  });

  it("profiles in separate processes of role profile, after the benchmark's timed ones", () => {
    const timedOrders = new Set<number>();
    const profileOrders: number[] = [];
    for (const leg of ["off", "on"] as const) {
      for (const b of profiled.file.legs[leg]?.benchmarks ?? []) {
        for (const p of b.processes) timedOrders.add(p.order);
        if (b.profile) {
          expect(b.profile.role).toBe("profile");
          profileOrders.push(b.profile.order);
          const lastTimed = Math.max(...b.processes.map((p) => p.order));
          expect(b.profile.order).toBeGreaterThan(lastTimed);
        }
      }
    }
    // Two profiled benchmarks (the failing one is not profiled), one process per leg each.
    expect(profileOrders).toHaveLength(4);
    expect(new Set(profileOrders).size).toBe(4);
    for (const order of profileOrders) expect(timedOrders.has(order)).toBe(false);
    // Without --profile there is no profiling process at all.
    for (const leg of ["off", "on"] as const) {
      for (const b of plain.file.legs[leg]?.benchmarks ?? []) expect(b.profile).toBeUndefined();
    }
  });
});

describe("the flame graphs", () => {
  it("finds the helper that dominates, and draws it with a width in proportion", async () => {
    const dir = dirname(profiled.outcome.resultsPath);
    for (const leg of ["off", "on"] as const) {
      const record = bench(profiled.file, leg, "bench_shaped").profile;
      if (record?.status !== "ok") throw new Error(`no profile of bench_shaped, JIT ${leg}`);
      expect(record.method).toBe("sys._current_frames");
      expect(record.samples).toBeGreaterThanOrEqual(50);
      const stacks = parseCollapsed(await readFile(join(dir, record.stacks), "utf8"), "stacks");
      expect(stacks.total).toBe(record.samples);
      const heavy = stacks.stacks
        .filter((s) => s.frames.includes(HEAVY))
        .reduce((sum, s) => sum + s.count, 0);
      expect(heavy / stacks.total).toBeGreaterThan(0.7);

      const own = record.graphs.find((path) => path.endsWith(`.${leg}.svg`));
      if (own === undefined) throw new Error(`no ${leg} graph recorded`);
      const svg = await readFile(join(dir, own), "utf8");
      expect(frameNamed(svg, HEAVY).width / INNER_WIDTH).toBeCloseTo(heavy / stacks.total, 2);
    }
    const on = bench(profiled.file, "on", "bench_shaped").profile;
    expect(on?.status === "ok" && on.graphs).toEqual([
      "flamegraphs/bench_shaped.on.svg",
      "flamegraphs/bench_shaped.diff.svg",
    ]);
    expect(existsSync(join(dir, "flamegraphs", "bench_shaped.diff.svg"))).toBe(true);
    expect(profiled.log).toContain(
      "  bench_shaped: flame graphs flamegraphs/bench_shaped.off.svg, flamegraphs/bench_shaped.on.svg, flamegraphs/bench_shaped.diff.svg",
    );
    // The one-line reading follows. This interpreter has no JIT, so it puts no
    // frame down to the JIT: both graphs ran the same interpreter.
    const reading = profiled.log.find((line) => line.startsWith("  bench_shaped: No frame is"));
    expect(reading).toMatch(
      /^ {2}bench_shaped: No frame is attributed to the JIT: the JIT leg ran without one \(.+\), so the graphs compare two runs of the same interpreter\.$/,
    );
    expect(profiled.log.join("\n")).not.toContain("grew most under the JIT");
  });

  it("still draws the others' graphs when a benchmark fails, and says it was not profiled", () => {
    const failed = bench(profiled.file, "off", "bench_fails");
    expect(failed.status).toBe("failed");
    expect(failed.profile).toBeUndefined();
    expect(profiled.log).toContain("  bench_fails: not profiled (failed).");
    expect(bench(profiled.file, "on", "bench_shaped").profile?.status).toBe("ok");
  });

  it("gives a benchmark with too few samples a note, and no SVG at all", () => {
    const dir = dirname(profiled.outcome.resultsPath);
    for (const leg of ["off", "on"] as const) {
      const record = bench(profiled.file, leg, "bench_waits").profile;
      if (record?.status !== "ok") throw new Error(`no profile of bench_waits, JIT ${leg}`);
      expect(record.samples).toBeLessThan(20);
      expect(record.outside).toBeGreaterThan(record.samples);
      expect(record.graphs).toEqual([]);
      expect(record.notes[0]).toMatch(/fewer than the 20 a flame graph needs, so none was drawn/);
      expect(existsSync(join(dir, "flamegraphs", `bench_waits.${leg}.svg`))).toBe(false);
    }
    expect(profiled.log.some((line) => line.includes("bench_waits: JIT off"))).toBe(true);
  });
});
