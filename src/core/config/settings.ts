/**
 * The settings of `jit-bench run`: defaults < settings file < flags, validated
 * into one typed object. Pure: the caller reads the file (see
 * src/adapters/config-files.ts) and passes the working directory in.
 *
 * Paths: `root` is made absolute (a flag against the working directory, a
 * file key against the file's folder, by default the file's folder or the
 * working directory). Every other path is relative to root, wherever it was
 * written: `output-dir` and `report` come out absolute, `suite` entries stay
 * as written because results name benchmark files relative to root.
 *
 * One module on purpose: the three origins are merged into one object in one
 * pass, and each default and each rule between settings sits beside that
 * merge, so a setting's whole life is read in one place.
 */
import { isAbsolute, resolve } from "node:path";
import { InputError } from "../errors.js";
import { AUTO_VALUES, type ValuesSetting } from "../schedule.js";
import { SEQUENTIAL_LIMITS } from "../stats/stopping-rule.js";
import type { VariantSpec } from "../variants/spec.js";
import {
  CONFIG_KEYS,
  ConfigFileSchema,
  type ConfigKey,
  type ConfigValues,
  DEFAULT_FILE_VALUES,
  type LegChoice,
  type PairingChoice,
  type TimerChoice,
} from "./keys.js";
import { type ConfigFile, type ConfigOrigin, FLAGS, inputName, settingsError } from "./problems.js";

/** The inputs the user actually set, for errors that involve several keys. */
type Given = Partial<Record<ConfigKey, { input: string; raw: unknown }>>;

export { DURATION_UNITS, parseDurationMs } from "./duration.js";
export {
  CONFIG_KEYS,
  ConfigFileSchema,
  type ConfigKey,
  type ConfigKeyDoc,
  type ConfigValues,
  configKeyDocs,
  DEFAULT_FILE_VALUES,
  LEG_CHOICES,
  type LegChoice,
  LIMITS,
  PAIRING_CHOICES,
  type PairingChoice,
  TIMER_CHOICES,
  type TimerChoice,
} from "./keys.js";
export { type ConfigText, PYPROJECT_TABLE, parseConfigText } from "./parse.js";
export {
  CONFIG_SYNTAXES,
  type ConfigFile,
  type ConfigOrigin,
  type ConfigSyntax,
  inputName,
  nearestKey,
} from "./problems.js";

export interface RunSettings {
  /** Python files or folders with bench_* functions, relative to root. */
  suite: string[];
  /** Absolute project root: the workers' cwd and first entry of sys.path. */
  root: string;
  /** Interpreter argv, e.g. ["python3.13", "-X", "dev"]. */
  python: string[];
  legs: LegChoice;
  /** Fresh processes per benchmark and leg. */
  processes: number;
  /** Untimed values per process. */
  warmups: number;
  /** Timed values per process, or "auto": as many as fill a time (core/schedule.ts). */
  values: ValuesSetting;
  /** Shortest duration of one value, which the loop count is calibrated to. */
  minTimeMs: number;
  /** The clock behind the values the statistics use; both clocks are recorded. */
  timer: TimerChoice;
  /** With both legs: how their processes are paired, or "off" for separate processes. */
  pairing: PairingChoice;
  /** Per worker process. */
  timeoutMs: number;
  /**
   * Sequential sampling's target half-width of each speedup interval (0.01
   * for ±1%), or null for exactly `processes` per leg. With a target,
   * `processes` is the minimum per leg.
   */
  precision: number | null;
  /**
   * The setting that turned precision and budget off by asking for a fixed
   * count (`--processes`, or `processes` in a settings file, with no precision
   * beside it), so the run can say so; absent when nothing did.
   */
  fixedBy?: string;
  /** How long sequential sampling may add processes, for the whole run. */
  budgetMs: number;
  /**
   * The slowdown (0.1 for 10%) past which the run's report calls a benchmark
   * a regression; sequential sampling measures one near it on (settleRule).
   */
  maxRegression: number;
  /** fnmatch-style patterns on benchmark names; empty means all. */
  include: string[];
  exclude: string[];
  /** Absolute folder for the results JSON (written relative to root). */
  outputDir: string;
  /** Absolute markdown report path (written relative to root); null writes none. */
  report: string | null;
  /** Replace files at the run's paths that jit-bench did not write (core/own-files.ts). */
  overwrite: boolean;
  /** Take stack samples in an extra, untimed process per benchmark and leg. */
  profile: boolean;
  /** How long each profiling process samples. */
  profileTimeMs: number;
  /** A benchmark that failed leaves the exit code alone (it is still reported). */
  allowFailures: boolean;
  /** No input set processes or precision: without a JIT to measure, the run is a short A/A. */
  defaultSampling?: true;
  /** The team's test command, run in both legs after the benchmarks; null runs none. */
  tests: string | null;
  /** Longest one run of the test command may take before its process group is killed. */
  testsTimeoutMs: number;
  /** Interpreters compared in one run instead of the legs; empty for the legs. The first is the baseline. */
  variants: VariantSpec[];
  /**
   * How errors name each setting: the input that set it (`--python`,
   * `python`, `jit-bench.yml: python`), else as the entry spells it.
   */
  names: Readonly<Record<ConfigKey, string>>;
}

/**
 * Every default but root (which depends on where the run starts), paths as
 * written, each setting named as its command-line flag.
 */
export const DEFAULT_SETTINGS: Readonly<Omit<RunSettings, "root">> = Object.freeze(defaults());

/** Fresh each time: settings hold arrays that callers may change. */
function defaults(): Omit<RunSettings, "root"> {
  const values = toFields(ConfigFileSchema.parse(DEFAULT_FILE_VALUES));
  const names = Object.fromEntries(CONFIG_KEYS.map((key) => [key, inputName(FLAGS, key)]));
  return { ...values, names } as Omit<RunSettings, "root">;
}

/** Keys whose flag values arrive as strings but are numbers in a file. */
const NUMERIC_KEYS: readonly ConfigKey[] = ["processes", "warmups", "values"];
const NUMBER_TEXT = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?\s*$/i;

export interface SettingsSources {
  /**
   * Values set by flags or action inputs, keyed by config key (`min-time`, not
   * `minTime`), as the entry read them: strings, string lists for repeated
   * flags or multi-line inputs, booleans for switches.
   */
  flags: Record<string, unknown>;
  /** Where `flags` came from, for naming them in errors: the command line unless said otherwise. */
  origin?: ConfigOrigin;
  file: ConfigFile | null;
  /** Absolute working directory: the base of a --root flag and the default root. */
  cwd: string;
}

/** Merges defaults < file < flags and validates each; throws InputError naming the input. */
export function resolveRunSettings({
  flags,
  origin = FLAGS,
  file,
  cwd,
}: SettingsSources): RunSettings {
  if (!isAbsolute(cwd)) throw new Error(`resolveRunSettings needs an absolute cwd, got ${cwd}`);
  const fromFile = file === null ? {} : validate({ kind: "file", file }, file.values);
  const fromFlags = validate(origin, coerceFlags(flags));

  const given: Given = {};
  const names = {} as Record<ConfigKey, string>;
  for (const key of CONFIG_KEYS) {
    if (fromFlags[key] !== undefined)
      given[key] = { input: inputName(origin, key), raw: flags[key] };
    else if (file !== null && fromFile[key] !== undefined) {
      given[key] = { input: inputName({ kind: "file", file }, key), raw: file.values[key] };
    }
    names[key] = given[key]?.input ?? defaultName(origin, key);
  }

  let root = file?.dir ?? cwd;
  if (fromFlags.root !== undefined) root = resolve(cwd, fromFlags.root);
  else if (fromFile.root !== undefined && file !== null) root = resolve(file.dir, fromFile.root);

  const merged = { ...defaults(), ...toFields(fromFile), ...toFields(fromFlags) };
  const settings: RunSettings = {
    ...merged,
    names,
    root,
    outputDir: resolve(root, merged.outputDir),
    report: merged.report === null ? null : resolve(root, merged.report),
  };
  checkTimeBudget(settings, given);
  const chosen = given.processes !== undefined || given.precision !== undefined;
  return samplingMode(chosen ? settings : { ...settings, defaultSampling: true }, given);
}

/** A setting nobody set, named as this entry would set it: `--timeout`, or `timeout (default)`. */
function defaultName(origin: ConfigOrigin, key: ConfigKey): string {
  if (origin.kind === "inputs" && origin.names[key] === undefined) return `${key} (default)`;
  return inputName(origin, key);
}

function validate(origin: ConfigOrigin, raw: Record<string, unknown>): ConfigValues {
  const parsed = ConfigFileSchema.safeParse(raw);
  if (!parsed.success) throw settingsError(origin, raw, parsed.error.issues);
  return parsed.data;
}

/** Numbers typed on a command line; anything unreadable is left for the schema to reject. */
function coerceFlags(flags: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flags)) {
    if (value === undefined) continue;
    const numeric = (NUMERIC_KEYS as readonly string[]).includes(key);
    out[key] =
      numeric && typeof value === "string" && NUMBER_TEXT.test(value) ? Number(value) : value;
  }
  return out;
}

function toFields(values: ConfigValues): Partial<RunSettings> {
  // Every field listed, so a new setting cannot be forgotten here.
  const fields: { [K in keyof RunSettings]: RunSettings[K] | undefined } = {
    suite: values.suite,
    root: values.root,
    python: values.python,
    legs: values.legs,
    processes: values.processes,
    warmups: values.warmups,
    values: values.values,
    minTimeMs: values["min-time"],
    timer: values.timer,
    pairing: values.pairing,
    timeoutMs: values.timeout,
    precision: values.precision,
    fixedBy: undefined,
    budgetMs: values.budget,
    maxRegression: values["max-regression"],
    include: values.include,
    exclude: values.exclude,
    outputDir: values["output-dir"],
    report: values.report,
    overwrite: values.overwrite,
    profile: values.profile,
    profileTimeMs: values["profile-time"],
    allowFailures: values["allow-failures"],
    defaultSampling: undefined,
    tests: values.tests,
    testsTimeoutMs: values["tests-timeout"],
    variants: values.variants,
    names: undefined,
  };
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<RunSettings>;
}

/**
 * A processes count the user set, with no precision, asks for exactly that
 * many processes: fixed mode, as before sequential sampling existed. With a
 * precision, processes is the minimum per leg, and the stopping rule needs
 * its minimum sample (core/stats/stopping-rule.ts).
 */
function samplingMode(settings: RunSettings, given: Given): RunSettings {
  if (settings.precision === null) return settings;
  if (given.processes !== undefined && given.precision === undefined) {
    return { ...settings, precision: null, fixedBy: given.processes.input };
  }
  if (settings.processes < SEQUENTIAL_LIMITS.minProcesses) {
    const input = given.processes;
    throw new InputError(
      input?.input ?? "processes",
      input?.raw ?? settings.processes,
      `is the minimum processes per leg with precision set, and must be at least ${SEQUENTIAL_LIMITS.minProcesses} so that the first look does not trust a few lucky processes`,
      `Use processes ${SEQUENTIAL_LIMITS.minProcesses} or more, or set precision to "off" for exactly ${settings.processes} processes per leg.`,
    );
  }
  return settings;
}

/**
 * Every value lasts at least min-time, so a process needs at least
 * (warmups + values) x min-time; a timeout below that fails every benchmark
 * after the whole wait. Said up front instead.
 */
function checkTimeBudget(settings: RunSettings, given: Given): void {
  checkProfileBudget(settings, given);
  // With auto, a process takes at least AUTO_VALUES.min values.
  const values = settings.values === "auto" ? AUTO_VALUES.min : settings.values;
  const needed = (settings.warmups + values) * settings.minTimeMs;
  if (needed < settings.timeoutMs) return;
  // Blame what the user set, the timeout first: it is the usual one to raise.
  const blamed = (["timeout", "min-time", "values", "warmups"] as const)
    .map((key) => given[key])
    .find((input) => input !== undefined);
  throw new InputError(
    blamed?.input ?? "timeout (default)",
    blamed === undefined ? `${settings.timeoutMs}ms` : blamed.raw,
    `leaves no time to measure: (${settings.warmups} warm-ups + ${values} values) x ${settings.minTimeMs}ms min-time = ${needed}ms, not under the ${settings.timeoutMs}ms timeout`,
    `Raise timeout above ${needed}ms, or lower min-time, values or warmups.`,
  );
}

/** The profiling process samples for profile-time, then imports and reports: under the timeout. */
function checkProfileBudget(settings: RunSettings, given: Given): void {
  if (!settings.profile || settings.profileTimeMs < settings.timeoutMs) return;
  const blamed = (["profile-time", "timeout"] as const)
    .map((key) => given[key])
    .find((input) => input !== undefined);
  throw new InputError(
    blamed?.input ?? "profile-time (default)",
    blamed === undefined ? `${settings.profileTimeMs}ms` : blamed.raw,
    `leaves the profiling process no time: ${settings.profileTimeMs}ms of sampling is not under the ${settings.timeoutMs}ms timeout`,
    `Lower profile-time below ${settings.timeoutMs}ms, or raise timeout.`,
  );
}
