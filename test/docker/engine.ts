/**
 * Shared by the tests in this folder, which need a real Docker engine and the
 * test image that `.ci/setup-docker` builds. They fail rather than skip when
 * either is missing: CI sets both up, so a missing engine is a broken setup.
 */
import { execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";

/** The test image's tag, kept in one place for the setup script and the tests. */
export const TEST_IMAGE =
  process.env.JIT_BENCH_TEST_IMAGE ??
  readFileSync(new URL("../../.ci/docker-test-image", import.meta.url), "utf8").trim();

export async function requireEngine(): Promise<void> {
  const info = await run(["docker", "info", "--format", "{{.ServerVersion}}"]);
  if (info.code !== 0) {
    throw new Error(
      `No Docker engine answered (docker info: ${info.stderr.trim() || `exit ${info.code}`}). ` +
        "Run `bash .ci/setup-docker` first: the tests in test/docker need a running engine.",
    );
  }
  const image = await run(["docker", "image", "inspect", "--format", "{{.Id}}", TEST_IMAGE]);
  if (image.code !== 0) {
    throw new Error(
      `The engine has no ${TEST_IMAGE}. Run \`bash .ci/setup-docker\` first: it builds the image.`,
    );
  }
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs an argv to the end (no shell), with the given environment. */
export function run(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  input = "",
): Promise<Finished> {
  const [command, ...args] = argv;
  if (command === undefined) throw new Error("empty argv");
  return new Promise((done, fail) => {
    const child = spawn(command, args, { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", fail);
    child.on("close", (code, signal) => done({ code, signal, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** `docker inspect` of one container field; null once the container is gone. */
export function inspectContainer(name: string, format: string): Promise<string | null> {
  return new Promise((done) => {
    execFile("docker", ["container", "inspect", "--format", format, name], (error, stdout) => {
      done(error ? null : stdout.trim());
    });
  });
}

/** Polls until `check` holds, a bounded number of times; returns whether it did. */
export async function eventually(check: () => Promise<boolean>, tries = 100): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return true;
    await new Promise((wake) => setTimeout(wake, 100));
  }
  return false;
}
