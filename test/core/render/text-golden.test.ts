/**
 * Golden files for the terminal report, one per scenario, in
 * test/golden/compare-text/. Regenerate after an intended change with
 * UPDATE_GOLDEN=1 npx vitest run test/core/render/text-golden.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderText } from "../../../src/core/render/text.js";
import { scenarios } from "./scenarios.js";

const GOLDEN_DIR = fileURLToPath(new URL("../../golden/compare-text/", import.meta.url));
const update = process.env.UPDATE_GOLDEN === "1";
const all = scenarios();

describe("text report golden files", () => {
  it.each(Object.keys(all))("%s", (name) => {
    const scenario = all[name];
    if (!scenario) throw new Error(`no scenario ${name}`);
    const text = renderText(scenario.comparison, scenario.verdict);
    const path = `${GOLDEN_DIR}${name}.txt`;
    if (update) writeFileSync(path, text);
    expect(text).toBe(readFileSync(path, "utf8"));
  });
});
