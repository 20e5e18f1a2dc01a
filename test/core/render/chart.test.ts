import { describe, expect, it } from "vitest";
import type { BenchmarkRow } from "../../../src/core/compare/types.js";
import { renderChart } from "../../../src/core/render/chart.js";
import { rowJitOf } from "../../row-jit.js";

function row(name: string, speedup: number | null): BenchmarkRow {
  return {
    name,
    class: speedup === null ? "failed" : "unchanged",
    baselineNs: 1,
    candidateNs: 1,
    speedup,
    interval: null,
    p: null,
    q: null,
    processes: { baseline: 3, candidate: 3 },
    memory: null,
    side: null,
    note: null,
    jit: rowJitOf("engaged", 1),
  };
}

describe("renderChart", () => {
  it("draws one bar per compared benchmark and a line at 1", () => {
    const chart = renderChart([row("a", 1.2), row("b", 0.8), row("c", null)], { ratio: "x / y" });
    expect(chart).toContain("```mermaid\nxychart-beta\n");
    expect(chart).toContain('x-axis ["a", "b"]');
    expect(chart).toContain("bar [1.200, 0.800]");
    expect(chart).toContain("line [1, 1]");
    expect(chart).toMatch(/y-axis "speedup" 0\.7\d --> 1\.2\d/);
  });

  it("keeps the largest changes when there are too many bars, in suite order", () => {
    const rows = [row("small", 1.01), row("big_up", 1.5), row("tiny", 0.999), row("big_down", 0.6)];
    const chart = renderChart(rows, { ratio: "x / y", maxBars: 2 });
    expect(chart).toContain('x-axis ["big_up", "big_down"]');
    expect(chart).toContain("the 2 largest changes of 4");
  });

  it("draws nothing when nothing was compared", () => {
    expect(renderChart([row("a", null)], { ratio: "x / y" })).toBeNull();
  });
});
