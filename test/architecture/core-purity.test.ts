/** src/core/ does no I/O: every file keeps the rule, and the check itself catches a break of it. */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { coreViolations } from "./core-rules.js";

const CORE = resolve("src/core");

function coreFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return coreFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("src/core is pure", () => {
  const files = coreFiles(CORE);

  it("has files to check", () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files.map((file) => [file.slice(CORE.length + 1), file]))("%s", (_name, file) => {
    expect(coreViolations(file, readFileSync(file, "utf8"), CORE)).toEqual([]);
  });
});

describe("the purity check", () => {
  const file = join(CORE, "compare", "example.ts");

  it("catches a core file that imports node:fs", () => {
    const source = 'import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n';
    expect(coreViolations(file, source, CORE)).toEqual([
      "imports node:fs, which is not a pure library",
    ]);
  });

  it("catches @actions/*, a folder outside the core, the environment and the clock", () => {
    const source = [
      'import * as core from "@actions/core";',
      'import { runSuite } from "../../modes/run.js";',
      'export { x } from "../results.js";',
      "export const token = process.env.GITHUB_TOKEN;",
      "export const now = Date.now();",
      "export const today = new Date();",
    ].join("\n");
    expect(coreViolations(file, source, CORE)).toEqual([
      "imports @actions/core, which is not a pure library",
      "imports ../../modes/run.js, outside src/core",
      "reads process.env",
      "reads the clock (Date.now)",
      "reads the clock (new Date())",
      "uses the name process, Node's global for the running program",
    ]);
  });

  it("catches a variable named process, but not the word in a string", () => {
    const loop = "for (const process of runs) total += process.values.length;\n";
    expect(coreViolations(file, loop, CORE)).toEqual([
      "uses the name process, Node's global for the running program",
    ]);
    const words = 'export const note = "each process is fresh";\nexport const t = `one process`;\n';
    expect(coreViolations(file, words, CORE)).toEqual([]);
  });

  it("lets pure libraries, other core files and a parsed date pass", () => {
    const source = [
      'import { z } from "zod";',
      'import { join } from "node:path";',
      'import type { Comparison } from "./types.js";',
      "// process.env is read by the caller, not here",
      'export const parsed = new Date("2026-01-01");',
    ].join("\n");
    expect(coreViolations(file, source, CORE)).toEqual([]);
  });
});
