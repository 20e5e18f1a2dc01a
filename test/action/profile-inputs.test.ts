/**
 * The `profile` input through real INPUT_* variables: true and false in the
 * spellings the runner accepts, empty for the settings file's value, and one
 * line naming the input for anything else.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readInputs } from "../../src/action/inputs.js";
import { InputError } from "../../src/core/errors.js";
import { actionDefaults } from "./runner.js";

let cwd: string;
let withFile: string;
let defaults: Record<string, string>;
const set: string[] = [];

beforeAll(async () => {
  defaults = await actionDefaults();
  cwd = await mkdtemp(join(tmpdir(), "jit-bench-profile-inputs-"));
  await mkdir(join(cwd, "benchmarks"));
  withFile = join(cwd, "with-file");
  await mkdir(join(withFile, "benchmarks"), { recursive: true });
  await writeFile(join(withFile, "jit-bench.yml"), "profile: true\nprofile-time: 750ms\n");
});

afterEach(() => {
  for (const key of set.splice(0)) delete process.env[key];
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function settingsFor(inputs: Record<string, string>, dir = cwd) {
  for (const [name, value] of Object.entries({ ...defaults, "github-token": "", ...inputs })) {
    const key = `INPUT_${name.toUpperCase()}`;
    process.env[key] = value;
    set.push(key);
  }
  const read = await readInputs(dir);
  if (read.mode !== "run") throw new Error("expected run mode");
  return read;
}

describe("the profile input", () => {
  it("is off by default, with the default profile time", async () => {
    const { settings, warnings } = await settingsFor({ mode: "run" });
    expect(settings.profile).toBe(false);
    expect(settings.profileTimeMs).toBe(2000);
    expect(warnings).toEqual([]);
  });

  it.each([
    ["true", true],
    ["True", true],
    ["TRUE", true],
    ["false", false],
  ])("reads %s as %s", async (raw, expected) => {
    const { settings } = await settingsFor({ mode: "run", profile: raw });
    expect(settings.profile).toBe(expected);
  });

  it("leaves the settings file in force when empty, and overrides it when set", async () => {
    const fromFile = await settingsFor({ mode: "run" }, withFile);
    expect(fromFile.settings.profile).toBe(true);
    expect(fromFile.settings.profileTimeMs).toBe(750);
    const overridden = await settingsFor({ mode: "run", profile: "false" }, withFile);
    expect(overridden.settings.profile).toBe(false);
  });

  it.each(["yes", "1", "constructor"])("refuses %j in one line naming the input", async (raw) => {
    const error = await settingsFor({ mode: "run", profile: raw }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message).toBe(
      `profile: must be true or false (got ${JSON.stringify(raw)}). Use profile: true or profile: false.`,
    );
  });

  it("is a run-mode input: compare mode warns that it ignores it", async () => {
    for (const [name, value] of Object.entries({
      ...defaults,
      "github-token": "",
      mode: "compare",
      comment: "false",
      profile: "true",
    })) {
      const key = `INPUT_${name.toUpperCase()}`;
      process.env[key] = value;
      set.push(key);
    }
    const read = await readInputs(cwd);
    expect(read.warnings).toEqual(["profile is a run-mode input; mode compare ignores it."]);
  });
});
