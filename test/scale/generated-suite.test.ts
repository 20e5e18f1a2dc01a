/**
 * A generated suite of 1,000 benchmarks, for real: discovery names all of
 * them, and one shard of it runs under sequential sampling with a relaxed
 * precision, then compares without errors. (The whole suite, measured, is
 * `npm run bench -- --scale`: minutes, too long for a test.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadComparisonInputs } from "../../src/adapters/results-files.js";
import { compareLegs } from "../../src/core/compare/compare.js";
import { resolveRunSettings } from "../../src/core/config/settings.js";
import { runSuite } from "../../src/modes/run/suite.js";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function generatedSuite(count: number, perFile: number): string {
  const root = mkdtempSync(join(tmpdir(), "jit-bench-generated-"));
  roots.push(root);
  mkdirSync(join(root, "suite"));
  for (let f = 0; f < count / perFile; f++) {
    const lines: string[] = [];
    for (let b = 0; b < perFile; b++) {
      const n = f * perFile + b;
      lines.push(`def bench_generated_${String(n).padStart(4, "0")}():`);
      lines.push(`    return sum(range(${20 + (n % 50)}))`, "", "");
    }
    writeFileSync(join(root, "suite", `bench_part_${f}.py`), lines.join("\n"));
  }
  return root;
}

describe("a generated suite of 1,000 benchmarks", () => {
  it("is discovered whole, and a shard of it runs and compares without errors", async () => {
    const root = generatedSuite(1000, 100);
    const settings = resolveRunSettings({
      flags: {
        suite: ["suite"],
        python: "python3",
        precision: "50%",
        // Generous, so that the budget never decides: this test is about scale, not time.
        budget: "10m",
        warmups: "0",
        values: "2",
        "min-time": "1ms",
        report: false,
      },
      file: null,
      cwd: root,
    });
    const lines: string[] = [];
    const outcome = await runSuite(settings, {
      now: () => new Date(),
      log: (line) => lines.push(line),
      warn: (line) => lines.push(`warning: ${line}`),
      signal: new AbortController().signal,
      shard: { index: 1, count: 200 },
    });
    const found = lines.find((line) => line.startsWith("Shard 1 of 200:"));
    expect(found).toMatch(/of the 1000 benchmarks/);
    expect(outcome.problems).toEqual([]);
    const measured = outcome.results.legs.off?.benchmarks ?? [];
    expect(measured.length).toBeGreaterThan(0);
    for (const bench of measured) {
      expect(bench.status).toBe("ok");
      // The relaxed target is met at or soon after the minimum (how soon depends on
      // the machine's noise); the budget ends nothing early.
      expect(bench.processes.length).toBeGreaterThanOrEqual(6);
      expect(bench.sampling?.stop).toBe("precise");
    }

    const loaded = await loadComparisonInputs([outcome.resultsPath]);
    if (loaded.kind !== "results") throw new Error(`loaded as ${loaded.kind}`);
    const comparison = compareLegs(loaded.baseline, loaded.candidate, { resamples: 50 });
    expect(comparison.rows).toHaveLength(measured.length);
    expect(comparison.rows.every((r) => r.speedup !== null && r.interval !== null)).toBe(true);
  });
});
