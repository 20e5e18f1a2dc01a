/**
 * The action's inputs: raw strings in (input-text.ts), one typed settings
 * object out, keyed on `mode`; compare mode's own are in compare-inputs.ts.
 * Every problem is an InputError naming the input as action.yml does, the
 * value, and what is accepted instead.
 *
 * Run mode's settings are the CLI's: defaults < the settings file
 * (jit-bench.yml or [tool.jit-bench]) < inputs the workflow set, merged and
 * checked once by the shared resolver, with the inputs as their own origin so
 * that its errors name them. Empty inputs leave the file or the default in force.
 */

import { loadConfigFile } from "../adapters/config-files.js";
import { checkDocker } from "../adapters/docker.js";
import { validateArtifactPrefix } from "../core/artifact-names.js";
import {
  type ConfigKey,
  type ConfigOrigin,
  type LegChoice,
  type RunSettings,
  resolveRunSettings,
} from "../core/config/settings.js";
import { InputError } from "../core/errors.js";
import { actionVoice, type Voice } from "../core/render/voice.js";
import { parseShard, type Shard } from "../core/shard.js";
import { type CompareInputs, readCompare } from "./compare-inputs.js";
import { read, readLines, yamlBoolean } from "./input-text.js";
import {
  expression,
  INPUTS,
  type InputName,
  JIT_CHOICES,
  MODE_ONLY_INPUTS,
  MODES,
  type Mode,
} from "./names.js";

export interface RunInputs {
  mode: "run";
  settings: RunSettings;
  /** Run the workers in this image (docker run --network none); null runs them here. */
  image: string | null;
  shard: Shard | null;
  artifactPrefix: string;
  warnings: string[];
}

export type { CompareInputs };

export type ActionInputs = RunInputs | CompareInputs;

/**
 * Everything the chosen mode needs, checked up front so that a typo fails in
 * the first second rather than after the benchmarks. `cwd` is the workspace.
 */
export async function readInputs(cwd: string): Promise<ActionInputs> {
  const mode = readMode();
  const warnings = ignoredInputs(mode);
  const artifactPrefix = validateArtifactPrefix(read(INPUTS.artifactPrefix));
  switch (mode) {
    case "run": {
      const run = await readRun(cwd);
      return { ...run, artifactPrefix, warnings: [...warnings, ...run.warnings] };
    }
    case "compare":
      return { ...(await readCompare(cwd)), artifactPrefix, warnings };
  }
}

function readMode(): Mode {
  const raw = read(INPUTS.mode);
  const mode = MODES.find((m) => m === raw);
  if (mode === undefined) {
    throw new InputError(
      INPUTS.mode,
      raw,
      `must be ${MODES.join(" or ")}`,
      "Use mode: run in the jobs that measure and mode: compare in the job that reports.",
    );
  }
  return mode;
}

/** Inputs of the other mode that the workflow set anyway: worth a warning, never silence. */
function ignoredInputs(mode: Mode): string[] {
  const other = MODES.filter((m) => m !== mode);
  return other.flatMap((m) =>
    MODE_ONLY_INPUTS[m]
      .filter((name) => read(name) !== "")
      .map((name) => `${name} is a ${m}-mode input; mode ${mode} ignores it.`),
  );
}

/** The run settings the action takes as inputs, by settings key; the rest come from the file. */
const SETTING_INPUTS = {
  suite: INPUTS.suite,
  python: INPUTS.python,
  legs: INPUTS.jit,
  processes: INPUTS.processes,
  warmups: INPUTS.warmups,
  values: INPUTS.values,
  "min-time": INPUTS.minTime,
  timer: INPUTS.timer,
  timeout: INPUTS.timeout,
  precision: INPUTS.precision,
  budget: INPUTS.budget,
  "max-regression": INPUTS.maxRegression,
  profile: INPUTS.profile,
  "allow-failures": INPUTS.allowFailures,
  tests: INPUTS.tests,
  "tests-timeout": INPUTS.testsTimeout,
  variants: INPUTS.variants,
} as const satisfies Partial<Record<ConfigKey, InputName>>;

/** Settings given one item a line. */
const LIST_INPUTS = [
  "suite",
  "variants",
] as const satisfies readonly (keyof typeof SETTING_INPUTS)[];

/** Settings that are true or false, read as YAML reads a boolean. */
const SWITCH_INPUTS: ReadonlySet<string> = new Set<ConfigKey>(["profile", "allow-failures"]);

/** Settings from a workflow's `with:` block, named as it spells them. */
const ACTION_INPUTS: ConfigOrigin = { kind: "inputs", names: SETTING_INPUTS };

/** The action's reports give advice in its inputs, never in the CLI's flags. */
export const ACTION_VOICE: Voice = actionVoice(SETTING_INPUTS);

async function readRun(cwd: string): Promise<Omit<RunInputs, "artifactPrefix">> {
  const shard = parseShard(read(INPUTS.shard), INPUTS.shard);
  const image = read(INPUTS.image);
  const settings = await readRunSettings(cwd);
  const warnings = settings.variants.length > 0 ? checkVariants(settings, image, shard) : [];
  if (image !== "" && settings.tests !== null) {
    throw new InputError(
      settings.names.tests,
      settings.tests,
      `runs on this job's interpreter, not in the image ${image}`,
      "Run the tests in a job without image, or set tests: false here.",
    );
  }
  // Fails with the image named and the fix: no engine means nothing could run.
  if (image !== "") await checkDocker(image);
  return { mode: "run", settings, image: image === "" ? null : image, shard, warnings };
}

/**
 * A variants run measures every interpreter in this job, the whole suite at
 * once: what it cannot honour is refused, what it leaves unused is said.
 */
function checkVariants(settings: RunSettings, image: string, shard: Shard | null): string[] {
  const variants = settings.names.variants;
  if (image !== "") {
    throw new InputError(
      INPUTS.image,
      image,
      `cannot hold the variants (${variants}): each variant names its own interpreter, and its own image if it has one`,
      'Leave image empty, and give a variant an image in its line ("3.14: --image python:3.14-slim python3"), or install the interpreters in the job (uv python install 3.13 3.14 ...); see docs/variants.md.',
    );
  }
  if (shard !== null) {
    throw new InputError(
      INPUTS.shard,
      `${shard.index}/${shard.count}`,
      `cannot split a variants run (${variants}): its variants are measured side by side, in one job`,
      "Leave shard empty, or measure fewer benchmarks with include: and exclude: in the settings file.",
    );
  }
  const unused: string[] = [];
  if (read(INPUTS.python) !== "") unused.push(INPUTS.python);
  if (read(INPUTS.jit) !== "both") unused.push(INPUTS.jit);
  if (settings.tests !== null) unused.push(settings.names.tests);
  if (settings.profile) unused.push(settings.names.profile);
  return unused.map(
    (name) =>
      `${name} is not used with ${variants}: each variant names its own interpreter and environment, and a variants run measures the benchmarks only.`,
  );
}

async function readRunSettings(cwd: string): Promise<RunSettings> {
  // The jit input speaks a matrix's language (0, 1, both) and is read on its own.
  const given: Record<string, unknown> = { legs: readJit() };
  // Multi-line inputs: one item a line, as a repeated flag gives them.
  for (const key of LIST_INPUTS) {
    const lines = readLines(SETTING_INPUTS[key]);
    if (lines.length > 0) given[key] = lines;
  }
  for (const [key, input] of Object.entries(SETTING_INPUTS)) {
    if (key === "legs" || (LIST_INPUTS as readonly string[]).includes(key)) continue;
    const raw = read(input);
    if (raw === "") continue;
    // Text as from a command line; a switch as what it means, or as typed for the error.
    given[key] = SWITCH_INPUTS.has(key) || key === "tests" ? (yamlBoolean(raw) ?? raw) : raw;
  }
  const config = read(INPUTS.config);
  const file = await loadConfigFile({
    config: config === "" ? undefined : { given: config, input: INPUTS.config },
    dir: cwd,
    cwd,
  });
  const settings = resolveRunSettings({ flags: given, origin: ACTION_INPUTS, file, cwd });
  // The action reports in the job summary; a markdown file in the workspace would be litter.
  return { ...settings, report: null };
}

function readJit(): LegChoice {
  const raw = read(INPUTS.jit);
  switch (raw) {
    case "0":
      return "off";
    case "1":
      return "on";
    case "both":
      return "both";
    default:
      throw new InputError(
        INPUTS.jit,
        raw,
        `must be ${JIT_CHOICES.join(", ")}`,
        `Use jit: ${expression("matrix.jit")} with a matrix jit: [0, 1], or jit: both to run both legs in one job.`,
      );
  }
}
