/**
 * Against pyperf's defaults (`npm run bench -- --pyperf`): the known-effect
 * suite (truth 1.00 / 0.909 / 1.20), measured in turn by a default
 * `jit-bench run` (the CLI bundled from today's source) and by pyperf with its
 * defaults, one runner script per benchmark, run once per leg. Rounds take
 * turns (jit-bench first, then pyperf first) so both meet the machine's
 * conditions alike. pyperf comes from JIT_BENCH_PYPERF, a folder holding its
 * source; it is put on PYTHONPATH and never copied here.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { compareLegs } from "../../src/core/compare/compare.js";
import { parseResultsFile } from "../../src/core/results.js";
import { quantileSorted } from "../../src/core/stats/median.js";
import { createRng } from "../../src/core/stats/rng.js";
import { sortedCopy } from "../../src/core/stats/types.js";
import { KNOWN_EFFECTS, legInput, suiteDir, TRUTHS } from "./clocks.js";

const run = promisify(execFile);
const BENCHMARKS = ["bench_same", "bench_more", "bench_less"] as const;
export const RESAMPLES = 10_000;

type Tool = "jit-bench" | "pyperf";

export interface ToolRow {
  readonly name: string;
  readonly truth: number;
  readonly speedup: number;
  /** jit-bench's reported 95% interval; for pyperf, one derived from its processes. */
  readonly low: number;
  readonly high: number;
  readonly error: number;
  readonly covered: boolean;
  /** Processes with values, per leg (off / on). */
  readonly processes: string;
  /** jit-bench: how sampling stopped; pyperf: what compare_to prints. */
  readonly said: string;
}

export interface ToolRun {
  readonly tool: Tool;
  readonly round: number;
  readonly loadBefore: number;
  readonly seconds: number;
  readonly rows: readonly ToolRow[];
}

export interface PyperfFigures {
  readonly started: string;
  readonly finished: string;
  readonly python: string;
  readonly version: string;
  readonly pyperf: string;
  readonly runs: readonly ToolRun[];
}

/** pyperf's source folder, from JIT_BENCH_PYPERF (bench.mjs has checked it before bundling). */
export function pyperfSource(): string {
  const dir = process.env.JIT_BENCH_PYPERF;
  if (!dir || !existsSync(join(dir, "pyperf", "__init__.py")))
    throw new Error("--pyperf needs JIT_BENCH_PYPERF: a folder holding pyperf's source");
  return dir;
}

const rowOf = (name: string, speedup: number, low: number, high: number) => {
  const truth = TRUTHS[name] ?? Number.NaN;
  return { name, truth, speedup, low, high, error: speedup / truth - 1 };
};

async function jitBenchRun(cli: string, python: string, suite: string): Promise<ToolRow[]> {
  const out = mkdtempSync(join(tmpdir(), "jit-bench-pyperf-"));
  try {
    await run(
      process.execPath,
      // The default's precision, given: on an interpreter without a JIT a run left at its
      // defaults measures a short A/A instead, and this one has none.
      [
        cli,
        "run",
        ".",
        "--python",
        python,
        "--precision",
        "1%",
        "--output-dir",
        out,
        "--no-report",
      ],
      { cwd: suite, maxBuffer: 1 << 26 },
    );
    const path = join(out, "results.json");
    const file = parseResultsFile(JSON.parse(readFileSync(path, "utf8")), path);
    const comparison = compareLegs(legInput(file, "off"), legInput(file, "on"));
    const count = (leg: "off" | "on", name: string) =>
      file.legs[leg]?.benchmarks.find((b) => b.name === name)?.processes.length ?? 0;
    return comparison.rows.map((r) => {
      const row = rowOf(
        r.name,
        r.speedup ?? Number.NaN,
        r.interval?.low ?? Number.NaN,
        r.interval?.high ?? Number.NaN,
      );
      const bench = file.legs.off?.benchmarks.find((b) => b.name === r.name);
      return {
        ...row,
        covered: row.low <= row.truth && row.truth <= row.high,
        processes: `${count("off", r.name)} / ${count("on", r.name)}`,
        said: bench?.sampling?.stop ?? "fixed",
      };
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** A runner for one benchmark; it lives outside the suite, where jit-bench's discovery never sees it. */
const runnerScript = (suite: string, name: string) => `import sys

sys.path.insert(0, ${JSON.stringify(suite)})

import bench_suite  # noqa: E402
import pyperf  # noqa: E402

pyperf.Runner().bench_func("${name}", bench_suite.${name})
`;

/** Each process's values (per loop, warm-ups left out), from pyperf's JSON; calibration runs have none. */
function processValues(path: string): number[][] {
  const data = JSON.parse(readFileSync(path, "utf8")) as {
    benchmarks: { runs: { values?: number[] }[] }[];
  };
  const runs = data.benchmarks[0]?.runs ?? [];
  return runs.map((r) => r.values ?? []).filter((values) => values.length > 0);
}

export const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * pyperf reports no interval for a ratio. This one resamples each leg's
 * processes with replacement (pyperf's unit of independence) and takes the
 * 2.5% and 97.5% quantiles of mean(off) / mean(on).
 */
function derivedInterval(off: number[][], on: number[][], seed: number): [number, number] {
  const rng = createRng(seed);
  const offMeans = off.map(mean);
  const onMeans = on.map(mean);
  const draw = (means: number[]) => {
    let sum = 0;
    for (let i = 0; i < means.length; i++) sum += means[rng.nextInt(means.length)] as number;
    return sum / means.length;
  };
  const ratios: number[] = [];
  for (let i = 0; i < RESAMPLES; i++) ratios.push(draw(offMeans) / draw(onMeans));
  const sorted = sortedCopy(ratios);
  return [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)];
}

/** compare_to's words for one benchmark: "1.10x faster", or that it hid the row as not significant. */
function saidBy(stdout: string): string {
  if (stdout.includes("hidden because not significant")) return "hidden: not significant";
  return /\d+\.\d+x (?:faster|slower)|no change/.exec(stdout)?.[0] ?? stdout.trim();
}

async function pyperfRun(
  python: string,
  pyperf: string,
  suite: string,
  round: number,
): Promise<ToolRow[]> {
  const out = mkdtempSync(join(tmpdir(), "jit-bench-pyperf-"));
  const env = { ...process.env, PYTHONPATH: pyperf };
  try {
    const rows: ToolRow[] = [];
    for (const [index, name] of BENCHMARKS.entries()) {
      const script = join(out, `pyperf_${name}.py`);
      writeFileSync(script, runnerScript(suite, name));
      const file = (leg: string) => join(out, `${name}-${leg}.json`);
      for (const leg of ["off", "on"] as const) {
        // pyperf's workers get only a few variables unless told to inherit more; without
        // this both legs would do the same work. No other setting is changed.
        await run(python, [script, "--inherit-environ=PYTHON_JIT", "-o", file(leg)], {
          cwd: suite,
          env: { ...env, PYTHON_JIT: leg === "on" ? "1" : "0" },
          maxBuffer: 1 << 26,
        });
      }
      const { stdout } = await run(
        python,
        ["-m", "pyperf", "compare_to", file("off"), file("on")],
        {
          cwd: suite,
          env,
        },
      );
      const off = processValues(file("off"));
      const on = processValues(file("on"));
      // pyperf's mean is over every value; each process has as many.
      const speedup = mean(off.flat()) / mean(on.flat());
      const [low, high] = derivedInterval(off, on, round * 100 + index);
      const row = rowOf(name, speedup, low, high);
      rows.push({
        ...row,
        covered: low <= row.truth && row.truth <= high,
        processes: `${off.length} / ${on.length}`,
        said: saidBy(stdout),
      });
    }
    return rows;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function pyperfFigures(options: {
  python: string;
  cli: string;
  pyperf: string;
  rounds: number;
  log: (line: string) => void;
}): Promise<PyperfFigures> {
  const { python, cli, pyperf, log } = options;
  const started = new Date().toISOString();
  const suite = suiteDir(KNOWN_EFFECTS);
  const { stdout: version } = await run(python, ["--version"]);
  const { stdout: pyperfVersion } = await run(
    python,
    ["-c", "import pyperf; print('pyperf', pyperf.__version__)"],
    {
      env: { ...process.env, PYTHONPATH: pyperf },
    },
  );
  const runs: ToolRun[] = [];
  try {
    for (let round = 1; round <= options.rounds; round++) {
      const order: Tool[] = round % 2 === 1 ? ["jit-bench", "pyperf"] : ["pyperf", "jit-bench"];
      for (const tool of order) {
        log(`round ${round} of ${options.rounds}: ${tool}...`);
        const loadBefore = loadavg()[0] ?? 0;
        const from = performance.now();
        const rows =
          tool === "jit-bench"
            ? await jitBenchRun(cli, python, suite)
            : await pyperfRun(python, pyperf, suite, round);
        const seconds = (performance.now() - from) / 1000;
        log(`  ${seconds.toFixed(0)} s, ${rows.map((r) => r.speedup.toFixed(3)).join(" / ")}`);
        runs.push({ tool, round, loadBefore, seconds, rows });
      }
    }
  } finally {
    rmSync(suite, { recursive: true, force: true });
  }
  return {
    started,
    finished: new Date().toISOString(),
    python,
    version: version.trim(),
    pyperf: pyperfVersion.trim(),
    runs,
  };
}
