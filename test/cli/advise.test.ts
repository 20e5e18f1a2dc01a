/**
 * `jit-bench advise` through the bundled CLI: the advice and patch the action
 * gives, the warning on a base image with no JIT, and exit code 2 for bad input.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { planDockerfile } from "../../src/core/dockerfile.js";
import { baseImageWarning } from "../../src/core/dockerfile-base.js";
import {
  renderBaseImageWarning,
  renderDockerfileAdvice,
} from "../../src/core/render/dockerfile-advice.js";
import { removeTempDirs, runCli, tempDir } from "./support.js";

afterAll(removeTempDirs);

const SLIM = "FROM python:3.13-slim AS base\nRUN pip install flask\nFROM base\nCOPY . .\n";
const JIT = "FROM debian:trixie-slim\nRUN uv python install 3.14\nCOPY . .\n";
const R = "test/fixtures/results";

function project(text: string): string {
  const dir = tempDir("jit-bench-advise-");
  writeFileSync(join(dir, "Dockerfile"), text);
  return dir;
}

describe("jit-bench advise", () => {
  it("prints in markdown exactly the action's warning, advice and patch", async () => {
    const dir = project(SLIM);
    const result = await runCli(["advise", "--dockerfile", "Dockerfile", "--format", "markdown"], {
      cwd: dir,
    });
    expect(result.code, result.stderr).toBe(0);
    const warning = baseImageWarning(SLIM, "Dockerfile");
    expect(warning).not.toBeNull();
    const expected = `${renderBaseImageWarning(warning ?? "").trimEnd()}\n\n${renderDockerfileAdvice(planDockerfile(SLIM, "Dockerfile", "enable")).trimEnd()}\n`;
    expect(result.stdout).toBe(expected);
  });

  it("gives a patch that git applies, and no warning for a base with the JIT", async () => {
    const dir = project(JIT);
    const result = await runCli(["advise", "--dockerfile", "Dockerfile", "--format", "patch"], {
      cwd: dir,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    spawnSync("git", ["init", "-q"], { cwd: dir });
    const apply = spawnSync("git", ["apply"], { cwd: dir, input: result.stdout, encoding: "utf8" });
    expect(apply.status, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toBe(
      "FROM debian:trixie-slim\nENV PYTHON_JIT=1\nRUN uv python install 3.14\nCOPY . .\n",
    );
  });

  it("lets the verdict of results files decide, as the action does", async () => {
    // The fixtures' verdict is enable: the JIT leg is surely faster.
    const dir = project(JIT);
    const result = await runCli([
      "advise",
      "--dockerfile",
      join(dir, "Dockerfile"),
      `${R}/off.json`,
      `${R}/on.json`,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Verdict: enable\.\nSuggested change to /);
    expect(result.stdout).toContain("+ENV PYTHON_JIT=1");
  });

  it("gives no change when the verdict calls for none", async () => {
    const dir = project(JIT);
    // A real run of the bundled suite on a JIT build: a regression, so the JIT stays off.
    const result = await runCli([
      "advise",
      "--dockerfile",
      join(dir, "Dockerfile"),
      "test/docs/fixtures/jit-bundled-suite.json",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^Verdict: regression\.\nNo change to .*Dockerfile: the verdict calls for none\.\n$/,
    );
  });

  it("warns in words on a python:3.x base", async () => {
    const dir = project(SLIM);
    const result = await runCli(["advise", "--dockerfile", "Dockerfile"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^Warning: The final stage of Dockerfile is built on python:3\.13-slim/,
    );
    expect(result.stdout).toContain("+ENV PYTHON_JIT=1");
  });

  it.each([
    [
      "a missing Dockerfile",
      ["--dockerfile", "no/such/Dockerfile"],
      /--dockerfile: does not exist/,
    ],
    ["a Dockerfile without FROM", ["--dockerfile", "NOFROM"], /has no FROM instruction/],
    ["no --dockerfile", [], /--dockerfile/],
    [
      "--for with results",
      ["--dockerfile", "Dockerfile", "--for", "enable", `${R}/off.json`],
      /--for/,
    ],
    ["an unknown --for", ["--dockerfile", "Dockerfile", "--for", "maybe"], /maybe/],
  ])("refuses %s with exit code 2", async (_name, args, says) => {
    const dir = project(SLIM);
    writeFileSync(join(dir, "NOFROM"), "RUN echo hi\n");
    const result = await runCli(
      ["advise", ...args.map((a) => (a.startsWith(R) ? join(process.cwd(), a) : a))],
      {
        cwd: dir,
      },
    );
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(says);
    expect(result.stdout).toBe("");
  });
});
