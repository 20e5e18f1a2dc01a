/**
 * The action's inputs as the runner passes them (INPUT_<NAME>): one reader
 * for a line, a list of lines, a boolean and the token. Everything that
 * reads an input goes through here.
 */
import * as core from "@actions/core";
import { InputError } from "../core/errors.js";
import { INPUTS, type InputName } from "./names.js";

/** Reads one input as the runner passes it (INPUT_<NAME>), trimmed. */
export function read(name: InputName): string {
  return core.getInput(name);
}

/** The token, read first so that main can mask it before anything could print it. */
export function readToken(): string {
  return read(INPUTS.githubToken);
}

/** YAML 1.2's core schema booleans, as the runner's own getBooleanInput accepts them; else undefined. */
export function yamlBoolean(raw: string): boolean | undefined {
  if (["true", "True", "TRUE"].includes(raw)) return true;
  if (["false", "False", "FALSE"].includes(raw)) return false;
  return undefined;
}

export function readBoolean(name: InputName): boolean {
  const raw = read(name);
  const value = yamlBoolean(raw);
  if (value !== undefined) return value;
  throw new InputError(name, raw, "must be true or false", `Use ${name}: true or ${name}: false.`);
}

/** A multi-line input's lines, trimmed, blank ones left out. */
export function readLines(name: InputName): string[] {
  return core
    .getMultilineInput(name)
    .map((line) => line.trim())
    .filter(Boolean);
}
