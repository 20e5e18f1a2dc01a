/**
 * The only reader of the action's inputs: raw strings in, one typed settings
 * object out, keyed on `mode`. Every problem is an InputError naming the
 * input as action.yml does, the value, and what is accepted instead.
 *
 * Run mode's settings are the CLI's: defaults < the settings file
 * (jit-bench.yml or [tool.jit-bench]) < inputs the workflow set, merged and
 * checked once by the shared resolver, with the inputs as their own origin so
 * that its errors name them. Empty inputs leave the file or the default in force.
 */
import { realpath, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import * as core from "@actions/core";
import { loadConfigFile } from "../adapters/config-files.js";
import { checkDocker } from "../adapters/docker.js";
import { commentMarker } from "../adapters/github-comment.js";
import { validateArtifactPrefix } from "../core/artifact-names.js";
import { parsePercent } from "../core/compare/policy.js";
import {
  type ConfigKey,
  type ConfigOrigin,
  type LegChoice,
  type RunSettings,
  resolveRunSettings,
} from "../core/config/settings.js";
import { InputError } from "../core/errors.js";
import { parseShard, type Shard } from "../core/shard.js";
import type { Policy } from "../core/verdict.js";
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

export interface CompareInputs {
  mode: "compare";
  /** Absolute local results files; empty means download the legs' artifacts. */
  results: string[];
  /** Another workflow run to download from; null means this run. */
  runId: number | null;
  artifactPrefix: string;
  token: string;
  comment: boolean;
  commentKey: string;
  /** Absolute path of the Dockerfile to advise on, or null. */
  dockerfile: string | null;
  applyDockerfile: boolean;
  failOnRegression: boolean;
  policy: Policy;
  warnings: string[];
}

export type ActionInputs = RunInputs | CompareInputs;

/** Reads one input as the runner passes it (INPUT_<NAME>), trimmed. */
function read(name: InputName): string {
  return core.getInput(name);
}

/** The token, read first so that main can mask it before anything could print it. */
export function readToken(): string {
  return read(INPUTS.githubToken);
}

/**
 * Everything the chosen mode needs, checked up front so that a typo fails in
 * the first second rather than after the benchmarks. `cwd` is the workspace.
 */
export async function readInputs(cwd: string): Promise<ActionInputs> {
  const mode = readMode();
  const warnings = ignoredInputs(mode);
  const artifactPrefix = validateArtifactPrefix(read(INPUTS.artifactPrefix));
  switch (mode) {
    case "run":
      return { ...(await readRun(cwd)), artifactPrefix, warnings };
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
  profile: INPUTS.profile,
} as const satisfies Partial<Record<ConfigKey, InputName>>;

/** Settings from a workflow's `with:` block, named as it spells them. */
const ACTION_INPUTS: ConfigOrigin = { kind: "inputs", names: SETTING_INPUTS };

async function readRun(cwd: string): Promise<Omit<RunInputs, "artifactPrefix" | "warnings">> {
  const shard = parseShard(read(INPUTS.shard), INPUTS.shard);
  const image = read(INPUTS.image);
  const settings = await readRunSettings(cwd);
  // Fails with the image named and the fix: no engine means nothing could run.
  if (image !== "") await checkDocker(image);
  return { mode: "run", settings, image: image === "" ? null : image, shard };
}

async function readRunSettings(cwd: string): Promise<RunSettings> {
  // The jit input speaks a matrix's language (0, 1, both) and is read on its own.
  const given: Record<string, unknown> = { legs: readJit() };
  const suite = readLines(INPUTS.suite);
  if (suite.length > 0) given.suite = suite;
  for (const [key, input] of Object.entries(SETTING_INPUTS)) {
    if (key === "legs" || key === "suite") continue;
    const raw = read(input);
    if (raw === "") continue;
    // Text as from a command line; a switch as what it means, or as typed for the error.
    given[key] = key === "profile" ? (yamlBoolean(raw) ?? raw) : raw;
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

async function readCompare(
  cwd: string,
): Promise<Omit<CompareInputs, "artifactPrefix" | "warnings">> {
  const comment = readBoolean(INPUTS.comment);
  const token = readToken();
  checkToken(token, comment);
  const commentKey = read(INPUTS.commentKey);
  // The marker's own check: the same rule the comment adapter enforces.
  commentMarker(commentKey);
  const results = await readResults(cwd);
  const dockerfileText = read(INPUTS.dockerfile);
  const dockerfile =
    dockerfileText === ""
      ? null
      : await workspaceFile(
          INPUTS.dockerfile,
          await existingPath(INPUTS.dockerfile, dockerfileText, cwd, "file"),
          dockerfileText,
          cwd,
        );
  const applyDockerfile = readBoolean(INPUTS.applyDockerfile);
  if (applyDockerfile && dockerfile === null) {
    throw new InputError(
      INPUTS.applyDockerfile,
      "true",
      "needs a Dockerfile to change, and dockerfile is empty",
      "Name it with dockerfile: Dockerfile, or set apply-dockerfile: false.",
    );
  }
  const runId = readRunId();
  if (runId !== null && results.length > 0) {
    throw new InputError(
      INPUTS.runId,
      String(runId),
      "is set together with results, and only one of them can say where the legs are",
      "Use results: for files from this job, or run-id: for another run's artifacts, not both.",
    );
  }
  return {
    mode: "compare",
    results,
    runId,
    token,
    comment,
    commentKey,
    dockerfile,
    applyDockerfile,
    failOnRegression: readBoolean(INPUTS.failOnRegression),
    policy: {
      threshold: parsePercent(INPUTS.threshold, read(INPUTS.threshold)),
      maxRegression: parsePercent(INPUTS.maxRegression, read(INPUTS.maxRegression)),
      maxMemoryGrowth: parsePercent(INPUTS.maxMemoryGrowth, read(INPUTS.maxMemoryGrowth)),
    },
  };
}

/** YAML 1.2's core schema booleans, as the runner's own getBooleanInput accepts them; else undefined. */
function yamlBoolean(raw: string): boolean | undefined {
  if (["true", "True", "TRUE"].includes(raw)) return true;
  if (["false", "False", "FALSE"].includes(raw)) return false;
  return undefined;
}

function readBoolean(name: InputName): boolean {
  const raw = read(name);
  const value = yamlBoolean(raw);
  if (value !== undefined) return value;
  throw new InputError(name, raw, "must be true or false", `Use ${name}: true or ${name}: false.`);
}

/** A multi-line input's lines, trimmed, blank ones left out. */
function readLines(name: InputName): string[] {
  return core
    .getMultilineInput(name)
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * A token with spaces or control characters in it cannot go into an HTTP
 * header; it would fail late with a confusing network error. The value is
 * never quoted back: it may be most of a secret.
 */
function checkToken(token: string, comment: boolean): void {
  if (token === "" && comment) {
    throw new InputError(
      INPUTS.githubToken,
      "",
      "is empty, so the pull request comment cannot be posted",
      `Leave github-token at its default (${expression("github.token")}) and grant pull-requests: write, or set comment: false.`,
    );
  }
  if (token !== "" && !/^[\x21-\x7e]+$/.test(token)) {
    throw new InputError(
      INPUTS.githubToken,
      `(${token.length} characters, not shown)`,
      "cannot be read as a token: it holds spaces, line breaks or characters outside printable ASCII",
      `Pass the token alone, e.g. github-token: ${expression("secrets.GITHUB_TOKEN")}, with no quotes or extra lines.`,
    );
  }
}

function readRunId(): number | null {
  const raw = read(INPUTS.runId);
  if (raw === "") return null;
  const id = Number(raw);
  if (!/^\d{1,16}$/.test(raw) || !Number.isSafeInteger(id) || id < 1) {
    throw new InputError(
      INPUTS.runId,
      raw,
      "must be a workflow run id: a whole number above 0",
      `Use run-id: ${expression("github.event.workflow_run.id")}, or leave it empty to read this run's artifacts.`,
    );
  }
  return id;
}

/** One results file with both legs, or one file or folder per leg. */
async function readResults(cwd: string): Promise<string[]> {
  const lines = readLines(INPUTS.results);
  if (lines.length > 2) {
    throw new InputError(
      INPUTS.results,
      lines.join(", "),
      "must name one results file with both legs, or one file or folder per leg",
      "Use results: .jit-bench/results.json after a run with jit: both, or two lines, one per leg.",
    );
  }
  const paths: string[] = [];
  for (const line of lines) paths.push(await existingPath(INPUTS.results, line, cwd, "any"));
  return paths;
}

/**
 * The file `path` really is, which must lie inside the workspace: apply
 * writes to it. A symbolic link inside the workspace is followed to its
 * target, so the write goes through the link to the file it names; a link
 * or a path leading outside the workspace is refused.
 */
async function workspaceFile(
  input: InputName,
  path: string,
  given: string,
  cwd: string,
): Promise<string> {
  const [target, root] = await Promise.all([realpath(path), realpath(cwd)]);
  for (const [from, to] of [
    [resolve(cwd), path],
    [root, target],
  ] as const) {
    const inside = relative(from, to);
    if (inside === "" || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
      throw new InputError(
        input,
        given,
        to === path
          ? `is outside the workspace (${cwd})`
          : `leads outside the workspace (${cwd}) through a symbolic link, to ${target}`,
        "Name a Dockerfile inside the checked-out repository, relative to the workspace, e.g. dockerfile: Dockerfile.",
      );
    }
  }
  return target;
}

async function existingPath(
  input: InputName,
  given: string,
  cwd: string,
  want: "file" | "any",
): Promise<string> {
  const path = resolve(cwd, given);
  const kind = await stat(path).then(
    (entry) => (entry.isFile() || (want === "any" && entry.isDirectory()) ? "ok" : "other"),
    () => "missing" as const,
  );
  if (kind === "ok") return path;
  throw new InputError(
    input,
    given,
    kind === "missing" ? `does not exist (looked in ${cwd})` : "is not a file",
    input === INPUTS.dockerfile
      ? "Name the Dockerfile relative to the workspace, e.g. dockerfile: Dockerfile, and check out the repository first."
      : "Name the results written by mode: run, relative to the workspace, e.g. .jit-bench/results.json.",
  );
}
