/** The verdict with the team's tests beside the benchmarks: enable only when no test breaks with the JIT. */
import { describe, expect, it } from "vitest";
import type { TestFinding, TestsRecord } from "../../../src/core/tests/record.js";
import { decideVerdict, exitCodeFor, isFailingOutcome } from "../../../src/core/verdict.js";
import { dockerfileActionFor } from "../../../src/modes/dockerfile-advice.js";
import { scenarios } from "../render/scenarios.js";

const all = scenarios();

function finding(test: string, kind: TestFinding["kind"]): TestFinding {
  return {
    test,
    kind,
    outcome: "crashed",
    withJit: { failed: 3, runs: 3 },
    withoutJit: { failed: kind === "jit-failure" ? 0 : 3, runs: 3 },
    detail: "Fatal Python error: Segmentation fault",
  };
}

function tests(status: TestsRecord["status"], findings: TestFinding[]): TestsRecord {
  return {
    command: "pytest -q",
    status,
    reason: status === "not-run" ? "the JIT could not be proven on" : null,
    comparedBy: "per-test",
    jit: null,
    counts: { tests: 10, passedBoth: 10 - findings.length, skipped: 0 },
    runs: [],
    findings,
    leftBehind: [],
  };
}

function verdictWith(name: string, record: TestsRecord | null) {
  const scenario = all[name];
  if (!scenario) throw new Error(`no scenario ${name}`);
  return decideVerdict({ ...scenario.comparison, tests: record });
}

describe("decideVerdict with tests", () => {
  it("turns enable into tests-fail when a test breaks only with the JIT, and fails the job", () => {
    const verdict = verdictWith("enable", tests("failed", [finding("t::crash", "jit-failure")]));
    expect([verdict.kind, verdict.reason]).toEqual(["tests-fail", "tests-fail-with-jit"]);
    expect(verdict.testFailures).toEqual(["t::crash"]);
    expect(isFailingOutcome(verdict, false)).toBe(true);
    expect(exitCodeFor(verdict, false)).toBe(1);
    expect(dockerfileActionFor(verdict.kind)).toBeNull();
  });

  it("keeps enable when every test passes, or only flaky ones and failures without the JIT", () => {
    expect(verdictWith("enable", tests("passed", [])).kind).toBe("enable");
    const mixed = verdictWith(
      "enable",
      tests("passed", [finding("t::flaky", "flaky"), finding("t::old", "fails-without-jit")]),
    );
    expect([mixed.kind, mixed.testFailures]).toEqual(["enable", []]);
  });

  it("keeps enable when the JIT could not be on in the tests: they count for nothing", () => {
    const verdict = verdictWith("enable", tests("not-run", [finding("t::x", "jit-failure")]));
    expect([verdict.kind, verdict.testFailures]).toEqual(["enable", []]);
  });

  it("leaves other verdicts as they are, with the failing tests named", () => {
    const verdict = verdictWith("keep-off", tests("failed", [finding("t::crash", "jit-failure")]));
    expect([verdict.kind, verdict.testFailures]).toEqual(["keep-off", ["t::crash"]]);
    expect(isFailingOutcome(verdict, false)).toBe(false);
  });

  it("is the speed verdict alone for results without tests", () => {
    expect(verdictWith("enable", null).kind).toBe("enable");
  });
});
