/** JUnit XML from the team's test command: read per test, and refused safely when it is not one. */
import { describe, expect, it } from "vitest";
import { parseJUnit } from "../../../src/core/tests/junit.js";

const PYTEST = `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="4"><testcase classname="tests.test_math" name="test_ok" time="0.001" /><testcase classname="tests.test_math" name="test_bad" time="0.002"><failure message="AssertionError: 1 != 2&#10;assert 1 == 2">def test_bad():
&gt;       assert 1 == 2
E       assert 1 == 2

tests/test_math.py:7: AssertionError</failure></testcase><testcase classname="tests.test_math" name="test_skip" time="0.000"><skipped type="pytest.skip" message="not here">tests/test_math.py:9: not here</skipped></testcase><testcase classname="tests.test_math" name="test_error" time="0.000"><error message="failed on setup with &quot;ValueError&quot;">ValueError</error></testcase></testsuite></testsuites>`;

describe("parseJUnit", () => {
  it("reads pytest's report: each case's id, outcome and first failure lines", () => {
    const report = parseJUnit(PYTEST);
    if (!report.ok) throw new Error(report.problem);
    expect(report.cases.map((c) => [c.id, c.outcome])).toEqual([
      ["tests.test_math::test_ok", "passed"],
      ["tests.test_math::test_bad", "failed"],
      ["tests.test_math::test_skip", "skipped"],
      ["tests.test_math::test_error", "failed"],
    ]);
    expect(report.cases[1]?.detail).toBe(
      [
        "AssertionError: 1 != 2",
        "assert 1 == 2",
        "def test_bad():",
        ">       assert 1 == 2",
        "E       assert 1 == 2",
        "tests/test_math.py:7: AssertionError",
      ].join("\n"),
    );
    expect(report.cases[3]?.detail).toBe('failed on setup with "ValueError"\nValueError');
  });

  it("reads a single testsuite, nested suites and cases without a class (regrtest's shape)", () => {
    const xml = `<testsuite><testsuite name="inner"><testcase name="test.test_json.test_decode.TestPyDecode.test_float" status="run" /><testcase name="b"><failure>boom</failure></testcase></testsuite><testcase classname="Top" name="c" /></testsuite>`;
    const report = parseJUnit(xml);
    if (!report.ok) throw new Error(report.problem);
    expect(report.cases.map((c) => [c.id, c.outcome]).sort()).toEqual([
      ["Top::c", "passed"],
      ["b", "failed"],
      ["test.test_json.test_decode.TestPyDecode.test_float", "passed"],
    ]);
  });

  it("refuses entity declarations, which could expand without bound", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><testsuite><testcase name="x"><failure message="&b;"/></testcase></testsuite>`;
    expect(parseJUnit(bomb)).toEqual({
      ok: false,
      problem: "declares a DOCTYPE or entities, which a JUnit report never does",
    });
  });

  it("says what is wrong with a file that is no report", () => {
    expect(parseJUnit("<html><body/></html>")).toEqual({
      ok: false,
      problem: "has no <testsuites> or <testsuite> element at the top",
    });
    const broken = parseJUnit("<testsuite><testcase name='x'></testsuite>");
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problem).toMatch(/^is not well-formed XML: /);
  });

  it("cuts long failure lines and keeps at most eight of them", () => {
    const body = Array.from({ length: 30 }, (_, i) => `line ${i} ${"x".repeat(300)}`).join("\n");
    const report = parseJUnit(
      `<testsuite><testcase name="t"><failure message="m">${body}</failure></testcase></testsuite>`,
    );
    if (!report.ok) throw new Error(report.problem);
    const lines = report.cases[0]?.detail.split("\n") ?? [];
    expect(lines).toHaveLength(8);
    expect(lines[0]).toBe("m");
    expect(lines[1]?.startsWith("line 23 ")).toBe(true);
    expect(lines.every((line) => line.length <= 240)).toBe(true);
  });
});
