import { describe, expect, it } from "vitest";
import type { BenchmarkRow } from "../../../src/core/compare/types.js";
import { PLOT_COLUMNS, renderChart } from "../../../src/core/render/chart.js";
import { displayWidth } from "../../../src/core/render/width.js";
import { rowJitOf } from "../../row-jit.js";

function row(
  name: string,
  speedup: number | null,
  interval: { low: number; high: number } | null = null,
): BenchmarkRow {
  return {
    name,
    class: speedup === null ? "failed" : "unchanged",
    baselineNs: 1,
    candidateNs: 1,
    speedup,
    interval,
    level: interval === null ? null : 0.95,
    p: null,
    q: null,
    processes: { baseline: 3, candidate: 3 },
    memory: null,
    side: null,
    note: null,
    jit: rowJitOf("engaged", 1),
  };
}

/** The chart's lines inside its code block: the axis labels, then one per benchmark. */
function plotLines(chart: string | null): string[] {
  const lines = (chart ?? "").split("\n");
  const start = lines.indexOf("```text");
  const end = lines.lastIndexOf("```");
  return lines.slice(start + 1, end);
}

/** The display column of the first occurrence of `char` in `line`. */
function columnOf(line: string, char: string): number {
  return displayWidth(line.slice(0, line.indexOf(char)));
}

describe("renderChart", () => {
  it("starts every bar at 1.00×: a slowdown grows left of the axis, a speedup right", () => {
    const chart = renderChart([row("up", 1.2), row("down", 0.82), row("flat", 1)], {
      ratio: "x / y",
    });
    const [labels, up, down, flat] = plotLines(chart);
    expect(labels).toContain("1.00×");
    // The axis label sits over the axis.
    const axis = columnOf(up ?? "", "│");
    expect(columnOf(labels ?? "", "1.00×") + 2).toBe(axis);
    expect(up).toMatch(/│█+ +1\.200× \[no CI\]$/);
    expect(down).toMatch(/ █+│ +0\.820× \[no CI\]$/);
    expect(flat).toMatch(/│ +1\.000× \[no CI\]$/);
    expect(columnOf(down ?? "", "│")).toBe(axis);
    expect(columnOf(flat ?? "", "│")).toBe(axis);
    // A log scale: 0.82× is about as long as 1/0.82 = 1.22× would be.
    const upBar = (up ?? "").split("█").length - 1;
    const downBar = (down ?? "").split("█").length - 1;
    expect(Math.abs(downBar - upBar * (Math.log(1 / 0.82) / Math.log(1.2)))).toBeLessThanOrEqual(1);
  });

  it("draws and prints each interval", () => {
    const chart = renderChart(
      [row("wide", 1.1, { low: 0.95, high: 1.3 }), row("narrow", 1.1, { low: 1.08, high: 1.12 })],
      { ratio: "x / y" },
    );
    const [, wide, narrow] = plotLines(chart);
    // 1.30× lies beyond the scale, which widens for intervals only as far as the estimates spread.
    expect(wide).toMatch(/├─*│█*▓+─*▸ +1\.100× \[0\.950–1\.300\]$/);
    expect(narrow).toMatch(/│█+▓+─*┤? +1\.100× \[1\.080–1\.120\]$/);
    expect(chart).toContain("▓ and ├─┤ mark the 95% interval");
  });

  it("keeps 30 long and wide names readable: one line each, the axis in one column", () => {
    const rows = Array.from({ length: 30 }, (_, i) =>
      row(
        i % 3 === 0 ? `bench_データ処理_${i}` : `bench_a_rather_long_benchmark_name_number_${i}`,
        0.8 + i * 0.02,
        { low: 0.75 + i * 0.02, high: 0.85 + i * 0.02 },
      ),
    );
    const [, ...lines] = plotLines(renderChart(rows, { ratio: "x / y" }));
    expect(lines).toHaveLength(30);
    const axes = new Set(lines.map((line) => columnOf(line, "│")));
    expect(axes.size).toBe(1);
    for (const [i, line] of lines.entries()) {
      const name = line.split("  ")[0] ?? "";
      expect(displayWidth(name)).toBeLessThanOrEqual(32);
      expect(name.startsWith(i % 3 === 0 ? `bench_データ処理_${i}` : "bench_a_rather_long")).toBe(
        true,
      );
      expect(line).toContain(`${(0.8 + i * 0.02).toFixed(3)}×`);
    }
    // The plot is the same width on every line.
    const plots = new Set(lines.map((line) => columnOf(line, "×") - columnOf(line, "│")));
    expect(plots.size).toBeLessThanOrEqual(2);
    expect(PLOT_COLUMNS).toBeGreaterThan(20);
  });

  it("keeps the largest changes when there are too many bars, in suite order", () => {
    const rows = [row("small", 1.01), row("big_up", 1.5), row("tiny", 0.999), row("big_down", 0.6)];
    const chart = renderChart(rows, { ratio: "x / y", maxBars: 2 });
    const [, first, second, more] = plotLines(chart);
    expect(first?.startsWith("big_up ")).toBe(true);
    expect(second?.startsWith("big_down ")).toBe(true);
    expect(more).toBeUndefined();
    expect(chart).toContain("the 2 largest changes of 4");
  });

  it("lets nothing from a name out of the chart: no fence, tag, mention or link", () => {
    const chart = renderChart([row("```\n<b>@t [x](https://www.x.io)", 1.1)], { ratio: "x / y" });
    expect(plotLines(chart)[1]).toMatch(/^_____b__t__x__https_\/\/w\u200bww\.x\.io_ {2}/);
    expect(plotLines(chart)[1]?.split("  ")[0]).not.toMatch(/[<>@`[\]()]|www\./);
  });

  it("keeps names in any script", () => {
    expect(plotLines(renderChart([row("bench_データ", 1.1)], { ratio: "x / y" }))[1]).toMatch(
      /^bench_データ {2}/,
    );
  });

  it("draws nothing when nothing was compared", () => {
    expect(renderChart([row("a", null)], { ratio: "x / y" })).toBeNull();
  });
});
