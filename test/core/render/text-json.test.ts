import { describe, expect, it } from "vitest";
import { COMPARISON_SCHEMA_ID, renderJson } from "../../../src/core/render/json.js";
import { renderText } from "../../../src/core/render/text.js";
import { scenarios } from "./scenarios.js";

const all = scenarios();

describe("renderText", () => {
  it("aligns the columns of every row", () => {
    const { enable } = all;
    if (!enable) throw new Error("no scenario");
    const lines = renderText(enable.comparison, enable.verdict).split("\n");
    const table = lines.filter((l) => /^[✓≈✗⚠–] /.test(l));
    expect(table.length).toBe(enable.comparison.rows.length);
    const speedupColumn = table.map((l) => [...l].join("").indexOf("×"));
    expect(new Set(speedupColumn).size).toBe(1);
    expect(lines[0]).toBe("jit-bench verdict: ENABLE THE JIT");
  });
});

describe("renderJson", () => {
  it("holds everything, and numbers that are not finite become null", () => {
    const { inconclusive } = all;
    if (!inconclusive) throw new Error("no scenario");
    const document = JSON.parse(renderJson(inconclusive.comparison, inconclusive.verdict));
    expect(document.schema).toBe(COMPARISON_SCHEMA_ID);
    expect(document.verdict.kind).toBe("inconclusive");
    expect(document.verdict.headline).toMatch(/^Inconclusive: /);
    expect(document.comparison.rows).toHaveLength(inconclusive.comparison.rows.length);
    expect(document.comparison.suite.geomean).toBeCloseTo(
      inconclusive.comparison.suite?.geomean as number,
      12,
    );
    const odd = { ...inconclusive.comparison, processesPerLeg: Number.POSITIVE_INFINITY };
    expect(JSON.parse(renderJson(odd, inconclusive.verdict)).comparison.processesPerLeg).toBeNull();
  });
});
