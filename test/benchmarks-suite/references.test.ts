// Checks of the suite against independent answers: a published reference
// run, and a second YAML parser reading the same fixture.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { pyenvPython, REFERENCE_CHECKS, runPython, SUITE_DIR } from "./python.js";

interface References {
  richards10000: [number, number];
  modelsSubset: unknown;
  subsetRejects: Record<string, string>;
}

// The oldest interpreter we support: what it reads, newer ones read too.
let references: References;
beforeAll(async () => {
  const { stdout } = await runPython(pyenvPython("3.9"), [REFERENCE_CHECKS, SUITE_DIR]);
  references = JSON.parse(stdout) as References;
});

describe("richards", () => {
  it("matches the classic reference run: 23246 packets queued, 9297 holds for a count of 10000", () => {
    expect(references.richards10000).toEqual([23246, 9297]);
  });
});

describe("the models.yaml reader in aria/bench_models.py", () => {
  it("reads the fixture exactly as a full YAML parser does", () => {
    const text = readFileSync(join(SUITE_DIR, "aria", "models.yaml"), "utf8");
    const full = load(text);
    expect(references.modelsSubset).toEqual(full);
    // The comparison means something only if the fixture has the shapes the reader handles.
    expect(full).toMatchObject({
      defaults: { stream: true, temperature: 0.7 },
      providers: { local: { api_key_env: null } },
      models: { "step-35-flash": { aliases: expect.arrayContaining(["step-35-flash-free"]) } },
    });
  });

  it.each([
    "flow list",
    "flow mapping",
    "list of mappings",
    "anchor",
    "block string",
    "escaped quote",
    "missing colon",
    "over-indented line",
    "duplicate key",
    "quoted key",
    "nested mapping on one line",
    "unclosed quote",
  ])("refuses a %s instead of misreading it", (construct) => {
    expect(references.subsetRejects[construct]).toMatch(/^ValueError: line \d+: /);
  });
});
