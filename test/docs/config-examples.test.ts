/**
 * Every settings example in the README and docs/ is valid, for the published
 * JSON Schema (what an editor checks) and for jit-bench's own validation
 * (what a run checks). Examples are the fenced blocks whose info string names
 * a settings file: ```yaml jit-bench.yml, ```toml pyproject.toml, or
 * ```toml NAME.toml for a standalone file. A typo'd key fails both, and the
 * key jit-bench suggests instead is one the schema accepts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfigText, resolveRunSettings } from "../../src/core/config/settings.js";
import { InputError } from "../../src/core/errors.js";
import { type Schema, validate } from "./json-schema-lite.js";

interface Example {
  readonly where: string;
  readonly file: string;
  readonly text: string;
}

const SOURCES = [
  "README.md",
  ...readdirSync("docs")
    .filter((name) => name.endsWith(".md"))
    .map((name) => join("docs", name)),
];

function examples(): Example[] {
  const found: Example[] = [];
  for (const where of SOURCES) {
    const text = readFileSync(where, "utf8");
    for (const match of text.matchAll(
      /^```(yaml|toml) ([\w.-]+\.(?:ya?ml|toml))\n([\s\S]*?)^```$/gm,
    )) {
      found.push({ where, file: match[2] as string, text: match[3] as string });
    }
  }
  return found;
}

const schema = JSON.parse(readFileSync("docs/schemas/config.schema.json", "utf8")) as Schema;

function parse(example: Example) {
  const syntax = example.file.endsWith(".toml") ? "toml" : "yaml";
  const file = parseConfigText(example.text, {
    file: example.file,
    syntax,
    pyproject: example.file === "pyproject.toml",
    dir: "/project",
  });
  if (file === null) throw new Error(`${example.where}: ${example.file} has no [tool.jit-bench]`);
  return file;
}

/** jit-bench's own check, as `jit-bench run` makes it: the error it would exit 2 with, or null. */
function toolError(file: ReturnType<typeof parse>): InputError | null {
  try {
    resolveRunSettings({ flags: {}, file, cwd: "/project" });
    return null;
  } catch (error: unknown) {
    if (error instanceof InputError) return error;
    throw error;
  }
}

describe("settings examples in the docs", () => {
  const all = examples();

  it("are found: jit-bench.yml and pyproject.toml, in the README and in docs/", () => {
    expect(all.some((e) => e.where === "README.md")).toBe(true);
    expect(all.some((e) => e.file === "jit-bench.yml")).toBe(true);
    expect(all.some((e) => e.file === "pyproject.toml")).toBe(true);
  });

  for (const example of examples()) {
    it(`${example.where}: ${example.file} example passes the JSON Schema and the validator`, () => {
      const file = parse(example);
      expect(validate(schema, file.values)).toEqual([]);
      expect(toolError(file)?.message ?? null).toBeNull();
    });
  }

  it("with a typo'd key, fail both the schema and the validator, and the suggested key fixes both", () => {
    const example = all.find((e) => e.file === "jit-bench.yml" && /^processes:/m.test(e.text));
    if (!example) throw new Error("no jit-bench.yml example sets processes");
    const typo = { ...example, text: example.text.replace(/^processes:/m, "procesess:") };
    const file = parse(typo);
    expect(validate(schema, file.values)).toContain('$: property "procesess" is not allowed');
    const error = toolError(file);
    expect(error?.message).toMatch(/unknown key "procesess"/);
    const suggested = /Did you mean "([\w-]+)"\?/.exec(error?.message ?? "")?.[1];
    expect(suggested).toBe("processes");
    const fixed = parse({ ...typo, text: typo.text.replace(/^procesess:/m, `${suggested}:`) });
    expect(validate(schema, fixed.values)).toEqual([]);
    expect(toolError(fixed)).toBeNull();
  });

  it("show the typo error in docs/configuration.md exactly as jit-bench prints it", () => {
    const file = parse({ where: "test", file: "jit-bench.yml", text: "procesess: 10\n" });
    const message = `jit-bench: ${toolError(file)?.message}`;
    expect(readFileSync("docs/configuration.md", "utf8")).toContain(message);
  });

  it("are checked by a schema checker that does catch wrong values", () => {
    expect(validate(schema, { processes: 1 })).not.toEqual([]);
    expect(validate(schema, { legs: "sometimes" })).not.toEqual([]);
    expect(validate(schema, { report: true })).not.toEqual([]);
    expect(validate(schema, { suite: [""] })).not.toEqual([]);
  });
});
