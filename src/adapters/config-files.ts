/**
 * Finds and reads the settings file of `jit-bench run`: the one named by
 * --config (the action's `config`), else jit-bench.yml / jit-bench.yaml in the project folder, else the
 * [tool.jit-bench] table of its pyproject.toml. No file at all is fine.
 */
import { stat } from "node:fs/promises";
import { basename, extname, join, relative, resolve } from "node:path";
import { CONFIG_MAX_BYTES } from "../core/config/parse.js";
import { type ConfigFile, type ConfigSyntax, parseConfigText } from "../core/config/settings.js";
import { InputError, written } from "../core/errors.js";
import { readCapped, UnsafeReadError } from "./files.js";

export const CONFIG_FILE_NAMES = ["jit-bench.yml", "jit-bench.yaml"] as const;
export const PYPROJECT_FILE = "pyproject.toml";

export interface ConfigLookup {
  /**
   * The file the user named, as typed, and the setting that named it
   * (`--config`, or the action's `config`), if one did.
   */
  config?: { given: string; input: string } | undefined;
  /** Absolute folder searched when no file is named: the root, or the working directory. */
  dir: string;
  /** Absolute working directory: a named file is relative to it, and file names in errors too. */
  cwd: string;
}

export async function loadConfigFile({
  config,
  dir,
  cwd,
}: ConfigLookup): Promise<ConfigFile | null> {
  return config === undefined ? findConfigFile(dir, cwd) : readExplicitConfig(config, cwd);
}

async function readExplicitConfig(
  { given, input }: { given: string; input: string },
  cwd: string,
): Promise<ConfigFile> {
  const path = resolve(cwd, given);
  const kind = await entryKind(path);
  if (kind === "missing") {
    throw new InputError(
      input,
      given,
      `does not exist (looked in ${cwd})`,
      `Pass the path of a jit-bench.yml or pyproject.toml, or leave ${input} out to use the one in the project folder.`,
    );
  }
  if (kind === "dir") {
    throw new InputError(
      input,
      given,
      "is a folder",
      `Pass the file itself, e.g. ${written(input, join(given, CONFIG_FILE_NAMES[0]))}.`,
    );
  }
  const syntax: ConfigSyntax = extname(path).toLowerCase() === ".toml" ? "toml" : "yaml";
  const pyproject = basename(path) === PYPROJECT_FILE;
  const file = parseConfigText(await readText(path, given), {
    file: given,
    syntax,
    pyproject,
    dir: resolve(path, ".."),
  });
  if (file === null) {
    throw new InputError(
      input,
      given,
      "has no [tool.jit-bench] table",
      `Add a [tool.jit-bench] table with the settings, or leave ${input} out.`,
    );
  }
  return file;
}

async function findConfigFile(dir: string, cwd: string): Promise<ConfigFile | null> {
  const present: string[] = [];
  for (const name of CONFIG_FILE_NAMES) {
    if ((await entryKind(join(dir, name))) === "file") present.push(name);
  }
  const pyprojectPath = join(dir, PYPROJECT_FILE);
  const pyproject =
    (await entryKind(pyprojectPath)) === "file" ? await readPyproject(pyprojectPath, cwd) : null;
  const [yamlName, other] = present;
  if (other !== undefined) {
    throw new InputError(
      displayName(join(dir, other), cwd),
      other,
      `exists next to ${yamlName}, and only one is read`,
      "Keep the settings in one file: merge them and delete the other.",
    );
  }
  if (yamlName === undefined) return pyproject;
  if (pyproject !== null) {
    throw new InputError(
      pyproject.source,
      Object.keys(pyproject.values),
      `holds settings, and so does ${yamlName}`,
      "Keep the settings in one place (delete one of them), or choose with --config.",
    );
  }
  const path = join(dir, yamlName);
  const name = displayName(path, cwd);
  // A YAML file always yields settings (an empty one means every default).
  return parseConfigText(await readText(path, name), {
    file: name,
    syntax: "yaml",
    pyproject: false,
    dir,
  }) as ConfigFile;
}

async function readPyproject(path: string, cwd: string): Promise<ConfigFile | null> {
  const name = displayName(path, cwd);
  const text = await readText(path, name);
  // Cheap guard: most pyproject.toml files say nothing to jit-bench, and their
  // other tables are not ours to validate.
  if (!text.includes("jit-bench")) return null;
  return parseConfigText(text, {
    file: name,
    syntax: "toml",
    pyproject: true,
    dir: resolve(path, ".."),
  });
}

/** A file's name as the user would write it from where they stand. */
function displayName(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === "" ? basename(path) : rel;
}

async function entryKind(path: string): Promise<"file" | "dir" | "missing"> {
  try {
    return (await stat(path)).isDirectory() ? "dir" : "file";
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return "missing";
    throw error;
  }
}

async function readText(path: string, name: string): Promise<string> {
  try {
    // Some Windows editors start files with a byte order mark; neither parser wants it.
    return (await readCapped(path, CONFIG_MAX_BYTES)).replace(/^\uFEFF/, "");
  } catch (error: unknown) {
    if (error instanceof UnsafeReadError) {
      throw new InputError(
        name,
        path,
        error.reason,
        `A settings file is a plain file of at most ${CONFIG_MAX_BYTES} bytes.`,
      );
    }
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(
      name,
      path,
      `cannot be read (${code})`,
      "Check that the file exists and is readable.",
    );
  }
}
