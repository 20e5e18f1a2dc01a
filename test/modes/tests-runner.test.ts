/**
 * The team's tests under both legs, run for real: Debian's python3.11 (which
 * has pytest) on the fixture projects in test/fixtures/tests, one per
 * outcome. This interpreter has no JIT, so every result says the JIT could
 * not be on and counts for nothing; the comparison of the legs is made all
 * the same, and is what these tests check. The same fixtures on a JIT build
 * are reported in docs/tests.md.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveRunSettings } from "../../src/core/config/settings.js";
import type { TestsRecord } from "../../src/core/tests/record.js";
import { runTests } from "../../src/modes/tests.js";
import { DEBIAN_PYTHON } from "../pythons.js";

const FIXTURES = resolve("test/fixtures/tests");
const temps: string[] = [];

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), "jit-bench-tests-runner-"));
  temps.push(dir);
  return dir;
}

async function testsOf(
  fixture: string,
  command = "pytest -q",
  env: Record<string, string> = {},
): Promise<{ tests: TestsRecord; log: string[]; warnings: string[] }> {
  const settings = resolveRunSettings({
    flags: { python: DEBIAN_PYTHON, tests: command, "tests-timeout": "4s", "output-dir": temp() },
    file: null,
    cwd: resolve(FIXTURES, fixture),
  });
  const log: string[] = [];
  const warnings: string[] = [];
  const tests = await runTests(settings, {
    log: (line) => log.push(line),
    warn: (line) => warnings.push(line),
    signal: new AbortController().signal,
    env,
  });
  return { tests, log, warnings };
}

const NO_JIT = /^the JIT could not be proven on with PYTHON_JIT=1 \(CPython 3\.11\.\d+: /;

describe("tests under both legs on python3.11", () => {
  it("passing: every test passes in both legs, once each, the skipped one counted apart", async () => {
    const { tests, warnings } = await testsOf("passing");
    expect(tests.status).toBe("not-run");
    expect(tests.reason).toMatch(NO_JIT);
    expect(tests.comparedBy).toBe("per-test");
    expect(tests.counts).toEqual({ tests: 4, passedBoth: 3, skipped: 1 });
    expect(tests.findings).toEqual([]);
    expect(tests.runs.map((r) => [r.leg, r.attempt, r.outcome, r.tests, r.failed])).toEqual([
      ["off", 1, "passed", 4, 0],
      ["on", 1, "passed", 4, 0],
    ]);
    expect(tests.leftBehind).toEqual([]);
    expect(warnings.some((w) => /count for nothing/.test(w))).toBe(true);
  });

  it("jit-env: the test that fails with PYTHON_JIT=1 fails in every JIT run after two reruns", async () => {
    const { tests, log } = await testsOf("jit-env");
    expect(log).toContain(
      "Tests: a test failed in one leg only; running both legs 2 more times to tell a flake from the JIT.",
    );
    expect(tests.runs.map((r) => `${r.leg}${r.attempt}:${r.outcome}`)).toEqual([
      "off1:passed",
      "on1:failed",
      "off2:passed",
      "on2:failed",
      "off3:passed",
      "on3:failed",
    ]);
    expect(tests.findings).toHaveLength(1);
    expect(tests.findings[0]).toMatchObject({
      test: "tests.test_env::test_fails_with_jit_set",
      kind: "jit-failure",
      outcome: "failed",
      withJit: { failed: 3, runs: 3 },
      withoutJit: { failed: 0, runs: 3 },
    });
    expect(tests.findings[0]?.detail.split("\n")[0]).toBe(
      "AssertionError: PYTHON_JIT is 1: this test fails only in the JIT leg",
    );
    // No JIT in this interpreter: the failure is seen, and counts for nothing.
    expect(tests.status).toBe("not-run");
  });

  it("jit-active: without a JIT the hot loop is never compiled, so both legs pass", async () => {
    const { tests } = await testsOf("jit-active");
    expect(tests.counts).toEqual({ tests: 2, passedBoth: 2, skipped: 0 });
    expect(tests.findings).toEqual([]);
  });

  it("abort: os.abort() in the JIT leg is a crash, pinned on its test by faulthandler", async () => {
    const { tests } = await testsOf("abort");
    expect(tests.runs.filter((r) => r.leg === "on").map((r) => [r.outcome, r.signal])).toEqual([
      ["crashed", "SIGABRT"],
      ["crashed", "SIGABRT"],
      ["crashed", "SIGABRT"],
    ]);
    expect(tests.findings).toHaveLength(1);
    expect(tests.findings[0]).toMatchObject({
      test: "tests.test_abort::test_abort_with_jit",
      kind: "jit-failure",
      outcome: "crashed",
    });
    expect(tests.findings[0]?.detail.split("\n").slice(0, 3)).toEqual([
      "The interpreter died of SIGABRT.",
      "Fatal Python error: Aborted",
      'File "tests/test_abort.py", line 11 in test_abort_with_jit',
    ]);
  });

  it("hang: the JIT leg is stopped at the timeout, and the hung test named", async () => {
    const { tests } = await testsOf("hang");
    expect(tests.runs.filter((r) => r.leg === "on").map((r) => r.outcome)).toEqual([
      "hung",
      "hung",
      "hung",
    ]);
    expect(tests.findings).toHaveLength(1);
    expect(tests.findings[0]).toMatchObject({
      test: "tests.test_hang::test_hangs_with_jit",
      kind: "jit-failure",
      outcome: "hung",
    });
    expect(tests.findings[0]?.detail.split("\n")[0]).toBe(
      "Still running after the tests timeout (4s): stopped.",
    );
    // Every process got SIGABRT, printed its traceback and died: none was left to kill.
    expect(tests.leftBehind).toEqual([]);
  });

  it("flaky: a seeded random failure that fails without the JIT too is flaky, never the JIT's", async () => {
    // Seed 3 fails in the first JIT run and passes in the first no-JIT run: the case that
    // looks like the JIT's until the reruns.
    const seed = "3";
    console.log(`flaky fixture: FLAKY_SEED=${seed}`);
    const state = join(temp(), "count");
    const { tests } = await testsOf("flaky", "pytest -q", { FLAKY_SEED: seed, FLAKY_STATE: state });
    expect(readFileSync(state, "utf8")).toBe("6");
    expect(tests.runs.map((r) => `${r.leg}${r.attempt}:${r.outcome}`)).toEqual([
      "off1:passed",
      "on1:failed",
      "off2:failed",
      "on2:passed",
      "off3:failed",
      "on3:passed",
    ]);
    expect(tests.findings).toMatchObject([
      {
        test: "tests.test_flaky::test_flaky",
        kind: "flaky",
        withJit: { failed: 1, runs: 3 },
        withoutJit: { failed: 2, runs: 3 },
      },
    ]);
    expect(tests.findings[0]?.detail).toMatch(/^AssertionError: unlucky draw 0\.\d{3} \(seed 3\)/);
  });

  it("no-junit: a command without JUnit XML is compared by exit status only", async () => {
    const { tests } = await testsOf("no-junit", "python check.py");
    expect(tests.comparedBy).toBe("whole-run");
    expect(tests.counts).toBeNull();
    expect(tests.findings).toMatchObject([
      {
        test: "(the whole test command)",
        kind: "jit-failure",
        withJit: { failed: 3, runs: 3 },
        withoutJit: { failed: 0, runs: 3 },
      },
    ]);
  });

  it("left-behind: says what the runs left running and wrote, inside and outside the copy", async () => {
    // A copy of the fixture, so that the file its tests write "into the repository" lands in a temp folder.
    const root = temp();
    cpSync(join(FIXTURES, "left-behind"), root, { recursive: true });
    const escapedFile = join(root, "escaped.txt");
    const { tests } = await testsOf(root, "pytest -q", { ESCAPE_TO: escapedFile });
    expect(readFileSync(escapedFile, "utf8")).toBe("0\n1\n");
    expect(tests.findings).toEqual([]);
    expect(tests.leftBehind).toEqual([
      "the first run without the JIT left 1 process running after the command ended; it was killed",
      "the first run without the JIT wrote into its copy of the project, which was removed: written-by-tests.txt",
      "the first run with the JIT left 1 process running after the command ended; it was killed",
      "the first run with the JIT wrote into its copy of the project, which was removed: written-by-tests.txt",
      "the tests changed the project itself, outside their copy: escaped.txt",
    ]);
  });

  it("stopped part way (Ctrl-C, a cancelled job), counts for nothing and says so", async () => {
    const settings = resolveRunSettings({
      flags: {
        python: DEBIAN_PYTHON,
        tests: "pytest -q",
        "tests-timeout": "60s",
        "output-dir": temp(),
      },
      file: null,
      cwd: resolve(FIXTURES, "hang"),
    });
    const stop = new AbortController();
    const log: string[] = [];
    const tests = await runTests(settings, {
      log: (line) => {
        log.push(line);
        // The JIT leg hangs: stop the run while it does.
        if (line.startsWith("Tests: JIT off, run 1:")) setTimeout(() => stop.abort("SIGINT"), 300);
      },
      warn: () => {},
      signal: stop.signal,
    });
    expect(log).toContain("Tests: the first run with the JIT was stopped");
    expect(tests.status).toBe("not-run");
    expect(tests.reason).toBe("the tests were stopped (SIGINT) before every run had finished");
    expect(tests.runs.map((r) => `${r.leg}${r.attempt}:${r.outcome}`)).toEqual(["off1:passed"]);
  });

  it("a command that is not there is not run, and says so", async () => {
    const { tests } = await testsOf("passing", "no-such-test-runner -q");
    expect(tests.status).toBe("not-run");
    expect(tests.reason).toBe(
      "the test command could not be run: the shell exited 127 (command not found)",
    );
  });
});
