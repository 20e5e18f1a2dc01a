/** docs/benchmarks.md as `jit-bench run` writes it: its headings, the build it ran on, and what the JIT did per leg. */

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderReport } from "../../../src/core/render/report.js";
import { parseResultsFile } from "../../../src/core/results.js";
import { formatComparisonForRun } from "../../../src/modes/compare.js";
import { resultsFile } from "../../action/synthetic-results.js";

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

describe("renderReport: the interpreter and the JIT", () => {
  it("names the interpreter's version and configure flags, escaped", () => {
    const results = resultsFile(0.9);
    results.environment.interpreter.configArgs = "'--enable-experimental-jit=yes-off' '--with-<b>'";
    const report = renderReport(results, null);
    expect(report).toContain(
      "**Python:** CPython 3.14.0, configured with '--enable-experimental-jit=yes-off' '--with-&lt;b&gt;'  \n",
    );
  });

  it("says for how many benchmarks the JIT leg compiled code, and how many were idle", () => {
    const results = resultsFile(0.9);
    const on = results.legs.on;
    if (!on) throw new Error("no JIT leg");
    on.benchmarks = on.benchmarks.map((b, i) =>
      i === 0
        ? {
            ...b,
            processes: b.processes.map((p) =>
              p.engagement
                ? { ...p, engagement: { ...p.engagement, executors: 0, hotspots: [] } }
                : p,
            ),
          }
        : b,
    );
    const report = renderReport(results, null);
    expect(report).toContain(
      "JIT compiled in: yes; enabled: yes; it compiled code for 5 of 6 benchmarks, 1 idle (no Python code hot enough to compile).",
    );
    expect(report).toContain("JIT compiled in: yes; enabled: no.");
  });
});
