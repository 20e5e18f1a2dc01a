/**
 * Settings files from text: jit-bench.yml (the whole document) or a TOML file
 * (the whole file, or its [tool.jit-bench] table when it is a pyproject.toml).
 * Reading the bytes is the adapter's job; this only parses.
 */
import { loadAll, YAMLException } from "js-yaml";
import { parse as parseToml, TomlError } from "smol-toml";
import { InputError } from "../errors.js";
import type { ConfigFile, ConfigSyntax } from "./problems.js";

/** The table that holds the settings inside pyproject.toml. */
export const PYPROJECT_TABLE = ["tool", "jit-bench"] as const;

export interface ConfigText {
  /** The file as the user would name it: "jit-bench.yml", "../ci/bench.yaml". */
  file: string;
  syntax: ConfigSyntax;
  /** Read the settings from [tool.jit-bench] rather than the top level. */
  pyproject: boolean;
  /** Absolute folder holding the file. */
  dir: string;
}

/**
 * The settings in `text`, or null for a pyproject.toml without a
 * [tool.jit-bench] table (it configures other tools, not this one). An empty
 * file is valid and means every default.
 */
/** A settings file is a screenful; anything near this size is not one. */
export const CONFIG_MAX_BYTES = 1024 * 1024;
/** Aliases (`*name`) a YAML settings file may use: a few, to repeat a list; not a bomb. */
export const CONFIG_MAX_ALIASES = 50;
/** Values (scalars, lists, mappings) a settings file may expand to, aliases followed. */
export const CONFIG_MAX_VALUES = 10_000;

export function parseConfigText(text: string, where: ConfigText): ConfigFile | null {
  const { file, syntax, pyproject, dir } = where;
  if (text.length > CONFIG_MAX_BYTES) {
    throw new InputError(
      file,
      `${text.length} characters`,
      `is larger than the ${CONFIG_MAX_BYTES} characters a settings file may have`,
      "Keep only jit-bench's settings in it.",
    );
  }
  const document = syntax === "yaml" ? parseYaml(text, file) : parseTomlText(text, file);
  let values: unknown = document;
  if (pyproject) {
    for (const step of PYPROJECT_TABLE) {
      if (!isMapping(values) || !(step in values)) return null;
      values = values[step];
    }
  }
  const table = `[${PYPROJECT_TABLE.join(".")}]`;
  const source = pyproject ? `${file}: ${table}` : file;
  if (values === null) values = {};
  if (!isMapping(values)) {
    throw new InputError(
      source,
      values,
      pyproject ? "must be a table of settings" : "must be a mapping of settings at the top level",
      syntax === "yaml"
        ? 'Write one "key: value" per line, e.g. processes: 6.'
        : `Write the settings under a ${table} header, one "key = value" per line, e.g. processes = 6.`,
    );
  }
  return { source, syntax, nested: pyproject, dir, values };
}

function parseYaml(text: string, file: string): unknown {
  let documents: unknown[];
  try {
    documents = loadAll(text, { maxAliases: CONFIG_MAX_ALIASES, maxTotalMergeKeys: 1_000 });
  } catch (error: unknown) {
    if (!(error instanceof YAMLException)) throw error;
    if (/maxAliases|maxTotalMergeKeys/.test(error.reason)) {
      throw new InputError(
        file,
        `more than ${CONFIG_MAX_ALIASES} aliases`,
        `uses more than ${CONFIG_MAX_ALIASES} YAML aliases (*name) or merge keys, the most a settings file may`,
        "Write the values out instead of repeating them through aliases.",
      );
    }
    const line = error.mark === undefined ? null : error.mark.line + 1;
    const column = error.mark === undefined ? null : error.mark.column + 1;
    throw syntaxError(file, "YAML", text, error.reason, line, column, "key: value");
  }
  if (documents.length > 1) {
    throw new InputError(
      file,
      `${documents.length} documents`,
      "holds more than one YAML document",
      'Keep one document: remove the extra "---" separators.',
    );
  }
  const document = documents[0] ?? null;
  if (countValues(document, CONFIG_MAX_VALUES) > CONFIG_MAX_VALUES) {
    throw new InputError(
      file,
      `more than ${CONFIG_MAX_VALUES} values`,
      `expands to more than the ${CONFIG_MAX_VALUES} values a settings file may hold (aliases followed)`,
      "Write a few settings, one per line; see docs/configuration.md.",
    );
  }
  // No document at all (an empty file, or only comments) means no settings.
  return document;
}

/**
 * Values in a parsed document, counting a value reached twice (through an
 * alias) twice, as everything that reads the settings would; it stops
 * counting once past `limit`, so a bomb costs no more than the limit.
 */
function countValues(root: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0 && count <= limit) {
    const value = stack.pop();
    count += 1;
    if (Array.isArray(value)) stack.push(...value.slice(0, limit + 1));
    else if (typeof value === "object" && value !== null)
      stack.push(...Object.values(value).slice(0, limit + 1));
  }
  return count;
}

function parseTomlText(text: string, file: string): unknown {
  try {
    return parseToml(text);
  } catch (error: unknown) {
    if (!(error instanceof TomlError)) throw error;
    const reason = (error.message.split("\n")[0] ?? "").replace(/^Invalid TOML document:\s*/, "");
    throw syntaxError(file, "TOML", text, reason, error.line, error.column, "key = value");
  }
}

function syntaxError(
  file: string,
  language: string,
  text: string,
  reason: string,
  line: number | null,
  column: number | null,
  form: string,
): InputError {
  if (line === null) {
    return new InputError(
      file,
      "(document)",
      `is not valid ${language}: ${reason}`,
      `Fix the ${language} syntax.`,
    );
  }
  const where = column === null ? `line ${line}` : `line ${line}, column ${column}`;
  return new InputError(
    file,
    text.split(/\r?\n/)[line - 1] ?? "",
    `is not valid ${language} at ${where}: ${reason}`,
    `Fix line ${line}; each setting is one "${form}" line.`,
  );
}

function isMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
