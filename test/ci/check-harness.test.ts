/**
 * `.ci/check-harness` compiles the Python harness with warnings as errors and
 * lints it with pyflakes3. It passes on the harness as it is, and fails, naming
 * the file and the problem, on a copy with an unused import or an invalid
 * escape sequence.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const REPO = resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function check(root: string) {
  return spawnSync("bash", [join(root, ".ci", "check-harness")], { encoding: "utf8" });
}

/** A copy of the check and the harness, to break without touching src/. */
function copy(): string {
  const root = mkdtempSync(join(tmpdir(), "jit-bench-check-harness-"));
  dirs.push(root);
  cpSync(join(REPO, ".ci", "check-harness"), join(root, ".ci", "check-harness"));
  cpSync(join(REPO, "src", "harness"), join(root, "src", "harness"), {
    recursive: true,
    filter: (path) => !path.includes("__pycache__"),
  });
  return root;
}

describe(".ci/check-harness", () => {
  it("passes on the harness", () => {
    const run = check(REPO);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("pyflakes3 finds nothing in src/harness");
  });

  it("fails on an unused import, naming the file and the import", () => {
    const root = copy();
    const file = join(root, "src", "harness", "_jitbench_probe.py");
    writeFileSync(file, `import json\n${readFileSync(file, "utf8")}`);
    const run = check(root);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("src/harness/_jitbench_probe.py:1:1: 'json' imported but unused");
    expect(run.stderr).toContain("pyflakes3 found the problems above in src/harness");
  });

  it("fails on an invalid escape sequence, naming the file, the line and the escape", () => {
    const root = copy();
    const file = join(root, "src", "harness", "_jitbench_errors.py");
    const line = readFileSync(file, "utf8").split("\n").length;
    appendFileSync(file, 'PATTERN = "\\d+"\n');
    const run = check(root);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `src/harness/_jitbench_errors.py:${line}: SyntaxError: invalid escape sequence`,
    );
    expect(run.stderr).toMatch(/CPython 3\.9\.\d+ with -W error cannot compile/);
  });
});
