/** The progress line a run prints per benchmark shows the times its report's table will show. */
import { describe, expect, it } from "vitest";
import { compareLegs } from "../../../src/core/compare/compare.js";
import { formatDuration, formatSpeedup } from "../../../src/core/render/format.js";
import { benchmarkLine } from "../../../src/core/render/progress.js";
import { suiteOf, syntheticRun } from "../compare/synthetic.js";

describe("benchmarkLine", () => {
  for (const paired of [false, true]) {
    it(`prints the table's times and speedup (${paired ? "paired" : "unpaired"})`, () => {
      const pairing = paired ? { paired: { unpinned: null } } : {};
      const run = syntheticRun(
        11,
        { benchmarks: suiteOf(3, 0.9), processes: 8, values: 6 },
        { off: pairing, on: pairing },
      );
      const comparison = compareLegs(run.off, run.on, { resamples: 20 });
      run.off.results.benchmarks.forEach((off, i) => {
        const on = run.on.results.benchmarks[i];
        const row = comparison.rows[i];
        const line = benchmarkLine(i + 1, 3, off.name, { off, on });
        expect(line).toBe(
          `[${i + 1}/3] ${off.name}  JIT-off ${formatDuration(row?.baselineNs ?? null)}  JIT-on ${formatDuration(row?.candidateNs ?? null)}  speedup ${formatSpeedup(row?.speedup ?? null)}`,
        );
      });
    });
  }

  it("prints one leg's median of per-process medians when only that leg ran", () => {
    const run = syntheticRun(12, { benchmarks: suiteOf(1), processes: 3, values: 3 });
    const off = run.off.results.benchmarks[0];
    if (!off) throw new Error("no benchmark");
    const medians = off.processes
      .map((p) => [...p.values].sort((a, b) => a - b)[1] as number)
      .sort((a, b) => a - b);
    expect(benchmarkLine(1, 1, off.name, { off, on: undefined })).toBe(
      `[1/1] ${off.name}  JIT-off ${formatDuration(medians[1] ?? null)}`,
    );
  });
});
