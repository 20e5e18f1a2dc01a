import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type DockerfileAction, planDockerfile } from "../../../src/core/dockerfile.js";
import { renderDockerfileAdvice } from "../../../src/core/render/dockerfile-advice.js";

const GOLDEN = fileURLToPath(new URL("../../golden/dockerfile/", import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === "1";

function expectGolden(file: string, actual: string): void {
  const path = join(GOLDEN, "advice", file);
  if (UPDATE) writeFileSync(path, actual);
  expect(
    existsSync(path),
    `advice/${file} is missing; run with UPDATE_GOLDEN=1 and review it`,
  ).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

/** One case per shape of advice: insert, replace, CRLF, already, nothing. */
const CASES: [string, DockerfileAction][] = [
  ["single-stage", "enable"],
  ["single-stage", "disable"],
  ["env-one", "enable"],
  ["env-one", "disable"],
  ["crlf-insert", "enable"],
  ["inherited", "enable"],
];

describe("renderDockerfileAdvice", () => {
  for (const [name, action] of CASES) {
    it(`renders ${name} (${action})`, () => {
      const text = readFileSync(join(GOLDEN, `${name}.Dockerfile`), "utf8");
      const markdown = renderDockerfileAdvice(planDockerfile(text, "Dockerfile", action));
      expect(markdown).not.toContain("\r");
      expectGolden(`${name}.${action}.md`, markdown);
    });
  }

  it("shows the patch in a diff block only when there is a change", () => {
    const text = "FROM python:3.13-slim\nENV PYTHON_JIT=0\n";
    const change = renderDockerfileAdvice(planDockerfile(text, "Dockerfile", "enable"));
    expect(change).toContain("```diff\ndiff --git a/Dockerfile b/Dockerfile\n");
    expect(change).toContain("+ENV PYTHON_JIT=1\n```");
    const already = renderDockerfileAdvice(planDockerfile(text, "Dockerfile", "disable"));
    expect(already).not.toContain("```");
    expect(already).toContain("needs no change");
    expect(already).toContain("already 0, set at line 2");
  });

  it("uses a longer fence when the Dockerfile itself holds a code fence", () => {
    const text = "FROM python:3.13-slim\n# Build with:\n# ```\n# docker build .\n# ```\nRUN true\n";
    const markdown = renderDockerfileAdvice(planDockerfile(text, "Dockerfile", "enable"));
    expect(markdown).toContain("````diff\n");
    expect(
      markdown
        .trimEnd()
        .split("\n")
        .filter((line) => line === "````"),
    ).toHaveLength(1);
  });

  it("keeps values from the file from turning into HTML or markup", () => {
    const text = "FROM python:3.13-slim\nENV PYTHON_JIT=<img*src>\n";
    const markdown = renderDockerfileAdvice(planDockerfile(text, "Dockerfile", "enable"));
    const [sentence] = markdown.split("\n");
    expect(sentence).toContain("&lt;img\\*src&gt;");
    expect(sentence).not.toContain("<img");
  });
});
