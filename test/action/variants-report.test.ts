/**
 * What the action writes for a variants run: the comment and the job summary
 * fit GitHub's limits however long the names and however many benchmarks,
 * by leaving rows out (the largest changes kept) before anything is cut; and
 * the outputs are data wherever a workflow pastes them.
 */
import { describe, expect, it } from "vitest";
import { MARKER_ROOM } from "../../src/action/compare-report.js";
import {
  variantsCommentMarkdown,
  variantsOutputs,
  variantsSummaryMarkdown,
} from "../../src/action/variants-report.js";
import { sizeOf } from "../../src/core/fit-markdown.js";
import { COMMENT_LIMIT_CHARS } from "../../src/core/render/limits.js";
import { VARIANT_ROWS_SHOWN } from "../../src/core/render/variants.js";
import { compareVariants } from "../../src/core/variants/compare.js";
import type { VariantsFile } from "../../src/core/variants/results.js";
import { FIVE_VARIANTS, type SyntheticVariant, variantsFile } from "./synthetic-variants.js";

const OPTIONS = { seed: 1, resamples: 200 };

function parts(file: VariantsFile) {
  return {
    comparison: compareVariants(file, OPTIONS),
    file,
    runUrl: "https://github.com/a/b/actions/runs/1",
  };
}

/** Table rows of a rendered report: lines that open with a benchmark cell. */
const rows = (markdown: string) => markdown.split("\n").filter((l) => l.startsWith("| bench\\_"));

const EIGHT: SyntheticVariant[] = Array.from({ length: 8 }, (_, i) => ({
  name: `variant ${i}`,
  factor: 1 - i * 0.03,
}));

describe("the comment", () => {
  it("holds 5 variants × 50 benchmarks whole, every row, within GitHub's limit", () => {
    const text = variantsCommentMarkdown(parts(variantsFile(FIVE_VARIANTS, { benchmarks: 50 })));
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS - MARKER_ROOM);
    expect(rows(text)).toHaveLength(50);
    expect(text).not.toContain("largest changes");
  });

  it("keeps the 60 largest changes of more benchmarks, and says where the rest are", () => {
    const text = variantsCommentMarkdown(parts(variantsFile(FIVE_VARIANTS, { benchmarks: 80 })));
    expect(rows(text)).toHaveLength(VARIANT_ROWS_SHOWN);
    expect(text).toContain(
      "The 60 largest changes of 80 benchmarks; the [job summary](https://github.com/a/b/actions/runs/1) and the comparison JSON (the step's `results-path` output) have them all.",
    );
  });

  it("leaves out more rows when 8 variants and the longest names would pass the limit, cutting nothing", () => {
    // 500 characters, each escaped to two: the longest name the schema allows, at its widest.
    const names = Array.from(
      { length: 70 },
      (_, b) => `${String(b).padStart(3, "0")}${"_".repeat(497)}`,
    );
    const text = variantsCommentMarkdown(parts(variantsFile(EIGHT, { names, sets: 4 })));
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS - MARKER_ROOM);
    const kept = text.split("\n").filter((l) => /^\| \d{3}\\_/.test(l));
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length).toBeLessThan(VARIANT_ROWS_SHOWN);
    expect(text).toContain(`The ${kept.length} largest changes of 70 benchmarks`);
    // The report's end is there: it was fitted by rows, not cut.
    expect(text).toContain("_Method: 8 variants measured together");
    expect(text).not.toContain("left out to fit");
  });
});

describe("the job summary", () => {
  it("holds every row when it fits, and the note after the report", () => {
    const text = variantsSummaryMarkdown(
      parts(variantsFile(FIVE_VARIANTS, { benchmarks: 80 })),
      "the JSON has them all",
      "Uploaded as artifact `jit-bench-variants`.",
    );
    expect(rows(text)).toHaveLength(80);
    expect(text.trimEnd().endsWith("Uploaded as artifact `jit-bench-variants`.")).toBe(true);
  });

  it("leaves rows out to fit its limit in bytes, keeping the note after the report whole", () => {
    const file = variantsFile(FIVE_VARIANTS, { benchmarks: 80 });
    const text = variantsSummaryMarkdown(parts(file), "the JSON has them all", "After.", 12_000);
    expect(sizeOf(text, "utf8-bytes")).toBeLessThanOrEqual(12_000);
    expect(rows(text).length).toBeGreaterThan(0);
    expect(rows(text).length).toBeLessThan(80);
    expect(text).toContain(
      `The ${rows(text).length} largest changes of 80 benchmarks; the JSON has them all.`,
    );
    expect(text.trimEnd().endsWith("After.")).toBe(true);
  });

  it("is cut with a note only when even the report without its table is too long", () => {
    const text = variantsSummaryMarkdown(
      parts(variantsFile(FIVE_VARIANTS)),
      "the JSON has them all",
      "",
      2_000,
    );
    expect(sizeOf(text, "utf8-bytes")).toBeLessThanOrEqual(2_000);
    expect(text).toMatch(/bytes of this report were left out to fit GitHub's limit\._\n$/);
  });
});

describe("the outputs", () => {
  it("name the fastest variant and its lead, as data", () => {
    const file = variantsFile([
      { name: "3.13", factor: 1 },
      { name: "pypy (3.10)", factor: 0.5 },
    ]);
    const outputs = variantsOutputs(compareVariants(file, OPTIONS));
    expect(outputs.fastest).toBe("pypy _3.10_");
    expect(outputs["fastest-lead"]).toBe("significant");
    expect(outputs.recommendation).toMatch(
      /^pypy _3\.10_ is fastest: [\d.]+× \[[\d.]+–[\d.]+\] the speed of 3\.13 \(the baseline\)/,
    );
    expect(outputs.recommendation).not.toContain("(3.10)");
  });

  it("are empty when no two variants could be compared", () => {
    const file = variantsFile(FIVE_VARIANTS.slice(0, 2), { sets: 1 });
    const outputs = variantsOutputs(compareVariants(file, OPTIONS));
    expect(outputs.fastest).toBe("");
    expect(outputs["fastest-lead"]).toBe("");
    expect(outputs.recommendation).toContain("No two variants could be compared");
  });
});
