/**
 * --profile, --no-profile and --profile-time as the CLI parses them, over a
 * settings file: the switch needs no value, --no-profile wins over a file's
 * true, and a profile time that does not fit in the timeout is refused
 * before anything runs.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addRunOptions, loadRunSettings } from "../../src/cli/run-options.js";
import { InputError } from "../../src/core/errors.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "jit-bench-profile-options-"));
  await writeFile(join(dir, "jit-bench.yml"), "profile: true\n");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function parse(args: string[]): Record<string, unknown> {
  const cmd = addRunOptions(new Command("run").exitOverride());
  cmd.parse(args, { from: "user" });
  return cmd.opts();
}

describe("the profile flags", () => {
  it("is off by default, and turned on by a bare --profile", async () => {
    const bare = await mkdtemp(join(tmpdir(), "jit-bench-profile-options-"));
    try {
      expect((await loadRunSettings(parse([]), bare)).profile).toBe(false);
      expect((await loadRunSettings(parse(["--profile"]), bare)).profile).toBe(true);
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });

  it("lets --no-profile override a settings file's true", async () => {
    expect((await loadRunSettings(parse([]), dir)).profile).toBe(true);
    expect((await loadRunSettings(parse(["--no-profile"]), dir)).profile).toBe(false);
  });

  it("reads --profile-time as a duration", async () => {
    const settings = await loadRunSettings(parse(["--profile-time", "1.5s"]), dir);
    expect(settings.profileTimeMs).toBe(1500);
  });

  it("refuses a profile time that does not fit in the timeout, naming the flag", async () => {
    const error = await loadRunSettings(
      parse(["--profile-time", "5s", "--timeout", "2s"]),
      dir,
    ).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      '--profile-time: leaves the profiling process no time: 5000ms of sampling is not under the 2000ms timeout (got "5s"). Lower profile-time below 2000ms, or raise timeout.',
    );
  });

  it("does not care about the profile time when profiling is off", async () => {
    const settings = await loadRunSettings(
      parse(["--no-profile", "--profile-time", "5s", "--timeout", "2s"]),
      dir,
    );
    expect(settings.profile).toBe(false);
  });

  it("refuses a file value that is not a boolean, with the fix in the file's syntax", async () => {
    const other = await mkdtemp(join(tmpdir(), "jit-bench-profile-options-"));
    try {
      await writeFile(join(other, "jit-bench.yml"), "profile: sometimes\n");
      const error = await loadRunSettings(parse([]), other).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect((error as InputError).message).toBe(
        'jit-bench.yml: profile: must be true or false (got "sometimes"). Use profile: true or profile: false.',
      );
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
