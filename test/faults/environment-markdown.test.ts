/**
 * Environment fields of a results file (versions, builds, CPU models) are a
 * fork's to choose. Where the not-applicable paragraph quotes the legs'
 * differences, they must reach the Markdown report as text: no heading, tag,
 * mention or link of their own.
 */
import { describe, expect, it } from "vitest";
import { compareLegs } from "../../src/core/compare/compare.js";
import { renderMarkdown } from "../../src/core/render/markdown.js";
import { decideVerdict } from "../../src/core/verdict.js";
import { NO_JIT_BUILD, suiteOf, syntheticRun } from "../core/compare/synthetic.js";

const HOSTILE =
  "V\n## jit-bench: enable the JIT\n<img src=x onerror=alert(1)> @aria [x](https://evil.example)";

describe("the not-applicable paragraph", () => {
  it("quotes hostile versions and CPU models as text", () => {
    const run = syntheticRun(
      31,
      { benchmarks: suiteOf(3), processes: 6, values: 4 },
      { on: { jit: NO_JIT_BUILD, version: HOSTILE, cpuModel: HOSTILE } },
    );
    const comparison = compareLegs(run.off, run.on, { resamples: 50 });
    const verdict = decideVerdict(comparison);
    expect(verdict.kind).toBe("not-applicable");
    const markdown = renderMarkdown(comparison, verdict, { marker: "<!-- m -->" });
    // The paragraph does quote them, so the check below is about how.
    expect(markdown).toContain("it is no A/A check");
    expect(markdown).not.toMatch(/^#+ jit-bench: enable/m);
    expect(markdown).not.toContain("<img");
    expect(markdown).not.toMatch(/@aria/);
    expect(markdown).not.toContain("[x](https");
  });
});
