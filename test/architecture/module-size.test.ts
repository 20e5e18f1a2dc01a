/**
 * A module over about 300 lines is a sign that two things share a file. The
 * few that stay long on purpose say why at their top, in a sentence that
 * starts "One module on purpose".
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const LIMIT = 300;
const REASON = /One module on purpose: \S/;

/** Source files under `dir` (TypeScript and the Python harness), as paths. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|py)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Why `text` breaks the rule, or null when it keeps it. */
function sizeProblem(text: string): string | null {
  const lines = text.split("\n").length;
  if (lines <= LIMIT) return null;
  const top = text.split("\n").slice(0, 40).join("\n");
  return REASON.test(top) ? null : `${lines} lines and no "One module on purpose: ..." at its top`;
}

describe("modules in src/", () => {
  it.each(sources("src"))("%s is short, or says why it is long", (file) => {
    expect(sizeProblem(readFileSync(file, "utf8"))).toBeNull();
  });

  it("the check catches a long module without a reason, and lets one with a reason pass", () => {
    const body = "x = 1\n".repeat(LIMIT + 5);
    expect(sizeProblem(body)).toMatch(/^306 lines and no/);
    expect(sizeProblem(`"""One module on purpose: one table of commands."""\n${body}`)).toBeNull();
    expect(sizeProblem("x = 1\n".repeat(10))).toBeNull();
  });
});
