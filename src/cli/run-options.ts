/**
 * The flags of `jit-bench run`, derived from the settings keys in
 * src/core/config/keys.ts so the help, the files and the docs agree. Flags are
 * parsed as plain strings here; the core converts and validates them, so every
 * error names the flag as typed.
 */

import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { loadConfigFile } from "../adapters/config-files.js";
import {
  CONFIG_KEYS,
  type ConfigKey,
  configKeyDocs,
  type RunSettings,
  resolveRunSettings,
} from "../core/config/settings.js";
import { InputError } from "../core/errors.js";

/** Keys that are switches on the command line; `--no-<key>` overrides a file's true. */
const SWITCHES = ["overwrite", "profile", "allow-failures"] as const satisfies readonly ConfigKey[];
type SwitchKey = (typeof SWITCHES)[number];

const PLACEHOLDER: Record<Exclude<ConfigKey, SwitchKey>, string> = {
  suite: "<path>",
  root: "<dir>",
  python: "<command>",
  legs: "<off|on|both>",
  processes: "<n>",
  warmups: "<n>",
  values: "<n|auto>",
  "min-time": "<duration>",
  timer: "<cpu|wall>",
  pairing: "<alternate|concurrent|off>",
  timeout: "<duration>",
  precision: "<percent|off>",
  budget: "<duration>",
  "max-regression": "<percent>",
  include: "<pattern>",
  exclude: "<pattern>",
  "output-dir": "<dir>",
  report: "<path>",
  "profile-time": "<duration>",
  tests: "<command>",
  "tests-timeout": "<duration>",
  variants: '"<name>: <command>"',
};

/** Lists in a file are repeated flags on the command line. */
const REPEATABLE: ReadonlySet<ConfigKey> = new Set(["suite", "include", "exclude", "variants"]);

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function defaultText(value: unknown): string {
  if (value === null) return "";
  const shown = Array.isArray(value) ? value.join(" ") || "none" : String(value);
  return ` (default: ${shown})`;
}

/** One Option per settings key, plus --config and --no-report. */
function runOptions(): Map<ConfigKey | "config" | "no-report" | `no-${SwitchKey}`, Option> {
  const options = new Map<ConfigKey | "config" | "no-report" | `no-${SwitchKey}`, Option>();
  options.set(
    "config",
    new Option(
      "--config <file>",
      "Settings file: .yml, .yaml, or .toml ([tool.jit-bench] when named pyproject.toml). (default: jit-bench.yml, jit-bench.yaml or pyproject.toml in the root)",
    ),
  );
  for (const doc of configKeyDocs()) {
    const key = doc.key;
    if (isSwitch(key)) {
      options.set(key, new Option(`--${key}`, `${doc.description}${defaultText(doc.default)}`));
      options.set(
        `no-${key}`,
        new Option(`--no-${key}`, `Turn ${key} off, whatever the file says.`),
      );
      continue;
    }
    const repeat = REPEATABLE.has(doc.key) ? " Repeat the flag for more." : "";
    const option = new Option(
      `--${key} ${PLACEHOLDER[key]}`,
      `${doc.description}${repeat}${defaultText(doc.default)}`,
    );
    if (REPEATABLE.has(doc.key)) option.argParser(collect);
    options.set(doc.key, option);
  }
  options.set("no-report", new Option("--no-report", "Write no markdown report."));
  return options;
}

function isSwitch(key: ConfigKey): key is SwitchKey {
  return (SWITCHES as readonly ConfigKey[]).includes(key);
}

/** Adds the settings flags of `run` to `cmd`; no defaults are set, so a file value shows through. */
export function addRunOptions(cmd: Command): Command {
  for (const option of runOptions().values()) cmd.addOption(option);
  return cmd;
}

/**
 * Commander's parsed options (camelCase) as the raw settings record the core
 * validates (kebab-case keys). --config is not a setting and is left out.
 */
export function flagsToRecord(flags: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const options = runOptions();
  for (const key of CONFIG_KEYS) {
    const name = options.get(key)?.attributeName() ?? key;
    if (flags[name] !== undefined) record[key] = flags[name];
  }
  return record;
}

/**
 * The settings for one run: reads the settings file (from --config, or found
 * in --root or `cwd`), then lets the flags override it.
 */
export async function loadRunSettings(
  flags: Record<string, unknown>,
  cwd: string,
): Promise<RunSettings> {
  const here = resolve(cwd);
  const record = flagsToRecord(flags);
  const rootFlag = typeof record.root === "string" && record.root !== "" ? record.root : null;
  const config =
    typeof flags.config === "string" ? { given: flags.config, input: "--config" } : undefined;
  const file = await loadConfigFile({
    config,
    dir: rootFlag === null ? here : resolve(here, rootFlag),
    cwd: here,
  });
  const settings = resolveRunSettings({ flags: record, file, cwd: here });
  await checkRootIsFolder(settings.root, settings.names.root);
  return settings;
}

async function checkRootIsFolder(root: string, input: string): Promise<void> {
  const isFolder = await stat(root).then(
    (entry) => entry.isDirectory(),
    () => false,
  );
  if (!isFolder) {
    throw new InputError(
      input,
      root,
      "is not a folder",
      "Name the project folder that holds the benchmarks.",
    );
  }
}
