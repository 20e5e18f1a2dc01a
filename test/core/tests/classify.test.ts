/**
 * The legs' runs compared: which tests break only with the JIT, which are
 * flaky, which fail without it too, and the status the verdict reads.
 */
import { describe, expect, it } from "vitest";
import type { Leg } from "../../../src/core/results.js";
import {
  needsRerun,
  type Observation,
  observe,
  summarizeTests,
  type TestRunResult,
} from "../../../src/core/tests/classify.js";
import { WHOLE_RUN } from "../../../src/core/tests/record.js";

type Outcome = "passed" | "failed" | "skipped";

function junit(cases: Record<string, Outcome>): string {
  const body = Object.entries(cases)
    .map(([name, outcome]) => {
      const inner =
        outcome === "failed"
          ? `<failure message="${name} broke">trace of ${name}</failure>`
          : outcome === "skipped"
            ? "<skipped/>"
            : "";
      return `<testcase classname="tests.test_app" name="${name}">${inner}</testcase>`;
    })
    .join("");
  return `<testsuites><testsuite>${body}</testsuite></testsuites>`;
}

function run(
  leg: Leg,
  attempt: number,
  cases: Record<string, Outcome> | null,
  extra: Partial<TestRunResult> = {},
): Observation {
  const failed = cases !== null && Object.values(cases).includes("failed");
  return observe({
    leg,
    attempt,
    exitCode: failed ? 1 : 0,
    signal: null,
    timedOut: false,
    durationMs: 1000,
    output: "",
    junit: cases === null ? null : junit(cases),
    ...extra,
  });
}

const CONTEXT = { command: "pytest -q", jit: null, countsForNothing: null, leftBehind: [] };

describe("summarizeTests", () => {
  it("counts every test passing in both legs, skipped ones apart", () => {
    const cases = { test_a: "passed", test_b: "passed", test_c: "skipped" } as const;
    const observations = [run("off", 1, cases), run("on", 1, cases)];
    expect(needsRerun(observations)).toBe(false);
    const tests = summarizeTests(observations, CONTEXT);
    expect(tests.status).toBe("passed");
    expect(tests.comparedBy).toBe("per-test");
    expect(tests.counts).toEqual({ tests: 3, passedBoth: 2, skipped: 1 });
    expect(tests.findings).toEqual([]);
  });

  it("calls a test failing in every JIT run and no other run a JIT failure", () => {
    const off = { test_a: "passed", test_b: "passed" } as const;
    const on = { test_a: "passed", test_b: "failed" } as const;
    const first = [run("off", 1, off), run("on", 1, on)];
    expect(needsRerun(first)).toBe(true);
    const all = [
      ...first,
      run("off", 2, off),
      run("on", 2, on),
      run("off", 3, off),
      run("on", 3, on),
    ];
    const tests = summarizeTests(all, CONTEXT);
    expect(tests.status).toBe("failed");
    expect(tests.findings).toEqual([
      {
        test: "tests.test_app::test_b",
        kind: "jit-failure",
        outcome: "failed",
        withJit: { failed: 3, runs: 3 },
        withoutJit: { failed: 0, runs: 3 },
        detail: "test_b broke\ntrace of test_b",
      },
    ]);
    expect(tests.counts).toEqual({ tests: 2, passedBoth: 1, skipped: 0 });
  });

  it("calls a test that failed with the JIT once and passed on reruns flaky, not the JIT's", () => {
    const pass = { test_a: "passed" } as const;
    const fail = { test_a: "failed" } as const;
    const tests = summarizeTests(
      [
        run("off", 1, pass),
        run("on", 1, fail),
        run("off", 2, pass),
        run("on", 2, pass),
        run("off", 3, pass),
        run("on", 3, pass),
      ],
      CONTEXT,
    );
    expect(tests.status).toBe("passed");
    expect(tests.findings.map((f) => [f.kind, f.withJit, f.withoutJit])).toEqual([
      ["flaky", { failed: 1, runs: 3 }, { failed: 0, runs: 3 }],
    ]);
  });

  it("calls a test that fails in every run of both legs a failure without the JIT", () => {
    const fail = { test_a: "failed" } as const;
    const tests = summarizeTests([run("off", 1, fail), run("on", 1, fail)], CONTEXT);
    expect(needsRerun([run("off", 1, fail), run("on", 1, fail)])).toBe(false);
    expect(tests.status).toBe("passed");
    expect(tests.findings.map((f) => f.kind)).toEqual(["fails-without-jit"]);
  });

  it("names the test a crash happened in from faulthandler's traceback, as JUnit names it", () => {
    const cases = { test_a: "passed", test_abort: "passed" } as const;
    const crash = (attempt: number) =>
      run("on", attempt, null, {
        exitCode: 134,
        output: [
          ".Fatal Python error: Aborted",
          "",
          "Current thread 0x00007f (most recent call first):",
          '  File "tests/test_app.py", line 9 in test_abort',
          '  File "/usr/lib/python3/dist-packages/_pytest/python.py", line 195 in pytest_pyfunc_call',
          "",
        ].join("\n"),
      });
    const tests = summarizeTests(
      [
        run("off", 1, cases),
        crash(1),
        run("off", 2, cases),
        crash(2),
        run("off", 3, cases),
        crash(3),
      ],
      CONTEXT,
    );
    expect(tests.status).toBe("failed");
    expect(tests.runs.map((r) => [r.leg, r.outcome, r.signal])).toEqual([
      ["off", "passed", null],
      ["on", "crashed", "SIGABRT"],
      ["off", "passed", null],
      ["on", "crashed", "SIGABRT"],
      ["off", "passed", null],
      ["on", "crashed", "SIGABRT"],
    ]);
    expect(tests.findings).toHaveLength(1);
    expect(tests.findings[0]).toMatchObject({
      test: "tests.test_app::test_abort",
      kind: "jit-failure",
      outcome: "crashed",
      withJit: { failed: 3, runs: 3 },
      withoutJit: { failed: 0, runs: 3 },
    });
    expect(tests.findings[0]?.detail.split("\n").slice(0, 3)).toEqual([
      "The interpreter died of SIGABRT.",
      "Fatal Python error: Aborted",
      'File "tests/test_app.py", line 9 in test_abort',
    ]);
  });

  it("calls a run stopped at the timeout hung, and blames the whole command when no test is named", () => {
    const hang = (attempt: number) =>
      run("on", attempt, null, {
        exitCode: null,
        signal: "SIGABRT",
        timedOut: true,
        durationMs: 5000,
      });
    const tests = summarizeTests(
      [run("off", 1, null), hang(1), run("off", 2, null), hang(2), run("off", 3, null), hang(3)],
      CONTEXT,
    );
    expect(tests.comparedBy).toBe("whole-run");
    expect(tests.counts).toBeNull();
    expect(tests.findings).toMatchObject([
      { test: WHOLE_RUN, kind: "jit-failure", outcome: "hung" },
    ]);
    expect(tests.findings[0]?.detail.split("\n")[0]).toBe(
      "Still running after the tests timeout (5s): stopped.",
    );
  });

  it("compares exit codes alone when the command writes no JUnit XML", () => {
    const tests = summarizeTests(
      [run("off", 1, null), run("on", 1, null, { exitCode: 1, output: "1 check failed" })],
      CONTEXT,
    );
    expect(tests.comparedBy).toBe("whole-run");
    expect(tests.findings).toMatchObject([
      { test: WHOLE_RUN, kind: "flaky", withJit: { failed: 1, runs: 1 }, detail: "1 check failed" },
    ]);
  });

  it("counts for nothing when the JIT could not be on, or the command could not run", () => {
    const noJit = summarizeTests([run("off", 1, { t: "passed" }), run("on", 1, { t: "failed" })], {
      ...CONTEXT,
      countsForNothing: "the JIT could not be proven on",
    });
    expect([noJit.status, noJit.reason]).toEqual(["not-run", "the JIT could not be proven on"]);
    const missing = summarizeTests(
      [run("off", 1, null, { exitCode: 127 }), run("on", 1, null, { exitCode: 127 })],
      CONTEXT,
    );
    expect([missing.status, missing.reason]).toEqual([
      "not-run",
      "the test command could not be run: the shell exited 127 (command not found)",
    ]);
  });
});

describe("a flaky test is never called a JIT failure", () => {
  // Randomised: every sequence of six runs in which the test failed at least once without the JIT.
  const seed = 20_261_207;
  it(`holds for 2000 random sequences (seed ${seed})`, () => {
    console.log(`classify flakes: seed ${seed}`);
    let state = seed;
    const random = () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
    for (let i = 0; i < 2000; i += 1) {
      const outcomes = Array.from(
        { length: 6 },
        () => (random() < 0.5 ? "failed" : "passed") as Outcome,
      );
      const legs: Leg[] = ["off", "on", "off", "on", "off", "on"];
      if (!outcomes.some((o, k) => o === "failed" && legs[k] === "off")) continue;
      const observations = outcomes.map((o, k) =>
        run(legs[k] as Leg, Math.floor(k / 2) + 1, { t: o }),
      );
      const tests = summarizeTests(observations, CONTEXT);
      expect(tests.findings.map((f) => f.kind)).not.toContain("jit-failure");
      expect(tests.status).toBe("passed");
    }
  });
});
