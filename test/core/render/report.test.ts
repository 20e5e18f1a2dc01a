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
  it("puts the comparison's verdict first, before the legs, with no empty heading", () => {
    const comparison = formatComparisonForRun(file, "both-legs.json", {
      format: "markdown",
    }).output;
    const report = renderReport(file, comparison);
    const verdict = report.indexOf("## jit-bench: ");
    expect(verdict).toBeGreaterThan(0);
    expect(verdict).toBeLessThan(report.indexOf("**Python:**"));
    expect(verdict).toBeLessThan(report.indexOf("## JIT off (PYTHON_JIT=0)"));
    expect(report.split("\n").slice(0, 6).join("\n")).toContain("## jit-bench: ");
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

  it('titles a JIT-flag leg without a JIT for what it was, not "JIT on"', () => {
    const results = resultsFile(0.9);
    const on = results.legs.on;
    if (!on) throw new Error("no JIT leg");
    on.jit = { ...on.jit, compiled: false, enabled: false };
    const report = renderReport(results, null);
    expect(report).not.toContain("## JIT on");
    expect(report).toContain("## PYTHON_JIT=1, but no JIT: this interpreter was built without it");
  });

  it("cuts the build's absolute paths to their last part", () => {
    const results = resultsFile(0.9);
    results.environment.interpreter.configArgs =
      "'--prefix=/home/builder/jitpy' '--enable-experimental-jit=yes-off' 'PYTHON_FOR_REGEN=/home/builder/.pyenv/versions/3.13.0/bin/python3.13' 'LDFLAGS=-L/home/builder/lib'";
    const report = renderReport(results, null);
    expect(report).not.toContain("/home/builder");
    expect(report).toContain(
      "'--prefix=…/jitpy' '--enable-experimental-jit=yes-off' 'PYTHON\\_FOR\\_REGEN=…/python3.13' 'LDFLAGS=-L…/lib'",
    );
  });

  it("counts the processes each benchmark got, not the setting's minimum", () => {
    const results = resultsFile(0.9);
    results.settings.processes = 2;
    results.settings.precision = 0.01;
    const counts = [results.legs.off, results.legs.on].flatMap((leg) =>
      (leg?.benchmarks ?? []).map((b) => b.processes.length),
    );
    const report = renderReport(results, null);
    const low = Math.min(...counts);
    const high = Math.max(...counts);
    expect(report).toContain(
      `**Method:** ${low === high ? low : `${low} to ${high}`} fresh processes per benchmark and leg, as many as it took to reach ±1% or the time budget;`,
    );
  });
});
