/**
 * `npm run bench -- --variants`: does a variants run recover known
 * differences? One interpreter, four variants whose environment changes the
 * work each benchmark does (the same, the same again, 10% more, a sixth
 * less), so the true speed of each against the baseline is fixed by
 * construction: 1.00, 1.00, 0.909 and 1.20. Default runs (±1%, the default
 * budget), repeated; the section of docs/performance.md between the markers
 * below is rewritten with what they measured.
 */

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from "../../src/core/compare/compare.js";
import { resolveRunSettings } from "../../src/core/config/settings.js";
import { compareVariants } from "../../src/core/variants/compare.js";
import { runVariants } from "../../src/modes/variants/run.js";
import type { Markers } from "./sections.js";

export const VARIANTS_START = "<!-- variants:start (npm run bench -- --variants) -->";
export const VARIANTS_END = "<!-- variants:end -->";
export const VARIANTS_MARKERS: Markers = { start: VARIANTS_START, end: VARIANTS_END };

/** Each benchmark's work is its own size times WORK_SCALE: the variants differ in that alone. */
export const KNOWN_VARIANTS_SUITE = `import os

SCALE = float(os.environ.get("WORK_SCALE", "1"))


def _work(n):
    # Every iteration costs the same: j stays small, so j * j never needs a second digit
    # (CPython's ints grow past 2**30, and i * i would for i above 32768).
    total = 0
    for i in range(n):
        j = i & 4095
        total += j * j % 7
    return total


def bench_small():
    _work(round(6000 * SCALE))


def bench_medium():
    _work(round(24000 * SCALE))


def bench_large():
    _work(round(48000 * SCALE))
`;

/** Variant name, WORK_SCALE, and the true speed against the baseline (its time / the variant's). */
export const KNOWN_VARIANTS: readonly (readonly [string, string, number])[] = [
  ["base", "1", 1],
  ["same", "1", 1],
  ["more", "1.1", 1 / 1.1],
  ["less", "0.8333333333", 1.2],
];

export interface VariantCellFigure {
  readonly variant: string;
  readonly benchmark: string;
  readonly truth: number;
  readonly speedup: number;
  readonly low: number;
  readonly high: number;
  readonly sets: number;
}

export interface VariantRunFigure {
  readonly seconds: number;
  readonly loadBefore: number;
  readonly cells: readonly VariantCellFigure[];
  readonly suites: readonly {
    variant: string;
    truth: number;
    geomean: number;
    low: number;
    high: number;
  }[];
  readonly headline: string;
}

export interface VariantFigures {
  readonly started: string;
  readonly python: string;
  readonly budget: string;
  readonly runs: readonly VariantRunFigure[];
}

export async function variantFigures(options: {
  python: string;
  runs: number;
  budget: string;
  log: (line: string) => void;
}): Promise<VariantFigures> {
  const dir = mkdtempSync(join(tmpdir(), "jit-bench-variants-"));
  const started = new Date().toISOString();
  try {
    writeFileSync(join(dir, "bench_known.py"), KNOWN_VARIANTS_SUITE);
    const runs: VariantRunFigure[] = [];
    for (let i = 0; i < options.runs; i++) {
      options.log(`known variants: run ${i + 1} of ${options.runs}...`);
      runs.push(await oneRun(options.python, dir, options.budget));
    }
    return { started, python: options.python, budget: options.budget, runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function oneRun(python: string, dir: string, budget: string): Promise<VariantRunFigure> {
  const settings = resolveRunSettings({
    flags: {
      suite: ["bench_known.py"],
      "output-dir": "out",
      report: "false",
      budget,
      variants: KNOWN_VARIANTS.map(([name, scale]) => `${name}: WORK_SCALE=${scale} ${python}`),
    },
    file: null,
    cwd: dir,
  });
  const loadBefore = loadavg()[0] ?? 0;
  const from = performance.now();
  const { file } = await runVariants(settings, {
    now: () => new Date(),
    log: () => {},
    warn: () => {},
    signal: new AbortController().signal,
  });
  const seconds = (performance.now() - from) / 1000;
  const c = compareVariants(file, { seed: DEFAULT_SEED, resamples: DEFAULT_RESAMPLES });
  const cells: VariantCellFigure[] = [];
  for (const row of c.rows) {
    for (const cell of row.cells) {
      if (cell.speedup === null || cell.interval === null) continue;
      const [name, , truth] = KNOWN_VARIANTS[cell.variant] as readonly [string, string, number];
      cells.push({
        variant: name,
        benchmark: row.name,
        truth,
        speedup: cell.speedup,
        low: cell.interval.low,
        high: cell.interval.high,
        sets: cell.sets,
      });
    }
  }
  const suites = c.summaries.flatMap((s) => {
    if (s.suite === null) return [];
    const [name, , truth] = KNOWN_VARIANTS[s.variant] as readonly [string, string, number];
    return [
      {
        variant: name,
        truth,
        geomean: s.suite.geomean,
        low: s.suite.interval.low,
        high: s.suite.interval.high,
      },
    ];
  });
  const fastest = KNOWN_VARIANTS[c.headline.fastest]?.[0] ?? "?";
  return { seconds, loadBefore, cells, suites, headline: `${fastest} (${c.headline.kind})` };
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export function renderVariants(f: VariantFigures): string {
  const all = f.runs.flatMap((r) => r.cells);
  const worst = Math.max(...all.map((c) => Math.abs(c.speedup / c.truth - 1)));
  const covered = all.filter((c) => c.low <= c.truth && c.truth <= c.high).length;
  const lines = [
    VARIANTS_START,
    "",
    "## Interpreter variants with known differences",
    "",
    `Measured ${f.started.slice(0, 16).replace("T", " ")} UTC with \`npm run bench -- --variants\`, ${f.python}, 2 cores, as the machine was (load averages below). Four variants of one interpreter whose environment sets the work each benchmark does: \`base\` (the baseline), \`same\` (the same work again: truth 1.00), \`more\` (10% more: truth 0.909) and \`less\` (a sixth less: truth 1.20). Each run is a default run (±1%, ${f.budget} budget, timer cpu): at least 8 sets per benchmark, a set being one live worker per variant on one CPU.`,
    "",
    `Over ${f.runs.length} runs, ${all.length} cells: worst error **${pct(worst)}**, ${covered} of ${all.length} intervals cover the truth.`,
    "",
    "| run | load avg before | time | headline | worst error | intervals covering the truth | sets per benchmark |",
    "|--:|--:|--:|---|--:|--:|---|",
  ];
  for (const [i, r] of f.runs.entries()) {
    const w = Math.max(...r.cells.map((c) => Math.abs(c.speedup / c.truth - 1)));
    const cov = r.cells.filter((c) => c.low <= c.truth && c.truth <= c.high).length;
    const sets = [...new Set(r.cells.map((c) => c.sets))].join(" / ");
    lines.push(
      `| ${i + 1} | ${r.loadBefore.toFixed(1)} | ${r.seconds.toFixed(0)} s | ${r.headline} | ${pct(w)} | ${cov} of ${r.cells.length} | ${sets} |`,
    );
  }
  lines.push(
    "",
    "<details><summary>Every cell</summary>",
    "",
    "| run | variant | benchmark | truth | measured [interval] | error | covers |",
    "|--:|---|---|--:|--:|--:|:-:|",
  );
  for (const [i, r] of f.runs.entries()) {
    for (const c of r.cells) {
      const err = c.speedup / c.truth - 1;
      lines.push(
        `| ${i + 1} | ${c.variant} | ${c.benchmark} | ${c.truth.toFixed(3)} | ${c.speedup.toFixed(3)} [${c.low.toFixed(3)}–${c.high.toFixed(3)}] | ${err >= 0 ? "+" : ""}${pct(err)} | ${c.low <= c.truth && c.truth <= c.high ? "yes" : "**no**"} |`,
      );
    }
  }
  lines.push("", "</details>", "", VARIANTS_END);
  return lines.join("\n");
}
