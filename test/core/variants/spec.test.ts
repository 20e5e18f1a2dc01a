/**
 * The `variants` setting: a line "NAME: [VAR=value ...] COMMAND" or an object
 * { name, python, env }. Errors name the item and show how to write it, and,
 * through the settings resolver, the file and key (or flag) it came from.
 */
import { describe, expect, it } from "vitest";
import {
  type ConfigFile,
  parseConfigText,
  resolveRunSettings,
} from "../../../src/core/config/settings.js";
import { InputError } from "../../../src/core/errors.js";
import { VARIANT_LIMITS } from "../../../src/core/variants/results.js";
import {
  parseVariantLine,
  pythonJitOf,
  VariantsSettingSchema,
  variantLine,
} from "../../../src/core/variants/spec.js";

const SHAPE = '"NAME: [VAR=value ...] COMMAND", such as "3.14 + JIT: PYTHON_JIT=1 python3.14"';

describe("parseVariantLine", () => {
  it("reads a name and a command", () => {
    expect(parseVariantLine("3.13: python3.13")).toEqual({
      name: "3.13",
      python: ["python3.13"],
      env: [],
      image: null,
    });
  });

  it("reads the words of the form NAME=value before the command as its environment, in order", () => {
    expect(parseVariantLine("3.14 + JIT:  PYTHON_JIT=1\tB=x=y  EMPTY= python3.14 -X dev")).toEqual({
      name: "3.14 + JIT",
      python: ["python3.14", "-X", "dev"],
      env: [
        ["PYTHON_JIT", "1"],
        ["B", "x=y"],
        ["EMPTY", ""],
      ],
      image: null,
    });
  });

  it("leaves words after the command, and words that name no variable, to the command", () => {
    expect(parseVariantLine("a: python3 X=1")).toMatchObject({
      python: ["python3", "X=1"],
      env: [],
    });
    expect(parseVariantLine("a: 1X=2 python3")).toMatchObject({
      python: ["1X=2", "python3"],
      env: [],
    });
    expect(parseVariantLine("a: =2 python3")).toMatchObject({ python: ["=2", "python3"], env: [] });
  });

  it("reads --image IMAGE before the command as the variant's container image", () => {
    expect(parseVariantLine("3.14: PYTHON_JIT=1 --image python:3.14-slim python3 -u")).toEqual({
      name: "3.14",
      python: ["python3", "-u"],
      env: [["PYTHON_JIT", "1"]],
      image: "python:3.14-slim",
    });
    expect(parseVariantLine("a: --image python3")).toBe(
      `names no interpreter command after "a:"; write it as ${SHAPE}`,
    );
    expect(parseVariantLine("a: --image -bad python3")).toBe(
      'has the image "-bad", which is no image reference; write one such as --image python:3.14-slim',
    );
  });

  it("splits at the first colon and trims the name", () => {
    expect(parseVariantLine("  pypy (3.10) : /opt/pypy:3.10/bin/pypy3")).toEqual({
      name: "pypy (3.10)",
      python: ["/opt/pypy:3.10/bin/pypy3"],
      env: [],
      image: null,
    });
  });

  it("refuses a line without a name, saying how to write one", () => {
    expect(parseVariantLine("python3.13")).toBe(`has no "NAME:" in front; write it as ${SHAPE}`);
  });

  it("refuses a line without a command, environment or not", () => {
    expect(parseVariantLine("3.13:")).toBe(
      `names no interpreter command after "3.13:"; write it as ${SHAPE}`,
    );
    expect(parseVariantLine("3.13 + JIT: PYTHON_JIT=1")).toBe(
      `names no interpreter command after "3.13 + JIT:"; write it as ${SHAPE}`,
    );
  });

  it.each([
    ["a backtick", "a`b"],
    ["markdown", "**bold**"],
    ["a tag", "<b>x"],
    ["a link", "[x](y)"],
    ["a mention", "@team"],
    ["a pipe", "a|b"],
    ["a control character", "a\u001b[31m"],
    ["a leading sign", "+jit"],
    ["no name", ""],
  ])("refuses a name with %s, naming the characters allowed", (_, name) => {
    expect(parseVariantLine(`${name}: python3`)).toBe(
      `has the name "${name}", which must be 1 to 40 letters, digits, spaces and . + - _ ( ), starting with a letter or digit`,
    );
  });

  it("refuses a name longer than the limit, quoting its start", () => {
    const name = "n".repeat(VARIANT_LIMITS.nameLength + 1);
    expect(parseVariantLine(`${name}: python3`)).toMatch(
      /^has the name "n{41}", which must be 1 to 40/,
    );
    expect(parseVariantLine(`${"n".repeat(VARIANT_LIMITS.nameLength)}: python3`)).not.toBeTypeOf(
      "string",
    );
  });

  it("refuses more environment variables than the limit", () => {
    const env = Array.from({ length: VARIANT_LIMITS.envEntries + 1 }, (_, i) => `V${i}=1`);
    expect(parseVariantLine(`a: ${env.join(" ")} python3`)).toBe(
      "sets 21 environment variables; at most 20",
    );
    expect(parseVariantLine(`a: ${env.slice(1).join(" ")} python3`)).not.toBeTypeOf("string");
  });
});

describe("variantLine and pythonJitOf", () => {
  it("write a variant back as the line that reads as it", () => {
    const line = "3.14 + JIT: PYTHON_JIT=1 B=x=y python3.14 -X dev";
    const spec = parseVariantLine(line);
    if (typeof spec === "string") throw new Error(spec);
    expect(variantLine(spec)).toBe(line);
    expect(parseVariantLine(variantLine(spec))).toEqual(spec);
  });

  it("give the value PYTHON_JIT gets, the last one given, or null", () => {
    expect(pythonJitOf([])).toBeNull();
    expect(pythonJitOf([["PYTHONGC", "0"]])).toBeNull();
    expect(
      pythonJitOf([
        ["PYTHON_JIT", "1"],
        ["PYTHON_JIT", "0"],
      ]),
    ).toBe("0");
  });
});

describe("VariantsSettingSchema", () => {
  const parse = (value: unknown) => VariantsSettingSchema.safeParse(value);
  const message = (value: unknown) => parse(value).error?.issues[0]?.message;

  it("reads false, null and an empty list as no variants", () => {
    for (const none of [false, null, []]) expect(parse(none).data).toEqual([]);
  });

  it("reads lines and objects alike, an object's env values as strings", () => {
    expect(
      parse([
        "3.13: python3.13",
        { name: " 3.14 + JIT ", python: "python3.14  -X dev", env: { PYTHON_JIT: 1, V: true } },
        { name: "3.14t", python: ["/opt/python 3.14t/bin/python3", "-u"] },
      ]).data,
    ).toEqual([
      { name: "3.13", python: ["python3.13"], env: [], image: null },
      {
        name: "3.14 + JIT",
        python: ["python3.14", "-X", "dev"],
        env: [
          ["PYTHON_JIT", "1"],
          ["V", "true"],
        ],
        image: null,
      },
      { name: "3.14t", python: ["/opt/python 3.14t/bin/python3", "-u"], env: [], image: null },
    ]);
  });

  it("needs 2 to 8 variants", () => {
    expect(message(["a: python3"])).toBe("holds 1 variant; a comparison needs 2 to 8");
    const nine = Array.from({ length: 9 }, (_, i) => `v${i}: python3`);
    expect(message(nine)).toBe("holds 9 variants; a comparison needs 2 to 8");
    expect(parse(nine.slice(1)).success).toBe(true);
  });

  it("needs every name once", () => {
    expect(message(["a: python3", { name: "a", python: "python3.13" }])).toBe(
      'names "a" twice; every variant needs a name of its own',
    );
  });

  it("names the item that is wrong, counting from 1, with the path to it", () => {
    const result = parse(["a: python3", "b python3"]);
    expect(result.error?.issues[0]?.path).toEqual([1]);
    expect(result.error?.issues[0]?.message).toBe(
      `item 2 has no "NAME:" in front; write it as ${SHAPE}`,
    );
  });

  it("refuses an object whose command is empty or only spaces", () => {
    expect(message(["a: python3", { name: "b", python: "   " }])).toBe(
      'item 2 names no interpreter command for "b"; give it one, as in { name: "3.13", python: "python3.13" }',
    );
    expect(parse(["a: python3", { name: "b", python: [] }]).success).toBe(false);
    expect(parse(["a: python3", { name: "b", python: "" }]).success).toBe(false);
  });

  it("refuses an object with a key it does not know, an env name no shell could set, or a list value", () => {
    expect(parse(["a: python3", { name: "b", python: "x", environment: {} }]).success).toBe(false);
    expect(parse(["a: python3", { name: "b", python: "x", env: { "1X": "2" } }]).success).toBe(
      false,
    );
    expect(parse(["a: python3", { name: "b", python: "x", env: { X: [1] } }]).success).toBe(false);
    expect(parse(["a: python3", { name: "b", python: "x", env: { X: 1 } }]).success).toBe(true);
  });
});

describe("variants through the settings resolver", () => {
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

  function errorFrom(sources: { flags?: Record<string, unknown>; file?: ConfigFile }) {
    try {
      resolveRunSettings({ flags: sources.flags ?? {}, file: sources.file ?? null, cwd: "/repo" });
    } catch (error: unknown) {
      if (error instanceof InputError) return error;
      throw error;
    }
    throw new Error("expected an InputError");
  }

  const FILE_FIX =
    'List 2 to 8 interpreters, the baseline first, e.g. variants: ["3.13: python3.13", "3.14 + JIT: PYTHON_JIT=1 python3.14"].';
  const FLAG_FIX =
    'List 2 to 8 interpreters, the baseline first, e.g. --variants "3.13: python3.13" --variants "3.14 + JIT: PYTHON_JIT=1 python3.14".';

  it("reads the variants of a jit-bench.yml", () => {
    const file = yamlFile(
      "variants:\n  - '3.12: python3.12'\n  - name: 3.13 + JIT\n    python: python3.13\n    env: { PYTHON_JIT: 1 }\n",
    );
    expect(resolveRunSettings({ flags: {}, file, cwd: "/repo" }).variants).toEqual([
      { name: "3.12", python: ["python3.12"], env: [], image: null },
      { name: "3.13 + JIT", python: ["python3.13"], env: [["PYTHON_JIT", "1"]], image: null },
    ]);
  });

  it("names the file, the key and the item of a bad line, and quotes it", () => {
    const error = errorFrom({
      file: yamlFile("variants:\n  - '3.12: python3.12'\n  - 'python3.13'\n"),
    });
    expect(error.message).toBe(
      `jit-bench.yml: variants[1]: item 2 has no "NAME:" in front; write it as ${SHAPE} (got "python3.13"). ${FILE_FIX}`,
    );
  });

  it("names the file and the field of a bad object", () => {
    const error = errorFrom({
      file: yamlFile(
        "variants:\n  - '3.12: python3.12'\n  - name: b\n    python: python3\n    env: { '1X': 2 }\n",
      ),
    });
    expect(error.input).toBe("jit-bench.yml: variants[1].env.1X");
    expect(error.problem).toBe(
      'has "1X", which is no environment variable name (letters, digits and _, not starting with a digit)',
    );
    expect(error.fix).toBe(FILE_FIX);
    const list = errorFrom({
      file: yamlFile(
        "variants:\n  - 'a: python3'\n  - name: b\n    python: python3\n    env: { X: [1] }\n",
      ),
    });
    expect(list.input).toBe("jit-bench.yml: variants[1].env.X");
    expect(list.problem).toBe("must be a string, a number or true/false");
  });

  it("names the key for a count or a name problem of the whole list", () => {
    expect(errorFrom({ file: yamlFile("variants: ['a: python3']\n") }).message).toBe(
      `jit-bench.yml: variants: holds 1 variant; a comparison needs 2 to 8 (got ["a: python3"]). ${FILE_FIX}`,
    );
    expect(errorFrom({ file: yamlFile("variants: 3\n") }).problem).toBe(
      `must be a list of variants, each ${SHAPE} or { name, python, env }`,
    );
  });

  it("names the flag, and shows the fix as flags, for a bad --variants", () => {
    const error = errorFrom({ flags: { variants: ["a: python3", "b: PYTHON_JIT=1"] } });
    expect(error.message).toBe(
      `--variants: item 2 names no interpreter command after "b:"; write it as ${SHAPE} (got "b: PYTHON_JIT=1"). ${FLAG_FIX}`,
    );
  });

  it("names pyproject.toml's table for a bad variant there", () => {
    const file = parseConfigText('[tool.jit-bench]\nvariants = ["a: python3", "a: python3.13"]\n', {
      file: "pyproject.toml",
      syntax: "toml",
      pyproject: true,
      dir: "/repo",
    });
    if (file === null) throw new Error("expected a [tool.jit-bench] table");
    expect(errorFrom({ file }).message).toMatch(
      /^pyproject\.toml: \[tool\.jit-bench\] variants: names "a" twice; every variant needs a name of its own/,
    );
  });
});
