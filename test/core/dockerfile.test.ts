import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DOCKERFILE_ACTIONS,
  type DockerfileAction,
  type DockerfilePlan,
  planDockerfile,
} from "../../src/core/dockerfile.js";
import { InputError } from "../../src/core/errors.js";

const GOLDEN = fileURLToPath(new URL("../golden/dockerfile/", import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === "1";

type Expected = DockerfilePlan["kind"] | "error";

/**
 * Every fixture in test/golden/dockerfile/, with the outcome each action must
 * have. A "change" is compared with `<case>.<action>.diff`; any other outcome
 * must have no diff file, so a stale golden cannot linger unnoticed.
 */
const CASES: Record<string, Record<DockerfileAction, Expected>> = {
  "single-stage": { enable: "change", disable: "nothing" },
  "multi-stage": { enable: "change", disable: "nothing" },
  "env-zero": { enable: "change", disable: "already" },
  "env-one": { enable: "already", disable: "change" },
  "multi-pair": { enable: "change", disable: "already" },
  continuation: { enable: "change", disable: "already" },
  "syntax-directive": { enable: "change", disable: "nothing" },
  "crlf-insert": { enable: "change", disable: "nothing" },
  "crlf-replace": { enable: "already", disable: "change" },
  legacy: { enable: "change", disable: "already" },
  "no-from": { enable: "error", disable: "error" },
  "escape-directive": { enable: "already", disable: "change" },
  inherited: { enable: "already", disable: "change" },
  quoted: { enable: "already", disable: "change" },
  "from-continuation": { enable: "change", disable: "nothing" },
  "last-wins": { enable: "change", disable: "already" },
  "no-final-newline": { enable: "change", disable: "nothing" },
};

const WANTED: Record<DockerfileAction, string> = { enable: "1", disable: "0" };

function fixture(name: string): string {
  return readFileSync(join(GOLDEN, `${name}.Dockerfile`), "utf8");
}

function expectGolden(file: string, actual: string): void {
  const path = join(GOLDEN, file);
  if (UPDATE) writeFileSync(path, actual);
  expect(existsSync(path), `${file} is missing; run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

/** Physical lines, split the way the file itself breaks them. */
function linesOf(text: string): string[] {
  return text.split(text.includes("\r\n") ? "\r\n" : "\n");
}

let repo = "";

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "jit-bench-dockerfile-"));
  execFileSync("git", ["init", "-q"], { cwd: repo });
});

afterAll(() => {
  if (repo !== "") rmSync(repo, { recursive: true, force: true });
});

/** Applies the patch with real git in a scratch repository and returns the file it produced. */
function gitApply(path: string, before: string, diff: string): string {
  const target = join(repo, path);
  mkdirSync(join(target, ".."), { recursive: true });
  writeFileSync(target, before);
  writeFileSync(join(repo, "change.diff"), diff);
  execFileSync("git", ["apply", "--check", "change.diff"], { cwd: repo });
  execFileSync("git", ["apply", "change.diff"], { cwd: repo });
  return readFileSync(target, "utf8");
}

describe("planDockerfile golden cases", () => {
  it("has an expected outcome for every fixture and no stray diff", () => {
    const files = readdirSync(GOLDEN).filter(
      (f) => f.endsWith(".Dockerfile") || f.endsWith(".diff"),
    );
    for (const file of files) {
      const [name, action] = file.split(".");
      const expected = CASES[name ?? ""];
      expect(expected, `${file} has no entry in CASES`).toBeDefined();
      if (file.endsWith(".diff")) {
        expect(expected?.[action as DockerfileAction], `${file} is stale`).toBe("change");
      }
    }
  });

  for (const [name, outcomes] of Object.entries(CASES)) {
    for (const action of DOCKERFILE_ACTIONS) {
      const expected = outcomes[action];
      it(`${name}: ${action} -> ${expected}`, () => {
        const before = fixture(name);
        if (expected === "error") {
          expect(() => planDockerfile(before, "Dockerfile", action)).toThrow(InputError);
          return;
        }
        const plan = planDockerfile(before, "Dockerfile", action);
        expect(plan.kind).toBe(expected);
        expect(plan.action).toBe(action);
        const diffFile = `${name}.${action}.diff`;
        if (plan.kind !== "change") {
          expect(existsSync(join(GOLDEN, diffFile)), `${diffFile} should not exist`).toBe(false);
          return;
        }
        expectGolden(diffFile, plan.diff);
        expect(plan.before).toBe(before);
        expect(gitApply("Dockerfile", before, plan.diff)).toBe(plan.after);
        const changed = linesOf(plan.after)[plan.line - 1] ?? "";
        expect(changed).toContain("PYTHON_JIT");
        expect(changed).toContain(WANTED[action]);
        expect(planDockerfile(plan.after, "Dockerfile", action).kind).toBe("already");
      });
    }
  }
});

describe("planDockerfile details", () => {
  it("inserts ENV PYTHON_JIT=1 right after the final FROM", () => {
    const plan = planDockerfile(fixture("single-stage"), "Dockerfile", "enable");
    expect(plan.kind === "change" && linesOf(plan.after).slice(0, 3)).toEqual([
      "FROM python:3.13-slim",
      "ENV PYTHON_JIT=1",
      "",
    ]);
  });

  it("leaves an earlier stage's PYTHON_JIT alone", () => {
    const before = fixture("multi-stage");
    const plan = planDockerfile(before, "Dockerfile", "enable");
    if (plan.kind !== "change") throw new Error(`expected a change, got ${plan.kind}`);
    expect(plan.stage).toBe("runtime");
    const beforeLines = linesOf(before);
    const afterLines = linesOf(plan.after);
    expect(afterLines.slice(0, 7)).toEqual(beforeLines.slice(0, 7));
    expect(afterLines[1]).toBe("ENV PYTHON_JIT=0");
    expect(afterLines[7]).toBe("ENV PYTHON_JIT=1");
    expect(plan.line).toBe(8);
  });

  it("changes only the value inside a multi-pair ENV, keeping its neighbours", () => {
    const plan = planDockerfile(fixture("multi-pair"), "Dockerfile", "enable");
    expect(plan.kind === "change" && linesOf(plan.after)[1]).toBe("ENV A=1 PYTHON_JIT=1 B=2");
  });

  it("keeps continuation lines, and the legacy space form", () => {
    const cont = planDockerfile(fixture("continuation"), "Dockerfile", "enable");
    expect(cont.kind === "change" && linesOf(cont.after).slice(1, 4)).toEqual([
      "ENV A=1 \\",
      "    PYTHON_JIT=1 \\",
      "    B=2",
    ]);
    const legacy = planDockerfile(fixture("legacy"), "Dockerfile", "enable");
    expect(legacy.kind === "change" && linesOf(legacy.after)[1]).toBe("ENV PYTHON_JIT 1");
  });

  it("keeps the quotes around the value it changes", () => {
    const plan = planDockerfile(fixture("quoted"), "Dockerfile", "disable");
    expect(plan.kind === "change" && linesOf(plan.after)[1]).toBe(
      "ENV GREETING='hello world' PYTHON_JIT=\"0\"",
    );
  });

  it("keeps CRLF line endings, including on the inserted line", () => {
    for (const name of ["crlf-insert", "crlf-replace"]) {
      const before = fixture(name);
      expect(before).toContain("\r\n");
      const action = CASES[name]?.enable === "change" ? "enable" : "disable";
      const plan = planDockerfile(before, "Dockerfile", action);
      if (plan.kind !== "change") throw new Error(`expected a change, got ${plan.kind}`);
      expect(plan.after.split("\r\n").join("")).not.toContain("\n");
      expect(plan.after.split("\r\n").length).toBe(
        before.split("\r\n").length + (name === "crlf-insert" ? 1 : 0),
      );
    }
  });

  it("honours the escape directive when following continuations", () => {
    const plan = planDockerfile(fixture("escape-directive"), "Dockerfile", "disable");
    if (plan.kind !== "change") throw new Error(`expected a change, got ${plan.kind}`);
    expect(plan.line).toBe(4);
    expect(linesOf(plan.after)[3]).toBe("    PYTHON_JIT=0");
  });

  it("inserts after a FROM that spans several lines, and keeps the directive first", () => {
    const plan = planDockerfile(fixture("from-continuation"), "Dockerfile", "enable");
    expect(plan.kind === "change" && linesOf(plan.after).slice(0, 4)).toEqual([
      "ARG PY=3.13",
      "FROM --platform=$BUILDPLATFORM \\",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile build argument
      "    python:${PY}-slim AS app",
      "ENV PYTHON_JIT=1",
    ]);
    const syntax = planDockerfile(fixture("syntax-directive"), "Dockerfile", "enable");
    expect(syntax.kind === "change" && linesOf(syntax.after)[0]).toBe(
      "# syntax=docker/dockerfile:1",
    );
  });

  it("acts on the last setting in the final stage, which is the one that wins", () => {
    const plan = planDockerfile(fixture("last-wins"), "Dockerfile", "enable");
    expect(plan.kind === "change" && [plan.line, plan.previous]).toEqual([4, "0"]);
  });

  it("sees a value inherited from the stage the final one is built FROM", () => {
    const enable = planDockerfile(fixture("inherited"), "Dockerfile", "enable");
    expect(enable.kind === "already" && [enable.line, enable.stage]).toEqual([2, "app"]);
    const disable = planDockerfile(fixture("inherited"), "Dockerfile", "disable");
    if (disable.kind !== "change") throw new Error(`expected a change, got ${disable.kind}`);
    expect(linesOf(disable.after).slice(4, 6)).toEqual(["FROM base AS app", "ENV PYTHON_JIT=0"]);
    expect(linesOf(disable.after)[1]).toBe("ENV PYTHON_JIT=1");
  });

  it("treats python_jit as another variable", () => {
    const plan = planDockerfile("FROM python:3.13\nENV python_jit=1\n", "Dockerfile", "enable");
    expect(plan.kind).toBe("change");
  });

  it("says why when there is no FROM, naming the file", () => {
    let error: unknown;
    try {
      planDockerfile(fixture("no-from"), "deploy/Dockerfile", "enable");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    const inputError = error as InputError;
    expect(inputError.input).toBe("deploy/Dockerfile");
    expect(inputError.message).toContain("has no FROM instruction");
    expect(inputError.message).toContain("Point dockerfile: at the Dockerfile");
  });

  it("writes a/ and b/ headers with the path git knows, so git apply works from the root", () => {
    const before = fixture("env-zero");
    const plan = planDockerfile(before, "./services/api/Dockerfile", "enable");
    if (plan.kind !== "change") throw new Error(`expected a change, got ${plan.kind}`);
    expect(plan.diff.split("\n").slice(0, 3)).toEqual([
      "diff --git a/services/api/Dockerfile b/services/api/Dockerfile",
      "--- a/services/api/Dockerfile",
      "+++ b/services/api/Dockerfile",
    ]);
    expect(gitApply("services/api/Dockerfile", before, plan.diff)).toBe(plan.after);
  });
});
