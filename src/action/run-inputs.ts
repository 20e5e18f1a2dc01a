/**
 * Run-mode inputs as run settings: defaults < the settings file (jit-bench.yml
 * or [tool.jit-bench]) < inputs the workflow set. Empty inputs leave the file
 * or the default in force. The CLI's resolver does the merging; this file
 * only makes its errors speak of action inputs rather than CLI flags.
 */
import { loadConfigFile } from "../adapters/config-files.js";
import {
  ConfigFileSchema,
  type ConfigKey,
  DEFAULT_FILE_VALUES,
  type LegChoice,
  type RunSettings,
  resolveRunSettings,
} from "../core/config/settings.js";
import { InputError } from "../core/errors.js";
import { INPUTS, type InputName } from "./names.js";

/** The run-mode inputs, as the runner passes them; empty strings mean "not set". */
export interface SettingText {
  legs: LegChoice;
  suite: string[];
  python: string;
  processes: string;
  warmups: string;
  values: string;
  minTime: string;
  timer: string;
  timeout: string;
  precision: string;
  budget: string;
  profile: string;
  config: string;
}

interface SettingInput {
  input: InputName;
  key: ConfigKey;
  field: Exclude<keyof SettingText, "legs" | "suite" | "config">;
  accepted: string;
}

const SETTING_INPUTS: readonly SettingInput[] = [
  {
    input: INPUTS.python,
    key: "python",
    field: "python",
    accepted: "an interpreter command, e.g. python3.13",
  },
  {
    input: INPUTS.processes,
    key: "processes",
    field: "processes",
    accepted: "a whole number of at least 2, e.g. 6",
  },
  {
    input: INPUTS.warmups,
    key: "warmups",
    field: "warmups",
    accepted: "a whole number of at least 0, e.g. 3",
  },
  {
    input: INPUTS.values,
    key: "values",
    field: "values",
    accepted: "a whole number of at least 1, e.g. 10",
  },
  {
    input: INPUTS.minTime,
    key: "min-time",
    field: "minTime",
    accepted: 'a duration such as "10ms" or "1s"',
  },
  { input: INPUTS.timer, key: "timer", field: "timer", accepted: "cpu or wall" },
  {
    input: INPUTS.timeout,
    key: "timeout",
    field: "timeout",
    accepted: 'a duration such as "60s" or "5m"',
  },
  {
    input: INPUTS.precision,
    key: "precision",
    field: "precision",
    accepted: 'a percentage such as "1%", or "off"',
  },
  {
    input: INPUTS.budget,
    key: "budget",
    field: "budget",
    accepted: 'a duration such as "120s" or "10m"',
  },
  { input: INPUTS.profile, key: "profile", field: "profile", accepted: "true or false" },
];

/** Flag names of the CLI that stand for an action input here. */
const FLAG_TO_INPUT: Readonly<Record<string, InputName>> = {
  "--python": INPUTS.python,
  "--processes": INPUTS.processes,
  "--warmups": INPUTS.warmups,
  "--values": INPUTS.values,
  "--min-time": INPUTS.minTime,
  "--timer": INPUTS.timer,
  "--timeout": INPUTS.timeout,
  "--precision": INPUTS.precision,
  "--budget": INPUTS.budget,
  "--profile": INPUTS.profile,
  "--suite": INPUTS.suite,
  "--config": INPUTS.config,
  "--legs": INPUTS.jit,
};

const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

export async function readRunInputs(text: SettingText, cwd: string): Promise<RunSettings> {
  const flags: Record<string, unknown> = { legs: text.legs };
  if (text.suite.length > 0) flags.suite = text.suite;
  for (const setting of SETTING_INPUTS) {
    const raw = text[setting.field];
    if (raw === "") continue;
    const value = typedValue(setting.key, raw);
    checkOne(setting, raw, value);
    // Numbers and durations go on as text, as from a command line; a switch goes on as what it means.
    flags[setting.key] = typeof value === "boolean" ? value : raw;
  }
  return asActionInputs(async () => {
    const file = await loadConfigFile({
      config: text.config === "" ? undefined : text.config,
      dir: cwd,
      cwd,
    });
    // The action reports in the job summary; a markdown file in the workspace would be litter.
    return { ...resolveRunSettings({ flags, file, cwd }), report: null };
  });
}

/** YAML 1.2's core schema booleans, as the runner's own getBooleanInput accepts them. */
const BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  True: true,
  TRUE: true,
  false: false,
  False: false,
  FALSE: false,
};

function typedValue(key: ConfigKey, raw: string): unknown {
  if (key === "profile") return Object.hasOwn(BOOLEANS, raw) ? BOOLEANS[raw] : raw;
  return key !== "python" && NUMBER.test(raw) ? Number(raw) : raw;
}

/** One input alone against the settings schema, so the error names that input. */
function checkOne(setting: SettingInput, raw: string, value: unknown): void {
  const parsed = ConfigFileSchema.safeParse({ [setting.key]: value });
  if (parsed.success) return;
  const problem = parsed.error.issues[0]?.message ?? "is not valid";
  const fallback = (DEFAULT_FILE_VALUES as Partial<Record<ConfigKey, unknown>>)[setting.key];
  throw new InputError(
    setting.input,
    raw,
    problem,
    `Use ${setting.accepted}, or leave ${setting.input} empty for the settings file's value or the default (${String(fallback)}).`,
  );
}

/** Renames CLI flags in the errors of the shared resolver to the action's input names. */
async function asActionInputs<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error: unknown) {
    throw error instanceof InputError ? asActionInputError(error) : error;
  }
}

/**
 * The shared run core names its inputs as the CLI spells them (`--python`);
 * in the action the same input is `python:`. Other names pass unchanged.
 */
export function asActionInputError(error: InputError): InputError {
  const input = FLAG_TO_INPUT[error.input] ?? error.input;
  const fix = error.fix.replace(/--([a-z][a-z-]*)/g, (flag) => FLAG_TO_INPUT[flag] ?? flag);
  if (input === error.input && fix === error.fix) return error;
  return new InputError(input, error.value, error.problem, fix);
}
