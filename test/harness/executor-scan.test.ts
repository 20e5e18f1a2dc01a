/**
 * The harness's executor scan, driven with a stand-in for
 * `_opcode.get_executor` (no JIT build can be installed here) on real
 * interpreters: it finds the JIT's work wherever a benchmark's hot code lives,
 * credits only what came after the baseline, and keeps the timing loop apart.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EngagementSchema } from "../../src/core/results.js";
import { HARNESS, PY, REPO } from "./support.js";

const DRIVER = join(REPO, "test", "fixtures", "executor-scan", "standin.py");

function scans(python: string): Map<string, unknown> {
  const run = spawnSync(python, [DRIVER, HARNESS], { encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  const found = new Map<string, unknown>();
  for (const line of run.stdout.trim().split("\n")) {
    const { case: name, result } = JSON.parse(line) as { case: string; result: unknown };
    found.set(name, result === null ? null : EngagementSchema.parse(result));
  }
  return found;
}

const FUNCTION_OF: Record<string, string> = {
  helper: "_helper",
  method: "Service.handle",
  generator: "transient",
  "genexpr-in-closure": "make_closure.<locals>.inner.<locals>.<genexpr>",
  coroutine: "_coroutine",
  "nested-function": "outer_with_nested.<locals>.nested",
  "library-code": "JSONEncoder.encode",
  "created-after-baseline": "late",
};

describe.each([PY.py39, PY.py313, PY.debian311])("executor scan on %s", (python) => {
  const found = scans(python);

  it.each(Object.entries(FUNCTION_OF))(
    "credits the benchmark with an executor in a %s",
    (name, fn) => {
      const scan = found.get(name) as { executors: number; hotspots: { function: string }[] };
      expect(scan.executors).toBe(1);
      // Python 3.9 and 3.10 have no qualified names on code objects: the last part stands.
      const expected = python === PY.py39 ? (fn.split(".").pop() as string) : fn;
      expect(scan.hotspots.map((h) => h.function)).toEqual([expected]);
    },
  );

  it("leaves out invalidated executors and those that were there before the first call", () => {
    expect(found.get("invalidated")).toMatchObject({ executors: 0, timingLoopExecutors: 0 });
    expect(found.get("before-baseline")).toMatchObject({ executors: 0, hotspots: [] });
  });

  it("credits code compiled at import only when the benchmark compiles it again after the reset", () => {
    expect(found.get("recompiled-after-reset")).toMatchObject({ executors: 1 });
    expect(found.get("import-only-after-reset")).toMatchObject({ executors: 0 });
  });

  it("counts the timing loop apart and ignores the rest of the harness", () => {
    expect(found.get("timing-loop")).toMatchObject({ executors: 0, timingLoopExecutors: 1 });
    expect(found.get("harness-code")).toMatchObject({ executors: 0, timingLoopExecutors: 0 });
  });

  it("names the three functions holding most, in file order when counts tie", () => {
    const several = found.get("several") as {
      executors: number;
      functionsWithExecutors: number;
      hotspots: { line: number }[];
    };
    expect(several.executors).toBe(4);
    expect(several.functionsWithExecutors).toBe(4);
    const lines = several.hotspots.map((h) => h.line);
    expect(lines).toHaveLength(3);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it("records nothing, rather than zero, where the build cannot tell", () => {
    expect(found.get("no-get-executor")).toBeNull();
  });
});
