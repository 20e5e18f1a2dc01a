/**
 * One module on purpose: each setting is defined here once, key, schema,
 * default and words together, so that the CLI, the files, the docs and the
 * JSON Schema derived from it cannot drift apart.
 *
 * The settings of `jit-bench run`, once: the keys as files and flags spell
 * them, their types, limits, defaults and descriptions. The CLI options, the
 * docs and the JSON Schema of jit-bench.yml are all derived from this file.
 */
import { z } from "zod";
import { AUTO_VALUES } from "../schedule.js";
import { VariantsSettingSchema } from "../variants/spec.js";
import { DURATION_UNITS, parseDurationMs } from "./duration.js";

export const LEG_CHOICES = ["off", "on", "both"] as const;
/** The same set as TIMERS in core/results.ts (checked by the type below). */
export const TIMER_CHOICES = ["cpu", "wall"] as const;
export type TimerChoice = (typeof TIMER_CHOICES)[number];
export type LegChoice = (typeof LEG_CHOICES)[number];
/** How the two legs' processes are paired when one run measures both (measure/paired-process.ts). */
export const PAIRING_CHOICES = ["alternate", "concurrent", "off"] as const;
export type PairingChoice = (typeof PAIRING_CHOICES)[number];

/** Kebab-case, as in jit-bench.yml, [tool.jit-bench] and `--flags`. */
export const CONFIG_KEYS = [
  "suite",
  "root",
  "python",
  "legs",
  "processes",
  "warmups",
  "values",
  "min-time",
  "timer",
  "pairing",
  "timeout",
  "precision",
  "budget",
  "max-regression",
  "include",
  "exclude",
  "output-dir",
  "report",
  "overwrite",
  "profile",
  "profile-time",
  "allow-failures",
  "tests",
  "tests-timeout",
  "variants",
] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

/**
 * Upper bounds. The counts and pattern sizes match what a jit-bench/results@1
 * file may hold, so a run never writes a file that compare would refuse; the
 * timer bound is the longest delay Node's timers honour (longer ones fire at once).
 */
export const LIMITS = {
  processes: 10_000,
  warmups: 100_000,
  values: 100_000,
  patterns: 1000,
  patternLength: 500,
  durationMs: 2_147_483_647,
} as const;

/** Defaults as a file would spell them; DEFAULT_SETTINGS is parsed from these. */
export const DEFAULT_FILE_VALUES = {
  suite: ["benchmarks"],
  python: "python3",
  legs: "both",
  processes: 6,
  warmups: 3,
  values: "auto",
  "min-time": "1ms",
  timer: "cpu",
  pairing: "alternate",
  timeout: "60s",
  precision: "1%",
  budget: "120s",
  "max-regression": "10%",
  include: [],
  exclude: [],
  "output-dir": ".jit-bench",
  report: "docs/benchmarks.md",
  overwrite: false,
  profile: false,
  "profile-time": "2s",
  "allow-failures": false,
  tests: false,
  "tests-timeout": "10m",
  variants: [],
} as const satisfies Partial<Record<ConfigKey, unknown>>;

const DESCRIPTIONS: Record<ConfigKey, string> = {
  suite:
    "Python files or folders holding the bench_* functions, relative to root. A string is one path.",
  root: "Project root: the workers' working directory, first on sys.path, and the base of every other path. Default: the folder holding the config file, else the current directory.",
  python:
    'Interpreter command. A string is split on whitespace (no shell): "python3.13 -X dev"; a list is taken as is, for paths with spaces.',
  legs: 'Which legs to run: "off" (PYTHON_JIT=0), "on" (PYTHON_JIT=1) or "both".',
  processes:
    "Fresh interpreter processes per benchmark and leg; at least 2, since the statistics compare processes. With precision set, the minimum before sequential sampling adds more.",
  warmups: "Untimed warm-up values per process, run before the timed ones so the JIT can settle.",
  values: `Timed values per process: a whole number, or "auto" (the default): as many as fill about ${AUTO_VALUES.targetMs} ms at the speed calibration saw, at least ${AUTO_VALUES.min} and at most ${AUTO_VALUES.max}. With pairs, value k of one leg is compared with value k of the other, taken next to it, and a pair's ratio is the median of those comparisons: many short values make it steadier than a few long ones in the same time (docs/methodology.md, "How long a value lasts").`,
  "min-time": `Shortest duration of one value; the inner loop count is calibrated to reach it. Milliseconds, or a string with a unit (${DURATION_UNITS.join(", ")}): "250ms", "2s".`,
  timer:
    'The clock each value is timed with: "cpu" (the worker process\'s CPU time, user + system, all threads: what the JIT can change, and what a busy machine barely moves) or "wall" (elapsed time, which also counts waiting and time other work took the CPU). Both are recorded for every value; see docs/methodology.md.',
  pairing:
    'With both legs in one run: "alternate" (the default) starts each benchmark\'s processes in pairs, one per leg, pinned to one CPU and asked for values in turn, so that adjacent values share the machine\'s state of that moment; "concurrent" pins the two to two CPUs and takes their values at the same moment; "off" runs the legs in separate processes, one after another. See docs/methodology.md ("Paired measurement").',
  timeout:
    "Longest one worker process may run before it is stopped and its benchmark marked failed.",
  precision:
    'Sequential sampling: keep adding blocks of processes (two pairs, one process per leg each) to each benchmark until its speedup interval is within ± this ("1%"), or its share of the budget is spent; processes is then the minimum per leg (at least 6). "off" (or false) runs exactly processes per leg, as does setting processes without precision.',
  budget:
    "Sequential sampling: how long the whole run may spend measuring, shared fairly among the benchmarks (each still gets its minimum). Ignored when precision is off.",
  "max-regression":
    "The slowdown, in percent, past which the run's own report calls a benchmark a regression, as compare's --max-regression does. With a JIT in the JIT leg, sequential sampling gives the benchmarks whose interval reaches across this limit up to half of the time left after its first pass, and measures one that reaches the precision target there on to a target narrower by sqrt(2), so that fewer verdicts turn on where an estimate falls within its interval (docs/methodology.md, \"Measuring on near the limit\").",
  include:
    "Run only benchmarks whose name matches one of these fnmatch-style patterns (*, ?, [seq]). Empty: all.",
  exclude: "Skip benchmarks whose name matches one of these patterns; applied after include.",
  "output-dir": "Folder for the results JSON, relative to root.",
  report:
    "Markdown report path, relative to root; false (or --no-report) writes none. In YAML, null also turns it off.",
  overwrite:
    "Let the run replace files at its paths (the report, the JSON and flame graph beside it, the results) that jit-bench did not write. Without it, a file there that lacks jit-bench's mark is refused before anything is measured, and nothing is written.",
  profile:
    "Also take stack samples of each benchmark in each leg, in one extra process that is never timed, and draw flame graphs into the flamegraphs folder of output-dir (see docs/profiling.md).",
  "profile-time":
    "How long the profiling process calls the benchmark under the sampler, per benchmark and leg: up to about a thousand samples a second, fewer on a busy machine.",
  "allow-failures":
    "A benchmark that fails (raises, cannot be imported, crashes or times out) fails the run (exit code 3) and the action's compare step, after the results and the report are written; true reports such benchmarks and lets the run pass. A benchmark that skips itself (unittest.SkipTest) is never a failure.",
  tests:
    "The team's test command, e.g. \"pytest -q\", run through /bin/sh in a copy of root after the benchmarks, once with PYTHON_JIT=0 and once with PYTHON_JIT=1 on the run's interpreter (its `python`, `python3` and `pytest` are that interpreter); pytest's JUnit XML (or a file the command writes to $JIT_BENCH_JUNIT) compares the legs test by test. false (the default) runs none. See docs/tests.md.",
  "tests-timeout":
    "Longest one run of the test command may take; past it, its process group is asked for a traceback (SIGABRT, which faulthandler prints) and then killed, and the run counts as hung.",
  variants:
    'Interpreters to compare in one run instead of the two legs: 2 to 8 variants, each "NAME: [VAR=value ...] COMMAND" ("3.13: python3.13", "3.14 + JIT: PYTHON_JIT=1 python3.14") or { name, python, env, image } in a file; "--image IMAGE" before the command runs the workers of that variant in containers of the image, as image mode does. The first is the baseline. One worker per variant runs at a time on one CPU, values in turn, and every variant is compared with the baseline; python, legs and pairing are then unused. See docs/variants.md.',
};

const text = (what: string) =>
  z.string({ error: `must be ${what}` }).min(1, { error: "must not be empty" });

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: "must be a whole number" })
    .int({ error: "must be a whole number" })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

const stringList = (what: string, maxItems: number, maxLength: number) => {
  const item = text(what).max(maxLength, { error: `must be at most ${maxLength} characters` });
  return z
    .union([item, z.array(item).max(maxItems, { error: `must hold at most ${maxItems} items` })], {
      error: `must be ${what} or a list of them`,
    })
    .transform((value) => (typeof value === "string" ? [value] : value));
};

const duration = z
  .union([z.number(), z.string()], {
    error: "must be a duration: milliseconds, or a string with a unit",
  })
  .transform((value) => parseDurationMs(value) ?? Number.NaN)
  .pipe(
    z
      .number({ error: "is not a duration" })
      .positive({ error: "must be more than 0" })
      .max(LIMITS.durationMs, { error: `must be at most ${LIMITS.durationMs}ms (about 24 days)` }),
  );

const python = z
  .union([z.string(), z.array(text("a string")).min(1, { error: "must not be an empty list" })], {
    error: "must be a command string or a list of arguments",
  })
  .transform((value) => (typeof value === "string" ? value.split(/\s+/).filter(Boolean) : value))
  .pipe(z.array(z.string()).min(1, { error: "must not be empty" }));

const report = z
  .union([text("a path"), z.literal(false), z.null()], {
    error: "must be a path, or false to write no report",
  })
  .transform((value) => (value === false ? null : value));

const flag = z.boolean({ error: "must be true or false" });

/** A shell command line, or false (or null in YAML) for none. */
const command = z
  .union(
    [
      text("a command").max(4096, { error: "must be at most 4096 characters" }),
      z.literal(false),
      z.null(),
    ],
    { error: 'must be a command such as "pytest -q", or false to run none' },
  )
  .transform((value) => (value === false ? null : value));

const PERCENT_TEXT = /^\s*\+?(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/;
const PRECISION_WORDS = 'a percentage such as "1%", or "off"';
/** Looser than this, a speedup interval says little; the value is a fraction here. */
const MAX_PRECISION_PERCENT = 50;

/**
 * A percent setting's value as a fraction, or a problem added to `ctx`. A
 * bare number means percent, and a bare number between 0 and 1 is refused,
 * as compare's percent flags refuse it: "0.5" could mean 0.5% or 50%.
 * `least` is the smallest amount accepted, or the amount just below it when
 * `strict`.
 */
function percentFraction(
  value: number | string,
  ctx: z.core.$RefinementCtx,
  words: string,
  range: { readonly least: number; readonly strict: boolean; readonly max: number },
): number {
  const match = typeof value === "string" ? PERCENT_TEXT.exec(value) : null;
  const amount = typeof value === "number" ? value : Number(match?.[1]);
  if (!Number.isFinite(amount) || (typeof value === "string" && match === null)) {
    ctx.addIssue({ code: "custom", message: `must be ${words}` });
    return z.NEVER;
  }
  if (match?.[2] !== "%" && amount > 0 && amount < 1) {
    ctx.addIssue({
      code: "custom",
      message: `is ambiguous: a bare number is read as percent, so this would be ${amount}%, not ${amount * 100}%`,
    });
    return z.NEVER;
  }
  const enough = range.strict ? amount > range.least : amount >= range.least;
  if (!enough || amount > range.max) {
    const least = `${range.strict ? "more than" : "at least"} ${range.least}%`;
    ctx.addIssue({ code: "custom", message: `must be ${least} and at most ${range.max}%` });
    return z.NEVER;
  }
  return amount / 100;
}

/** A percent, or off (null). */
const precision = z
  .union([z.number(), z.string(), z.literal(false)], { error: `must be ${PRECISION_WORDS}` })
  .transform((value, ctx) => {
    if (value === false || (typeof value === "string" && value.trim().toLowerCase() === "off")) {
      return null;
    }
    return percentFraction(value, ctx, PRECISION_WORDS, {
      least: 0,
      strict: true,
      max: MAX_PRECISION_PERCENT,
    });
  });

const SLOWDOWN_WORDS = 'a percentage such as "10%"';
/** Compare's --max-regression accepts up to this; a run's setting agrees with it. */
const MAX_SLOWDOWN_PERCENT = 1000;

/** A slowdown: "10%" or 10 give 0.1; 0% calls any slowdown a regression. */
const slowdown = z
  .union([z.number(), z.string()], { error: `must be ${SLOWDOWN_WORDS}` })
  .transform((value, ctx) =>
    percentFraction(value, ctx, SLOWDOWN_WORDS, {
      least: 0,
      strict: false,
      max: MAX_SLOWDOWN_PERCENT,
    }),
  );

const KEY_SCHEMAS = {
  suite: stringList("a path", LIMITS.patterns, 4096),
  root: text("a path"),
  python,
  legs: z.enum(LEG_CHOICES, { error: `must be one of ${LEG_CHOICES.join(", ")}` }),
  processes: wholeNumber(2, LIMITS.processes),
  warmups: wholeNumber(0, LIMITS.warmups),
  values: z.union([wholeNumber(1, LIMITS.values), z.literal("auto")], {
    error: 'must be a whole number of at least 1, or "auto"',
  }),
  "min-time": duration,
  timer: z.enum(TIMER_CHOICES, { error: `must be one of ${TIMER_CHOICES.join(", ")}` }),
  pairing: z.enum(PAIRING_CHOICES, { error: `must be one of ${PAIRING_CHOICES.join(", ")}` }),
  timeout: duration,
  precision,
  budget: duration,
  "max-regression": slowdown,
  include: stringList("a pattern", LIMITS.patterns, LIMITS.patternLength),
  exclude: stringList("a pattern", LIMITS.patterns, LIMITS.patternLength),
  "output-dir": text("a path"),
  report,
  overwrite: flag,
  profile: flag,
  "profile-time": duration,
  "allow-failures": flag,
  tests: command,
  "tests-timeout": duration,
  variants: VariantsSettingSchema,
} satisfies Record<ConfigKey, z.ZodType>;

function meta(key: ConfigKey): { description: string; default?: unknown } {
  const fallback = defaultFileValue(key);
  return fallback === undefined
    ? { description: DESCRIPTIONS[key] }
    : { description: DESCRIPTIONS[key], default: fallback };
}

function defaultFileValue(key: ConfigKey): unknown {
  return (DEFAULT_FILE_VALUES as Partial<Record<ConfigKey, unknown>>)[key];
}

/**
 * One settings file (jit-bench.yml, or the [tool.jit-bench] table), every key
 * optional. Strict: an unknown key is an error, so a typo never silently runs
 * with the default.
 */
export const ConfigFileSchema = z.strictObject({
  suite: KEY_SCHEMAS.suite.optional().meta(meta("suite")),
  root: KEY_SCHEMAS.root.optional().meta(meta("root")),
  python: KEY_SCHEMAS.python.optional().meta(meta("python")),
  legs: KEY_SCHEMAS.legs.optional().meta(meta("legs")),
  processes: KEY_SCHEMAS.processes.optional().meta(meta("processes")),
  warmups: KEY_SCHEMAS.warmups.optional().meta(meta("warmups")),
  values: KEY_SCHEMAS.values.optional().meta(meta("values")),
  "min-time": KEY_SCHEMAS["min-time"].optional().meta(meta("min-time")),
  timer: KEY_SCHEMAS.timer.optional().meta(meta("timer")),
  pairing: KEY_SCHEMAS.pairing.optional().meta(meta("pairing")),
  timeout: KEY_SCHEMAS.timeout.optional().meta(meta("timeout")),
  precision: KEY_SCHEMAS.precision.optional().meta(meta("precision")),
  budget: KEY_SCHEMAS.budget.optional().meta(meta("budget")),
  "max-regression": KEY_SCHEMAS["max-regression"].optional().meta(meta("max-regression")),
  include: KEY_SCHEMAS.include.optional().meta(meta("include")),
  exclude: KEY_SCHEMAS.exclude.optional().meta(meta("exclude")),
  "output-dir": KEY_SCHEMAS["output-dir"].optional().meta(meta("output-dir")),
  report: KEY_SCHEMAS.report.optional().meta(meta("report")),
  overwrite: KEY_SCHEMAS.overwrite.optional().meta(meta("overwrite")),
  profile: KEY_SCHEMAS.profile.optional().meta(meta("profile")),
  "profile-time": KEY_SCHEMAS["profile-time"].optional().meta(meta("profile-time")),
  "allow-failures": KEY_SCHEMAS["allow-failures"].optional().meta(meta("allow-failures")),
  tests: KEY_SCHEMAS.tests.optional().meta(meta("tests")),
  "tests-timeout": KEY_SCHEMAS["tests-timeout"].optional().meta(meta("tests-timeout")),
  variants: KEY_SCHEMAS.variants.optional().meta(meta("variants")),
});
export type ConfigValues = z.output<typeof ConfigFileSchema>;

export interface ConfigKeyDoc {
  key: ConfigKey;
  flag: `--${ConfigKey}`;
  description: string;
  /** The default as a file would spell it; null when it depends on the run (root). */
  default: unknown;
}

/** For docs/configuration.md and the CLI help: every key, in CONFIG_KEYS order. */
export function configKeyDocs(): ConfigKeyDoc[] {
  return CONFIG_KEYS.map((key) => ({
    key,
    flag: `--${key}` as const,
    description: DESCRIPTIONS[key],
    default: defaultFileValue(key) ?? null,
  }));
}
