/** docs/benchmarks.md as `jit-bench run` writes it: the build it ran on, and what the JIT did per leg. */
import { describe, expect, it } from "vitest";
import { renderReport } from "../../../src/core/render/report.js";
import { resultsFile } from "../../action/synthetic-results.js";

describe("renderReport", () => {
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
