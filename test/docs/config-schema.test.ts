/**
 * docs/schemas/config.schema.json (for editors: yaml-language-server, Even
 * Better TOML) is generated from the zod schema that validates jit-bench.yml
 * and [tool.jit-bench]; this test keeps them equal and checks that the schema
 * accepts this repository's own config.
 * Regenerate with: UPDATE_SCHEMAS=1 npx vitest run test/docs/config-schema.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigFileSchema, DEFAULT_FILE_VALUES } from "../../src/core/config/settings.js";

const path = "docs/schemas/config.schema.json";

function generated(): string {
  const schema = z.toJSONSchema(ConfigFileSchema, { io: "input" }) as {
    properties: Record<string, Record<string, unknown>>;
  };
  // zod leaves defaults out of keys that transform their input; add them from the one source.
  for (const [key, value] of Object.entries(DEFAULT_FILE_VALUES)) {
    const property = schema.properties[key];
    if (property && !("default" in property)) property.default = value;
  }
  return `${JSON.stringify(
    {
      $id: "https://github.com/aria/jit-bench/blob/v1/docs/schemas/config.schema.json",
      title: "jit-bench settings (jit-bench.yml, or [tool.jit-bench] in pyproject.toml)",
      ...schema,
    },
    null,
    2,
  )}\n`;
}

describe("published config schema", () => {
  it("matches the validator's schema", () => {
    const text = generated();
    if (process.env.UPDATE_SCHEMAS === "1") writeFileSync(path, text);
    expect(readFileSync(path, "utf8")).toBe(text);
  });

  it("accepts this repository's jit-bench.yml, and the validator does too", () => {
    const config = load(readFileSync("jit-bench.yml", "utf8"));
    expect(ConfigFileSchema.safeParse(config).success).toBe(true);
    const schema = JSON.parse(readFileSync(path, "utf8")) as {
      properties: object;
      additionalProperties: unknown;
    };
    expect(Object.keys(config as object).every((key) => key in schema.properties)).toBe(true);
    expect(schema.additionalProperties).toBe(false);
  });
});
