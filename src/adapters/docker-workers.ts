/**
 * Workers inside the user's image: every harness process becomes its own
 * `docker run --network none` with a fresh container name, the workspace
 * mounted at its own path and the harness mounted read-only.
 *
 * A killed `docker run` client does not stop its container, so a worker that
 * hit its timeout would keep running (and keep a core busy) while the next
 * benchmark is measured. `settle` runs whenever no worker should be alive and
 * stops every container of this run that still is.
 */
import { execFile } from "node:child_process";
import type { Leg } from "../core/results.js";
import {
  CONTAINER_HARNESS_DIR,
  CONTAINER_LABEL,
  containerName,
  dockerPythonArgv,
  killContainer,
} from "./docker.js";
import { harnessDir } from "./install-paths.js";

export interface ImageWorkersOptions {
  image: string;
  /** The project root: mounted at the same path, so results name the same files. */
  workspace: string;
  /** The Python command inside the image. */
  python: readonly string[];
  /** The docker client to run; "docker" from PATH by default. */
  docker?: string;
  /** Names of variables to copy into every container from the client's environment (PYTHON_JIT always is). */
  env?: readonly string[];
}

/**
 * What image mode changes in one worker process's options (measure/'s
 * WorkerOptions): the argv that runs Python in a container, and where the
 * harness is mounted inside it.
 */
export interface ImageWorkerOptions {
  python: readonly string[];
  harnessDir: string;
}

export interface ImageWorkers {
  worker: (leg: Leg) => ImageWorkerOptions;
  /** Stops the containers started since the last call that outlived their client; returns their names. */
  settle: () => Promise<string[]>;
  /** Stops every container this run started that still runs: the last word, also after a failure. */
  stopAll: () => Promise<string[]>;
  /** Every container name handed out so far, for tests and logs. */
  readonly started: readonly string[];
}

export function imageWorkers(options: ImageWorkersOptions): ImageWorkers {
  const hostHarness = harnessDir();
  const user = currentUser();
  const started: string[] = [];
  let pending = new Set<string>();

  const worker = (_leg: Leg): ImageWorkerOptions => {
    const name = containerName("jit-bench");
    const argv = dockerPythonArgv({
      image: options.image,
      workspace: options.workspace,
      harnessDir: hostHarness,
      python: options.python,
      name,
      ...(user === undefined ? {} : { user }),
      ...(options.docker === undefined ? {} : { docker: options.docker }),
      ...(options.env === undefined ? {} : { env: options.env }),
    }).argv;
    started.push(name);
    pending.add(name);
    return { python: argv, harnessDir: CONTAINER_HARNESS_DIR };
  };

  const stop = async (names: ReadonlySet<string>): Promise<string[]> => {
    if (names.size === 0) return [];
    const running = await runningWorkers(options.docker ?? "docker");
    const leftovers = running.filter((name) => names.has(name));
    await Promise.all(leftovers.map((name) => killContainer(name, dockerCall(options.docker))));
    return leftovers;
  };
  const settle = () => {
    const mine = pending;
    pending = new Set();
    return stop(mine);
  };
  const stopAll = () => {
    pending = new Set();
    return stop(new Set(started));
  };

  return { worker, settle, stopAll, started };
}

function dockerCall(docker: string | undefined) {
  return docker === undefined ? {} : { docker };
}

/** Files the benchmarks write in the mounted workspace belong to the runner's user, not root. */
function currentUser(): string | undefined {
  if (typeof process.getuid !== "function" || typeof process.getgid !== "function")
    return undefined;
  return `${process.getuid()}:${process.getgid()}`;
}

/** Names of running containers that any jit-bench worker started. */
function runningWorkers(docker: string): Promise<string[]> {
  const args = ["ps", "--filter", `label=${CONTAINER_LABEL}`, "--format", "{{.Names}}"];
  return new Promise((done, fail) => {
    execFile(docker, args, { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) {
        fail(new Error(`docker ps failed: ${stderr.trim() || error.message}`));
        return;
      }
      done(
        stdout
          .split("\n")
          .map((line) => line.trim())
          .filter(Boolean),
      );
    });
  });
}
