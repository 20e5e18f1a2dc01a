/**
 * Compare mode's inputs: where the legs are (local results or artifacts),
 * whether and how to comment, the Dockerfile to advise on, and the policy.
 * Paths are checked to exist and, for a file the action may write, to lie
 * inside the workspace.
 */
import { realpath, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { commentMarker } from "../adapters/github-comment.js";
import { parsePercent } from "../core/compare/policy.js";
import { InputError } from "../core/errors.js";
import type { Policy } from "../core/verdict.js";
import { read, readBoolean, readLines, readToken } from "./input-text.js";
import { expression, INPUTS, type InputName } from "./names.js";

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
  /**
   * A failed benchmark leaves the step passing. Failures are allowed too when
   * every results file says its run allowed them (allow-failures in run mode
   * or in the settings file).
   */
  allowFailures: boolean;
  policy: Policy;
  warnings: string[];
}

export async function readCompare(
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
    allowFailures: readAllowFailures(),
    policy: {
      threshold: parsePercent(INPUTS.threshold, read(INPUTS.threshold)),
      maxRegression: parsePercent(INPUTS.maxRegression, read(INPUTS.maxRegression)),
      maxMemoryGrowth: parsePercent(INPUTS.maxMemoryGrowth, read(INPUTS.maxMemoryGrowth)),
    },
  };
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

/** Empty (the default) leaves the decision to what the results files recorded. */
function readAllowFailures(): boolean {
  return read(INPUTS.allowFailures) === "" ? false : readBoolean(INPUTS.allowFailures);
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
