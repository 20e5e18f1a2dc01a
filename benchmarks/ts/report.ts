/** docs/performance.md, from the figures of one `npm run bench`. */
import { heldToTarget, type TaskFigure } from "./engine.js";
import type { NoiseRow, SuiteRow } from "./growth.js";
import type { Machine } from "./machine.js";
import type { FloorFigure, MethodRun } from "./modes.js";
import type { ScaleFigure } from "./scale.js";

export interface Figures {
  readonly started: Date;
  readonly finished: Date;
  readonly machine: Machine & { readonly loadAfter: readonly number[] };
  readonly pythons: { readonly py313: string; readonly system: string };
  readonly engine: readonly TaskFigure[];
  readonly peak: {
    readonly compare: Record<string, number>;
    readonly shards: Record<string, number>;
  };
  readonly shardMiB: number;
  readonly coldStart: readonly TaskFigure[];
  readonly floors: readonly FloorFigure[];
  readonly runs: readonly (readonly MethodRun[])[];
  /** The whole bundled suite with the default settings; null in --quick runs. */
  readonly bundled: MethodRun | null;
  readonly processSeconds: number;
  readonly growth: { readonly noise: readonly NoiseRow[]; readonly suite: readonly SuiteRow[] };
  readonly scale: ScaleFigure | null;
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const pct = (fraction: number | null, digits = 2) =>
  fraction === null || !Number.isFinite(fraction) ? "—" : `${(fraction * 100).toFixed(digits)}%`;
const seconds = (s: number) => (s >= 100 ? `${s.toFixed(0)} s` : `${s.toFixed(1)} s`);

function taskTable(tasks: readonly TaskFigure[], target: (task: TaskFigure) => string): string[] {
  return [
    `| Task | Mean | Min | Max | Runs | Target |`,
    "|:--|--:|--:|--:|--:|:--|",
    ...tasks.map(
      (t) =>
        `| ${t.name} | ${ms(t.mean)} ms | ${ms(t.min)} ms | ${ms(t.max)} ms | ${t.samples} | ${target(t)} |`,
    ),
  ];
}

/** One sentence on whether the means met the target, naming any that did not. */
function targetReading(tasks: readonly TaskFigure[], targetMs: number, what: string): string {
  const over = tasks.filter((t) => t.mean > targetMs);
  if (over.length === 0)
    return `Every ${what} here is within its ${targetMs.toLocaleString("en")} ms target on average.`;
  return `Over the ${targetMs.toLocaleString("en")} ms target on average in this run: ${over
    .map((t) => `${t.name.split(":")[0]} (${ms(t.mean)} ms mean, ${ms(t.min)} ms best)`)
    .join("; ")}. The machine's load (above) moves these figures from run to run.`;
}

/** How the stress row compares with the 2 s, as a clause. */
function heavyReading(compareTasks: readonly TaskFigure[]): string {
  const heavy = compareTasks.find((t) => t.name.includes("300 values"));
  if (heavy === undefined) return "";
  return heavy.mean <= 2000
    ? `; it too took under 2 s on average (${ms(heavy.mean)} ms)`
    : `; it took ${ms(heavy.mean)} ms on average, ${ms(heavy.min)} ms at best`;
}

function engineSection(f: Figures): string[] {
  const compareTasks = f.engine.filter((t) => t.name.startsWith("compare"));
  const others = f.engine.filter((t) => !t.name.startsWith("compare"));
  const { compare, shards } = f.peak;
  return [
    "## The engine's own speed",
    "",
    "Synthetic legs from the seeded noise model of the compare tests (per-process offsets, value noise, outlier values and processes), so every run compares the same numbers. Compare includes everything `jit-bench compare` computes: per-benchmark Hodges–Lehmann intervals and rank tests, Benjamini–Hochberg, the A/A noise floor, and the suite's bootstrap interval with its full 1,000 resamples.",
    "",
    ...taskTable(compareTasks, (t) => (heldToTarget(t) ? "≤ 2,000 ms" : "—")),
    ...taskTable(others, () => "—").slice(2),
    "",
    targetReading(compareTasks.filter(heldToTarget), 2000, "compare at the target's size"),
    "",
    `The target is for 60 values a leg. The bootstrap resamples whole processes, so its cost grows with their number, not with the values: the first row is those 60 values at their most expensive, each from a process of its own, and the third the same values as the defaults record them. Compare spreads the bootstrap over the machine's cores (${f.machine.cores} here), each thread a slice of the benchmarks with the random draws one thread would give it, so the report is the same to the last digit (test/adapters/bootstrap-threads.test.ts checks it); the second row is the first in one thread, for comparison. The last row, with five times the values in 60 processes, is there to show how the cost grows past the target's size${heavyReading(compareTasks)}.`,
    "",
    `Memory, each in a fresh Node process (resident set; heap after a full collection). Both include the bootstrap's worker thread, which has a heap of its own. Compare at the heavy size (60 processes a leg): its input holds ${compare.inputHeapMiB} MiB of heap, and the process peaks at **${compare.peakRssMiB} MiB** resident, from ${compare.inputRssMiB} MiB before compare started. Reading the 100 shard files (${f.shardMiB.toFixed(1)} MiB of JSON) leaves ${shards.inputHeapMiB} MiB of heap in use for what they hold, and reading and comparing them peaks at **${shards.peakRssMiB} MiB** resident (Node with its code alone: ${shards.startRssMiB} MiB). test/scale/shards-memory.test.ts checks on every run that 100 shard files keep no more memory than the same results in one file.`,
    "",
  ];
}

function coldSection(f: Figures): string[] {
  return [
    "## Cold start",
    "",
    "Each figure is a whole process, from spawn to exit, bundled from today's source with ncc as the release build bundles it. The action is started as a runner starts it, with an input it refuses, so it loads its entry chunk, reads its inputs and exits without measuring. The artifact client and the GitHub API client, more than half of the bundle, are chunks of their own, loaded when first used: in a run job after the measurements, in the compare job when it reads the legs' artifacts.",
    "",
    ...taskTable(f.coldStart, () => "≤ 300 ms"),
    "",
    targetReading(
      f.coldStart.filter((t) => !t.name.startsWith("node")),
      300,
      "cold start",
    ),
    "",
  ];
}

function floorSection(f: Figures): string[] {
  if (f.floors.length === 0) return [];
  return [
    "## Harness floor: an empty benchmark against timeit",
    "",
    "`def bench_noop(): pass`, calibrated to 20 ms a value, against `python -m timeit -s 'def f(): pass' 'f()'` on the same interpreter, in five processes each, alternating. timeit reports the best of its values, so ours is the best of five values too; each column is the median over the five processes, because timings this small move from one process to the next with code layout. The last columns give our median value and the empty loop's own cost.",
    "",
    "| Interpreter | timeit | jit-bench | ratio | jit-bench, median value | empty loop, per call |",
    "|:--|--:|--:|--:|--:|--:|",
    ...f.floors.map(
      (x) =>
        `| ${x.version} | ${x.timeitNs.toFixed(1)} ns | ${x.oursMinNs.toFixed(1)} ns | ${(x.oursMinNs / x.timeitNs).toFixed(2)} | ${x.oursMedianNs.toFixed(1)} ns | ${x.loopOverheadNs.toFixed(1)} ns |`,
    ),
    "",
    floorReading(f.floors),
    "",
    "The loop overhead is measured, reported and left in, as timeit and pyperf leave it in. Each value is `loops` calls in a row; the loop walks `itertools.repeat(None, loops)`, which hands out one object over and over (a `range` creates an int object per call past 256; here that added about 7 ns a call, 20 to 40% above timeit's figure for the empty function). The empty loop's own cost per call is measured at calibration and recorded as `loopOverheadNs` in the results, so a benchmark close to it can be recognised as measuring the harness more than itself. It is not subtracted: the difference of two noisy small numbers would be noisier than either, and the JIT may compile the loop differently from the body, so a subtraction measured with the JIT off would be wrong for the other leg. The test `test/harness/floor.test.ts` checks the ratio in every run, with bounds of 3x either way.",
    "",
  ];
}

function floorReading(floors: readonly FloorFigure[]): string {
  const outside = floors.filter((x) => Math.abs(x.oursMinNs / x.timeitNs - 1) > 0.2);
  if (outside.length === 0)
    return "Every interpreter's empty benchmark is within ±20% of timeit's figure.";
  return `Within ±20% of timeit's figure except on ${outside.map((x) => `${x.version} (ratio ${(x.oursMinNs / x.timeitNs).toFixed(2)})`).join(", ")}.`;
}

function runsSection(f: Figures): string[] {
  if (f.runs.length === 0) return [];
  const names = f.runs[0]?.[0]?.rows.map((r) => r.name) ?? [];
  const lines = [
    "## Time to a trustworthy answer: side by side",
    "",
    `Three small benchmarks of the bundled suite (${names.map((n) => `\`${n}\``).join(", ")}), both legs, on ${f.pythons.py313}. That interpreter has no JIT built in, so both legs run the same code and the true speedup is exactly 1.000: each method's error is its distance from 1. The issue's reference: pyperf took 89 s for three small benchmarks in two legs with its defaults, and missed known effects by about 3%; half of that is 44 s, the budget given to sequential sampling here.`,
    "",
    "Per benchmark: the speedup estimate, then the half-width of the interval the comparison reports (the ticket's script gives none): 95% for the fixed schedule, and 97% for sequential sampling, the level its stopping rule looked at, followed by how it stopped.",
    "",
    "| Round | Method | Wall time | Processes | Largest error | Per benchmark |",
    "|--:|:--|--:|--:|--:|:--|",
  ];
  f.runs.forEach((round, i) => {
    for (const run of round) {
      const worst = Math.max(...run.rows.map((r) => Math.abs(Math.log(r.speedup))));
      const per = run.rows
        .map((r) => {
          const ci = r.halfWidth === null ? "no interval" : `±${pct(r.halfWidth)}`;
          const seq = r.sampling ? `; ${r.sampling.stop}` : "";
          return `${r.speedup.toFixed(3)}× (${ci}${seq})`;
        })
        .join(", ");
      lines.push(
        `| ${i + 1} | ${run.method} | ${seconds(run.seconds)} | ${run.processes} | ${pct(Math.expm1(worst))} | ${per} |`,
      );
    }
  });
  lines.push(
    "",
    "How to read it: the ticket's script is fast but a single process per leg cannot tell its own noise apart from an effect, so its error is whatever that process pair happened to be, and nothing warns about it. The fixed schedule gives every benchmark the same processes, so quiet ones are measured longer than needed and noisy ones end wider than ±1%. Sequential sampling spends the processes where the interval is still wide and reports, per benchmark, whether it got to ±1% and, if not, why.",
    "",
  );
  return lines;
}

function narrowestFixed(f: Figures): number {
  const widths = f.runs
    .flat()
    .filter((run) => run.method.startsWith("fixed"))
    .flatMap((run) => run.rows.map((r) => r.halfWidth ?? Number.POSITIVE_INFINITY));
  return Math.min(...widths);
}

function bundledSection(f: Figures): string[] {
  const run = f.bundled;
  if (run === null) return [];
  const rows = run.rows.filter((r) => r.sampling !== null);
  const precise = rows.filter((r) => r.sampling?.stop === "precise").length;
  return [
    "## The bundled suite with the defaults",
    "",
    `\`jit-bench run\` on \`benchmarks/python\` with nothing set (±1%, a 120 s budget, at least 6 processes a leg), on ${f.pythons.py313}: ${seconds(run.seconds)} in all, ${run.processes} processes; ${precise} of ${rows.length} benchmarks reached ±1%. The others say why: \`noisy\` with the processes per leg they would likely have needed, \`budget\` when the budget was gone before they got more than the minimum, \`failed\` or \`skipped\` with their reason.`,
    "",
    ...(precise === 0
      ? [
          `None did: while this ran, the spread between fresh processes on this shared machine was many times the 1% at which ±1% is affordable (the fixed schedule's 95% intervals above are ±${pct(narrowestFixed(f), 0)} and wider). Every benchmark stopped as too noisy, with the processes it would have needed, rather than report a precision it did not have.`,
          "",
        ]
      : []),
    "| Benchmark | Stopped | Processes per leg | Would need | Speedup (97% half-width, the stopping rule's level) |",
    "|:--|:--|--:|--:|:--|",
    ...run.rows.map((r) => {
      const s = r.sampling;
      const ci = r.halfWidth === null ? "no interval" : `±${pct(r.halfWidth)}`;
      return `| ${r.name} | ${s?.stop ?? "—"} | ${s ? s.processes : "—"} | ${s?.projected ?? "—"} | ${Number.isFinite(r.speedup) ? `${r.speedup.toFixed(3)}×` : "—"} (${ci}) |`;
    }),
    "",
  ];
}

function growthSection(f: Figures): string[] {
  return [
    "## How the time to ±1% grows",
    "",
    `By simulation: the stopping rule itself on the tests' noise model (process offsets with the sd below, 0.5% value noise, 3% of processes 10–25% slow), 300 benchmarks per row. Time assumes ${f.processSeconds.toFixed(2)} s per process, what a process cost in the sequential runs above, and counts both legs and the calibration.`,
    "",
    "### With noise",
    "",
    "| Process-to-process sd | Processes per leg to ±1% (median) | 90th percentile | Time for one benchmark | Half-width with the fixed 6 processes |",
    "|--:|--:|--:|--:|--:|",
    ...f.growth.noise.map(
      (r) =>
        `| ${pct(r.processSd, 2)} | ${r.medianProcesses} | ${r.p90Processes} | ${seconds(r.seconds)} | ±${pct(r.fixedHalfWidth)} |`,
    ),
    "",
    noiseReading(f.growth.noise),
    "",
    "### With suite size (process sd 1%)",
    "",
    "| Benchmarks | Time until every one is at ±1% | Time within the default 120 s budget | Reaching ±1% within it |",
    "|--:|--:|--:|--:|",
    ...f.growth.suite.map(
      (r) =>
        `| ${r.benchmarks} | ${seconds(r.secondsUnbounded)} | ${seconds(r.secondsBudgeted)} | ${pct(r.reachedShare, 0)} |`,
    ),
    "",
    "Without a budget, time grows linearly with the suite. With one, it grows linearly only until the budget is spent; past that every benchmark still gets its minimum (so the run takes longer than the budget), and the share that reaches ±1% falls. Large suites are what shards are for: each shard job has a budget of its own.",
    "",
  ];
}

function noiseReading(rows: readonly NoiseRow[]): string {
  const at = (sd: number) => rows.find((r) => r.processSd === sd)?.medianProcesses ?? Number.NaN;
  const ratio = at(0.04) / at(0.01);
  const fixedReach = Math.max(
    0,
    ...rows.filter((r) => r.fixedHalfWidth <= 0.01).map((r) => r.processSd),
  );
  return `The processes needed grow with the square of the noise, as an interval narrows with the square root of the sample. A quiet benchmark is done at or near the minimum of 6; at 4% it needs ${ratio.toFixed(0)} times as many as at 1%, which no per-PR budget pays for: such a benchmark is reported as too noisy, with the number of processes it would likely need. The fixed schedule's 6 processes, in the last column, reach ±1% only up to ${pct(fixedReach, 2)} of noise, and spend the same on a benchmark that needed fewer.`;
}

function scaleSection(f: Figures): string[] {
  const s = f.scale;
  const lines = ["## Scale", ""];
  if (s === null) {
    lines.push(
      `The real 1,000-benchmark run is opt-in (\`npm run bench -- --scale\`, or \`--scale-only\` to add it to the last run's figures) and was not part of this run: with a relaxed precision every benchmark stops at its minimum, which is still 1,000 x (2 x 6 + 1) = 13,000 processes, about ${Math.round((13_000 * f.processSeconds) / 60)} minutes at this run's ${f.processSeconds.toFixed(2)} s a process. On every test run, \`test/scale/\` discovers such a generated suite whole, measures and compares a shard of it for real, compares a full-size synthetic suite of 1,000 benchmarks and checks the PR comment's size, and reads 100 shard files.`,
      "",
    );
    return lines;
  }
  lines.push(
    `A generated suite of ${s.benchmarks} benchmarks, measured for real with \`--precision 50%\` (each stops at its minimum of 6 processes a leg) and a 1 s budget: ${seconds(s.seconds)}, ${s.processes} processes, ${s.failed} failures. Its PR comment is ${s.commentChars.toLocaleString("en")} characters (GitHub's limit is ${s.commentLimit.toLocaleString("en")}): rows with no significant change collapse, and rows are left out when even that is too long. The job summary, with room for 1 MiB, keeps the full table: ${s.summaryChars.toLocaleString("en")} characters.`,
    "",
  );
  return lines;
}

export function renderPerformance(f: Figures): string {
  const m = f.machine;
  return [
    "# Performance",
    "",
    `Measured by \`npm run bench\` on ${f.started.toISOString().slice(0, 16).replace("T", " ")} UTC (${Math.round((f.finished.getTime() - f.started.getTime()) / 1000)} s in all). The figures below are regenerated by that command and nothing else writes them; no test asserts on any of them.`,
    "",
    `**Machine:** ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GiB, Linux ${m.kernel}, Node ${m.node}; ${f.pythons.py313} (no JIT built in) and ${f.pythons.system}. The machine was shared with other work while this ran: load average ${m.load.join(" / ")} (1 / 5 / 15 min) at the start and ${m.loadAfter.join(" / ")} at the end, on ${m.cores} cores. Times are therefore on the high side, and the real runs noisier than on a quiet machine.`,
    "",
    "**How:** the TypeScript benchmarks are under `benchmarks/ts/`. Node cannot run TypeScript, so `benchmarks/ts/bench.mjs` bundles them with ncc into a temporary folder (with the action and the CLI) and runs the bundle; each timed task is a tinybench task. Real runs go through the same `runSuite` as `jit-bench run`.",
    "",
    ...engineSection(f),
    ...coldSection(f),
    ...floorSection(f),
    ...runsSection(f),
    ...bundledSection(f),
    ...growthSection(f),
    ...scaleSection(f),
  ].join("\n");
}
