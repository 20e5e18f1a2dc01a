/**
 * Every error about settings is an InputError that names the input the way the
 * user wrote it (`--processes`, the action's `processes:`, `jit-bench.yml:
 * processes`, `pyproject.toml: [tool.jit-bench] processes`) and shows the fix
 * in that same syntax.
 */
import { closest, distance } from "fastest-levenshtein";
import type { z } from "zod";
import { InputError } from "../errors.js";
import { DURATION_UNITS } from "./duration.js";
import {
  CONFIG_KEYS,
  type ConfigKey,
  LEG_CHOICES,
  LIMITS,
  PAIRING_CHOICES,
  TIMER_CHOICES,
} from "./keys.js";

export const CONFIG_SYNTAXES = ["yaml", "toml"] as const;
export type ConfigSyntax = (typeof CONFIG_SYNTAXES)[number];

/** A settings file, read and parsed but not yet validated. */
export interface ConfigFile {
  /** How errors name it: "jit-bench.yml", "pyproject.toml: [tool.jit-bench]". */
  source: string;
  syntax: ConfigSyntax;
  /** True when the settings are a table inside a larger file (pyproject.toml). */
  nested: boolean;
  /** Absolute folder holding the file: the default root, and the base of its `root` key. */
  dir: string;
  values: Record<string, unknown>;
}

/**
 * Where a raw settings record came from: the command line, the action's
 * inputs (named as a workflow's `with:` block spells them), or a file.
 */
export type ConfigOrigin =
  | { kind: "flags" }
  | { kind: "inputs"; names: Readonly<Partial<Record<ConfigKey, string>>> }
  | { kind: "file"; file: ConfigFile };

export const FLAGS: ConfigOrigin = { kind: "flags" };

export function isConfigKey(key: string): key is ConfigKey {
  return (CONFIG_KEYS as readonly string[]).includes(key);
}

/** `--suite`, `suite`, `jit-bench.yml: suite[1]`, `pyproject.toml: [tool.jit-bench] suite[1]`. */
export function inputName(origin: ConfigOrigin, key: string, rest: readonly PropertyKey[] = []) {
  switch (origin.kind) {
    case "flags":
      return `--${key}`;
    case "inputs":
      return (isConfigKey(key) ? origin.names[key] : undefined) ?? key;
    case "file": {
      const { source, nested } = origin.file;
      const steps = rest.map((step) =>
        typeof step === "number" ? `[${step}]` : `.${String(step)}`,
      );
      return `${source}${nested ? " " : ": "}${key}${steps.join("")}`;
    }
  }
}

/** An example setting in the origin's own syntax: `--processes 6`, `processes: 6`, `processes = 6`. */
export function example(origin: ConfigOrigin, key: ConfigKey, value: unknown): string {
  if (origin.kind === "flags") {
    if (value === false) return `--no-${key}`;
    if (value === true) return `--${key}`;
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => `--${key} ${shellWord(String(item))}`).join(" ");
  }
  // A workflow's `with:` block is YAML, one input per line, a list as lines of text.
  if (origin.kind === "inputs") {
    if (Array.isArray(value) && value.length > 1) {
      const lines = value.map((item) => JSON.stringify(String(item))).join(", ");
      return `${inputName(origin, key)}: one per line, ${lines}`;
    }
    const shown = Array.isArray(value) ? value.join(" ") : value;
    return `${inputName(origin, key)}: ${yamlValue(shown)}`;
  }
  switch (origin.file.syntax) {
    case "yaml":
      return `${key}: ${yamlValue(value)}`;
    case "toml":
      return `${key} = ${JSON.stringify(value)}`;
  }
}

function shellWord(word: string): string {
  return /^[\w./*:@%+=,-]+$/.test(word) ? word : JSON.stringify(word);
}

function yamlValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlValue).join(", ")}]`;
  if (typeof value !== "string") return JSON.stringify(value);
  // Plain only when YAML would read it back as this same string.
  const safe = /^[\w./][\w./*-]*$/.test(value);
  const special = /^([-+.]?\d[\d_.e+-]*|0[xo].*|true|false|null|~|\.inf|\.nan)$/i.test(value);
  return safe && !special ? value : JSON.stringify(value);
}

/** Turns the first zod issue for a settings record into an InputError. */
export function settingsError(
  origin: ConfigOrigin,
  raw: Record<string, unknown>,
  issues: readonly z.core.$ZodIssue[],
): InputError {
  // A misspelt key explains the other problems more often than not, so it goes first.
  const unknown = issues.find((issue) => issue.code === "unrecognized_keys");
  const first = unknown ?? issues[0];
  if (first === undefined || first.code === "unrecognized_keys") {
    const key = first?.keys[0] ?? "";
    return unknownKeyError(origin, key, raw[key]);
  }
  const { issue, path } = innermost(first, first.path);
  const [key, ...rest] = path;
  if (typeof key !== "string" || !isConfigKey(key)) {
    return new InputError(
      inputName(origin, String(key)),
      raw,
      issue.message,
      "Check the settings.",
    );
  }
  const set = (value: unknown) => example(origin, key, value);
  // A repeated flag or a multi-line input is named once, whichever of its values was wrong.
  const at = origin.kind === "file" ? rest : [];
  return new InputError(
    inputName(origin, key, at),
    valueAt(raw, path),
    issue.message,
    fixFor(key, issue.code, set),
  );
}

export function unknownKeyError(origin: ConfigOrigin, key: string, value: unknown): InputError {
  const suggestion = nearestKey(key);
  // Inside a file the key stands alone: the file is already named.
  const written = (k: string) => (origin.kind === "file" ? k : inputName(origin, k));
  const known = CONFIG_KEYS.map(written);
  const hint = suggestion === null ? "" : `Did you mean "${written(suggestion)}"? `;
  const where = whereKeysLive(origin);
  return new InputError(
    where,
    value,
    `unknown key "${written(key)}"`,
    `${hint}Valid keys: ${known.join(", ")}.`,
  );
}

function whereKeysLive(origin: ConfigOrigin): string {
  switch (origin.kind) {
    case "flags":
      return "jit-bench run";
    case "inputs":
      return "with:";
    case "file":
      return origin.file.source;
  }
}

/**
 * The valid key a typo most likely meant, or null when none is close. Case,
 * underscores and camelCase are forgiven first, since `min_time` and `minTime`
 * are the usual slips.
 */
export function nearestKey(key: string): ConfigKey | null {
  const normal = key
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/_/g, "-")
    .toLowerCase();
  const best = closest(normal, [...CONFIG_KEYS]) as ConfigKey;
  const allowed = Math.max(1, Math.floor(best.length / 3));
  return distance(normal, best) <= allowed ? best : null;
}

/**
 * A union reports "none of the options fit" even when the input clearly chose
 * one (a list with one bad item); the branch that got past the type check
 * holds the precise problem.
 */
function innermost(
  issue: z.core.$ZodIssue,
  path: readonly PropertyKey[],
): { issue: z.core.$ZodIssue; path: readonly PropertyKey[] } {
  if (issue.code !== "invalid_union") return { issue, path };
  for (const branch of issue.errors) {
    const inner = branch[0];
    const mismatch = inner?.code === "invalid_type" || inner?.code === "invalid_value";
    if (inner !== undefined && !(mismatch && inner.path.length === 0)) {
      return innermost(inner, [...path, ...inner.path]);
    }
  }
  return { issue, path };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const step of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[step];
  }
  return node;
}

function fixFor(key: ConfigKey, code: string, set: (value: unknown) => string): string {
  const tooSmall = code === "too_small";
  switch (key) {
    case "processes":
      return tooSmall
        ? `Use ${set(2)} or more: one process gives no spread between processes.`
        : `Use a whole number from 2 to ${LIMITS.processes}, e.g. ${set(6)}.`;
    case "warmups":
      return `Use a whole number from 0 to ${LIMITS.warmups}, e.g. ${set(3)}.`;
    case "values":
      return `Use a whole number from 1 to ${LIMITS.values}, e.g. ${set(10)}.`;
    case "precision":
      return `Use a percentage, e.g. ${set("1%")}, or ${set("off")} for a fixed number of processes.`;
    case "max-regression":
      return `Use a percentage from 0% to 1000%, e.g. ${set("10%")}.`;
    case "budget":
      return tooSmall
        ? `Use a duration above 0, e.g. ${set("120s")}.`
        : `Use milliseconds or a number with a unit (${DURATION_UNITS.join(", ")}), e.g. ${set("10m")}.`;
    case "min-time":
    case "timeout":
    case "profile-time":
      return tooSmall
        ? `Use a duration above 0, e.g. ${set(key === "min-time" ? "10ms" : key === "timeout" ? "60s" : "2s")}.`
        : `Use milliseconds or a number with a unit (${DURATION_UNITS.join(", ")}), e.g. ${set("250ms")}.`;
    case "legs":
      return `Use one of ${LEG_CHOICES.join(", ")}, e.g. ${set("both")}.`;
    case "timer":
      return `Use one of ${TIMER_CHOICES.join(", ")}, e.g. ${set("cpu")}.`;
    case "pairing":
      return `Use one of ${PAIRING_CHOICES.join(", ")}, e.g. ${set("alternate")}.`;
    case "python":
      return `Name the interpreter command, e.g. ${set("python3.13")}.`;
    case "suite":
      return `Name the files or folders holding bench_* functions, e.g. ${set(["benchmarks"])}.`;
    case "root":
      return `Name the project folder, e.g. ${set("./app")}.`;
    case "include":
    case "exclude":
      return `Use benchmark-name patterns of at most ${LIMITS.patternLength} characters, e.g. ${set(["bench_json*"])}.`;
    case "output-dir":
      return `Name a folder, e.g. ${set(".jit-bench")}.`;
    case "report":
      return `Name a markdown file, e.g. ${set("docs/benchmarks.md")}, or use ${set(false)} to write none.`;
    case "overwrite":
    case "profile":
    case "allow-failures":
      return `Use ${set(true)} or ${set(false)}.`;
    case "tests":
      return `Name the command that runs the tests, e.g. ${set("pytest -q")}, or use ${set(false)} to run none.`;
    case "tests-timeout":
      return tooSmall
        ? `Use a duration above 0, e.g. ${set("10m")}.`
        : `Use milliseconds or a number with a unit (${DURATION_UNITS.join(", ")}), e.g. ${set("10m")}.`;
    case "variants":
      return `List 2 to 8 interpreters, the baseline first, e.g. ${set(["3.13: python3.13", "3.14 + JIT: PYTHON_JIT=1 python3.14"])}.`;
  }
}
