/**
 * The bundled action on local files, with no servers: compare mode on local
 * results (the single-job paired setup), where the verdict decides the
 * Dockerfile advice, apply-dockerfile writes it, and fail-on-regression
 * decides whether the step fails; and run-mode errors found only at run time.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResultsFile } from "../../src/core/results.js";
import type { TestsRecord } from "../../src/core/tests/record.js";
import { suiteOf } from "../core/compare/synthetic.js";
import { runStep, type StepResult } from "./runner.js";
import { CLEAR_LOSS, CLEAR_WIN, resultsFile, writeResults } from "./synthetic-results.js";

const DOCKERFILE = [
  "# syntax=docker/dockerfile:1",
  "FROM python:3.14-slim AS build",
  "RUN pip install --no-cache-dir uv",
  "",
  "FROM python:3.14-slim",
  "ENV APP_HOME=/app \\",
  "    LANG=C.UTF-8",
  'CMD ["python", "-m", "app"]',
  "",
].join("\n");

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "jit-bench-compare-local-"));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function compareLocal(
  factor: number,
  inputs: Record<string, string>,
  dockerfile = DOCKERFILE,
  results: ResultsFile = resultsFile(factor),
  tests?: TestsRecord,
): Promise<{ step: StepResult; workspace: string }> {
  const workspace = await mkdtemp(join(root, "ws-"));
  await mkdir(join(workspace, ".jit-bench"));
  await writeResults(
    join(workspace, ".jit-bench"),
    "results.json",
    tests === undefined ? results : { ...results, tests },
  );
  await writeFile(join(workspace, "Dockerfile"), dockerfile);
  const step = await runStep({
    workspace,
    inputs: {
      mode: "compare",
      results: ".jit-bench/results.json",
      "github-token": "ghs_localCompareToken0001",
      dockerfile: "Dockerfile",
      ...inputs,
    },
    env: { GITHUB_REPOSITORY: "aria/app", GITHUB_EVENT_NAME: "push", GITHUB_RUN_ID: "9" },
    event: { ref: "refs/heads/main" },
  });
  return { step, workspace };
}

describe("compare mode on local results (dist/index.js)", () => {
  it("shows the exact diff on an enable verdict and writes it with apply-dockerfile", async () => {
    const { step, workspace } = await compareLocal(CLEAR_WIN, { "apply-dockerfile": "true" });
    expect(step.errors).toEqual([]);
    expect(step.code).toBe(0);
    expect(step.outputs.verdict).toBe("enable");
    expect(Number(step.outputs["speedup-low"])).toBeGreaterThan(1.05);
    expect(step.outputs.recommendation).toContain("Set ENV PYTHON_JIT=1 in Dockerfile (line 6)");
    expect(step.summary).toContain("+ENV PYTHON_JIT=1");
    expect(step.summary).toContain("--- a/Dockerfile");
    expect(await readFile(join(workspace, "Dockerfile"), "utf8")).toBe(
      DOCKERFILE.replace("FROM python:3.14-slim\n", "FROM python:3.14-slim\nENV PYTHON_JIT=1\n"),
    );
    const comparison = JSON.parse(await readFile(step.outputs["results-path"] ?? "", "utf8"));
    expect(comparison.verdict.kind).toBe("enable");
    expect(step.stdout).toContain(
      "No pull request comment: the push event is not about a pull request.",
    );
  });

  it("leaves the Dockerfile alone without apply-dockerfile, and says when the flag is already set", async () => {
    const set = DOCKERFILE.replace("LANG=C.UTF-8", "LANG=C.UTF-8 PYTHON_JIT=1");
    const { step, workspace } = await compareLocal(CLEAR_WIN, {}, set);
    expect(step.outputs.verdict).toBe("enable");
    expect(step.summary).toContain("needs no change");
    expect(step.outputs.recommendation).toContain("PYTHON_JIT is already 1");
    expect(await readFile(join(workspace, "Dockerfile"), "utf8")).toBe(set);
  });

  it("fails the step on a regression with fail-on-regression, after setting the outputs", async () => {
    const { step } = await compareLocal(CLEAR_LOSS, { "fail-on-regression": "true" });
    expect(step.code).not.toBe(0);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toMatch(/verdict regression\) and fail-on-regression is true/);
    expect(step.outputs.verdict).toBe("regression");
    expect(step.summary).toContain("## jit-bench: regression");
  });

  it("passes on a regression without fail-on-regression, and suggests turning an enabled JIT off", async () => {
    const on = DOCKERFILE.replace('CMD ["python"', 'ENV PYTHON_JIT=1\nCMD ["python"');
    const { step } = await compareLocal(CLEAR_LOSS, {}, on);
    expect(step.code).toBe(0);
    expect(step.errors).toEqual([]);
    expect(step.outputs.verdict).toBe("regression");
    expect(Number(step.outputs.speedup)).toBeLessThan(1);
    expect(step.summary).toContain("-ENV PYTHON_JIT=1");
    expect(step.summary).toContain("+ENV PYTHON_JIT=0");
  });

  it("suggests no Dockerfile change and fails the step when a test crashes only with the JIT", async () => {
    const tests: TestsRecord = {
      command: "pytest -q",
      status: "failed",
      reason: null,
      comparedBy: "per-test",
      jit: null,
      counts: { tests: 12, passedBoth: 11, skipped: 0 },
      runs: [],
      findings: [
        {
          test: "tests.test_parser::test_deep_nesting",
          kind: "jit-failure",
          outcome: "crashed",
          withJit: { failed: 3, runs: 3 },
          withoutJit: { failed: 0, runs: 3 },
          detail: "The interpreter died of SIGSEGV.\nFatal Python error: Segmentation fault",
        },
      ],
      leftBehind: [],
    };
    const { step, workspace } = await compareLocal(
      CLEAR_WIN,
      { "apply-dockerfile": "true" },
      DOCKERFILE,
      resultsFile(CLEAR_WIN),
      tests,
    );
    expect(step.code).not.toBe(0);
    expect(step.outputs.verdict).toBe("tests-fail");
    expect(step.outputs["tests-with-jit"]).toBe("failed");
    expect(step.outputs.recommendation).not.toContain("ENV PYTHON_JIT");
    expect(step.summary).toContain("## jit-bench: speed-up, but tests fail with the JIT");
    expect(step.summary).toContain("Fatal Python error: Segmentation fault");
    expect(step.summary).not.toContain("+ENV PYTHON_JIT=1");
    expect(await readFile(join(workspace, "Dockerfile"), "utf8")).toBe(DOCKERFILE);
  });

  it("names the Dockerfile in one error when it has no FROM, before comparing anything", async () => {
    const { step } = await compareLocal(CLEAR_WIN, {}, "# nothing but a comment\nRUN true\n");
    expect(step.code).not.toBe(0);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toMatch(/^Dockerfile: has no FROM instruction/);
    expect(step.outputs).toEqual({});
    // Nothing was compared: the summary holds only why the step failed.
    expect(step.summary).toMatch(/^## jit-bench: failed\n\nDockerfile: has no FROM instruction/);
    expect(step.summary).not.toContain("speedup");
  });
});

describe("compare mode on results with a failed benchmark (dist/index.js)", () => {
  /** A clear win, but one benchmark raised in both legs. */
  const withFailure = (allowedByRun: boolean): ResultsFile => {
    const file = resultsFile(CLEAR_WIN, {
      benchmarks: [
        ...suiteOf(5, CLEAR_WIN),
        { name: "bench_parse", ns: 1000, status: "failed", reason: "raised ValueError: boom" },
      ],
    });
    return { ...file, settings: { ...file.settings, allowFailures: allowedByRun } };
  };

  it("fails the step naming the benchmark and allow-failures, after the summary and outputs", async () => {
    const { step } = await compareLocal(CLEAR_WIN, {}, DOCKERFILE, withFailure(false));
    expect(step.code).not.toBe(0);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toMatch(/^1 benchmark failed/);
    expect(step.errors[0]).toContain("bench_parse (no-JIT: failed (raised ValueError: boom)");
    expect(step.errors[0]).toContain("allow-failures: true");
    // Nothing lost: the verdict, the outputs and the report are all out.
    expect(step.outputs.verdict).toBe("enable");
    expect(step.summary).toContain("## jit-bench: enable");
    expect(step.summary).toContain("⚠ bench\\_parse: no-JIT: failed (raised ValueError: boom)");
  });

  it("passes with allow-failures: true", async () => {
    const { step } = await compareLocal(
      CLEAR_WIN,
      { "allow-failures": "true" },
      DOCKERFILE,
      withFailure(false),
    );
    expect(step.errors).toEqual([]);
    expect(step.code).toBe(0);
  });

  it("passes when the run that wrote the results allowed failures", async () => {
    const { step } = await compareLocal(CLEAR_WIN, {}, DOCKERFILE, withFailure(true));
    expect(step.errors).toEqual([]);
    expect(step.code).toBe(0);
  });

  it("refuses an allow-failures that is not true or false", async () => {
    const { step } = await compareLocal(
      CLEAR_WIN,
      { "allow-failures": "maybe" },
      DOCKERFILE,
      withFailure(false),
    );
    expect(step.code).not.toBe(0);
    expect(step.errors[0]).toMatch(/^allow-failures: must be true or false \(got "maybe"\)/);
  });
});

describe("run mode errors found when the workers start (dist/index.js)", () => {
  it("names the python input, not a CLI flag, when the interpreter does not exist", async () => {
    const workspace = await mkdtemp(join(root, "ws-"));
    await mkdir(join(workspace, "benchmarks"));
    await writeFile(join(workspace, "benchmarks", "bench_one.py"), "def bench_one():\n    pass\n");
    const step = await runStep({
      workspace,
      inputs: { mode: "run", jit: "0", python: "python3-that-does-not-exist", "github-token": "" },
      env: { GITHUB_REPOSITORY: "aria/app", GITHUB_EVENT_NAME: "push" },
    });
    expect(step.code).not.toBe(0);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toMatch(/^python: .*python3-that-does-not-exist/);
    expect(step.errors[0]).not.toContain("--python");
  });

  it("refuses a file of the user's where a leg's results go, naming the settings file's keys", async () => {
    const workspace = await mkdtemp(join(root, "ws-"));
    await mkdir(join(workspace, "benchmarks"));
    await writeFile(join(workspace, "benchmarks", "bench_one.py"), "def bench_one():\n    pass\n");
    await mkdir(join(workspace, ".jit-bench"));
    const mine = '{"note": "kept by hand"}\n';
    await writeFile(join(workspace, ".jit-bench", "results-on.json"), mine);
    const step = await runStep({
      workspace,
      inputs: { mode: "run", jit: "both", "github-token": "" },
      env: { GITHUB_REPOSITORY: "aria/app", GITHUB_EVENT_NAME: "push" },
    });
    expect(step.code).not.toBe(0);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toMatch(
      /^output-dir \(default\): would replace \.jit-bench\/results-on\.json with the results of this run/,
    );
    expect(step.errors[0]).toContain("set output-dir: <folder> in jit-bench.yml");
    expect(step.errors[0]).toContain("set overwrite: true in jit-bench.yml");
    expect(step.errors[0]).not.toContain("--");
    expect(await readFile(join(workspace, ".jit-bench", "results-on.json"), "utf8")).toBe(mine);
    expect(step.stdout).not.toContain("Measure (");
  });
});
