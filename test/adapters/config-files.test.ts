import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfigFile } from "../../src/adapters/config-files.js";
import { addRunOptions, flagsToRecord, loadRunSettings } from "../../src/cli/run-options.js";
import { inputErrorOf as rejection } from "../input-error.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "config");

let work: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), "jit-bench-config-"));
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Copies a fixture folder into the temp dir and returns its new path. */
async function fixture(name: string): Promise<string> {
  const dir = join(work, name);
  await cp(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

describe("loadConfigFile: finding the file", () => {
  it("finds jit-bench.yml in the folder and names it relative to the working directory", async () => {
    const dir = await fixture("yaml");
    const file = await loadConfigFile({ dir, cwd: work });
    expect(file?.source).toBe(join("yaml", "jit-bench.yml"));
    expect(file?.dir).toBe(dir);
    expect(file?.values.processes).toBe(8);
  });

  it("finds jit-bench.yaml too", async () => {
    await writeFile(join(work, "jit-bench.yaml"), "legs: off\n");
    const file = await loadConfigFile({ dir: work, cwd: work });
    expect(file?.source).toBe("jit-bench.yaml");
    expect(file?.values).toEqual({ legs: "off" });
  });

  it("falls back to [tool.jit-bench] in pyproject.toml", async () => {
    const dir = await fixture("toml");
    const file = await loadConfigFile({ dir, cwd: dir });
    expect(file?.source).toBe("pyproject.toml: [tool.jit-bench]");
    expect(file?.values.legs).toBe("on");
  });

  it("returns null for a pyproject.toml that configures other tools only", async () => {
    const dir = await fixture("pyproject-other-tools");
    expect(await loadConfigFile({ dir, cwd: dir })).toBeNull();
  });

  it("returns null when there is no settings file at all", async () => {
    expect(await loadConfigFile({ dir: work, cwd: work })).toBeNull();
  });

  it("reads an empty jit-bench.yml as no settings", async () => {
    const dir = await fixture("empty");
    expect((await loadConfigFile({ dir, cwd: dir }))?.values).toEqual({});
  });

  it("skips a byte order mark", async () => {
    await writeFile(join(work, "jit-bench.yml"), "\uFEFFprocesses: 4\n");
    expect((await loadConfigFile({ dir: work, cwd: work }))?.values).toEqual({ processes: 4 });
  });

  it("refuses jit-bench.yml and jit-bench.yaml side by side", async () => {
    await writeFile(join(work, "jit-bench.yml"), "processes: 4\n");
    await writeFile(join(work, "jit-bench.yaml"), "processes: 5\n");
    const error = await rejection(loadConfigFile({ dir: work, cwd: work }));
    expect(error.message).toBe(
      'jit-bench.yaml: exists next to jit-bench.yml, and only one is read (got "jit-bench.yaml"). Keep the settings in one file: merge them and delete the other.',
    );
  });

  it("refuses settings in both jit-bench.yml and pyproject.toml", async () => {
    await writeFile(join(work, "jit-bench.yml"), "processes: 4\n");
    await writeFile(join(work, "pyproject.toml"), "[tool.jit-bench]\nlegs = 'on'\n");
    const error = await rejection(loadConfigFile({ dir: work, cwd: work }));
    expect(error.input).toBe("pyproject.toml: [tool.jit-bench]");
    expect(error.problem).toBe("holds settings, and so does jit-bench.yml");
    expect(error.fix).toContain("--config");
  });

  it("reports a YAML syntax error with the line", async () => {
    // Written here rather than kept as a fixture: the linter parses YAML fixtures.
    const dir = join(work, "broken-yaml");
    await mkdir(dir);
    await writeFile(join(dir, "jit-bench.yml"), "processes: 6\nvalues: 10\n  warmups: 3\n");
    const error = await rejection(loadConfigFile({ dir, cwd: work }));
    expect(error.input).toBe(join("broken-yaml", "jit-bench.yml"));
    expect(error.message).toContain("is not valid YAML at line 3");
  });

  it("reports a TOML syntax error in pyproject.toml with the line", async () => {
    const dir = await fixture("broken-toml");
    const error = await rejection(loadConfigFile({ dir, cwd: dir }));
    expect(error.input).toBe("pyproject.toml");
    expect(error.message).toContain("is not valid TOML at line 3");
  });
});

describe("loadConfigFile: --config", () => {
  const flag = (given: string) => ({ given, input: "--config" });

  it("reads the file given, relative to the working directory", async () => {
    await fixture("toml");
    const file = await loadConfigFile({
      config: flag("toml/pyproject.toml"),
      dir: work,
      cwd: work,
    });
    expect(file?.source).toBe("toml/pyproject.toml: [tool.jit-bench]");
    expect(file?.dir).toBe(join(work, "toml"));
  });

  it("reads a .toml file that is not pyproject.toml from its top level", async () => {
    await writeFile(join(work, "bench.toml"), "processes = 3\n");
    const file = await loadConfigFile({ config: flag("bench.toml"), dir: work, cwd: work });
    expect(file?.source).toBe("bench.toml");
    expect(file?.values).toEqual({ processes: 3 });
  });

  it("prefers --config over a jit-bench.yml in the folder", async () => {
    await writeFile(join(work, "jit-bench.yml"), "processes: 4\n");
    await writeFile(join(work, "ci.yml"), "processes: 9\n");
    const file = await loadConfigFile({ config: flag("ci.yml"), dir: work, cwd: work });
    expect(file?.values).toEqual({ processes: 9 });
  });

  it("refuses a file that does not exist", async () => {
    const error = await rejection(
      loadConfigFile({ config: flag("nope.yml"), dir: work, cwd: work }),
    );
    expect(error.message).toMatch(
      /^--config: does not exist \(looked in .+\) \(got "nope\.yml"\)\. Pass the path of a jit-bench\.yml or pyproject\.toml/,
    );
  });

  it("names the action's config input, and shows the fix in a workflow's syntax", async () => {
    await mkdir(join(work, "settings"));
    const error = await rejection(
      loadConfigFile({ config: { given: "settings", input: "config" }, dir: work, cwd: work }),
    );
    expect(error.input).toBe("config");
    expect(error.fix).toBe(
      `Pass the file itself, e.g. config: ${join("settings", "jit-bench.yml")}.`,
    );
  });

  it("refuses a folder", async () => {
    await mkdir(join(work, "ci"));
    const error = await rejection(loadConfigFile({ config: flag("ci"), dir: work, cwd: work }));
    expect(error.problem).toBe("is a folder");
    expect(error.fix).toBe(`Pass the file itself, e.g. --config ${join("ci", "jit-bench.yml")}.`);
  });

  it("refuses a pyproject.toml without a [tool.jit-bench] table", async () => {
    await fixture("pyproject-other-tools");
    const given = "pyproject-other-tools/pyproject.toml";
    const error = await rejection(loadConfigFile({ config: flag(given), dir: work, cwd: work }));
    expect(error.message).toBe(
      `--config: has no [tool.jit-bench] table (got "${given}"). Add a [tool.jit-bench] table with the settings, or leave --config out.`,
    );
  });
});

function parseRun(argv: string[]): Record<string, unknown> {
  const cmd = addRunOptions(
    new Command("run").exitOverride().configureOutput({ writeErr: () => {} }),
  );
  cmd.parse(argv, { from: "user" });
  return cmd.opts();
}

describe("run flags", () => {
  it("parses flags as strings, repeated ones as lists, and sets nothing that was not given", () => {
    const flags = parseRun([
      "--suite",
      "a",
      "--suite",
      "b",
      "--min-time",
      "2s",
      "--output-dir",
      "out",
      "--include",
      "bench_x*",
    ]);
    expect(flagsToRecord(flags)).toEqual({
      suite: ["a", "b"],
      "min-time": "2s",
      "output-dir": "out",
      include: ["bench_x*"],
    });
  });

  it("turns --no-report into report: false and --report into a path", () => {
    expect(flagsToRecord(parseRun(["--no-report"]))).toEqual({ report: false });
    expect(flagsToRecord(parseRun(["--report", "r.md"]))).toEqual({ report: "r.md" });
  });

  it("keeps --config out of the settings record", () => {
    const flags = parseRun(["--config", "ci.yml", "--legs", "on"]);
    expect(flags.config).toBe("ci.yml");
    expect(flagsToRecord(flags)).toEqual({ legs: "on" });
  });

  it("fails on an unknown flag with a non-zero exit code, which the CLI maps to 2", () => {
    let caught: unknown;
    try {
      parseRun(["--proceses", "3"]);
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CommanderError);
    expect((caught as CommanderError).code).toBe("commander.unknownOption");
    expect((caught as CommanderError).exitCode).not.toBe(0);
  });
});

describe("loadRunSettings", () => {
  it("lets flags override the settings file found in the working directory", async () => {
    const dir = await fixture("yaml");
    const settings = await loadRunSettings(parseRun(["--processes", "3", "--report", "r.md"]), dir);
    expect(settings.processes).toBe(3);
    expect(settings.values).toBe(5);
    expect(settings.minTimeMs).toBe(250);
    expect(settings.python).toEqual(["python3.13", "-X", "dev"]);
    expect(settings.report).toBe(join(dir, "r.md"));
    expect(settings.root).toBe(dir);
  });

  it("looks for the settings file in --root", async () => {
    await fixture("toml");
    const settings = await loadRunSettings(parseRun(["--root", "toml"]), work);
    expect(settings.root).toBe(join(work, "toml"));
    expect(settings.legs).toBe("on");
    expect(settings.timeoutMs).toBe(60_000);
  });

  it("roots the run in the folder of --config", async () => {
    await fixture("yaml");
    const settings = await loadRunSettings(parseRun(["--config", "yaml/jit-bench.yml"]), work);
    expect(settings.root).toBe(join(work, "yaml"));
    expect(settings.outputDir).toBe(join(work, "yaml", "out", "results"));
  });

  it("uses the defaults when there is no settings file", async () => {
    const settings = await loadRunSettings({}, work);
    expect(settings.root).toBe(work);
    expect(settings.processes).toBe(6);
  });

  it("names the flag of a bad value after commander parsed it", async () => {
    const error = await rejection(loadRunSettings(parseRun(["--processes", "1"]), work));
    expect(error.input).toBe("--processes");
  });

  it("names the file key for a bad value in pyproject.toml", async () => {
    const dir = await fixture("typo-toml");
    const error = await rejection(loadRunSettings({}, dir));
    expect(error.message).toMatch(
      /^pyproject\.toml: \[tool\.jit-bench\]: unknown key "min_time" \(got "20ms"\)\. Did you mean "min-time"\?/,
    );
  });

  it("refuses a root that is not a folder, naming where it came from", async () => {
    const flagError = await rejection(loadRunSettings(parseRun(["--root", "missing"]), work));
    expect(flagError.input).toBe("--root");
    expect(flagError.value).toBe(join(work, "missing"));
    await writeFile(join(work, "jit-bench.yml"), "root: ./jit-bench.yml\n");
    const fileError = await rejection(loadRunSettings({}, work));
    expect(fileError.input).toBe("jit-bench.yml: root");
    expect(fileError.problem).toBe("is not a folder");
  });
});
