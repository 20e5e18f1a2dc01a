/**
 * Bad input to `jit-bench compare`, through the bundled CLI as users run it:
 * one line naming the input, exit code 2, no stack trace.
 */
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, runCli, tempDir } from "./support.js";

afterAll(removeTempDirs);

const R = "test/fixtures/results";

const cases: { name: string; args: () => string[]; expect: RegExp[] }[] = [
  {
    name: "a file that is not JSON",
    args: () => [`${R}/not-json.json`, `${R}/on.json`],
    expect: [/not-json\.json/, /JSON/],
  },
  {
    name: "a file of another schema",
    args: () => [`${R}/wrong-schema.json`, `${R}/on.json`],
    expect: [/wrong-schema\.json/, /schema/],
  },
  {
    name: "a missing file",
    args: () => [`${R}/no-such.json`, `${R}/on.json`],
    expect: [/no-such\.json/],
  },
  {
    name: "an empty folder",
    args: () => [tempDir(), `${R}/on.json`],
    expect: [/a folder with no \.json files/],
  },
  {
    name: "two files from the same leg",
    args: () => [`${R}/off.json`, `${R}/off.json`],
    expect: [/off\.json/, /leg/],
  },
  {
    name: "a threshold that is not a percentage",
    args: () => [`${R}/off.json`, `${R}/on.json`, "--threshold", "lots"],
    expect: [/--threshold/, /"lots"/],
  },
];

describe("jit-bench compare with bad input", () => {
  for (const c of cases) {
    it(`refuses ${c.name} with one line and exit code 2`, async () => {
      const result = await runCli(["compare", ...c.args()]);
      expect(result.code, result.stderr).toBe(2);
      const lines = result.stderr.trimEnd().split("\n");
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^jit-bench: /);
      for (const pattern of c.expect) expect(lines[0]).toMatch(pattern);
      expect(result.stdout).toBe("");
    });
  }

  it("accepts a threshold of 5 and of 5% alike, and says which was used", async () => {
    const bare = await runCli(["compare", `${R}/off.json`, `${R}/on.json`, "--threshold", "5"]);
    const percent = await runCli(["compare", `${R}/off.json`, `${R}/on.json`, "--threshold", "5%"]);
    expect(bare.code).toBe(0);
    expect(percent.code).toBe(0);
    expect(bare.stdout).toBe(percent.stdout);
    expect(bare.stdout).toMatch(/threshold \+5%/);
  });
});
