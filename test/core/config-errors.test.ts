import { describe, expect, it } from "vitest";
import {
  type ConfigFile,
  nearestKey,
  parseConfigText,
  resolveRunSettings,
} from "../../src/core/config/settings.js";
import { InputError } from "../../src/core/errors.js";

const CWD = "/work/project";

function yamlFile(text: string): ConfigFile {
  const file = parseConfigText(text, {
    file: "jit-bench.yml",
    syntax: "yaml",
    pyproject: false,
    dir: "/repo",
  });
  if (file === null) throw new Error("a YAML file always has settings");
  return file;
}

function pyproject(text: string): ConfigFile {
  const file = parseConfigText(`[tool.jit-bench]\n${text}`, {
    file: "pyproject.toml",
    syntax: "toml",
    pyproject: true,
    dir: "/repo",
  });
  if (file === null) throw new Error("expected a [tool.jit-bench] table");
  return file;
}

function errorFrom(sources: { flags?: Record<string, unknown>; file?: ConfigFile }): InputError {
  try {
    resolveRunSettings({ flags: sources.flags ?? {}, file: sources.file ?? null, cwd: CWD });
  } catch (error: unknown) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

const VALID_KEYS =
  "Valid keys: suite, root, python, legs, processes, warmups, values, min-time, timer, pairing, timeout, precision, budget, max-regression, include, exclude, output-dir, report, overwrite, profile, profile-time, allow-failures, tests, tests-timeout, variants.";

describe("unknown keys", () => {
  it("suggests the nearest key in a YAML file", () => {
    expect(errorFrom({ file: yamlFile("proceses: 3\n") }).message).toBe(
      `jit-bench.yml: unknown key "proceses" (got 3). Did you mean "processes"? ${VALID_KEYS}`,
    );
  });

  it("suggests the nearest key in pyproject.toml, forgiving underscores", () => {
    expect(errorFrom({ file: pyproject('min_time = "20ms"\n') }).message).toBe(
      `pyproject.toml: [tool.jit-bench]: unknown key "min_time" (got "20ms"). Did you mean "min-time"? ${VALID_KEYS}`,
    );
  });

  it("reports a misspelt key before the other problems of the file", () => {
    const error = errorFrom({ file: yamlFile("processes: 1\nwarmup: 2\n") });
    expect(error.problem).toBe('unknown key "warmup"');
    expect(error.fix).toMatch(/^Did you mean "warmups"\?/);
  });

  it("suggests nothing when no key is close", () => {
    const error = errorFrom({ file: yamlFile("iterations: 100\n") });
    expect(error.message).toBe(`jit-bench.yml: unknown key "iterations" (got 100). ${VALID_KEYS}`);
  });

  it("names an unknown flag as a flag", () => {
    const error = errorFrom({ flags: { timout: "5s" } });
    expect(error.message).toMatch(
      /^jit-bench run: unknown key "--timout" \(got "5s"\)\. Did you mean "--timeout"\?/,
    );
  });

  it.each([
    ["proceses", "processes"],
    ["minTime", "min-time"],
    ["OUTPUT_DIR", "output-dir"],
    ["outputDir", "output-dir"],
    ["timout", "timeout"],
    ["leg", "legs"],
    ["exlude", "exclude"],
    ["iterations", null],
    ["x", null],
    ["benchmark", null],
  ])("nearestKey(%j) is %j", (typo, expected) => {
    expect(nearestKey(typo)).toBe(expected);
  });
});

describe("processes", () => {
  it("names the flag, the value and the fix when fewer than 2", () => {
    expect(errorFrom({ flags: { processes: "1" } }).message).toBe(
      "--processes: must be at least 2 (got 1). Use --processes 2 or more: one process gives no spread between processes.",
    );
  });

  it("gives the fix in the file's own syntax", () => {
    expect(errorFrom({ file: yamlFile("processes: 0\n") }).message).toBe(
      "jit-bench.yml: processes: must be at least 2 (got 0). Use processes: 2 or more: one process gives no spread between processes.",
    );
    expect(errorFrom({ file: pyproject("processes = 1\n") }).message).toBe(
      "pyproject.toml: [tool.jit-bench] processes: must be at least 2 (got 1). Use processes = 2 or more: one process gives no spread between processes.",
    );
  });

  it.each([
    [{ file: yamlFile("processes: many\n") }, "jit-bench.yml: processes", "many"],
    [{ file: yamlFile('processes: "6"\n') }, "jit-bench.yml: processes", "6"],
    [{ file: yamlFile("processes:\n") }, "jit-bench.yml: processes", null],
    [{ file: yamlFile("processes: 2.5\n") }, "jit-bench.yml: processes", 2.5],
    [{ flags: { processes: "many" } }, "--processes", "many"],
    [{ flags: { processes: "2.5" } }, "--processes", 2.5],
  ])("refuses what is not a whole number: %#", (sources, input, value) => {
    const error = errorFrom(sources);
    expect(error.input).toBe(input);
    expect(error.value).toBe(value);
    expect(error.problem).toBe("must be a whole number");
    expect(error.fix).toMatch(
      /^Use a whole number from 2 to 10000, e\.g\. (--processes 6|processes: 6)\.$/,
    );
  });

  it("caps processes at what a results file can hold", () => {
    expect(errorFrom({ flags: { processes: "10001" } }).message).toBe(
      "--processes: must be at most 10000 (got 10001). Use a whole number from 2 to 10000, e.g. --processes 6.",
    );
  });
});

describe("other counts", () => {
  it("refuses negative warm-ups and zero values", () => {
    expect(errorFrom({ flags: { warmups: "-1" } }).message).toBe(
      "--warmups: must be at least 0 (got -1). Use a whole number from 0 to 100000, e.g. --warmups 3.",
    );
    expect(errorFrom({ file: pyproject("values = 0\n") }).message).toBe(
      "pyproject.toml: [tool.jit-bench] values: must be at least 1 (got 0). Use a whole number from 1 to 100000, e.g. values = 10.",
    );
  });
});

describe("durations", () => {
  it.each([
    [
      { flags: { "min-time": "0" } },
      '--min-time: must be more than 0 (got "0"). Use a duration above 0, e.g. --min-time 10ms.',
    ],
    [
      { flags: { timeout: "-5s" } },
      '--timeout: must be more than 0 (got "-5s"). Use a duration above 0, e.g. --timeout 60s.',
    ],
    [
      { file: yamlFile("timeout: 0\n") },
      "jit-bench.yml: timeout: must be more than 0 (got 0). Use a duration above 0, e.g. timeout: 60s.",
    ],
    [
      { file: pyproject("min-time = -1\n") },
      'pyproject.toml: [tool.jit-bench] min-time: must be more than 0 (got -1). Use a duration above 0, e.g. min-time = "10ms".',
    ],
  ])("refuses a duration that is not positive: %#", (sources, message) => {
    expect(errorFrom(sources).message).toBe(message);
  });

  it("refuses a duration it cannot read, listing the units", () => {
    expect(errorFrom({ flags: { timer: "clock" } }).message).toBe(
      '--timer: must be one of cpu, wall (got "clock"). Use one of cpu, wall, e.g. --timer cpu.',
    );
    expect(errorFrom({ flags: { "min-time": "soon" } }).message).toBe(
      '--min-time: is not a duration (got "soon"). Use milliseconds or a number with a unit (us, µs, ms, s, m), e.g. --min-time 250ms.',
    );
    expect(errorFrom({ file: pyproject('timeout = "2h"\n') }).message).toBe(
      'pyproject.toml: [tool.jit-bench] timeout: is not a duration (got "2h"). Use milliseconds or a number with a unit (us, µs, ms, s, m), e.g. timeout = "250ms".',
    );
  });

  it("refuses a duration of the wrong type", () => {
    const error = errorFrom({ file: yamlFile("timeout: [1, 2]\n") });
    expect(error.input).toBe("jit-bench.yml: timeout");
    expect(error.value).toEqual([1, 2]);
    expect(error.problem).toBe("must be a duration: milliseconds, or a string with a unit");
  });

  it("refuses a timeout longer than a timer can wait", () => {
    const error = errorFrom({ flags: { timeout: "40000m" } });
    expect(error.input).toBe("--timeout");
    expect(error.problem).toMatch(/^must be at most 2147483647ms/);
  });

  it("refuses a timeout no process could meet, naming the input that was set", () => {
    expect(errorFrom({ flags: { "min-time": "10s" } }).message).toBe(
      '--min-time: leaves no time to measure: (3 warm-ups + 20 values) x 10000ms min-time = 230000ms, not under the 60000ms timeout (got "10s"). Raise timeout above 230000ms, or lower min-time, values or warmups.',
    );
    const error = errorFrom({ file: pyproject('timeout = "1s"\nmin-time = "100ms"\n') });
    expect(error.input).toBe("pyproject.toml: [tool.jit-bench] timeout");
    expect(error.value).toBe("1s");
  });

  it("blames the flag over the file when both set the timeout", () => {
    // (3 warm-ups + at least 20 values with auto) x the 1ms default min-time = 23ms.
    const error = errorFrom({ file: yamlFile("timeout: 1s\n"), flags: { timeout: "20ms" } });
    expect(error.input).toBe("--timeout");
    expect(error.value).toBe("20ms");
  });
});

describe("legs, python, paths and patterns", () => {
  it("refuses legs outside off, on, both", () => {
    expect(errorFrom({ flags: { legs: "yes" } }).message).toBe(
      '--legs: must be one of off, on, both (got "yes"). Use one of off, on, both, e.g. --legs both.',
    );
    expect(errorFrom({ file: yamlFile("legs: true\n") }).message).toBe(
      "jit-bench.yml: legs: must be one of off, on, both (got true). Use one of off, on, both, e.g. legs: both.",
    );
  });

  it("refuses an empty python command in any form", () => {
    expect(errorFrom({ flags: { python: "   " } }).message).toBe(
      '--python: must not be empty (got "   "). Name the interpreter command, e.g. --python python3.13.',
    );
    expect(errorFrom({ file: yamlFile("python: []\n") }).problem).toBe("must not be an empty list");
    const error = errorFrom({ file: pyproject('python = ["python3", ""]\n') });
    expect(error.input).toBe("pyproject.toml: [tool.jit-bench] python[1]");
    expect(error.value).toBe("");
  });

  it("refuses a python that is not text", () => {
    expect(errorFrom({ file: yamlFile("python: 3.13\n") }).message).toBe(
      "jit-bench.yml: python: must be a command string or a list of arguments (got 3.13). Name the interpreter command, e.g. python: python3.13.",
    );
  });

  it("points at the one bad item of a list", () => {
    expect(errorFrom({ file: yamlFile("include: [bench_a, 3]\n") }).message).toBe(
      "jit-bench.yml: include[1]: must be a pattern (got 3). Use benchmark-name patterns of at most 500 characters, e.g. include: [bench_json*].",
    );
    expect(errorFrom({ file: pyproject('suite = ["a", ""]\n') }).input).toBe(
      "pyproject.toml: [tool.jit-bench] suite[1]",
    );
  });

  it("names a repeated flag once, whichever value was bad", () => {
    const error = errorFrom({ flags: { exclude: ["bench_a", ""] } });
    expect(error.input).toBe("--exclude");
    expect(error.value).toBe("");
  });

  it("refuses a suite that is neither a path nor a list", () => {
    const error = errorFrom({ file: yamlFile("suite: {python: benchmarks}\n") });
    expect(error.message).toBe(
      'jit-bench.yml: suite: must be a path or a list of them (got {"python":"benchmarks"}). Name the files or folders holding bench_* functions, e.g. suite: [benchmarks].',
    );
  });

  it("refuses an empty report path and explains how to turn the report off", () => {
    expect(errorFrom({ flags: { report: "" } }).message).toBe(
      '--report: must not be empty (got ""). Name a markdown file, e.g. --report docs/benchmarks.md, or use --no-report to write none.',
    );
    expect(errorFrom({ file: pyproject("report = true\n") }).message).toBe(
      'pyproject.toml: [tool.jit-bench] report: must be a path, or false to write no report (got true). Name a markdown file, e.g. report = "docs/benchmarks.md", or use report = false to write none.',
    );
  });

  it("refuses empty folders for root and output-dir", () => {
    expect(errorFrom({ file: yamlFile("root: ''\n") }).input).toBe("jit-bench.yml: root");
    expect(errorFrom({ flags: { "output-dir": "" } }).fix).toBe(
      "Name a folder, e.g. --output-dir .jit-bench.",
    );
  });
});
