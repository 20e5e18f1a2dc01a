/**
 * docs/schemas/results.schema.json is generated from the same zod schema that
 * validates every results file, and this test keeps the two from drifting.
 * Regenerate with: UPDATE_SCHEMAS=1 npx vitest run test/docs/results-schema.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ResultsFileSchema } from "../../src/core/results.js";

const path = "docs/schemas/results.schema.json";

describe("published results schema", () => {
  it("matches the validator's schema", () => {
    const generated = `${JSON.stringify(
      {
        $id: "https://github.com/aria/jit-bench/blob/v1/docs/schemas/results.schema.json",
        title: "jit-bench results file (jit-bench/results@1)",
        ...z.toJSONSchema(ResultsFileSchema, { io: "input" }),
      },
      null,
      2,
    )}\n`;
    if (process.env.UPDATE_SCHEMAS === "1") writeFileSync(path, generated);
    expect(readFileSync(path, "utf8")).toBe(generated);
  });
});
