/**
 * What compare mode writes where: the comment fits GitHub's limit with a
 * pointer to the full table, the summary keeps every row, and the outputs
 * carry speedup as no-JIT time / JIT time.
 */
import { describe, expect, it } from "vitest";
import {
  commentMarkdown,
  outputValues,
  type ReportParts,
  summaryMarkdown,
} from "../../src/action/compare-report.js";
import { compareLegs } from "../../src/core/compare/compare.js";
import { planDockerfile } from "../../src/core/dockerfile.js";
import { COMMENT_LIMIT_CHARS } from "../../src/core/render/limits.js";
import { decideVerdict } from "../../src/core/verdict.js";
import { suiteOf, syntheticRun } from "../core/compare/synthetic.js";

function parts(count: number, factor: number, nameLength = 0): ReportParts {
  const benchmarks = suiteOf(count, factor).map((b, i) => ({
    ...b,
    name: nameLength > 0 ? `bench_${String(i).padStart(4, "0")}_${"x".repeat(nameLength)}` : b.name,
  }));
  const run = syntheticRun(3, { benchmarks, processes: 6, values: 3 });
  const comparison = compareLegs(run.off, run.on, { resamples: 200 });
  return {
    comparison,
    verdict: decideVerdict(comparison),
    plan: null,
    runUrl: "https://github.com/aria/app/actions/runs/5",
  };
}

describe("the comment and the summary", () => {
  it("both warn when the Dockerfile's final stage is built on an image with no JIT", () => {
    const warned = {
      ...parts(4, 0.7),
      baseWarning:
        "The final stage of Dockerfile is built on python:3.13-slim, an official python image",
    };
    for (const text of [commentMarkdown(warned), summaryMarkdown(warned)]) {
      expect(text).toContain(
        "> [!WARNING]\n> The final stage of Dockerfile is built on python:3.13-slim, an official python image",
      );
    }
  });

  it("leave a small report whole, with no pointer", () => {
    const small = parts(4, 0.7);
    const comment = commentMarkdown(small);
    expect(comment).not.toContain("The full table is in");
    expect(comment).toBe(summaryMarkdown(small));
  });

  it("shorten a huge report for the comment and keep every row in the summary", () => {
    const huge = parts(1500, 1, 60);
    const comment = commentMarkdown(huge);
    const summary = summaryMarkdown(huge);
    expect(summary.length).toBeGreaterThan(COMMENT_LIMIT_CHARS);
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS - 120);
    expect(comment).toContain(
      "The full table is in the [job summary](https://github.com/aria/app/actions/runs/5).",
    );
    for (const row of huge.comparison.rows)
      expect(summary).toContain(row.name.replace(/_/g, "\\_"));
  });

  it("adds the Dockerfile diff to both", () => {
    const plan = planDockerfile('FROM python:3.14-slim\nCMD ["python"]\n', "Dockerfile", "enable");
    const report = { ...parts(4, 0.7), plan };
    expect(commentMarkdown(report)).toContain("+ENV PYTHON_JIT=1");
    expect(summaryMarkdown(report)).toContain("+ENV PYTHON_JIT=1");
  });
});

describe("outputValues", () => {
  it("gives speedup as no-JIT time / JIT time, above 1 when the JIT is faster", () => {
    const faster = outputValues(parts(6, 0.7));
    expect(faster.verdict).toBe("enable");
    expect(Number(faster.speedup)).toBeGreaterThan(1.3);
    expect(Number(faster["speedup-low"])).toBeLessThan(Number(faster.speedup));
    expect(Number(faster["speedup-high"])).toBeGreaterThan(Number(faster.speedup));
    const slower = outputValues(parts(6, 1.4));
    expect(slower.verdict).toBe("regression");
    expect(Number(slower.speedup)).toBeLessThan(0.8);
  });

  it("names the Dockerfile line in the recommendation when there is a change", () => {
    const plan = planDockerfile("FROM python:3.14-slim\n", "deploy/Dockerfile", "enable");
    const values = outputValues({ ...parts(6, 0.7), plan });
    expect(values.recommendation).toMatch(
      /^Enable the JIT: .* Set ENV PYTHON_JIT=1 in deploy\/Dockerfile \(line 2\)\.$/,
    );
  });
});

describe("the recommendation output", () => {
  it("is data: a hostile benchmark name in the headline keeps no shell or markup sign", () => {
    const hostile = "bench_$(touch /tmp/pwned)`id`;x|y&z<a>'q\"\n## @aria [x](javascript:1)";
    const run = syntheticRun(4, {
      benchmarks: [{ name: hostile, ns: 5_000, factor: 1.3 }, ...suiteOf(3, 1)],
      processes: 6,
      values: 3,
    });
    const comparison = compareLegs(run.off, run.on, { resamples: 200 });
    const verdict = decideVerdict(comparison);
    expect(verdict.kind).toBe("regression");
    const { recommendation } = outputValues({ comparison, verdict, plan: null, runUrl: "" });
    const name = /with the JIT, (.*) runs 0\./.exec(recommendation ?? "")?.[1] ?? "";
    expect(name).toMatch(/^bench___touch \/tmp\/pwned__id__x_y_z_a__q__/);
    expect(recommendation).not.toMatch(/[$`;|&<>'"\n#@[\]]/);
  });
});

describe("the action's words for a setting", () => {
  it("advise a workflow in inputs, where the CLI's report names flags", async () => {
    const { scenarios } = await import("../core/render/scenarios.js");
    const { renderMarkdown } = await import("../../src/core/render/markdown.js");
    const { inconclusive } = scenarios();
    if (!inconclusive) throw new Error("no inconclusive scenario");
    const action: ReportParts = { ...inconclusive, plan: null, runUrl: null };
    const cli = renderMarkdown(inconclusive.comparison, inconclusive.verdict);
    const perLeg = /\(--processes (\d+)\)/.exec(cli)?.[1];
    expect(perLeg).toBeDefined();
    for (const text of [summaryMarkdown(action), commentMarkdown(action)]) {
      expect(text).toContain(`(processes: ${perLeg})`);
      expect(text).not.toMatch(/--[a-z]/);
    }
  });

  it("point a workflow at its results-path output when rows are left out", () => {
    const text = commentMarkdown(parts(400, 1, 120));
    expect(text).toContain("the step's `results-path` output");
    expect(text).not.toContain("--format json");
  });
});
