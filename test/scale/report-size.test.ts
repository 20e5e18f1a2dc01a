/**
 * A 1,000-benchmark comparison: the PR comment stays under GitHub's limit by
 * collapsing and then leaving out rows, while the job summary, with its
 * larger limit, keeps every row.
 */
import { describe, expect, it } from "vitest";
import { compareLegs } from "../../src/core/compare/compare.js";
import { COMMENT_LIMIT_CHARS } from "../../src/core/render/limits.js";
import { renderMarkdown } from "../../src/core/render/markdown.js";
import { decideVerdict } from "../../src/core/verdict.js";
import { suiteOf, syntheticRun } from "../core/compare/synthetic.js";

const SUMMARY_LIMIT = 1024 * 1024;

describe("a comparison of 1,000 benchmarks", () => {
  const benchmarks = suiteOf(1000, 0.97).map((b, i) =>
    // Some faster, some failed with a long reason: every part of the report grows.
    i % 10 === 0
      ? { ...b, status: "failed" as const, reason: `raised ValueError: ${"x".repeat(200)}` }
      : { ...b, factor: i % 3 === 0 ? 0.8 : 1 },
  );
  const run = syntheticRun(17, { benchmarks, processes: 6, values: 3 });
  const comparison = compareLegs(run.off, run.on, { resamples: 50 });
  const verdict = decideVerdict(comparison);

  it("compares every benchmark", () => {
    expect(comparison.rows).toHaveLength(1000);
    expect(comparison.rows.filter((r) => r.class === "failed")).toHaveLength(100);
    expect(comparison.rows.filter((r) => r.class === "faster").length).toBeGreaterThan(200);
  });

  it("fits the PR comment under GitHub's limit, saying that rows were left out", () => {
    const comment = renderMarkdown(comparison, verdict);
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS);
    expect(comment).toContain("## jit-bench:");
    expect(comment).toMatch(/left out|cut short/);
  });

  it("keeps the whole table in the job summary", () => {
    const summary = renderMarkdown(comparison, verdict, { limit: SUMMARY_LIMIT });
    expect(summary.length).toBeGreaterThan(COMMENT_LIMIT_CHARS);
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_LIMIT);
    for (const row of comparison.rows) expect(summary).toContain(row.name.replace(/_/g, "\\_"));
  });
});
