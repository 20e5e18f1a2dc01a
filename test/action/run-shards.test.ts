/**
 * runSuite with a shard: each job measures only the benchmarks its shard owns
 * (by a stable hash of the name), records the shard in the results file, and
 * an empty shard is a valid, empty results file rather than an error.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type RunSettings } from "../../src/core/config/settings.js";
import { shardOf } from "../../src/core/shard.js";
import { runSuite } from "../../src/modes/run/suite.js";

const NAMES = ["bench_sum", "bench_join", "bench_noop"];
const SUITE = NAMES.map((name) => `def ${name}():\n    return 1\n`).join("\n\n");

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "jit-bench-shards-"));
  await mkdir(join(root, "benchmarks"));
  await writeFile(join(root, "benchmarks", "bench_three.py"), SUITE);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function settings(outputDir: string): RunSettings {
  return {
    ...DEFAULT_SETTINGS,
    suite: ["benchmarks"],
    include: [],
    exclude: [],
    root,
    python: ["python3"],
    legs: "off",
    // Exactly 2 processes: no sequential sampling.
    precision: null,
    processes: 2,
    warmups: 0,
    values: 2,
    minTimeMs: 1,
    timeoutMs: 60_000,
    outputDir: join(root, outputDir),
    report: null,
  };
}

async function runShard(index: number, count: number) {
  const log: string[] = [];
  const outcome = await runSuite(settings(`out-${index}-of-${count}`), {
    now: () => new Date("2025-01-01T00:00:00Z"),
    log: (line) => log.push(line),
    warn: () => {},
    signal: new AbortController().signal,
    shard: { index, count },
  });
  return { outcome, log };
}

describe("runSuite with shards", () => {
  it("splits the suite by name across shards, each benchmark measured once", async () => {
    const count = 2;
    const runs = [await runShard(1, count), await runShard(2, count)];
    const measured = runs.map(
      ({ outcome }) => outcome.results.legs.off?.benchmarks.map((b) => b.name) ?? [],
    );
    for (const [i, names] of measured.entries()) {
      expect(names.sort()).toEqual(NAMES.filter((n) => shardOf(n, count) === i + 1).sort());
      expect(runs[i]?.outcome.results.shard).toEqual({ index: i + 1, count });
      expect(runs[i]?.log).toContain(
        `Shard ${i + 1} of ${count}: ${names.length} of the 3 benchmarks.`,
      );
    }
    expect(measured.flat().sort()).toEqual([...NAMES].sort());
  });

  it("writes an empty results file for a shard that owns no benchmark", async () => {
    const count = 50;
    const empty = Array.from({ length: count }, (_, i) => i + 1).find(
      (index) => !NAMES.some((name) => shardOf(name, count) === index),
    );
    if (empty === undefined) throw new Error("every shard owns a benchmark");
    const { outcome } = await runShard(empty, count);
    expect(outcome.results.legs.off?.benchmarks).toEqual([]);
    expect(outcome.results.shard).toEqual({ index: empty, count });
    expect(outcome.problems).toEqual([]);
  });
});
