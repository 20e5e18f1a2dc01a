/**
 * docs/results-schema.md describes the results file field by field: every
 * field of the zod schema that validates it, at every level, is named there
 * in backticks, and the doc names no field the schema lacks in its tables.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  BenchmarkResultSchema,
  EngagementSchema,
  FingerprintSchema,
  InterpreterSchema,
  JitStateSchema,
  LegResultsSchema,
  PairRecordSchema,
  ProcessFailureSchema,
  ProcessRecordSchema,
  ProfileRecordSchema,
  RESULTS_SCHEMA_ID,
  ResultsFileSchema,
  SamplingRecordSchema,
  SeedSummarySchema,
  SettingsRecordSchema,
  TinybenchStatsSchema,
} from "../../src/core/results.js";
import {
  TestFindingSchema,
  TestsRecordSchema,
  TestsRunRecordSchema,
} from "../../src/core/tests/record.js";

const doc = readFileSync("docs/results-schema.md", "utf8");

const LEVELS: Record<string, z.ZodObject> = {
  "top level": ResultsFileSchema as unknown as z.ZodObject,
  settings: SettingsRecordSchema,
  interpreter: InterpreterSchema,
  fingerprint: FingerprintSchema,
  leg: LegResultsSchema,
  benchmark: BenchmarkResultSchema,
  failure: ProcessFailureSchema,
  process: ProcessRecordSchema,
  pair: PairRecordSchema,
  engagement: EngagementSchema,
  jit: JitStateSchema,
  stats: TinybenchStatsSchema,
  summary: SeedSummarySchema,
  sampling: SamplingRecordSchema,
  tests: TestsRecordSchema,
  "tests run": TestsRunRecordSchema,
  "tests finding": TestFindingSchema,
  ...Object.fromEntries(
    ProfileRecordSchema.options.map((option) => [`profile (${option.shape.status.value})`, option]),
  ),
};

describe("docs/results-schema.md", () => {
  for (const [level, schema] of Object.entries(LEVELS)) {
    it(`names every ${level} field of the schema`, () => {
      const keys = Object.keys(schema.shape);
      expect(keys.length).toBeGreaterThan(0);
      const missing = keys.filter((key) => !doc.includes(`\`${key}\``));
      expect(missing).toEqual([]);
    });
  }

  it("names the environment's and the tool's own fields", () => {
    const top = (ResultsFileSchema as unknown as z.ZodObject).shape as Record<string, z.ZodObject>;
    for (const part of ["environment", "tool"]) {
      const keys = Object.keys((top[part] as z.ZodObject).shape);
      expect(keys.filter((key) => !doc.includes(`\`${key}\``))).toEqual([]);
    }
  });

  it("documents no table field that the schema does not have", () => {
    const known = new Set(Object.values(LEVELS).flatMap((schema) => Object.keys(schema.shape)));
    for (const key of ["name", "version", "python", "interpreter", "fingerprint"]) {
      known.add(key);
    }
    const firstCells = [...doc.matchAll(/^\| `([A-Za-z_]+)`(?:, `([A-Za-z_]+)`)? \|/gm)].flatMap(
      (m) => [m[1], m[2]].filter((k): k is string => k !== undefined),
    );
    expect(firstCells.length).toBeGreaterThan(30);
    expect(firstCells.filter((key) => !known.has(key))).toEqual([]);
  });

  it("gives the schema id the files carry", () => {
    expect(doc).toContain(`\`${RESULTS_SCHEMA_ID}\``);
  });
});
