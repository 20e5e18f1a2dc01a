/**
 * The report's JSON export (jit-bench/benchmarks@1) is documented in
 * docs/benchmarks-schema.md and published as docs/schemas/benchmarks.schema.json,
 * both kept to the zod schema the export is written to: the JSON Schema is
 * generated from it, and the doc names every field of it and no other.
 * Regenerate with: UPDATE_SCHEMAS=1 npx vitest run test/docs/benchmarks-schema.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  BaselineSchema,
  BENCHMARKS_JSON_SCHEMA,
  BenchmarksJsonSchema,
  JitBenchFieldsSchema,
  SeedRowSchema,
} from "../../src/core/seed-export.js";

const path = "docs/schemas/benchmarks.schema.json";
const doc = readFileSync("docs/benchmarks-schema.md", "utf8");

const LEVELS: Record<string, z.ZodObject> = {
  "top level": BenchmarksJsonSchema,
  row: SeedRowSchema,
  jit_bench: JitBenchFieldsSchema,
  baseline: BaselineSchema,
};

describe("published benchmarks.json schema", () => {
  it("matches the schema the export is written to", () => {
    const generated = `${JSON.stringify(
      {
        $id: "https://github.com/aria/jit-bench/blob/v1/docs/schemas/benchmarks.schema.json",
        title: `jit-bench report export, benchmarks.json (${BENCHMARKS_JSON_SCHEMA})`,
        ...z.toJSONSchema(BenchmarksJsonSchema, { io: "input" }),
      },
      null,
      2,
    )}\n`;
    if (process.env.UPDATE_SCHEMAS === "1") writeFileSync(path, generated);
    expect(readFileSync(path, "utf8")).toBe(generated);
  });
});

describe("the committed docs/benchmarks.json", () => {
  it("fits benchmarks@1 (a file written before python_jit does too: the field is optional)", () => {
    const committed = JSON.parse(readFileSync("docs/benchmarks.json", "utf8"));
    expect(BenchmarksJsonSchema.safeParse(committed).error).toBeUndefined();
  });
});

describe("docs/benchmarks-schema.md", () => {
  for (const [level, schema] of Object.entries(LEVELS)) {
    it(`names every ${level} field of the schema`, () => {
      const keys = Object.keys(schema.shape);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((key) => !doc.includes(`\`${key}\``))).toEqual([]);
    });
  }

  it("documents no table field that the schema does not have", () => {
    const known = new Set(Object.values(LEVELS).flatMap((schema) => Object.keys(schema.shape)));
    const firstCells = [...doc.matchAll(/^\| `([A-Za-z_]+)`(?:, `([A-Za-z_]+)`)? \|/gm)].flatMap(
      (m) => [m[1], m[2]].filter((k): k is string => k !== undefined),
    );
    expect(firstCells.length).toBeGreaterThan(25);
    expect(firstCells.filter((key) => !known.has(key))).toEqual([]);
  });

  it("gives the schema id the files carry, and sits beside the results schema", () => {
    expect(doc).toContain(`\`"${BENCHMARKS_JSON_SCHEMA}"\``);
    expect(readFileSync("docs/results-schema.md", "utf8")).toContain("(benchmarks-schema.md)");
  });
});
