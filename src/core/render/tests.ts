/**
 * The team's tests in words, for every renderer: one sentence for the
 * verdict's paragraph, and the list of tests with the first lines of each
 * failure. Test names and failure text come from the team's code: they go
 * through `style.name`, and the failure lines into fenced blocks.
 */
import { type TestFinding, type TestsRecord, WHOLE_RUN } from "../tests/record.js";
import { fenced } from "./escape.js";
import type { Style } from "./headline.js";

const SHOWN = 3;

/** The outcome as a verb: "fails", "crashes the interpreter", "hangs". */
function verb(outcome: TestFinding["outcome"]): string {
  switch (outcome) {
    case "failed":
      return "fails";
    case "crashed":
      return "crashes the interpreter";
    case "hung":
      return "hangs";
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function names(findings: readonly TestFinding[], style: Style): string {
  const shown = findings.slice(0, SHOWN).map((f) => style.name(f.test));
  const more = findings.length > SHOWN ? ` and ${findings.length - SHOWN} more` : "";
  return `${shown.join(", ")}${more}`;
}

/** "a (crashes the interpreter), b (fails) and 2 more": the tests the JIT breaks, with how. */
export function brokenTests(findings: readonly TestFinding[], style: Style): string {
  const shown = findings.slice(0, SHOWN).map((f) => `${style.name(f.test)} (${verb(f.outcome)})`);
  const more = findings.length > SHOWN ? ` and ${findings.length - SHOWN} more` : "";
  return `${shown.join(", ")}${more}`;
}

/** The JIT's failures: tests that fail, crash or hang with it in every run and never without it. */
export function jitFailures(tests: TestsRecord): TestFinding[] {
  return tests.findings.filter((f) => f.kind === "jit-failure");
}

/** How the legs are named: the JIT, or only the variable when the JIT could not be on. */
interface Words {
  readonly only: string;
  readonly both: string;
  readonly without: string;
}

const JIT_WORDS: Words = {
  only: "only with the JIT",
  both: "with the JIT on and off",
  without: "without the JIT too",
};
const VARIABLE_WORDS: Words = {
  only: "only with PYTHON_JIT=1",
  both: "with PYTHON_JIT=0 and PYTHON_JIT=1",
  without: "with PYTHON_JIT=0 too",
};

/** One or two sentences: what the tests did with the JIT on and off. */
export function testsSentence(tests: TestsRecord, style: Style): string {
  if (tests.status !== "not-run") return `Tests: ${outcomeSentence(tests, style, JIT_WORDS)}`;
  const reason = (tests.reason ?? "they did not run").replace(/\.+$/, "");
  const ran = tests.runs.length > 0 && !/could not be run/.test(reason);
  const seen = ran
    ? ` In the runs anyway, which say nothing about a JIT: ${outcomeSentence(tests, style, VARIABLE_WORDS)}`
    : "";
  return `Tests: not compared with the JIT: ${style.name(reason)}.${seen}`;
}

function outcomeSentence(tests: TestsRecord, style: Style, words: Words): string {
  const failures = jitFailures(tests);
  const flaky = tests.findings.filter((f) => f.kind === "flaky");
  const broken = tests.findings.filter((f) => f.kind === "fails-without-jit");
  const wholeRun =
    tests.comparedBy === "whole-run"
      ? " It wrote no JUnit XML, so only the whole run's exit status was compared, not each test."
      : "";
  if (failures.length > 0) {
    const first = failures[0];
    const what =
      failures.length === 1 && first?.test === WHOLE_RUN
        ? `the test command ${verb(first.outcome)} ${words.only}`
        : `${plural(failures.length, "test breaks", "tests break")} ${words.only}: ${brokenTests(failures, style)}`;
    return `${capital(what)}.${wholeRun}`;
  }
  const others: string[] = [];
  if (flaky.length > 0)
    others.push(
      `${plural(flaky.length, "is flaky", "are flaky")} (${names(flaky, style)}: failing in some runs and passing in others, ${words.without} or when rerun, so not the JIT's doing)`,
    );
  if (broken.length > 0)
    others.push(
      `${plural(broken.length, "fails", "fail")} ${words.without} (${names(broken, style)})`,
    );
  const rest = others.length > 0 ? `; ${others.join("; ")}` : "";
  if (tests.comparedBy === "whole-run") {
    const base =
      others.length === 0
        ? `The test command passes ${words.both}`
        : `The test command does not fail ${words.only}`;
    return `${base}${rest}.${wholeRun}`;
  }
  const counts = tests.counts ?? { tests: 0, passedBoth: 0, skipped: 0 };
  const skipped = counts.skipped > 0 ? ` (${counts.skipped} skipped)` : "";
  if (others.length === 0) {
    return `${style.strong(plural(counts.passedBoth, "test passes", "tests pass"))} ${words.both}${skipped}.`;
  }
  const ran = counts.tests - counts.skipped;
  return `${style.strong(`${counts.passedBoth} of ${ran}`)} tests pass ${words.both}${skipped}${rest}.`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "crashes the interpreter, only with the JIT (in 3 of 3 runs with it and 0 of 3 without it)". */
function findingWords(tests: TestsRecord, finding: TestFinding): string {
  const words = tests.status === "not-run" ? VARIABLE_WORDS : JIT_WORDS;
  const kind =
    finding.kind === "jit-failure"
      ? words.only
      : finding.kind === "flaky"
        ? "flaky, not the JIT's doing"
        : words.without;
  const { withJit, withoutJit } = finding;
  return `${verb(finding.outcome)}, ${kind} (failed in ${withJit.failed} of ${withJit.runs} runs with ${tests.status === "not-run" ? "PYTHON_JIT=1" : "the JIT"} and ${withoutJit.failed} of ${withoutJit.runs} without)`;
}

/** Control characters a terminal or a page would act on; line breaks stay. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The Markdown section: the sentence, each test with its first failure lines, what was left behind. */
export function testsMarkdown(tests: TestsRecord, style: Style): string {
  const parts = [`**${testsSentence(tests, style).replace(/^Tests: /, "Tests:** ")}`];
  if (tests.findings.length > 0) {
    const items = tests.findings.slice(0, 20).map((finding) => {
      const head = `- ${style.name(finding.test)}: ${findingWords(tests, finding)}`;
      const detail = finding.detail.replace(CONTROL, "").trim();
      if (detail === "") return head;
      const block = fenced("text", detail)
        .split("\n")
        .map((line) => `  ${line}`)
        .join("\n");
      return `${head}\n\n${block}\n`;
    });
    if (tests.findings.length > 20) items.push(`- …and ${tests.findings.length - 20} more`);
    parts.push(items.join("\n"));
  }
  const command = `<sub>Test command: ${style.name(tests.command)}, run ${tests.runs.length} times (${tests.comparedBy === "per-test" ? "compared test by test from JUnit XML" : "exit status only"}), each in a fresh copy of the project.</sub>`;
  parts.push(command);
  if (tests.leftBehind.length > 0) {
    parts.push(
      ["> [!NOTE]", ...tests.leftBehind.map((line) => `> - Tests: ${style.name(line)}.`)].join(
        "\n",
      ),
    );
  }
  return parts.join("\n\n");
}

/** For a terminal: the sentence, then each test with its failure lines indented. */
export function testsText(tests: TestsRecord, oneLine: (text: string) => string): string[] {
  const lines = [oneLine(testsSentence(tests, { name: (text) => text, strong: (text) => text }))];
  for (const finding of tests.findings.slice(0, 20)) {
    lines.push(`  ${oneLine(finding.test)}: ${findingWords(tests, finding)}`);
    for (const line of finding.detail.split("\n").filter((l) => l.trim() !== "")) {
      lines.push(`      ${oneLine(line)}`);
    }
  }
  if (tests.findings.length > 20) lines.push(`  …and ${tests.findings.length - 20} more`);
  for (const line of tests.leftBehind) lines.push(`  left behind: ${oneLine(line)}`);
  return lines;
}
