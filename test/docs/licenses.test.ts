/**
 * dist/licenses.txt names every package bundled into the action, those in
 * lazily loaded chunks included (ncc's own file covers the entry chunk only).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledPackages, renderLicenses } from "../../scripts/licenses.mjs";

let scratch = "";
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "jit-bench-licenses-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function statsFile(modules: unknown[]): string {
  const path = join(scratch, "stats.json");
  writeFileSync(path, JSON.stringify({ modules }));
  return path;
}

/** The package names of a licenses.txt: the line before each license type. */
function names(text: string): string[] {
  return text
    .split("\n\n")
    .map((entry) => entry.split("\n")[0] ?? "")
    .filter((line) => /^(@[\w.-]+\/)?[\w.-]+$/.test(line));
}

describe("the bundle's licenses", () => {
  it("finds packages in concatenated and nested modules, once each", () => {
    const stats = statsFile([
      {
        name: "./src/index.ts + 2 modules",
        modules: [
          { name: "./node_modules/@actions/core/lib/core.js" },
          { name: "./node_modules/@actions/core/lib/summary.js" },
        ],
      },
      { name: "./node_modules/@actions/artifact/lib/artifact.js" },
      { name: "./src/core/results.ts" },
    ]);
    expect(bundledPackages(stats).sort()).toEqual([
      "node_modules/@actions/artifact",
      "node_modules/@actions/core",
    ]);
    const text = renderLicenses(stats);
    expect(names(text)).toEqual(["@actions/artifact", "@actions/core"]);
    expect(text).toContain("@actions/core\nMIT\nThe MIT License");
  });

  it("lists the packages only the lazily loaded chunks hold in the committed dist/", () => {
    const committed = names(readFileSync("dist/licenses.txt", "utf8"));
    for (const lazy of ["@azure/storage-blob", "@octokit/core", "@actions/github", "zod"]) {
      expect(committed).toContain(lazy);
    }
    expect(committed).toEqual([...committed].sort());
  });
});
