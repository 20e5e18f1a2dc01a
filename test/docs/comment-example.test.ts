/**
 * docs/comment-example.md shows a real report: the renderer's output for the
 * results of a real run of the bundled suite (test/docs/fixtures/, see the
 * doc for when and where it ran). The test renders it again, so the example
 * follows every change of the renderer.
 * Regenerate with: UPDATE_DOCS=1 npx vitest run test/docs/comment-example.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_COMPARE_SETTINGS, runCompare } from "../../src/modes/compare.js";

const path = "docs/comment-example.md";
const results = "test/docs/fixtures/jit-bundled-suite.json";
const START = "<!-- comment:start -->";
const END = "<!-- comment:end -->";

async function rendered(): Promise<string> {
  const outcome = await runCompare({
    ...DEFAULT_COMPARE_SETTINGS,
    baseline: results,
    format: "markdown",
  });
  return outcome.output;
}

describe(path, () => {
  it("holds the renderer's report for the real run's results, unchanged", async () => {
    const doc = readFileSync(path, "utf8");
    const from = doc.indexOf(START);
    const to = doc.indexOf(END);
    expect(from).toBeGreaterThan(0);
    expect(to).toBeGreaterThan(from);
    const next = `${doc.slice(0, from + START.length)}\n${(await rendered()).trimEnd()}\n${doc.slice(to)}`;
    if (process.env.UPDATE_DOCS === "1" && next !== doc) writeFileSync(path, next);
    expect(doc).toBe(next);
  });

  it("comes from a real run: every process proved its JIT state, none was made up", () => {
    const file = JSON.parse(readFileSync(results, "utf8"));
    expect(file.schema).toBe("jit-bench/results@1");
    const processes = file.legs.on.benchmarks.flatMap((b: { processes: unknown[] }) => b.processes);
    expect(processes.length).toBeGreaterThan(100);
    // A real JIT build: every JIT-leg process proved the JIT on with sys._jit and recorded its scan.
    type Process = { jit: { method: string; enabled: boolean }; engagement?: unknown };
    expect(
      processes.every(
        (p: Process) => p.jit.method === "sys._jit" && p.jit.enabled && p.engagement != null,
      ),
    ).toBe(true);
  });
});
