import { describe, expect, it } from "vitest";
import { compareLegs } from "../../../src/core/compare/compare.js";
import { renderMarkdown } from "../../../src/core/render/markdown.js";
import { decideVerdict } from "../../../src/core/verdict.js";
import { suiteOf, syntheticRun } from "../compare/synthetic.js";
import { scenarios } from "./scenarios.js";

describe("renderMarkdown", () => {
  const { enable, "keep-off": keepOff } = scenarios();
  if (!enable || !keepOff) throw new Error("scenarios missing");

  it("puts the marker first, then the verdict", () => {
    const text = renderMarkdown(enable.comparison, enable.verdict, {
      marker: "<!-- jit-bench:main -->",
    });
    expect(text.startsWith("<!-- jit-bench:main -->\n\n## jit-bench: enable the JIT\n")).toBe(true);
    expect(renderMarkdown(enable.comparison, enable.verdict).startsWith("## jit-bench")).toBe(true);
  });

  it("folds rows with no significant change into a collapsed details block", () => {
    const text = renderMarkdown(keepOff.comparison, keepOff.verdict);
    const quiet = keepOff.comparison.rows.filter((r) => r.class === "unchanged");
    expect(quiet.length).toBeGreaterThan(0);
    const details = text.slice(text.indexOf("<details>"), text.indexOf("</details>"));
    for (const row of quiet) expect(details).toContain(`≈ ${row.name.replace(/_/g, "\\_")}`);
    expect(details).not.toContain("✓");
  });

  it("stays under the size limit by leaving rows out, and says so", () => {
    const run = syntheticRun(5, {
      benchmarks: suiteOf(400).map((b) => ({ ...b, name: `${b.name}_${"x".repeat(150)}` })),
      processes: 4,
      values: 2,
    });
    const comparison = compareLegs(run.off, run.on, { resamples: 20 });
    const verdict = decideVerdict(comparison);
    const full = renderMarkdown(comparison, verdict, { limit: Number.POSITIVE_INFINITY });
    expect(full.length).toBeGreaterThan(65_536);
    const text = renderMarkdown(comparison, verdict);
    expect(text.length).toBeLessThanOrEqual(65_536);
    expect(text).toContain("fit GitHub's size limit");
    expect(text).toContain("## jit-bench:");
  });
});
