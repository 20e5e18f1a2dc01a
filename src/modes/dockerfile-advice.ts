/**
 * The Dockerfile advice that follows a verdict, shared by the action's compare
 * mode and `jit-bench advise`, so both give the same sentence and the same patch.
 */

import { relative } from "node:path";
import { readCapped, UnsafeReadError } from "../adapters/files.js";
import { type DockerfileAction, type DockerfilePlan, planDockerfile } from "../core/dockerfile.js";
import { baseImageWarning } from "../core/dockerfile-base.js";
import { InputError } from "../core/errors.js";
import type { Verdict } from "../core/verdict.js";

export interface DockerfileText {
  path: string;
  /** As git names it, relative to the workspace: the diff's file name. */
  name: string;
  text: string;
}

/** Reads and parses the file (so a file with no FROM fails now, naming `input`). */
/** A Dockerfile is a page or two; one near this size is not one, and would cost memory to plan. */
export const DOCKERFILE_MAX_BYTES = 1024 * 1024;

export async function readDockerfile(
  path: string,
  workspace: string,
  input: string,
): Promise<DockerfileText> {
  const name = relative(workspace, path).split("\\").join("/") || path;
  let text: string;
  try {
    text = await readCapped(path, DOCKERFILE_MAX_BYTES);
  } catch (error: unknown) {
    if (error instanceof UnsafeReadError) {
      throw new InputError(
        input,
        name,
        error.reason,
        `Name the image's Dockerfile (at most ${DOCKERFILE_MAX_BYTES} bytes).`,
      );
    }
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      input,
      path,
      code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? String(error)})`,
      "Name the Dockerfile that builds the image you benchmarked.",
    );
  }
  // Parsed now for its errors (no FROM at all); the real plan waits for the verdict.
  planDockerfile(text, name, "enable");
  return { path, name, text };
}

/** The action a verdict calls for: the flag on a proven gain, its removal on a regression. */
export function dockerfileActionFor(verdict: Verdict["kind"]): DockerfileAction | null {
  switch (verdict) {
    case "enable":
      return "enable";
    case "regression":
      return "disable";
    case "tests-fail":
    case "keep-off":
    case "inconclusive":
    case "not-applicable":
      return null;
  }
}

export function adviseDockerfile(
  file: DockerfileText,
  verdict: Verdict["kind"],
): DockerfilePlan | null {
  const action = dockerfileActionFor(verdict);
  if (action === null) return null;
  const plan = planDockerfile(file.text, file.name, action);
  // On a regression only a file that turns the JIT on needs changing.
  if (action === "disable" && plan.kind === "nothing") return null;
  return plan;
}

/** The warning that the final stage's base image has no JIT, or null. */
export function dockerfileWarning(file: DockerfileText): string | null {
  return baseImageWarning(file.text, file.name);
}
