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
export function parseConfigText(text: string, where: ConfigText): ConfigFile | null {
  const { file, syntax, pyproject, dir } = where;
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
    documents = loadAll(text);
  } catch (error: unknown) {
    if (!(error instanceof YAMLException)) throw error;
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
  // No document at all (an empty file, or only comments) means no settings.
  return documents[0] ?? null;
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
