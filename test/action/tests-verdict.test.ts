/**
 * The team's tests in the verdict, for each fixture of test/fixtures/tests:
 * the tests run for real (Debian's python3.11, which has pytest), their
 * section goes into a results file beside benchmarks with a clear speed-up,
 * and the bundled action's compare step (against the stand-in GitHub) and
 * the bundled CLI's compare turn it into the verdict, the outputs and the
 * comment, kept as golden files in test/golden/tests/. Regenerate them with
 * UPDATE_GOLDEN=1 npx vitest run test/action/tests-verdict.test.ts
 * and read the diff.
 *
 * This machine has no JIT build, so a real run's section says the JIT could
 * not be on; the benchmarks here are the synthetic ones of
 * synthetic-results.ts, which carry a JIT leg, and the section is made to
 * match them as a JIT build's run would have written it (`asOnJitBuild`):
 * the same findings, counted. The real JIT build's results are in docs/tests.md.
 */
import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveRunSettings } from "../../src/core/config/settings.js";
import type { JitState } from "../../src/core/results.js";
import type { TestsRecord } from "../../src/core/tests/record.js";
import { runTests } from "../../src/modes/tests.js";
import { runCli } from "../cli/support.js";
import { DEBIAN_PYTHON } from "../pythons.js";
import { HEAD_SHA, OWNER, PR, REPO, useActionWorld } from "./action-world.js";
import { CLEAR_WIN, resultsFile } from "./synthetic-results.js";

const { world, compare, comments, runLeg } = useActionWorld();
const FIXTURES = resolve("test/fixtures/tests");
const GOLDEN = resolve("test/golden/tests");
const update = process.env.UPDATE_GOLDEN === "1";
const RUN = 5150;

/** What each fixture's tests make of a clear speed-up, and the tests-with-jit output. */
const CASES = [
  { fixture: "passing", command: "pytest -q", verdict: "enable", tests: "passed" },
  { fixture: "jit-env", command: "pytest -q", verdict: "tests-fail", tests: "failed" },
  { fixture: "jit-active", command: "pytest -q", verdict: "enable", tests: "passed" },
  { fixture: "abort", command: "pytest -q", verdict: "tests-fail", tests: "failed" },
  { fixture: "hang", command: "pytest -q", verdict: "tests-fail", tests: "failed" },
  { fixture: "flaky", command: "pytest -q", verdict: "enable", tests: "passed" },
  { fixture: "no-junit", command: "python check.py", verdict: "tests-fail", tests: "failed" },
] as const;

const sections = new Map<string, TestsRecord>();

beforeAll(async () => {
  world.github.addIssue(OWNER, REPO, PR, []);
  world.github.addPullRequest(OWNER, REPO, {
    number: PR,
    headSha: HEAD_SHA,
    headBranch: "speedups",
    headRepo: `${OWNER}/${REPO}`,
  });
  for (const { fixture, command } of CASES) {
    const settings = resolveRunSettings({
      flags: {
        python: DEBIAN_PYTHON,
        tests: command,
        "tests-timeout": "3s",
        "output-dir": join(world.work, "out"),
      },
      file: null,
      cwd: join(FIXTURES, fixture),
    });
    const state = join(world.work, `${fixture}.count`);
    // The flaky fixture's seed: the first JIT run fails, the first no-JIT run passes.
    console.log(`${fixture}: FLAKY_SEED=3`);
    const tests = await runTests(settings, {
      log: () => {},
      warn: () => {},
      signal: new AbortController().signal,
      env: { FLAKY_SEED: "3", FLAKY_STATE: state },
    });
    sections.set(fixture, tests);
  }
}, 120_000);

/** The section a JIT build's run writes: the same runs and findings, the JIT proven on. */
function asOnJitBuild(tests: TestsRecord, jit: JitState): TestsRecord {
  expect(tests.status).toBe("not-run");
  const failed = tests.findings.some((f) => f.kind === "jit-failure");
  return { ...tests, status: failed ? "failed" : "passed", reason: null, jit };
}

/** Line numbers inside pytest and pluggy change with their versions; the test's own stay. */
function stable(text: string): string {
  return text.replace(/(File "\/usr\/lib\/python3\/dist-packages\/[^"]+", line )\d+/g, "$1N");
}

async function golden(name: string, text: string): Promise<void> {
  const path = join(GOLDEN, name);
  if (update) await writeFile(path, text);
  expect(text).toBe(await readFile(path, "utf8"));
}

describe("the tests in the verdict, through the action's compare step and the CLI", () => {
  it.each(CASES)("$fixture: $verdict, tests-with-jit $tests", async (c) => {
    const real = sections.get(c.fixture);
    if (real === undefined) throw new Error(`no tests section for ${c.fixture}`);
    const speed = resultsFile(CLEAR_WIN);
    const jit = speed.legs.on?.jit;
    if (jit === undefined) throw new Error("no JIT leg");
    const dir = join(world.work, c.fixture);
    await mkdir(dir, { recursive: true });
    const path = join(dir, "results.json");
    await writeFile(
      path,
      `${JSON.stringify({ ...speed, tests: asOnJitBuild(real, jit) }, null, 2)}\n`,
    );

    const step = await compare(RUN, { results: path });
    expect(step.outputs.verdict).toBe(c.verdict);
    expect(step.outputs["tests-with-jit"]).toBe(c.tests);
    const failing = c.verdict === "tests-fail";
    expect(step.code === 0).toBe(!failing);
    expect(step.errors).toHaveLength(failing ? 1 : 0);
    if (failing) {
      expect(step.errors[0]).toMatch(
        /^Tests fail only with the JIT \(verdict tests-fail\): Speed-up, but tests fail with the JIT: /,
      );
    }
    const mine = comments().find((comment) => comment.body.includes(`${c.fixture}/results.json`));
    if (mine === undefined) throw new Error("no comment from this compare step");
    await golden(
      `${c.fixture}.action.md`,
      stable(
        [
          `verdict: ${step.outputs.verdict}`,
          `tests-with-jit: ${step.outputs["tests-with-jit"]}`,
          `recommendation: ${step.outputs.recommendation}`,
          `step failed: ${step.errors.join(" ") || "no"}`,
          "",
          "comment:",
          "",
          mine.body.split(dir).join("<dir>"),
        ].join("\n"),
      ),
    );

    const cli = await runCli(["compare", path]);
    expect(cli.code).toBe(failing ? 1 : 0);
    await golden(
      `${c.fixture}.cli.txt`,
      stable(`exit ${cli.code}\n${cli.stdout.split(dir).join("<dir>")}`),
    );
  });
});

describe("a run job's tests, carried to the compare job through the artifacts", () => {
  it("runs them after the benchmarks, and on python3.11 (no JIT) reports what it saw, counting for nothing", async () => {
    const run = 5151;
    const step = await runLeg(run, "both", "", {
      inputs: { python: DEBIAN_PYTHON, tests: "pytest -q", "tests-timeout": "60s" },
      files: {
        "tests/test_env.py": readFileSync(
          join(FIXTURES, "jit-env", "tests", "test_env.py"),
          "utf8",
        ),
      },
    });
    expect(step.errors).toEqual([]);
    expect(step.code).toBe(0);
    expect(step.stdout).toContain("Tests: JIT on, run 1: failed (exit 1; 2 tests, 1 failed)");
    expect(step.stdout).toContain("::warning::Tests: the JIT could not be proven on");
    expect(step.summary).toContain(
      "### jit-bench: tests\n\n**Tests:** not compared with the JIT: the JIT could not be proven on",
    );
    const results = JSON.parse(await readFile(step.outputs["results-path"] ?? "", "utf8"));
    expect(results.tests.status).toBe("not-run");
    // pytest's caches aside, these tests write nothing and leave nothing running.
    expect(results.tests.leftBehind).toEqual([]);

    const report = await compare(run);
    expect(report.errors).toEqual([]);
    expect(report.outputs.verdict).toBe("not-applicable");
    expect(report.outputs["tests-with-jit"]).toBe("not-run");
    const mine = comments().find((comment) =>
      comment.body.startsWith("<!-- jit-bench:jit-bench -->"),
    );
    expect(mine?.body).toContain(
      "**Tests:** not compared with the JIT: the JIT could not be proven on with PYTHON\\_JIT=1 (CPython 3.11",
    );
    expect(mine?.body).toContain(
      "In the runs anyway, which say nothing about a JIT: 1 test breaks only with PYTHON_JIT=1: tests.test\\_env\\::test\\_fails\\_with\\_jit\\_set (fails).",
    );
  }, 120_000);
});
