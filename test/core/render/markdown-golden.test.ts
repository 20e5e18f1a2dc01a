/**
 * Golden files: the Markdown report for each verdict, as reviewable files in
 * test/golden/compare/. After an intended change, regenerate them with
 * UPDATE_GOLDEN=1 npx vitest run test/core/render/markdown-golden.test.ts
 * and read the diff before committing it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../../src/core/render/markdown.js";
import { scenarios } from "./scenarios.js";

const GOLDEN_DIR = fileURLToPath(new URL("../../golden/compare/", import.meta.url));
const update = process.env.UPDATE_GOLDEN === "1";
const all = scenarios();

describe("Markdown report golden files", () => {
  it.each([
    ["enable", "enable"],
    ["keep-off", "keep-off"],
    ["regression", "regression"],
    ["inconclusive", "inconclusive"],
    ["not-applicable", "not-applicable"],
    ["seed-files", "inconclusive"],
    ["idle-suite", "keep-off"],
    ["unscanned", "enable"],
    ["paired", "enable"],
    ["paired-unpinned", "keep-off"],
    ["regression-undecided", "inconclusive"],
  ] as const)("%s", (name, verdict) => {
    const scenario = all[name];
    if (!scenario) throw new Error(`no scenario ${name}`);
    expect(scenario.verdict.kind).toBe(verdict);
    const markdown = renderMarkdown(scenario.comparison, scenario.verdict, {
      marker: "<!-- jit-bench:golden -->",
    });
    const path = `${GOLDEN_DIR}${name}.md`;
    if (update) writeFileSync(path, markdown);
    expect(markdown).toBe(readFileSync(path, "utf8"));
  });
});
