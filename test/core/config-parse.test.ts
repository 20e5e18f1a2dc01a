import { describe, expect, it } from "vitest";
import { type ConfigText, parseConfigText } from "../../src/core/config/settings.js";
import { inputError } from "../input-error.js";

const YAML: ConfigText = { file: "jit-bench.yml", syntax: "yaml", pyproject: false, dir: "/repo" };
const PYPROJECT: ConfigText = {
  file: "pyproject.toml",
  syntax: "toml",
  pyproject: true,
  dir: "/repo",
};
const TOML: ConfigText = { file: "bench.toml", syntax: "toml", pyproject: false, dir: "/repo" };

describe("parseConfigText: YAML", () => {
  it("reads a mapping as the settings, keys as written", () => {
    const file = parseConfigText("processes: 8\nmin-time: 250ms\ninclude: [a*, b]\n", YAML);
    expect(file).toEqual({
      source: "jit-bench.yml",
      syntax: "yaml",
      nested: false,
      dir: "/repo",
      values: { processes: 8, "min-time": "250ms", include: ["a*", "b"] },
    });
  });

  it.each([
    ["an empty file", ""],
    ["only comments", "# nothing set yet\n\n"],
    ["an empty document", "---\n"],
    ["a null document", "~\n"],
  ])("reads %s as no settings", (_, text) => {
    expect(parseConfigText(text, YAML)?.values).toEqual({});
  });

  it("reports a syntax error with its line, column and text", () => {
    const error = inputError(() =>
      parseConfigText("processes: 6\nvalues: 10\n  warmups: 3\n", YAML),
    );
    expect(error.input).toBe("jit-bench.yml");
    expect(error.value).toBe("  warmups: 3");
    expect(error.message).toMatch(/^jit-bench\.yml: is not valid YAML at line 3, column \d+: /);
    expect(error.message).toContain('Fix line 3; each setting is one "key: value" line.');
  });

  it("reports a duplicated key as a syntax error on its line", () => {
    const error = inputError(() => parseConfigText("processes: 6\nprocesses: 7\n", YAML));
    expect(error.message).toContain("at line 2");
    expect(error.value).toBe("processes: 7");
  });

  it.each([
    ["a list", "- processes\n- 6\n", ["processes", 6]],
    ["a string", "processes 6\n", "processes 6"],
    ["a number", "6\n", 6],
  ])("refuses %s at the top level", (_, text, value) => {
    const error = inputError(() => parseConfigText(text, YAML));
    expect(error.input).toBe("jit-bench.yml");
    expect(error.value).toEqual(value);
    expect(error.problem).toBe("must be a mapping of settings at the top level");
    expect(error.fix).toContain("processes: 6");
  });

  it("refuses several documents in one file", () => {
    const error = inputError(() => parseConfigText("processes: 6\n---\nvalues: 3\n", YAML));
    expect(error.message).toBe(
      'jit-bench.yml: holds more than one YAML document (got "2 documents"). Keep one document: remove the extra "---" separators.',
    );
  });
});

describe("parseConfigText: TOML", () => {
  it("reads the [tool.jit-bench] table of a pyproject.toml, ignoring other tools", () => {
    const text =
      '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 100\n\n[tool.jit-bench]\nprocesses = 4\nmin-time = "1.5s"\n';
    expect(parseConfigText(text, PYPROJECT)).toEqual({
      source: "pyproject.toml: [tool.jit-bench]",
      syntax: "toml",
      nested: true,
      dir: "/repo",
      values: { processes: 4, "min-time": "1.5s" },
    });
  });

  it("accepts the dotted-key and quoted spellings of the table", () => {
    expect(parseConfigText('[tool]\n"jit-bench" = { legs = "on" }\n', PYPROJECT)?.values).toEqual({
      legs: "on",
    });
  });

  it.each([
    ["no tables", 'name = "x"\n'],
    ["other tools only", "[tool.ruff]\nline-length = 88\n"],
    ["an empty file", ""],
  ])("returns null for a pyproject.toml with %s", (_, text) => {
    expect(parseConfigText(text, PYPROJECT)).toBeNull();
  });

  it("reads an empty [tool.jit-bench] table as no settings", () => {
    expect(parseConfigText("[tool.jit-bench]\n", PYPROJECT)?.values).toEqual({});
  });

  it("reads a standalone TOML file from its top level", () => {
    const file = parseConfigText('legs = "off"\n', TOML);
    expect(file?.source).toBe("bench.toml");
    expect(file?.nested).toBe(false);
    expect(file?.values).toEqual({ legs: "off" });
  });

  it("reports a syntax error with its line and text", () => {
    const error = inputError(() =>
      parseConfigText("[tool.jit-bench]\nprocesses = 6\nmin-time = \n", PYPROJECT),
    );
    expect(error.input).toBe("pyproject.toml");
    expect(error.value).toBe("min-time = ");
    expect(error.message).toMatch(/^pyproject\.toml: is not valid TOML at line 3, column \d+: \S/);
    expect(error.message).toContain('Fix line 3; each setting is one "key = value" line.');
    expect(error.message).not.toContain("\n");
  });

  it("refuses a jit-bench entry that is not a table", () => {
    const error = inputError(() => parseConfigText('[tool]\njit-bench = "fast"\n', PYPROJECT));
    expect(error.message).toBe(
      'pyproject.toml: [tool.jit-bench]: must be a table of settings (got "fast"). Write the settings under a [tool.jit-bench] header, one "key = value" per line, e.g. processes = 6.',
    );
  });
});
