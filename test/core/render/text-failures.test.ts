/**
 * A failed benchmark's reason (a traceback line, an import error) is as long
 * as it is: in the terminal report it goes on lines of its own under the row,
 * wrapped to the table's width, instead of stretching the speedup column.
 */
import { describe, expect, it } from "vitest";
import { compareLegs } from "../../../src/core/compare/compare.js";
import { renderText } from "../../../src/core/render/text.js";
import { displayWidth, wrapDisplay } from "../../../src/core/render/width.js";
import { decideVerdict } from "../../../src/core/verdict.js";
import { syntheticRun } from "../compare/synthetic.js";

const SEED = 20261207;

const LONG_REASON =
  "process 1 of the JIT-off leg: bench_parse raised ValueError: could not parse the document at line 12, column 40: " +
  "expected one of ',', ']' or '}' after an array element but found 'x'; the parser had consumed " +
  "/home/runner/work/project/project/tests/benchmarks/fixtures/very/deeply/nested/folder/document_with_a_long_name.json so far";

function report(reason: string): string {
  console.log(`seed ${SEED}`);
  const run = syntheticRun(SEED, {
    processes: 6,
    values: 3,
    benchmarks: [
      { name: "bench_fine", ns: 1000, factor: 1 },
      { name: "bench_parse", ns: 1000, status: "failed", reason },
      { name: "bench_other", ns: 2000, factor: 1 },
    ],
  });
  const comparison = compareLegs(run.off, run.on, { seed: 1, resamples: 100 });
  return renderText(comparison, decideVerdict(comparison));
}

/** The table: from its header to the blank line after it. */
function tableOf(text: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => /^\s+benchmark\s/.test(line));
  const end = lines.indexOf("", start);
  return lines.slice(start, end);
}

describe("the text report's failed rows", () => {
  it("say 'failed' in the speedup column and keep the columns as wide as the figures need", () => {
    const table = tableOf(report(LONG_REASON));
    const rows = table.filter((line) => /^\S+\s+bench_/.test(line));
    expect(rows).toHaveLength(3);
    const failed = rows.find((line) => line.includes("bench_parse")) ?? "";
    expect(failed).toMatch(/ failed\b/);
    expect(failed).not.toContain("ValueError");
    // The rows are as wide as with a short reason: the reason does not set a column's width.
    const short = tableOf(report("boom")).filter((line) => /^\S+\s+bench_/.test(line));
    expect(rows.map(displayWidth)).toEqual(short.map(displayWidth));
  });

  it("give the whole reason under the row, wrapped to the table's width", () => {
    const table = tableOf(report(LONG_REASON));
    const rows = table.filter((line) => /^\S+\s+bench_|^\s+benchmark\s/.test(line));
    expect(rows).toHaveLength(4);
    const widest = Math.max(72, ...rows.map(displayWidth));
    for (const line of table) expect(displayWidth(line)).toBeLessThanOrEqual(widest);
    const at = table.findIndex((line) => line.includes("bench_parse"));
    const notes: string[] = [];
    for (const line of table.slice(at + 1)) {
      if (/^\S/.test(line)) break;
      notes.push(line.trim());
    }
    expect(notes.length).toBeGreaterThan(2);
    // Every character of the reason, in order (a path longer than a line is cut through).
    const whole = `no-JIT: failed (${LONG_REASON}); JIT: failed (${LONG_REASON})`;
    expect(notes.join("").replace(/\s/g, "")).toBe(whole.replace(/\s/g, ""));
  });
});

describe("wrapDisplay", () => {
  it("breaks at spaces, cuts a word longer than a line, and never exceeds the width", () => {
    expect(wrapDisplay("aaa bbb ccc", 7)).toEqual(["aaa bbb", "ccc"]);
    expect(wrapDisplay("abcdefghij k", 4)).toEqual(["abcd", "efgh", "ij k"]);
    expect(wrapDisplay("データ処理 です", 6)).toEqual(["データ", "処理", "です"]);
    expect(wrapDisplay("", 10)).toEqual([""]);
    for (const line of wrapDisplay(LONG_REASON, 33)) {
      expect(displayWidth(line)).toBeLessThanOrEqual(33);
    }
    expect(wrapDisplay("one  two", 20)).toEqual(["one two"]);
  });
});
