/**
 * Per-test outcomes from a JUnit XML report, as pytest (--junitxml), CPython's
 * regrtest (--junit-xml), unittest-xml-reporting and nose2 write it. The file
 * comes from the team's test command, so it is untrusted: size, entity
 * declarations and counts are checked before anything is believed, and a
 * report that fails a check is "no per-test report", never a crash.
 *
 * fast-xml-parser parses it: well kept, no native code, and it handles the
 * character references and CDATA that failure messages are full of, which a
 * hand-written reader would get wrong.
 */
import { XMLParser } from "fast-xml-parser";

export const JUNIT_MAX_CHARS = 64 * 1024 * 1024;
export const JUNIT_MAX_CASES = 200_000;
/** Lines of a failure kept for the report. */
export const DETAIL_LINES = 8;
const LINE_CHARS = 240;

export type CaseOutcome = "passed" | "failed" | "skipped";

export interface TestCase {
  /** `classname::name`, or the name alone when there is no class. */
  readonly id: string;
  readonly name: string;
  readonly classname: string;
  readonly outcome: CaseOutcome;
  /** The first lines of the failure; empty for a pass or a skip. */
  readonly detail: string;
}

export type JUnitReport =
  | { readonly ok: true; readonly cases: readonly TestCase[] }
  | { readonly ok: false; readonly problem: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  cdataPropName: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => ["testsuite", "testcase", "failure", "error", "skipped"].includes(name),
});

export function parseJUnit(text: string): JUnitReport {
  if (text.length > JUNIT_MAX_CHARS) {
    return { ok: false, problem: `is larger than ${JUNIT_MAX_CHARS} characters` };
  }
  // Entity declarations are how an XML file expands to gigabytes; JUnit reports have none.
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) {
    return {
      ok: false,
      problem: "declares a DOCTYPE or entities, which a JUnit report never does",
    };
  }
  let document: unknown;
  try {
    document = parser.parse(text, true);
  } catch (error: unknown) {
    const said = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: `is not well-formed XML: ${firstLine(said)}` };
  }
  if (!isRecord(document)) return { ok: false, problem: "holds no XML element" };
  const root = document.testsuites ?? document.testsuite;
  if (root === undefined) {
    return { ok: false, problem: "has no <testsuites> or <testsuite> element at the top" };
  }
  const cases: TestCase[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!isRecord(node)) continue;
    for (const item of asArray(node.testcase)) {
      if (cases.length >= JUNIT_MAX_CASES) {
        return { ok: false, problem: `holds more than ${JUNIT_MAX_CASES} test cases` };
      }
      const parsed = testCase(item);
      if (parsed !== null) cases.push(parsed);
    }
    if (node.testsuite !== undefined) stack.push(node.testsuite);
  }
  return { ok: true, cases };
}

function testCase(node: unknown): TestCase | null {
  if (!isRecord(node)) return null;
  const name = text(node["@name"]);
  if (name === "") return null;
  const classname = text(node["@classname"]);
  const problems = [...asArray(node.failure), ...asArray(node.error)];
  const skipped = asArray(node.skipped).length > 0;
  const outcome: CaseOutcome = problems.length > 0 ? "failed" : skipped ? "skipped" : "passed";
  return {
    id: classname === "" ? name : `${classname}::${name}`,
    name,
    classname,
    outcome,
    detail: problems.length > 0 ? failureLines(problems[0]) : "",
  };
}

/** The message, then the body: the assertion first, the traceback's end after it. */
function failureLines(node: unknown): string {
  const message = isRecord(node) ? text(node["@message"]) : text(node);
  const body = isRecord(node) ? text(node["#text"]) : "";
  // The body's end holds the assertion and where it was raised: kept whole, under the message.
  const room = message.trim() === "" ? DETAIL_LINES : DETAIL_LINES - message.split(/\r?\n/).length;
  const lines = [message, ...lastLines(body, Math.max(1, room))].filter(
    (line) => line.trim() !== "",
  );
  return firstLines(lines.join("\n"), DETAIL_LINES);
}

function lastLines(body: string, n: number): string[] {
  const lines = body.split(/\r?\n/).filter((line) => line.trim() !== "");
  return lines.slice(-n);
}

/** At most `n` lines of at most LINE_CHARS characters each. */
export function firstLines(text: string, n: number = DETAIL_LINES): string {
  return text
    .split(/\r?\n/)
    .slice(0, n)
    .map((line) => (line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS - 1)}…` : line))
    .join("\n");
}

function firstLine(text: string): string {
  return firstLines(text, 1);
}

function text(value: unknown): string {
  if (typeof value === "string") return decodeReferences(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}

/** Numeric character references (`&#10;`, `&#x1b;`), which the parser leaves as written. */
function decodeReferences(value: string): string {
  return value.replace(/&#(?:x([0-9a-f]{1,6})|(\d{1,7}));/gi, (whole, hex, decimal) => {
    const code = hex === undefined ? Number(decimal) : Number.parseInt(hex, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
