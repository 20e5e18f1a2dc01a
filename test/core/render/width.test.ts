/** Columns line up in a terminal whatever script the benchmark names are written in. */
import { describe, expect, it } from "vitest";
import { compareLegs } from "../../../src/core/compare/compare.js";
import { renderMarkdown } from "../../../src/core/render/markdown.js";
import { renderText } from "../../../src/core/render/text.js";
import { displayWidth, truncateDisplay } from "../../../src/core/render/width.js";
import { decideVerdict } from "../../../src/core/verdict.js";
import { syntheticRun } from "../compare/synthetic.js";

describe("displayWidth", () => {
  it("counts wide characters twice and combining marks not at all", () => {
    expect(displayWidth("bench")).toBe(5);
    expect(displayWidth("データ")).toBe(6);
    expect(displayWidth("한국어")).toBe(6);
    expect(displayWidth("cafe\u0301")).toBe(4);
    expect(displayWidth("×│█")).toBe(3);
  });

  it("cuts by columns, never through a wide character", () => {
    expect(truncateDisplay("データ処理です", 7)).toBe("データ…");
    expect(displayWidth(truncateDisplay("データ処理です", 7))).toBe(7);
    expect(truncateDisplay("short", 7)).toBe("short");
  });
});

describe("the text report's table", () => {
  it("keeps its columns aligned when a name holds CJK characters", () => {
    const run = syntheticRun(3, {
      processes: 6,
      values: 3,
      benchmarks: [
        { name: "bench_データ処理", ns: 1000, factor: 1 / 1.1 },
        { name: "bench_plain_ascii_name", ns: 2000, factor: 1 / 1.1 },
      ],
    });
    const comparison = compareLegs(run.off, run.on, { seed: 1, resamples: 100 });
    const lines = renderText(comparison, decideVerdict(comparison)).split("\n");
    const rows = lines.filter((line) => line.includes("bench_"));
    expect(rows).toHaveLength(2);
    // The no-JIT time column ends in the same display column on both rows.
    const ends = rows.map((line) => displayWidth(line.slice(0, line.search(/ (ns|µs)/) + 3)));
    expect(ends[0]).toBe(ends[1]);
  });
});

describe("counts", () => {
  it("call one benchmark one benchmark, in text and markdown", () => {
    const run = syntheticRun(5, {
      processes: 6,
      values: 3,
      benchmarks: [{ name: "bench_only", ns: 1000, factor: 1 }],
    });
    const comparison = compareLegs(run.off, run.on, { seed: 1, resamples: 100 });
    const verdict = decideVerdict(comparison);
    expect(renderText(comparison, verdict)).toContain(" over 1 benchmark\n");
    expect(renderMarkdown(comparison, verdict)).toContain(" over 1 benchmark ");
    expect(renderText(comparison, verdict) + renderMarkdown(comparison, verdict)).not.toContain(
      "1 benchmarks",
    );
  });
});
