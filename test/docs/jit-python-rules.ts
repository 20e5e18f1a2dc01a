/**
 * Where the JIT leg's Python comes from, in a workflow that runs jit-bench.
 * A run-mode step (`uses: ./` or `uses: aria/jit-bench@...`, mode `run` or
 * unset) must measure an interpreter known to have the JIT compiled in:
 *
 * - uv's CPython (python-build-standalone, 3.13 or newer): an earlier step
 *   of the job runs `uv python install 3.X` and writes
 *   `NAME=$(uv python find 3.X)` to $GITHUB_ENV, uv itself comes from
 *   astral-sh/setup-uv or its install script, and the step's `python:` is
 *   `${{ env.NAME }}`;
 * - or an `image:` built by an earlier `docker build` step from a Dockerfile
 *   with the python-jit stage of docs/getting-a-jit-python.md, measured
 *   with `python: python3`, the interpreter that stage installs;
 * - or, with `variants:`, each variant's command is such a `${{ env.NAME }}`
 *   (uv may install several versions in one step, `3.14t` among them), and
 *   at least one variant is a 3.13 or newer build that can have the JIT.
 *
 * An official `python:3.x` image (as the job's container or as `image:`) and
 * actions/setup-python have no JIT on Linux, so they are named as such.
 * The text beside the workflow (its comments and, for a documented one, the
 * prose of its section) must say which Python provides the JIT. Workflows
 * the docs show must also measure both legs in each job (`jit: both`, the
 * default): legs split over jobs compare unpaired.
 */
import { load } from "js-yaml";

export const JIT_DOC = "docs/getting-a-jit-python.md";
const OWN_ACTION = /^aria\/jit-bench@/;
const OFFICIAL_PYTHON_IMAGE = /^(docker\.io\/)?(library\/)?python:/;
const UV_ROUTE = `install uv's CPython 3.14 in an earlier step (astral-sh/setup-uv, then \`uv python install 3.14\` and \`echo "JIT_PYTHON=$(uv python find 3.14)" >> "$GITHUB_ENV"\`) and pass python: \${{ env.JIT_PYTHON }} (${JIT_DOC})`;

export interface WorkflowToCheck {
  /** How problems name it: `.github/workflows/x.yml`, `docs/x.md (example 1)`. */
  name: string;
  /** The workflow's YAML. */
  text: string;
  /** The prose around it in its doc; null for a workflow file of this repository. */
  prose: string | null;
  /** A file of this repository, or null if there is none (for Dockerfiles the workflow builds). */
  readFile: (path: string) => string | null;
}

type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === "string" || typeof value === "number" ? String(value) : undefined;

/** A Python version `3.X` has a JIT build only from 3.13 on. */
function hasJitVersion(version: string): boolean {
  const minor = Number(version.split(".")[1]);
  return version.startsWith("3.") && minor >= 13;
}

/** Whether a Dockerfile installs a JIT build and fails to build without one. */
export function hasJitStage(dockerfile: string): boolean {
  const install = /uv python install (3\.\d+)/.exec(dockerfile)?.[1];
  const checked = /sys\._jit\.is_available\(\)|-D_Py_JIT/.test(dockerfile);
  return install !== undefined && hasJitVersion(install) && checked;
}

/** The comment lines of a YAML text, without their `#`. */
function comments(yaml: string): string {
  return [...yaml.matchAll(/(?:^|\s)#(.*)$/gm)].map((m) => m[1] ?? "").join("\n");
}

/** The run-mode steps of our action in a job, with their indexes. */
function runSteps(steps: Mapping[]): [number, Mapping][] {
  return [...steps.entries()].filter(([, step]) => {
    const uses = text(step.uses) ?? "";
    if (uses !== "./" && !OWN_ACTION.test(uses)) return false;
    const mode = isMapping(step.with) ? text(step.with.mode) : undefined;
    return mode === undefined || mode === "run";
  });
}

/** The problems of one run-mode step that measures an `image:`. */
function imageProblems(
  image: string,
  python: string | undefined,
  earlier: Mapping[],
  at: string,
  check: WorkflowToCheck,
): string[] {
  if (OFFICIAL_PYTHON_IMAGE.test(image)) {
    return [
      `${at}: image: ${image} is an official python image, which has no JIT; build your image on the python-jit stage of ${JIT_DOC} and measure that`,
    ];
  }
  const build = earlier
    .map((step) => text(step.run) ?? "")
    .map((run) => /docker build\b([^\n]*)/.exec(run)?.[1])
    .find(
      (args) =>
        args !== undefined && new RegExp(`(-t|--tag)[ =]${escapeRegExp(image)}(\\s|$)`).test(args),
    );
  if (build === undefined) {
    return [
      `${at}: image: ${image} is built by no earlier step of the job, so nothing shows its Python has the JIT; build it with \`docker build -t ${image}\` from a Dockerfile with the python-jit stage of ${JIT_DOC}`,
    ];
  }
  const problems: string[] = [];
  if (python !== "python3") {
    problems.push(
      `${at}: python: ${python ?? "(unset)"} in image ${image}; set python: python3, the CPython the python-jit stage of ${JIT_DOC} installs`,
    );
  }
  if (check.prose === null) {
    // This repository's own workflow: its Dockerfile is here to read.
    const args = build.trim().split(/\s+/);
    const file = args[args.findIndex((a) => a === "-f" || a === "--file") + 1];
    const context = args[args.length - 1] ?? ".";
    const path = args.some((a) => a === "-f" || a === "--file")
      ? (file ?? "")
      : `${context.replace(/\/$/, "")}/Dockerfile`;
    const dockerfile = check.readFile(path);
    if (dockerfile === null) {
      problems.push(`${at}: image ${image} is built from ${path}, which does not exist`);
    } else if (!hasJitStage(dockerfile)) {
      problems.push(
        `${at}: image ${image} is built from ${path}, which installs no Python with the JIT (no \`uv python install 3.13+\` checked with sys._jit.is_available()); start it from the python-jit stage of ${JIT_DOC}`,
      );
    }
  }
  return problems;
}

/** The problems of one run-mode step that measures an interpreter of the job's own. */
function interpreterProblems(python: string | undefined, earlier: Mapping[], at: string): string[] {
  const env = /^\$\{\{\s*env\.([A-Za-z_]\w*)\s*\}\}$/.exec(python ?? "")?.[1];
  if (python === undefined) {
    return [
      `${at}: sets no python:, so it measures the job's python3, which on a GitHub runner has no JIT; ${UV_ROUTE}`,
    ];
  }
  if (env === undefined) {
    return [`${at}: python: ${python} is not known to have the JIT; ${UV_ROUTE}`];
  }
  const { problems, found } = uvPythonProblems(env, earlier, at, "python:");
  if (found !== undefined && !hasJitVersion(found)) {
    problems.push(
      `${at}: installs CPython ${found}, which has no JIT (the JIT is in 3.13 and newer); install 3.14`,
    );
  }
  return problems;
}

/**
 * The problems of an interpreter named `${{ env.NAME }}`: an earlier step
 * must install it with uv (one version or several, `3.14t` for a
 * free-threaded build) and write `NAME=$(uv python find 3.X)` for a version
 * it installed; `found` is that version. `subject` says who names it.
 */
function uvPythonProblems(
  env: string,
  earlier: Mapping[],
  at: string,
  subject: string,
): { problems: string[]; found?: string } {
  const runs = earlier.map((step) => text(step.run) ?? "");
  const setter = runs.find((run) => new RegExp(`\\b${env}=`).test(run));
  if (setter === undefined) {
    return {
      problems: [
        `${at}: ${subject} \${{ env.${env} }} is set by no earlier step of the job; ${UV_ROUTE}`,
      ],
    };
  }
  const installed = /uv python install ((?:3\.\d+t?)(?: +3\.\d+t?)*)/
    .exec(setter)?.[1]
    ?.split(/ +/);
  const found = new RegExp(`${env}=\\$\\([^)]*\\buv python find (3\\.\\d+t?)\\)`).exec(setter)?.[1];
  if (installed === undefined || found === undefined) {
    return {
      problems: [
        `${at}: ${subject} \${{ env.${env} }} does not come from \`uv python install\` and \`uv python find\`; ${UV_ROUTE}`,
      ],
    };
  }
  const problems: string[] = [];
  if (!installed.includes(found)) {
    problems.push(
      `${at}: installs CPython ${installed.join(", ")} but measures \`uv python find ${found}\`; find the version you install`,
    );
  }
  const uvInstalled = earlier.some(
    (step) =>
      (text(step.uses) ?? "").startsWith("astral-sh/setup-uv@") ||
      (text(step.run) ?? "").includes("astral.sh/uv/install.sh"),
  );
  if (!uvInstalled) {
    problems.push(
      `${at}: runs uv, which no earlier step installs; add astral-sh/setup-uv, pinned to a commit`,
    );
  }
  return installed.includes(found) ? { problems, found } : { problems };
}

/**
 * The problems of a run-mode step with `variants:`: every variant's
 * interpreter comes from uv as a python: input's must, and at least one is a
 * build that can have the JIT, so that the JIT is among what the run can tell apart.
 */
function variantsProblems(variants: string, earlier: Mapping[], at: string): string[] {
  const problems: string[] = [];
  const found: string[] = [];
  const lines = variants
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  for (const line of lines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim();
    // The environment (NAME=value words) first, then the command.
    const command = line.slice(colon + 1).replace(/^\s*(?:[A-Za-z_]\w*=\S*\s+)*/, "");
    const env = /^\$\{\{\s*env\.([A-Za-z_]\w*)\s*\}\}/.exec(command)?.[1];
    const where = `${at}, variant "${name}"`;
    if (colon < 0 || env === undefined) {
      problems.push(
        `${where}: runs ${command.trim() || "nothing"}, which is not known to come from uv; install it in an earlier step (astral-sh/setup-uv, then \`uv python install\` and \`uv python find\` into $GITHUB_ENV) and name it \${{ env.NAME }} (${JIT_DOC})`,
      );
      continue;
    }
    const result = uvPythonProblems(env, earlier, where, "runs");
    problems.push(...result.problems);
    if (result.found !== undefined) found.push(result.found);
  }
  if (lines.length < 2) {
    problems.push(
      `${at}: variants: names ${lines.length} interpreter(s); a comparison needs 2 to 8`,
    );
  }
  if (problems.length === 0 && !found.some(hasJitVersion)) {
    problems.push(
      `${at}: no variant is a CPython 3.13 or newer without the t suffix, so none can have the JIT; add uv's 3.14`,
    );
  }
  return problems;
}

/** What is wrong with where a workflow's JIT leg gets its Python; an empty list when nothing. */
export function jitPythonProblems(check: WorkflowToCheck): string[] {
  const workflow = load(check.text);
  if (!isMapping(workflow) || !isMapping(workflow.jobs)) return [`${check.name}: has no jobs`];
  const documented = check.prose !== null;
  const beside = `${check.prose ?? ""}\n${comments(check.text)}`;
  const problems: string[] = [];
  for (const [jobName, job] of Object.entries(workflow.jobs)) {
    if (!isMapping(job)) continue;
    const where = `${check.name}: job ${jobName}`;
    const steps = Array.isArray(job.steps) ? job.steps.filter(isMapping) : [];
    const runs = runSteps(steps);
    if (runs.length === 0) continue;
    const container = isMapping(job.container) ? text(job.container.image) : text(job.container);
    if (container !== undefined && OFFICIAL_PYTHON_IMAGE.test(container)) {
      problems.push(
        `${where}: runs in container: ${container}, an official python image, which has no JIT, so every run ends not-applicable; drop the container and ${UV_ROUTE}`,
      );
    }
    for (const [index, step] of steps.entries()) {
      if ((text(step.uses) ?? "").startsWith("actions/setup-python@")) {
        problems.push(
          `${where}, step ${index + 1}: actions/setup-python installs a CPython without the JIT on Linux; ${UV_ROUTE}`,
        );
      }
    }
    for (const [index, step] of runs) {
      const at = `${where}, step ${index + 1}`;
      const withs = isMapping(step.with) ? step.with : {};
      const image = text(withs.image);
      const python = text(withs.python);
      const earlier = steps.slice(0, index);
      const variants = text(withs.variants);
      problems.push(
        ...(variants !== undefined
          ? variantsProblems(variants, earlier, at)
          : image === undefined
            ? interpreterProblems(python, earlier, at)
            : imageProblems(image, python, earlier, at, check)),
      );
      const jit = text(withs.jit);
      if (documented && jit !== undefined && jit !== "both") {
        problems.push(
          `${at}: jit: ${jit} measures one leg per job, so the legs compare unpaired, on different machines; measure both in each job (jit: both), with a shard: matrix to split a long suite`,
        );
      }
      const provider =
        image === undefined
          ? {
              says: /\buv\b/.test(beside),
              what: "uv's CPython 3.14, which has the JIT compiled in",
            }
          : {
              says: beside.includes("python-jit") && beside.includes("getting-a-jit-python.md"),
              what: `the python-jit stage of ${JIT_DOC}`,
            };
      if (!/\bJIT\b/.test(beside) || !provider.says) {
        problems.push(
          `${at}: the text beside the workflow (${documented ? "its section's prose and its comments" : "its comments"}) does not say which Python provides the JIT; name it: ${provider.what}`,
        );
      }
    }
  }
  return problems;
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
