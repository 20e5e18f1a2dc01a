/**
 * Legs from two interpreters are no A/A check, even when the JIT leg has no JIT
 * and the verdict is not-applicable: the report names the difference instead.
 */
import { describe, expect, it } from "vitest";
import { compareLegs } from "../../../src/core/compare/compare.js";
import { renderJson } from "../../../src/core/render/json.js";
import { renderMarkdown } from "../../../src/core/render/markdown.js";
import { renderText } from "../../../src/core/render/text.js";
import { decideVerdict } from "../../../src/core/verdict.js";
import { NO_JIT_BUILD, suiteOf, syntheticRun } from "../compare/synthetic.js";

const shape = { processes: 6, values: 5 };
const options = { seed: 1, resamples: 200 };

describe("legs from different interpreters", () => {
  const run = syntheticRun(
    7,
    {
      ...shape,
      benchmarks: [
        ...suiteOf(4, 1 / 1.12),
        { name: "bench_needs_tomllib", ns: 1000, status: "failed", reason: "ModuleNotFoundError" },
      ],
    },
    { off: { version: "3.12.1" }, on: { version: "3.11.7", jit: NO_JIT_BUILD } },
  );
  // The no-JIT leg measured the module that the other interpreter lacks.
  const off = {
    ...run.off,
    results: {
      ...run.off.results,
      benchmarks: run.off.results.benchmarks.map((b) =>
        b.name === "bench_needs_tomllib"
          ? {
              ...b,
              status: "ok" as const,
              reason: null,
              processes: run.off.results.benchmarks[0]?.processes ?? [],
            }
          : b,
      ),
    },
  };
  const comparison = compareLegs(off, run.on, options);
  const verdict = decideVerdict(comparison);

  it("are named as such in every format, and never called an A/A check", () => {
    expect(verdict.kind).toBe("not-applicable");
    const difference = "the legs ran different Python versions: 3.12.1 and 3.11.7";
    for (const report of [
      renderText(comparison, verdict),
      renderMarkdown(comparison, verdict),
      renderJson(comparison, verdict),
    ]) {
      expect(report).toContain(`it is no A/A check: ${difference}`);
      expect(report).not.toContain("both legs ran the same code");
    }
  });

  it("do not blame the JIT for a benchmark that failed only in the other interpreter's leg", () => {
    const failed = comparison.warnings.find((w) => w.kind === "failed-with-jit");
    expect(failed?.message).toBe(
      "failed only in the JIT leg, which ran another interpreter, so the JIT need not be the cause: bench_needs_tomllib",
    );
  });

  it("give no speedup chart when the verdict is not-applicable", () => {
    expect(renderMarkdown(comparison, verdict)).not.toContain("xychart-beta");
  });

  it("with one interpreter, the not-applicable table is still an A/A check", () => {
    const same = syntheticRun(
      7,
      { ...shape, benchmarks: suiteOf(4) },
      { on: { jit: NO_JIT_BUILD } },
    );
    const c = compareLegs(same.off, same.on, options);
    expect(renderText(c, decideVerdict(c))).toContain(
      "both legs ran the same code, so it is an A/A check",
    );
  });
});
