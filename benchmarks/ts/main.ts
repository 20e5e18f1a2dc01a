/**
 * Runs the engine benchmarks and the side-by-side measurement runs, and
 * writes docs/performance.md. Started by bench.mjs, which bundles this file;
 * see that file for the flags.
 *
 *   --root <dir>         the repository (bench.mjs passes it)
 *   --bundles <dir>      where bench.mjs put the bundled action and CLI
 *   --peak               (internal) one compare at the heavy size, printing its peak memory
 *   --peak-shards <dir>  (internal) the same for reading and comparing 100 shard files
 *   --quick              skip the real side-by-side runs (engine figures only)
 *   --scale              also measure a generated 1,000-benchmark suite for real (minutes)
 *   --render <json>      rewrite docs/performance.md from the figures a run saved, measuring nothing
 *   --scale-only         run only the scale run and add it to the last run's saved figures
 *   --clocks             only the clocks under load (known effects, A/A, the bundled suite):
 *                        two busy loops per core for part of it; about 15 minutes
 *   --clocks-budget <d>  the known-effect runs' budget (default 120s, the default run's)
 *   --aa-runs <n>        A/A runs under load (default 20); --aa-budget <d> each (default 15s)
 *   --pairing            only paired measurement: the known-effect suite paired and unpaired,
 *                        quiet and busy, A/A with pairs, and the bundled suite on --jit-python
 *                        (--quiet-runs 5, --busy-runs 3, --jit-runs 5); about 45 minutes
 *   --variants           only interpreter variants with known differences (--variant-runs 3)
 *   --pyperf             only the known-effect suite, a ±1% run (the default sampling) against
 *                        pyperf's defaults, in turn (--rounds 3, --python <path>); needs
 *                        JIT_BENCH_PYPERF, a folder with pyperf's source; about 4 minutes a round
 *   --coverage           only interval coverage: a long run of the known-effect suite, quiet and
 *                        busy (--coverage-budget, default 360s each), then the stopping rule
 *                        replayed on its pairs (--replays, default 2000); about 13 minutes
 *   --render-pairing <json>, --render-pyperf <json>, --render-coverage <json>
 *                        rewrite that section from saved figures
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CLOCKS_MARKERS, clockFigures, renderClocks } from "./clocks.js";
import { coldStartFigures } from "./cold-start.js";
import {
  COVERAGE_MARKERS,
  type CoverageFigures,
  coverageFigures,
  renderCoverage,
} from "./coverage.js";
import { engineFigures, peakOfCompare, TYPICAL, writeShards } from "./engine.js";
import { noiseGrowth, suiteGrowth } from "./growth.js";
import { describeMachine, pythonVersion } from "./machine.js";
import { floorFigure, type MethodRun, ourMethod, ticketMethod } from "./modes.js";
import { PAIRING_MARKERS, type PairingFigures, pairingFigures, renderPairing } from "./pairing.js";
import { type PyperfFigures, pyperfFigures, pyperfSource } from "./pyperf.js";
import { PYPERF_MARKERS, renderPyperf } from "./pyperf-report.js";
import { type Figures, renderPerformance } from "./report.js";
import { type ScaleFigure, scaleRun } from "./scale.js";
import { keepSections, type Markers, withSection } from "./sections.js";
import { renderVariants, VARIANTS_MARKERS, variantFigures } from "./variants.js";

/**
 * The repository, from bench.mjs. Not process.cwd(): ncc's asset relocator
 * rewrites paths it can work out at build time (a cwd joined with a file that
 * exists) to copies inside the bundle, so the document would be written there.
 */
const ROOT = resolve(flag("--root") ?? ".");
const PY = {
  py39: join(homedir(), ".pyenv/versions/3.9.18/bin/python3.9"),
  py313: join(homedir(), ".pyenv/versions/3.13.0/bin/python3.13"),
  system: "python3",
};
/** Three small benchmarks of the bundled suite, as in the pyperf figure. */
const SIDE_BY_SIDE = [
  "bench_pheromone_scoring",
  "bench_context_assembly",
  "bench_json_serialization",
];

function flag(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i < 0 ? null : (process.argv[i + 1] ?? "");
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Runs this bundle again in a fresh process, for a peak memory of its own. */
function peakInChild(args: string[]): Record<string, number> {
  const out = execFileSync(process.execPath, ["--expose-gc", process.argv[1] as string, ...args], {
    encoding: "utf8",
  });
  return JSON.parse(out) as Record<string, number>;
}

/** The sections that modes of their own write; a full run keeps them. */
const SECTIONS = [
  CLOCKS_MARKERS,
  PAIRING_MARKERS,
  PYPERF_MARKERS,
  VARIANTS_MARKERS,
  COVERAGE_MARKERS,
];

/** Writes docs/performance.md, keeping the sections the other modes wrote. */
function writePerformance(text: string): void {
  const path = join(ROOT, "docs", "performance.md");
  let kept = "";
  try {
    kept = readFileSync(path, "utf8");
  } catch {
    kept = "";
  }
  writeFileSync(path, keepSections(text, kept, SECTIONS));
}

/** Saves a mode's figures in .jit-bench (for --render-*) and writes its section of docs/performance.md. */
function saveSection(name: string, figures: unknown, markers: Markers, section: string): void {
  mkdirSync(join(ROOT, ".jit-bench"), { recursive: true });
  writeFileSync(join(ROOT, ".jit-bench", `${name}-figures.json`), JSON.stringify(figures));
  writeSection(markers, section);
  log(
    `wrote the ${name} section of docs/performance.md (figures: .jit-bench/${name}-figures.json)`,
  );
}

/** Replaces one section of docs/performance.md. */
function writeSection(markers: Markers, section: string): void {
  const path = join(ROOT, "docs", "performance.md");
  writeFileSync(path, withSection(readFileSync(path, "utf8"), markers, section));
}

async function main(): Promise<void> {
  if (process.argv.includes("--coverage")) {
    const figures = await coverageFigures({
      python: PY.py313,
      budget: flag("--coverage-budget") ?? "360s",
      replays: Number(flag("--replays") ?? 2000),
      seed: 20261207,
      log,
    });
    saveSection("coverage", figures, COVERAGE_MARKERS, renderCoverage(figures));
    return;
  }
  const renderCoverageFrom = flag("--render-coverage");
  if (renderCoverageFrom !== null) {
    const figures = JSON.parse(readFileSync(renderCoverageFrom, "utf8")) as CoverageFigures;
    writeSection(COVERAGE_MARKERS, renderCoverage(figures));
    return;
  }
  if (process.argv.includes("--variants")) {
    const figures = await variantFigures({
      python: PY.py313,
      runs: Number(flag("--variant-runs") ?? 3),
      budget: flag("--clocks-budget") ?? "120s",
      log,
    });
    saveSection("variants", figures, VARIANTS_MARKERS, renderVariants(figures));
    return;
  }
  if (process.argv.includes("--pairing")) {
    const figures = await pairingFigures({
      python: PY.py313,
      repo: ROOT,
      budget: flag("--clocks-budget") ?? "120s",
      quietRuns: Number(flag("--quiet-runs") ?? 5),
      busyRuns: Number(flag("--busy-runs") ?? 3),
      aaRuns: Number(flag("--aa-runs") ?? 20),
      aaBudget: flag("--aa-budget") ?? "15s",
      jitPython: flag("--jit-python"),
      jitRuns: Number(flag("--jit-runs") ?? 5),
      log,
    });
    saveSection("pairing", figures, PAIRING_MARKERS, renderPairing(figures));
    return;
  }
  if (process.argv.includes("--pyperf")) {
    const pyperf = pyperfSource();
    const bundles = flag("--bundles");
    if (bundles === null) throw new Error("run through benchmarks/ts/bench.mjs (npm run bench)");
    const figures = await pyperfFigures({
      python: flag("--python") ?? PY.py313,
      cli: join(bundles, "action", "cli", "index.js"),
      pyperf,
      rounds: Number(flag("--rounds") ?? 3),
      log,
    });
    saveSection("pyperf", figures, PYPERF_MARKERS, renderPyperf(figures));
    return;
  }
  const savedPyperf = flag("--render-pyperf");
  if (savedPyperf !== null) {
    const figures = JSON.parse(readFileSync(savedPyperf, "utf8")) as PyperfFigures;
    writeSection(PYPERF_MARKERS, renderPyperf(figures));
    return;
  }
  const rerender = flag("--render-pairing");
  if (rerender !== null) {
    const figures = JSON.parse(readFileSync(rerender, "utf8")) as PairingFigures;
    writeSection(PAIRING_MARKERS, renderPairing(figures));
    return;
  }
  if (process.argv.includes("--clocks")) {
    const figures = await clockFigures({
      python: PY.py313,
      repo: ROOT,
      budget: flag("--clocks-budget") ?? "120s",
      aaRuns: Number(flag("--aa-runs") ?? 20),
      aaBudget: flag("--aa-budget") ?? "15s",
      bundled: !process.argv.includes("--no-bundled"),
      log,
    });
    saveSection("clocks", figures, CLOCKS_MARKERS, renderClocks(figures));
    return;
  }
  if (process.argv.includes("--peak")) {
    process.stdout.write(JSON.stringify(await peakOfCompare(null)));
    return;
  }
  const peakShards = flag("--peak-shards");
  if (peakShards !== null) {
    process.stdout.write(JSON.stringify(await peakOfCompare(peakShards)));
    return;
  }
  const from = flag("--render");
  if (from !== null) {
    // Re-renders saved figures: for changes to the document's wording, without measuring again.
    const saved = JSON.parse(readFileSync(from, "utf8")) as Figures & {
      started: string;
      finished: string;
    };
    const figures = {
      ...saved,
      started: new Date(saved.started),
      finished: new Date(saved.finished),
    };
    writePerformance(renderPerformance(figures));
    return;
  }
  if (process.argv.includes("--scale-only")) {
    // Adds the scale run to the figures of the last full run, measuring nothing else.
    const path = join(ROOT, ".jit-bench", "performance-figures.json");
    const saved = JSON.parse(readFileSync(path, "utf8")) as Figures & {
      started: string;
      finished: string;
    };
    const scale = await scaleRun(PY.py313, log);
    const figures = {
      ...saved,
      started: new Date(saved.started),
      finished: new Date(saved.finished),
      scale,
    };
    writeFileSync(path, JSON.stringify(figures));
    writePerformance(renderPerformance(figures));
    log("added the scale run to docs/performance.md");
    return;
  }
  const bundles = flag("--bundles");
  if (bundles === null) throw new Error("run through benchmarks/ts/bench.mjs (npm run bench)");

  const started = new Date();
  const machine = describeMachine();
  log(`machine: ${machine.cpu}, ${machine.cores} cores, load ${machine.load.join(" ")}`);

  const shards = mkdtempSync(join(tmpdir(), "jit-bench-shards-"));
  const shardBytes = await writeShards(shards, 100, TYPICAL);
  log("engine: compare, render, shards (tinybench)...");
  const engine = await engineFigures(shards);
  log("engine: peak memory...");
  const peak = { compare: peakInChild(["--peak"]), shards: peakInChild(["--peak-shards", shards]) };
  rmSync(shards, { recursive: true, force: true });
  log("cold start (tinybench, whole processes)...");
  const coldStart = await coldStartFigures(bundles);

  const runs: MethodRun[][] = [];
  const floors: Awaited<ReturnType<typeof floorFigure>>[] = [];
  if (!process.argv.includes("--quick")) {
    log("harness floor against timeit...");
    for (const python of [PY.py39, PY.system, PY.py313]) {
      floors.push(await floorFigure(python, join(ROOT, "test", "fixtures", "suites")));
    }
    for (let repeat = 1; repeat <= 2; repeat++) {
      log(`side by side, round ${repeat}: ticket, fixed, sequential...`);
      runs.push([
        await ticketMethod(PY.py313, ROOT, SIDE_BY_SIDE),
        await ourMethod(PY.py313, ROOT, SIDE_BY_SIDE, { precision: "off" }),
        await ourMethod(PY.py313, ROOT, SIDE_BY_SIDE, { precision: "1%", budget: "44s" }),
      ]);
    }
  }
  let bundled: MethodRun | null = null;
  if (!process.argv.includes("--quick")) {
    log("the bundled suite with the defaults (±1%, 120 s budget)...");
    bundled = await ourMethod(PY.py313, ROOT, [], { precision: "1%" });
  }
  const sequential = runs.flatMap((round) =>
    round.filter((r) => r.method.startsWith("sequential")),
  );
  const processSeconds =
    sequential.length > 0
      ? sequential.reduce((s, r) => s + r.seconds, 0) /
        sequential.reduce((s, r) => s + r.processes + SIDE_BY_SIDE.length, 0)
      : 0.25;
  log("growth curves (simulation)...");
  const growth = { noise: noiseGrowth(processSeconds), suite: suiteGrowth(processSeconds) };

  let scale: ScaleFigure | null = null;
  if (process.argv.includes("--scale")) {
    log("scale run: 1,000 generated benchmarks, for real...");
    scale = await scaleRun(PY.py313, log);
  }

  const figures: Figures = {
    started,
    finished: new Date(),
    machine: { ...machine, loadAfter: describeMachine().load },
    pythons: { py313: pythonVersion(PY.py313), system: pythonVersion(PY.system) },
    engine,
    peak,
    shardMiB: shardBytes / 2 ** 20,
    coldStart,
    floors,
    runs,
    bundled,
    processSeconds,
    growth,
    scale,
  };
  writePerformance(renderPerformance(figures));
  mkdirSync(join(ROOT, ".jit-bench"), { recursive: true });
  writeFileSync(join(ROOT, ".jit-bench", "performance-figures.json"), JSON.stringify(figures));
  log("wrote docs/performance.md (figures: .jit-bench/performance-figures.json)");
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
