/** docs/benchmarks.md: no heading stands empty above another. */

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderReport } from "../../../src/core/render/report.js";
import { parseResultsFile } from "../../../src/core/results.js";
import { formatComparisonForRun } from "../../../src/modes/compare.js";

const file = parseResultsFile(
  JSON.parse(readFileSync("test/fixtures/results/both-legs.json", "utf8")),
  "both-legs.json",
);

/** Headings with nothing but blank lines between them and the next heading. */
function emptyHeadings(markdown: string): string[] {
  const lines = markdown.split("\n");
  const found: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (!/^#{1,6} /.test(line)) continue;
    const next = lines.slice(i + 1).find((l) => l.trim() !== "");
    if (next !== undefined && /^#{1,6} /.test(next)) found.push(line);
  }
  return found;
}

describe("renderReport", () => {
  it("lets the comparison's verdict heading follow the legs, with no empty heading above it", () => {
    const comparison = formatComparisonForRun(file, "both-legs.json", {
      format: "markdown",
    }).output;
    const report = renderReport(file, comparison);
    expect(report).toContain("## jit-bench: ");
    expect(emptyHeadings(report)).toEqual([]);
  });

  it("titles a comparison that has no heading of its own", () => {
    const report = renderReport(file, "Some comparison text.");
    expect(report).toContain("## JIT off against JIT on\n\nSome comparison text.\n");
  });
});
