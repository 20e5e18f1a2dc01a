/**
 * Golden files of the variants report, from synthetic files (no clock, a
 * fixed seed): five variants over fifty benchmarks, whose Markdown must fit a
 * GitHub comment, and two variants where the baseline is fastest. After an
 * intended change, regenerate them with
 * UPDATE_GOLDEN=1 npx vitest run test/core/render/variants-golden.test.ts
 * and read the diff before committing it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { COMMENT_LIMIT_CHARS } from "../../../src/core/render/limits.js";
import { renderVariantsMarkdown } from "../../../src/core/render/variants.js";
import { renderVariantsText } from "../../../src/core/render/variants-text.js";
import { compareVariants } from "../../../src/core/variants/compare.js";
import type { VariantsFile } from "../../../src/core/variants/results.js";
import {
  type BenchmarkModel,
  JIT_OFF,
  JIT_ON,
  NO_JIT,
  syntheticFile,
  type VariantModel,
} from "../variants/synthetic.js";

const GOLDEN_DIR = fileURLToPath(new URL("../../golden/variants/", import.meta.url));
const update = process.env.UPDATE_GOLDEN === "1";
const OPTIONS = { seed: 1, resamples: 400 };

function golden(name: string, text: string): void {
  const path = `${GOLDEN_DIR}${name}`;
  if (update) writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, "utf8"));
}

const PY313 = ["/opt/python/3.13/bin/python3.13"];
const FIVE: VariantModel[] = [
  { name: "3.12", speedup: 1, python: ["/opt/python/3.12/bin/python3.12"], version: "3.12.1" },
  { name: "3.13", speedup: 1.05, python: PY313, jit: JIT_OFF, rssKb: 21_000 },
  {
    name: "3.13 + JIT",
    speedup: 1.12,
    python: PY313,
    env: [["PYTHON_JIT", "1"]],
    jit: JIT_ON,
    rssKb: 26_500,
  },
  { name: "3.13 again", speedup: 1.05, python: PY313, jit: JIT_OFF, rssKb: 21_000 },
  { name: "3.13t", speedup: 0.9, python: ["/opt/python/3.13t/bin/python3.13t"], jit: NO_JIT },
];

function fiftyBenchmarks(): BenchmarkModel[] {
  return Array.from({ length: 50 }, (_, i): BenchmarkModel => {
    const name = `bench_${["json", "regex", "sort", "dict", "async"][i % 5]}_${String(i).padStart(2, "0")}`;
    if (i === 7) {
      return {
        name,
        ns: 1000,
        status: "failed",
        reason: "RuntimeError: only under the JIT (in set 3, variant 3.13 + JIT)",
        failedVariant: 2,
      };
    }
    // A spread of true effects: the JIT helps some benchmarks a lot and others not at all.
    const jit = i % 3 === 0 ? 1.05 : 1.05 * (1 + (i % 4) * 0.08);
    return {
      name,
      ns: 800 * 1.4 ** (i % 9),
      speedups: [1, 1.05, jit, 1.05, 0.85 + (i % 5) * 0.04],
      executors: [null, 0, i % 3 === 0 ? 0 : 3 + (i % 4), 0, null],
    };
  });
}

describe("the variants report", () => {
  const file = syntheticFile({
    seed: 20261207,
    variants: FIVE,
    benchmarks: fiftyBenchmarks(),
    sets: 8,
    values: 5,
  });
  const comparison = compareVariants(file, OPTIONS);

  it("of five variants over fifty benchmarks fits a GitHub comment", () => {
    const markdown = renderVariantsMarkdown(comparison, file);
    golden("five-variants.md", markdown);
    expect(markdown.length).toBeLessThan(COMMENT_LIMIT_CHARS);
    // Every benchmark has its row, the failed one with its reason.
    expect(markdown.match(/^\| bench\\_/gm)).toHaveLength(50);
    expect(markdown).toContain("| bench\\_sort\\_07 | failed (3.13 + JIT): RuntimeError");
  });

  it("of five variants for a terminal: the headline, the effects and the variants", () => {
    golden("five-variants.txt", `${renderVariantsText(comparison, file)}\n`);
  });

  it("keeps the largest changes when its rows are cut", () => {
    const markdown = renderVariantsMarkdown(comparison, file, { maxRows: 10 });
    expect(markdown.match(/^\| bench\\_/gm)).toHaveLength(10);
    expect(markdown).toContain("The 10 largest changes of 50 benchmarks");
  });
});

describe("the variants report's headline and levels", () => {
  const two = (speedup: number): VariantsFile =>
    syntheticFile({
      seed: 20261207,
      variants: [
        { name: "3.12", speedup: 1, version: "3.12.1" },
        { name: "3.13", speedup, version: "3.13.0" },
      ],
      benchmarks: Array.from({ length: 6 }, (_, i) => ({ name: `bench_${i}`, ns: 1000 * (i + 1) })),
      sets: 8,
      values: 5,
    });

  it("names the baseline as fastest when the other of two variants is slower", () => {
    const file = two(0.8);
    const markdown = renderVariantsMarkdown(compareVariants(file, OPTIONS), file);
    golden("baseline-fastest.md", markdown);
    expect(markdown).toMatch(
      /^\*\*The baseline, 3\.12, is fastest: 1\.2\d\d× \[[\d.–]+\] the speed of the next fastest, 3\.13, a significant lead\.\*\*$/m,
    );
  });

  it("says the table's intervals are 95% where too few sets reach the widened level", () => {
    const file = syntheticFile({
      seed: 20261207,
      variants: [
        { name: "a", speedup: 1 },
        { name: "b", speedup: 1 },
      ],
      benchmarks: Array.from({ length: 20 }, (_, i) => ({
        name: `bench_${i}`,
        ns: 1000,
        // Two real changes among twenty, both with twelve sets: the widened level is 1 - 0.05 * 2 / 20.
        speedups: [1, i === 0 || i === 2 ? 1.3 : 1],
        // Six sets reach no level beyond 1 - 2 / 64; twelve reach 99.5%.
        sets: i % 2 === 0 ? 12 : 6,
      })),
      sets: 6,
      values: 3,
    });
    const c = compareVariants(file, OPTIONS);
    const levels = new Set(c.rows.map((r) => r.cells[0]?.level));
    expect(levels).toEqual(new Set([0.95, 0.995]));
    expect(c.tableLevel).toBe(0.95);
    expect(renderVariantsMarkdown(c, file)).toContain(
      "with 95% intervals, widened to 99.5% for the table's false discovery control where a cell has the sets for it;",
    );
  });
});
