/**
 * The scale run (`npm run bench -- --scale`): a generated suite of 1,000
 * benchmarks measured for real with a relaxed precision, then compared and
 * rendered as the PR comment and the job summary would be.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compareLegs } from "../../src/core/compare/compare.js";
import { resolveRunSettings } from "../../src/core/config/settings.js";
import { COMMENT_LIMIT_CHARS } from "../../src/core/render/limits.js";
import { renderMarkdown } from "../../src/core/render/markdown.js";
import { decideVerdict } from "../../src/core/verdict.js";
import { runSuite } from "../../src/modes/run/suite.js";

export interface ScaleFigure {
  readonly benchmarks: number;
  readonly seconds: number;
  readonly processes: number;
  readonly failed: number;
  readonly commentChars: number;
  readonly summaryChars: number;
  readonly commentLimit: number;
}

/** 1,000 tiny benchmarks in 10 files; each does a little arithmetic of its own. */
export function generateSuite(count = 1000, perFile = 100): string {
  const root = mkdtempSync(join(tmpdir(), "jit-bench-scale-"));
  mkdirSync(join(root, "suite"));
  for (let f = 0; f < count / perFile; f++) {
    const lines: string[] = [];
    for (let b = 0; b < perFile; b++) {
      const n = f * perFile + b;
      lines.push(
        `def bench_generated_${String(n).padStart(4, "0")}():`,
        `    return sum(range(${20 + (n % 50)}))`,
        "",
        "",
      );
    }
    writeFileSync(join(root, "suite", `bench_part_${f}.py`), lines.join("\n"));
  }
  return root;
}

export async function scaleRun(python: string, log: (line: string) => void): Promise<ScaleFigure> {
  const root = generateSuite();
  const settings = resolveRunSettings({
    flags: {
      suite: ["suite"],
      python,
      precision: "50%",
      budget: "1s",
      warmups: "1",
      values: "3",
      "min-time": "1ms",
      report: false,
    },
    file: null,
    cwd: root,
  });
  const started = performance.now();
  let done = 0;
  const outcome = await runSuite(settings, {
    now: () => new Date(),
    log: (line) => {
      if (/^\[\s*\d+\/\d+\]/.test(line) && ++done % 100 === 0)
        log(`  scale run: ${done} benchmarks done`);
    },
    warn: (line) => log(`  warning: ${line}`),
    signal: new AbortController().signal,
  });
  const seconds = (performance.now() - started) / 1000;
  const file = outcome.results;
  const off = file.legs.off;
  const on = file.legs.on;
  if (!off || !on) throw new Error("the scale run lost a leg");
  const input = (results: typeof off) => ({
    results,
    environment: file.environment,
    settings: file.settings,
    sources: [outcome.resultsPath],
  });
  const comparison = compareLegs(input(off), input(on));
  const verdict = decideVerdict(comparison);
  return {
    benchmarks: off.benchmarks.length,
    seconds,
    processes: [...off.benchmarks, ...on.benchmarks].reduce((s, b) => s + b.processes.length, 0),
    failed: outcome.problems.length,
    commentChars: renderMarkdown(comparison, verdict).length,
    summaryChars: renderMarkdown(comparison, verdict, { limit: 1024 * 1024 }).length,
    commentLimit: COMMENT_LIMIT_CHARS,
  };
}
