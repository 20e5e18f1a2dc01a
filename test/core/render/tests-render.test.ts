/** The tests in words: names and failure text come from the team's code, and stay text. */
import { describe, expect, it } from "vitest";
import { MARKDOWN_STYLE } from "../../../src/core/render/markdown.js";
import { testsMarkdown, testsSentence, testsText } from "../../../src/core/render/tests.js";
import type { TestsRecord } from "../../../src/core/tests/record.js";

function record(findings: TestsRecord["findings"], status: TestsRecord["status"]): TestsRecord {
  return {
    command: "pytest -q",
    status,
    reason: null,
    comparedBy: "per-test",
    jit: null,
    counts: { tests: 412, passedBoth: 412 - findings.length, skipped: 0 },
    runs: [],
    findings,
    leftBehind: [],
  };
}

const HOSTILE = "t::test_[x](https://evil.example) @someone #12 <img src=x>";

describe("the tests in words", () => {
  it("says every test passing in one line, with the count", () => {
    expect(testsSentence(record([], "passed"), MARKDOWN_STYLE)).toBe(
      "Tests: **412 tests pass** with the JIT on and off.",
    );
  });

  it("keeps a hostile test name and failure text inert in Markdown", () => {
    const markdown = testsMarkdown(
      record(
        [
          {
            test: HOSTILE,
            kind: "jit-failure",
            outcome: "crashed",
            withJit: { failed: 3, runs: 3 },
            withoutJit: { failed: 0, runs: 3 },
            detail: "```\n</details> @someone\u001b[31m red",
          },
        ],
        "failed",
      ),
      MARKDOWN_STYLE,
    );
    expect(markdown).not.toContain("[x](https");
    expect(markdown).not.toContain("<img");
    expect(markdown).not.toContain("@someone #12");
    expect(markdown).not.toContain("\u001b");
    // The failure text sits in a fence longer than any backtick run inside it.
    expect(markdown).toContain("  ````text\n  ```\n  </details> @someone[31m red\n  ````");
  });

  it("puts each line of a failure on its own indented line in a terminal, controls escaped", () => {
    const lines = testsText(
      record(
        [
          {
            test: "t::a",
            kind: "jit-failure",
            outcome: "failed",
            withJit: { failed: 3, runs: 3 },
            withoutJit: { failed: 0, runs: 3 },
            detail: "first\n\u001b]0;title\u0007second",
          },
        ],
        "failed",
      ),
      (text) => JSON.stringify(text).slice(1, -1),
    );
    expect(lines).toEqual([
      "Tests: 1 test breaks only with the JIT: t::a (fails).",
      "  t::a: fails, only with the JIT (failed in 3 of 3 runs with the JIT and 0 of 3 without)",
      "      first",
      "      \\u001b]0;title\\u0007second",
    ]);
  });
});
