/** Each kind of file `jit-bench run` writes is recognised by its own mark, and only by it. */
import { describe, expect, it } from "vitest";
import { SVG_MARK } from "../../src/core/flamegraph/svg.js";
import { isOwnFile, markReport, REPORT_MARK } from "../../src/core/own-files.js";

describe("isOwnFile", () => {
  it("knows a report by the mark on its first line, and a hand-written one by its absence", () => {
    const report = markReport("# Benchmarks\n\nNumbers.\n");
    expect(report.startsWith(`${REPORT_MARK}\n`)).toBe(true);
    expect(isOwnFile("report", report)).toBe(true);
    // Saved by an editor that adds a byte order mark, or with Windows line ends.
    expect(isOwnFile("report", `\uFEFF${report.replaceAll("\n", "\r\n")}`)).toBe(true);
    expect(isOwnFile("report", "# Benchmarks\n\nOur own notes on speed.\n")).toBe(false);
    // The mark below the first line is a quotation of it, not a report of ours.
    expect(isOwnFile("report", `# Notes\n\n${REPORT_MARK}\n`)).toBe(false);
    expect(isOwnFile("report", "")).toBe(false);
  });

  it("knows benchmarks.json by its jit_bench.schema, of any version", () => {
    const ours = (schema: unknown) =>
      JSON.stringify({ jit: true, results: [], jit_bench: { schema } });
    expect(isOwnFile("benchmarks-json", ours("jit-bench/benchmarks@1"))).toBe(true);
    expect(isOwnFile("benchmarks-json", ours("jit-bench/benchmarks@2"))).toBe(true);
    // The seed script's own file, another schema, and not JSON at all.
    expect(isOwnFile("benchmarks-json", JSON.stringify({ jit: true, results: [] }))).toBe(false);
    expect(isOwnFile("benchmarks-json", ours("jit-bench/results@1"))).toBe(false);
    expect(isOwnFile("benchmarks-json", ours(1))).toBe(false);
    expect(isOwnFile("benchmarks-json", JSON.stringify([{ jit_bench: { schema: "x" } }]))).toBe(
      false,
    );
    expect(isOwnFile("benchmarks-json", '{"jit_bench": {"schema": "jit-bench/benchmarks@1"')).toBe(
      false,
    );
  });

  it("knows a results file by its schema, and a pyperf file by jit-bench's metadata key", () => {
    expect(isOwnFile("results", '{"schema": "jit-bench/results@1", "legs": {}}')).toBe(true);
    expect(isOwnFile("results", '{"schema": "someone-else/results@1"}')).toBe(false);
    expect(isOwnFile("results", '{"results": []}')).toBe(false);
    expect(
      isOwnFile("pyperf", '{"version": "1.0", "metadata": {"jit_bench_version": "0.1.0"}}'),
    ).toBe(true);
    // A pyperf file pyperf itself wrote.
    expect(isOwnFile("pyperf", '{"version": "1.0", "metadata": {"name": "bench"}}')).toBe(false);
  });

  it("tells a variants file from its comparison by their schemas, of any version", () => {
    const variants = '{"schema": "jit-bench/variants@1", "variants": []}';
    const comparison = '{"schema": "jit-bench/variants-comparison@1", "comparison": {}}';
    expect(isOwnFile("variants", variants)).toBe(true);
    expect(isOwnFile("variants-comparison", comparison)).toBe(true);
    expect(isOwnFile("variants-comparison", comparison.replace("@1", "@2"))).toBe(true);
    expect(isOwnFile("variants", comparison)).toBe(false);
    expect(isOwnFile("variants-comparison", variants)).toBe(false);
    expect(isOwnFile("variants-comparison", '{"schema": "jit-bench/comparison@1"}')).toBe(false);
  });

  it("knows a flame graph by the comment after its XML declaration", () => {
    const declaration = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>';
    expect(isOwnFile("svg", `${declaration}\n${SVG_MARK}\n<svg/>\n`)).toBe(true);
    expect(isOwnFile("svg", `${declaration}\n<svg><!-- drawn by hand --></svg>\n`)).toBe(false);
    expect(isOwnFile("svg", `${declaration}\n<svg>\n<g/>\n${SVG_MARK}\n</svg>\n`)).toBe(false);
  });
});
