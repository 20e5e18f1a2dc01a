/**
 * The README's Internals section draws the house of src/: every entry at the
 * top of src/ is on the drawing, everything the drawing and the section name
 * exists, and the floors are listed in the order the layer check enforces.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { LAYERS, layerOf } from "../architecture/layer-rules.js";

const README = readFileSync("README.md", "utf8");
const internals = README.slice(README.indexOf("## Internals"));
const drawing = /```\n([\s\S]*?)```/.exec(internals)?.[1] ?? "";
/** The paths in the drawing's first column: `src/action/`, `src/index.ts`. */
const drawn = drawing
  .split("\n")
  .map((line) => /^(src\/\S*)/.exec(line)?.[1])
  .filter((path): path is string => path !== undefined);

describe("the README's Internals section", () => {
  it("draws every entry at the top of src/, and only those", () => {
    const top = readdirSync("src", { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? `src/${entry.name}/` : `src/${entry.name}`,
    );
    expect([...drawn].sort()).toEqual(top.sort());
  });

  it("names only paths that exist", () => {
    const named = [...internals.matchAll(/`((?:src|test|\.ci)\/[^`\s]+)`/g)].map((m) => m[1] ?? "");
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((path) => !existsSync(path))).toEqual([]);
  });

  it("lists the floors from the top down, as the layer check orders them", () => {
    const floors = drawn
      // A folder's floor is the floor of a file in it.
      .map((path) => (path.endsWith("/") ? `${path}example.ts` : path))
      .map((path) => layerOf(resolve(path), resolve("src")))
      .filter((layer) => layer !== null);
    const order = floors.map((layer) => LAYERS.indexOf(layer));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(floors)).toEqual(new Set(LAYERS));
  });
});
