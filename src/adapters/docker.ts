/**
 * Runs the harness's Python inside a user's image instead of on the runner.
 *
 * Everything here builds or runs argument arrays: no shell is involved, so
 * paths and values reach docker exactly as given. Environment values never
 * appear in an argv either: `-e NAME` makes the docker client copy NAME from
 * its own environment, so the caller sets PYTHON_JIT on the `docker run`
 * process just as it would on a local Python.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { InputError } from "../core/errors.js";

/** Where the harness folder appears inside the container. */
export const CONTAINER_HARNESS_DIR = "/jit-bench-harness";

/**
 * Passed to every container whatever the caller asks: without PYTHON_JIT both
 * legs would silently run the same interpreter setting.
 */
export const ALWAYS_PASSED_ENV = ["PYTHON_JIT"] as const;

/** Labels every container this module starts, so leftovers can be found with `docker ps --filter`. */
export const CONTAINER_LABEL = "jit-bench.worker";

export interface DockerPythonOptions {
  image: string;
  /** Host folder with the user's code, mounted read-write. */
  workspace: string;
  /**
   * Where the workspace appears in the container, and the working directory.
   * Defaults to the workspace's own absolute path, so host and container paths agree.
   */
  containerWorkdir?: string;
  /** Host folder holding the harness's __main__.py, mounted read-only. */
  harnessDir: string;
  /** The Python command inside the image, e.g. ["python3"] or ["python3.13", "-X", "dev"]. */
  python: readonly string[];
  /** Names of variables to copy from the docker client's environment (PYTHON_JIT always is). */
  env?: readonly string[];
  /** Unique container name, from `containerName()`: the handle for `killContainer`. */
  name: string;
  /** `uid:gid` to run as, so files the benchmarks write are not owned by root. */
  user?: string;
  /** The docker client to run; "docker" from PATH by default. */
  docker?: string;
}

export interface DockerPython {
  /** Argv prefix: append the harness path and its arguments. */
  argv: string[];
  /** The harness folder as Python inside the container must be given it. */
  harnessDir: string;
  /** The container's working directory (the workspace's path inside it). */
  workdir: string;
  name: string;
}

export function dockerPythonArgv(options: DockerPythonOptions): DockerPython {
  const workspace = resolve(options.workspace);
  const workdir = options.containerWorkdir ?? workspace;
  if (!workdir.startsWith("/")) {
    throw new InputError(
      "container workdir",
      workdir,
      "must be an absolute path inside the container",
      "Give a path that starts with /.",
    );
  }
  if (options.python.length === 0 || options.python.some((part) => part === "")) {
    throw new InputError(
      "python",
      options.python.join(" "),
      "must name a Python command inside the image",
      "Use python: python3 (or the interpreter the image has).",
    );
  }
  const names = [...new Set([...ALWAYS_PASSED_ENV, ...(options.env ?? [])])];
  for (const name of names) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new InputError(
        "env",
        name,
        "is not an environment variable name",
        "Use letters, digits and _ only, not starting with a digit.",
      );
    }
  }
  assertContainerName(options.name);

  const argv = [
    options.docker ?? "docker",
    "run",
    "--rm",
    // stdin stays open: the worker may talk to the harness through it.
    "-i",
    // A real PID 1 forwards signals and reaps zombies the benchmarks leave.
    "--init",
    "--network",
    "none",
    // A missing image fails at once instead of pulling inside a timed process.
    "--pull",
    "never",
    // Output goes through the attached client; a log copy in the daemon would only grow.
    "--log-driver",
    "none",
    "--name",
    options.name,
    "--label",
    `${CONTAINER_LABEL}=1`,
    "--mount",
    bindMount(workspace, workdir, false),
    "--mount",
    bindMount(resolve(options.harnessDir), CONTAINER_HARNESS_DIR, true),
    "--workdir",
    workdir,
  ];
  if (options.user !== undefined) argv.push("--user", options.user);
  for (const name of names) argv.push("--env", name);
  // The harness records the image in the results' fingerprint.
  argv.push("--env", `JIT_BENCH_IMAGE=${options.image}`);
  argv.push(options.image, ...options.python);
  return { argv, harnessDir: CONTAINER_HARNESS_DIR, workdir, name: options.name };
}

/**
 * Maps a host path inside the workspace to its path in the container, for
 * suite files and roots handed to the harness.
 */
export function toContainerPath(
  hostPath: string,
  workspace: string,
  containerWorkdir: string = resolve(workspace),
): string {
  const rel = relative(resolve(workspace), resolve(hostPath));
  if (rel.startsWith("..") || isAbsolute(rel)) {
    throw new InputError(
      "path",
      hostPath,
      `is outside the workspace ${resolve(workspace)}, which is all the container can see`,
      "Keep the benchmarks inside the workspace.",
    );
  }
  if (rel === "") return containerWorkdir;
  return `${containerWorkdir.replace(/\/+$/, "")}/${rel.split(sep).join("/")}`;
}

/** A fresh container name: unique per call, and recognisable in `docker ps`. */
export function containerName(prefix = "jit-bench"): string {
  return `${prefix}-${process.pid}-${randomBytes(6).toString("hex")}`;
}

export interface DockerCall {
  /** The docker client to run; "docker" from PATH by default. */
  docker?: string;
  /** Environment for the client (DOCKER_HOST and friends); the process's own by default. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Checks that a Docker engine answers, before any benchmark starts. Returns its version. */
export async function checkDocker(image: string, call: DockerCall = {}): Promise<string> {
  const result = await runDocker(["info", "--format", "{{.ServerVersion}}"], call);
  const version = result.stdout.trim();
  if (result.code === 0 && version !== "") return version;
  throw new InputError(
    "image",
    image,
    `needs a Docker engine, and none answered (docker info failed: ${result.problem})`,
    "Run on a runner with Docker, or drop image: to run in the job's own environment.",
  );
}

/** Whether the engine has the image locally. Throws when the engine itself does not answer. */
export async function imageExists(image: string, call: DockerCall = {}): Promise<boolean> {
  const result = await runDocker(["image", "inspect", "--format", "{{.Id}}", "--", image], call);
  if (result.code === 0) return true;
  if (/no such image/i.test(result.stderr)) return false;
  throw new InputError(
    "image",
    image,
    `could not be looked up (docker image inspect failed: ${result.problem})`,
    "Check that the Docker engine runs and that the image name is valid.",
  );
}

/** Makes the image available locally, pulling it once if it is missing. */
export async function ensureImage(
  image: string,
  call: DockerCall = {},
): Promise<"present" | "pulled"> {
  if (await imageExists(image, call)) return "present";
  const result = await runDocker(["pull", "--quiet", "--", image], {
    ...call,
    timeoutMs: call.timeoutMs ?? 15 * 60_000,
  });
  if (result.code === 0) return "pulled";
  throw new InputError(
    "image",
    image,
    `is not on this machine and docker pull failed: ${result.problem}`,
    "Build or pull the image in an earlier step, or check its name and registry login.",
  );
}

/**
 * Stops a container by name. Killing the `docker run` client does not stop
 * its container, so a timeout must come here too. Returns false when no such
 * container exists (it already ended).
 */
export async function killContainer(name: string, call: DockerCall = {}): Promise<boolean> {
  assertContainerName(name);
  const result = await runDocker(["kill", "--", name], call);
  if (result.code === 0) return true;
  if (/no such container|is not running/i.test(result.stderr)) return false;
  throw new Error(`docker kill ${name} failed: ${result.problem}`);
}

interface DockerResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** One line saying why it failed, for error messages. */
  problem: string;
}

function runDocker(args: readonly string[], call: DockerCall): Promise<DockerResult> {
  const docker = call.docker ?? "docker";
  return new Promise((done) => {
    execFile(
      docker,
      args,
      { env: call.env ?? process.env, timeout: call.timeoutMs ?? 30_000, maxBuffer: 4 << 20 },
      (error, stdout, stderr) => {
        if (!error) {
          done({ code: 0, stdout, stderr, problem: "" });
          return;
        }
        const errno = (error as NodeJS.ErrnoException).code;
        const problem =
          errno === "ENOENT"
            ? `${docker} is not installed or not on PATH`
            : error.killed
              ? `${docker} ${args[0] ?? ""} did not answer within ${call.timeoutMs ?? 30_000} ms`
              : firstLine(stderr) || `${docker} ${args[0] ?? ""} exited with ${String(error.code)}`;
        done({ code: typeof error.code === "number" ? error.code : null, stdout, stderr, problem });
      },
    );
  });
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line !== "") ?? ""
  );
}

/**
 * docker parses --mount as one CSV record, so a path with a comma or quote
 * must be a quoted field. --mount rather than -v: -v splits on ":" and
 * silently creates a missing source folder.
 */
function bindMount(source: string, target: string, readonly: boolean): string {
  const fields = ["type=bind", `source=${source}`, `target=${target}`];
  if (readonly) fields.push("readonly");
  return fields.map(csvField).join(",");
}

function csvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

function assertContainerName(name: string): void {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) {
    throw new Error(`not a docker container name: ${JSON.stringify(name)}`);
  }
}
