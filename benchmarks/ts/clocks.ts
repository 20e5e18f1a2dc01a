/**
 * The clocks under load (`npm run bench -- --clocks`): a suite whose true
 * speedups are known by construction, run with each timer, on the machine as
 * it is and with two busy-loop processes per core beside it (each in a
 * session of its own, started with setsid, as other jobs on a shared runner
 * are); an A/A suite run again and again under the same load; and the
 * bundled suite with the defaults.
 *
 * The known-effect suite's work depends on PYTHON_JIT, not on the JIT: with
 * PYTHON_JIT=1 bench_more does 10% more iterations and bench_less 1/1.2 of
 * them, so on an interpreter without a JIT the true speedups are exactly
 * 1.00, 0.909 and 1.20.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { compareLegs } from "../../src/core/compare/compare.js";
import type { LegInput } from "../../src/core/compare/types.js";
import { resolveRunSettings } from "../../src/core/config/settings.js";
import type { Leg, ResultsFile, Timer } from "../../src/core/results.js";
import { runSuite } from "../../src/modes/run/suite.js";
import type { Markers } from "./sections.js";

export const KNOWN_EFFECTS = `import os

# The work, not the JIT, depends on PYTHON_JIT: the true speedups are fixed by construction.
ON = os.environ.get("PYTHON_JIT") == "1"
N = 24000


def _work(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def bench_same():
    _work(N)


def bench_more():
    _work(26400 if ON else N)


def bench_less():
    _work(20000 if ON else N)
`;

export const TRUTHS: Record<string, number> = {
  bench_same: 1,
  bench_more: 24000 / 26400,
  bench_less: 1.2,
};

export const AA_SUITE = `def _work(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def bench_small():
    _work(3000)


def bench_medium():
    _work(24000)


def bench_strings():
    "-".join(str(i) for i in range(4000))
`;

export interface ClockRow {
  readonly name: string;
  readonly truth: number;
  readonly speedup: number;
  readonly low: number;
  readonly high: number;
  readonly covered: boolean;
  /** speedup / truth - 1. */
  readonly error: number;
  /** The sampling interval's half-width reached (97%), and the processes per leg. */
  readonly halfWidth: number | null;
  readonly processes: number;
  readonly stop: string;
}

export interface ClockRun {
  readonly timer: Timer;
  readonly load: "quiet" | "busy";
  readonly seconds: number;
  readonly processes: number;
  readonly loadBefore: number;
  readonly rows: readonly ClockRow[];
}

export interface AaFigure {
  readonly timer: Timer;
  readonly budget: string;
  readonly runs: number;
  readonly rows: number;
  readonly significant: number;
  readonly seconds: number;
}

export interface BundledFigure {
  readonly timer: Timer;
  readonly seconds: number;
  readonly precise: number;
  readonly benchmarks: number;
  readonly rows: readonly {
    name: string;
    halfWidth: number | null;
    stop: string;
    processes: number;
  }[];
}

export interface ClockFigures {
  readonly started: string;
  readonly finished: string;
  readonly cores: number;
  readonly python: string;
  readonly budget: string;
  readonly known: readonly ClockRun[];
  readonly aa: AaFigure | null;
  readonly bundled: BundledFigure | null;
}

export function legInput(file: ResultsFile, leg: Leg): LegInput {
  const results = file.legs[leg];
  if (!results) throw new Error(`no ${leg} leg`);
  return { results, environment: file.environment, settings: file.settings, sources: ["run"] };
}

/** Two busy loops per core, each the leader of a session of its own; stop() kills their groups. */
export function busyLoops(python: string): { stop: () => void } {
  const children: ChildProcess[] = [];
  for (let i = 0; i < 2 * availableParallelism(); i++) {
    children.push(
      // detached makes each child call setsid(): a session and group of its own, led by the pid
      // we keep. A setsid(1) wrapper would fork the loop into another session and leak it.
      spawn(python, ["-c", "while True: pass"], { stdio: "ignore", detached: true }),
    );
  }
  return {
    stop: () => {
      for (const child of children) {
        if (child.pid === undefined) continue;
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          try {
            process.kill(child.pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
      }
    },
  };
}

export async function runOnce(
  python: string,
  root: string,
  flags: Record<string, unknown>,
): Promise<{ file: ResultsFile; seconds: number }> {
  const out = mkdtempSync(join(tmpdir(), "jit-bench-clocks-"));
  try {
    const settings = resolveRunSettings({
      flags: { suite: ["."], python, report: false, "output-dir": out, ...flags },
      file: null,
      cwd: root,
    });
    const started = performance.now();
    const outcome = await runSuite(settings, {
      now: () => new Date(),
      log: () => {},
      warn: (line) => process.stderr.write(`warning: ${line}\n`),
      signal: new AbortController().signal,
    });
    return { file: outcome.results, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * `runs` short runs of an A/A suite (no JIT, both legs the same work): the
 * rows compared, and how many of them were called faster or slower.
 */
export async function aaRows(
  python: string,
  dir: string,
  runs: number,
  budget: string,
): Promise<{ rows: number; significant: number }> {
  let rows = 0;
  let significant = 0;
  for (let i = 0; i < runs; i++) {
    const { file } = await runOnce(python, dir, { budget, precision: "1%" });
    const comparison = compareLegs(legInput(file, "off"), legInput(file, "on"));
    for (const row of comparison.rows) {
      rows++;
      if (row.class === "faster" || row.class === "slower") significant++;
    }
  }
  return { rows, significant };
}

export function suiteDir(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "jit-bench-suite-"));
  writeFileSync(join(dir, "bench_suite.py"), source);
  return dir;
}

async function knownRun(
  python: string,
  root: string,
  timer: Timer,
  load: "quiet" | "busy",
  budget: string,
): Promise<ClockRun> {
  const loadBefore = loadavg()[0] ?? 0;
  const { file, seconds } = await runOnce(python, root, { timer, budget, precision: "1%" });
  const comparison = compareLegs(legInput(file, "off"), legInput(file, "on"));
  const off = file.legs.off?.benchmarks ?? [];
  const rows = comparison.rows.map((row): ClockRow => {
    const truth = TRUTHS[row.name] ?? Number.NaN;
    const bench = off.find((b) => b.name === row.name);
    const speedup = row.speedup ?? Number.NaN;
    return {
      name: row.name,
      truth,
      speedup,
      low: row.interval?.low ?? Number.NaN,
      high: row.interval?.high ?? Number.NaN,
      covered: row.interval !== null && row.interval.low <= truth && truth <= row.interval.high,
      error: speedup / truth - 1,
      halfWidth: bench?.sampling?.halfWidth ?? null,
      processes: bench?.processes.length ?? 0,
      stop: bench?.sampling?.stop ?? "fixed",
    };
  });
  const processes = [...off, ...(file.legs.on?.benchmarks ?? [])].reduce(
    (sum, b) => sum + b.processes.length,
    0,
  );
  return { timer, load, seconds, processes, loadBefore, rows };
}

/** Runs `fn` with the busy loops running, and always stops them. */
export async function underLoad<T>(python: string, fn: () => Promise<T>): Promise<T> {
  const loops = busyLoops(python);
  try {
    // Let the scheduler see them before the first measurement.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    return await fn();
  } finally {
    loops.stop();
  }
}

export async function clockFigures(options: {
  python: string;
  repo: string;
  budget: string;
  aaRuns: number;
  aaBudget: string;
  bundled: boolean;
  log: (line: string) => void;
}): Promise<ClockFigures> {
  const { python, budget, log } = options;
  const started = new Date().toISOString();
  const known: ClockRun[] = [];
  const knownDir = suiteDir(KNOWN_EFFECTS);
  const aaDir = suiteDir(AA_SUITE);
  try {
    for (const load of ["quiet", "busy"] as const) {
      for (const timer of ["cpu", "wall"] as const) {
        log(`known effects: timer ${timer}, ${load}, budget ${budget}...`);
        const run = () => knownRun(python, knownDir, timer, load, budget);
        known.push(load === "busy" ? await underLoad(python, run) : await run());
      }
    }
    let aa: AaFigure | null = null;
    if (options.aaRuns > 0) {
      log(`A/A under load: ${options.aaRuns} runs, budget ${options.aaBudget} each...`);
      aa = await underLoad(python, async () => {
        const startedAa = performance.now();
        const { rows, significant } = await aaRows(python, aaDir, options.aaRuns, options.aaBudget);
        return {
          timer: "cpu" as const,
          budget: options.aaBudget,
          runs: options.aaRuns,
          rows,
          significant,
          seconds: (performance.now() - startedAa) / 1000,
        };
      });
    }
    let bundled: BundledFigure | null = null;
    if (options.bundled) {
      log("the bundled suite with the defaults...");
      const { file, seconds } = await runOnce(python, options.repo, {
        suite: ["benchmarks/python"],
        // On an interpreter without a JIT a run left at its defaults measures a short A/A.
        precision: "1%",
      });
      const off = file.legs.off?.benchmarks ?? [];
      const rows = off.map((b) => ({
        name: b.name,
        halfWidth: b.sampling?.halfWidth ?? null,
        stop: b.sampling?.stop ?? "fixed",
        processes: b.processes.length,
      }));
      bundled = {
        timer: file.settings.timer ?? "wall",
        seconds,
        precise: rows.filter((r) => r.stop === "precise").length,
        benchmarks: rows.length,
        rows,
      };
    }
    return {
      started,
      finished: new Date().toISOString(),
      cores: availableParallelism(),
      python,
      budget,
      known,
      aa,
      bundled,
    };
  } finally {
    rmSync(knownDir, { recursive: true, force: true });
    rmSync(aaDir, { recursive: true, force: true });
  }
}

export const CLOCKS_START = "<!-- clocks:start (npm run bench -- --clocks) -->";
export const CLOCKS_END = "<!-- clocks:end -->";
export const CLOCKS_MARKERS: Markers = { start: CLOCKS_START, end: CLOCKS_END };

const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;

export function renderClocks(f: ClockFigures): string {
  const lines: string[] = [CLOCKS_START, "", "## The clocks under load", ""];
  lines.push(
    `Measured ${f.started.slice(0, 16).replace("T", " ")} UTC with \`npm run bench -- --clocks\`, ${f.python}, ${f.cores} cores. The machine is shared with other test runs, so "quiet" means only that this script added no load: other work was running (the load average before each run is in the table). "Busy" adds two busy-loop processes per core, each started with \`setsid\` in a session of its own, as other jobs on a shared runner are.`,
    "",
    `### A suite whose truth is known (1.00 / 0.909 / 1.20), a default run (±1%, ${f.budget} budget)`,
    "",
    "| timer | load | load avg before | benchmark | truth | measured [95% CI] | error | covers | reached (97%) | processes/leg | stop |",
    "|---|---|--:|---|--:|--:|--:|:-:|--:|--:|---|",
  );
  for (const run of f.known) {
    for (const row of run.rows) {
      lines.push(
        `| ${run.timer} | ${run.load} | ${run.loadBefore.toFixed(1)} | ${row.name} | ${row.truth.toFixed(3)} | ${row.speedup.toFixed(3)} [${row.low.toFixed(3)}–${row.high.toFixed(3)}] | ${row.error >= 0 ? "+" : ""}${pct(row.error, 2)} | ${row.covered ? "yes" : "**no**"} | ${row.halfWidth === null ? "—" : `±${pct(row.halfWidth, 2)}`} | ${row.processes} | ${row.stop} |`,
      );
    }
  }
  lines.push(
    "",
    "| timer | load | wall time of the run | processes (both legs) | worst error | intervals covering the truth |",
    "|---|---|--:|--:|--:|--:|",
  );
  for (const run of f.known) {
    const worst = Math.max(...run.rows.map((r) => Math.abs(r.error)));
    const covered = run.rows.filter((r) => r.covered).length;
    lines.push(
      `| ${run.timer} | ${run.load} | ${run.seconds.toFixed(0)} s | ${run.processes} | ${pct(worst, 2)} | ${covered} of ${run.rows.length} |`,
    );
  }
  if (f.aa) {
    lines.push(
      "",
      "### A/A under load",
      "",
      `${f.aa.runs} runs of a three-benchmark suite whose legs do the same work (±1%, budget ${f.aa.budget} per run), timer ${f.aa.timer}, beside two busy loops per core: **${f.aa.significant} of ${f.aa.rows} rows** were called significantly faster or slower (the target is at most 3 of 60); ${f.aa.seconds.toFixed(0)} s in all.`,
    );
  }
  if (f.bundled) {
    lines.push(
      "",
      "### The bundled suite with the defaults",
      "",
      `Timer ${f.bundled.timer}, ±1%, default budget: **${f.bundled.precise} of ${f.bundled.benchmarks}** benchmarks reached ±1% in ${f.bundled.seconds.toFixed(0)} s. Before the timer setting and the budget change (wall clock, a benchmark out of reach stopped at its minimum), with the load average about 2: 5 of 15. Figures from one run on a shared machine: compare them with the load the run met, not with each other alone.`,
      "",
      "| benchmark | reached (97%) | processes/leg | stop |",
      "|---|--:|--:|---|",
      ...f.bundled.rows.map(
        (r) =>
          `| ${r.name} | ${r.halfWidth === null ? "—" : `±${pct(r.halfWidth, 2)}`} | ${r.processes} | ${r.stop} |`,
      ),
    );
  }
  lines.push("", CLOCKS_END);
  return lines.join("\n");
}
