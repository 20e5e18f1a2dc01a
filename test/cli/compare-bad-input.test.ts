/**
 * Bad input to `jit-bench compare`, through the bundled CLI as users run it:
 * one line naming the input, exit code 2, no stack trace.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, runCli, tempDir } from "./support.js";

afterAll(removeTempDirs);

const R = "test/fixtures/results";

/** A copy of a fixture in another encoding, in a folder of its own. */
function encoded(name: string, bytes: (text: string) => Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes(readFileSync(`${R}/off.json`, "utf8")));
  return path;
}

const cases: { name: string; args: () => string[]; expect: RegExp[] }[] = [
  {
    name: "a file in UTF-16",
    args: () => [
      encoded("utf16.json", (text) =>
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
      ),
      `${R}/on.json`,
    ],
    expect: [/utf16\.json/, /not UTF-8 text/, /Write the JSON as UTF-8/],
  },
  {
    name: "a file whose first line holds control characters",
    args: () => [
      encoded("controls.json", () =>
        Buffer.from("\u001b[31mnot json\rjit-bench verdict: ENABLE\n"),
      ),
      `${R}/on.json`,
    ],
    // No control character of the file's own reaches the terminal: one line, escapes shown.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
    expect: [/controls\.json/, /is not JSON/, /^[^\u001b\r]*$/],
  },
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

  it("reads a UTF-8 file that starts with a byte order mark, as Windows tools write it", async () => {
    const bom = encoded("bom.json", (text) => Buffer.from(`\ufeff${text}`, "utf8"));
    const result = await runCli(["compare", bom, `${R}/on.json`, "--format", "json"]);
    expect(result.code, result.stderr).toBe(0);
  });

  it("accepts a threshold of 5 and of 5% alike, and says which was used", async () => {
    const bare = await runCli(["compare", `${R}/off.json`, `${R}/on.json`, "--threshold", "5"]);
    const percent = await runCli(["compare", `${R}/off.json`, `${R}/on.json`, "--threshold", "5%"]);
    expect(bare.code).toBe(0);
    expect(percent.code).toBe(0);
    expect(bare.stdout).toBe(percent.stdout);
    expect(bare.stdout).toMatch(/threshold \+5%/);
  });
});
