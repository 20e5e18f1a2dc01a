/**
 * `jit-bench run` with the `variants` setting: probe every variant, discover
 * the suite with the baseline, then measure each benchmark in sets of live
 * workers, one per variant (measure/variant-sets.ts), and write the variants
 * file after every benchmark, so a run stopped halfway keeps what it measured.
 *
 * Sampling follows the legs' rules: without precision every benchmark gets
 * `processes` sets; with it, at least 8 each (the fewest whose 97% signed-rank
 * interval trims both ends), then more in rounds of two for every benchmark
 * whose widest comparison with the baseline is still wider than the target,
 * until the budget is spent.
 */
import { resolve } from "node:path";
import { writeFileAtomic } from "../../adapters/files.js";
import { ownershipOf, refuseForeignFiles, type Target } from "../../adapters/own-files.js";
import type { RunSettings } from "../../core/config/settings.js";
import { InputError } from "../../core/errors.js";
import { formatTime as formatDuration } from "../../core/render/units.js";
import type { Fingerprint } from "../../core/results.js";
import { valuesPerProcess } from "../../core/schedule.js";
import {
  VARIANTS_SCHEMA_ID,
  type VariantBenchmark,
  type VariantRecord,
  type VariantsFile,
} from "../../core/variants/results.js";
import { pythonJitOf, type VariantSpec, variantLine } from "../../core/variants/spec.js";
import { TOOL_VERSION } from "../../core/version.js";
import { measureSet, SetFailure, type SetPlan } from "../../measure/variant-sets.js";
import {
  type BenchmarkRef,
  calibrate,
  probe,
  WorkerFailure,
  type WorkerOptions,
} from "../../measure/worker/calls.js";
import { checkPaths, discoverSuite, resultsTargets } from "../run/discover.js";
import { VARIANTS_COMPARISON_FILE_NAME } from "./comparison.js";
import { firstSets, progressLine, samplingLine, widest } from "./progress.js";
import { type VariantWorkers, variantWorkers } from "./workers.js";

export const VARIANTS_FILE_NAME = "variants.json";

export interface VariantsDeps {
  now: () => Date;
  log: (line: string) => void;
  warn: (line: string) => void;
  signal: AbortSignal;
  /** Extra environment for every worker, under each variant's own. */
  env?: Readonly<Record<string, string>>;
}

export interface VariantsOutcome {
  readonly file: VariantsFile;
  readonly path: string;
}

/** Counts the benchmarks' turns: each turn's sets start on the CPU after the last turn's first. */
let slotCounter = 0;
/** Each calibrated benchmark's values per worker (settled from `values` and its calibration). */
const valuesOf = new WeakMap<VariantBenchmark, number>();

export async function runVariants(
  settings: RunSettings,
  deps: VariantsDeps,
): Promise<VariantsOutcome> {
  const specs = settings.variants;
  const path = resolve(settings.outputDir, VARIANTS_FILE_NAME);
  await checkPaths({ ...settings, legs: "both" }, { results: false });
  // The comparison JSON goes beside the file (comparison.ts): its path is checked now too.
  await refuseForeignFiles(
    resultsTargets(settings, [VARIANTS_FILE_NAME, VARIANTS_COMPARISON_FILE_NAME]).map(
      (t, i): Target =>
        i === 0
          ? { ...t, kind: "variants" }
          : { ...t, kind: "variants-comparison", what: "the comparison of this run's variants" },
    ),
    ownershipOf(settings),
  );
  const pool = variantWorkers(settings, specs, deps.env);
  try {
    return await measureVariants(settings, deps, pool, path);
  } finally {
    await pool.stopAll();
  }
}

async function measureVariants(
  settings: RunSettings,
  deps: VariantsDeps,
  pool: VariantWorkers,
  path: string,
): Promise<VariantsOutcome> {
  const specs = settings.variants;
  const records: VariantRecord[] = [];
  let fingerprint: Fingerprint | null = null;
  for (const [i, spec] of specs.entries()) {
    const facts = await probeVariant(settings, spec, pool.worker(i));
    await pool.settle();
    fingerprint ??= facts.fingerprint;
    records.push({
      name: spec.name,
      python: [...spec.python],
      env: spec.env.map(([k, v]) => [k, v] as [string, string]),
      image: spec.image,
      interpreter: facts.interpreter,
      version: facts.pythonVersion.join("."),
      jit: facts.jit,
    });
    deps.log(
      `${i === 0 ? "Baseline" : "Variant"} ${spec.name}: ${facts.interpreter.implementation} ${facts.interpreter.version}, ${jitWords(spec, facts.jit)}.`,
    );
  }
  const baseline = () => pool.worker(0);
  const suite = await discoverSuite(
    settings,
    { worker: baseline, settle: pool.settle },
    { log: deps.log, warn: deps.warn, shard: null },
  );
  const file: VariantsFile = {
    schema: VARIANTS_SCHEMA_ID,
    tool: { name: "jit-bench", version: TOOL_VERSION },
    createdAt: deps.now().toISOString(),
    partial: true,
    partialReason: "the run has not finished",
    settings: {
      timer: settings.timer,
      warmups: settings.warmups,
      values: settings.values,
      minTimeMs: settings.minTimeMs,
      sets: firstSets(settings),
      precision: settings.precision,
      budgetMs: settings.precision === null ? null : settings.budgetMs,
      allowFailures: settings.allowFailures,
    },
    fingerprint: fingerprint as Fingerprint,
    variants: records,
    benchmarks: [],
  };
  const save = () => writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
  const names = specs.map((s) => s.name);
  const plan = {
    workers: specs.map((_, v) => () => pool.worker(v)),
    warmups: settings.warmups,
    timer: settings.timer,
  };
  const started = performance.now();
  const deadline = started + settings.budgetMs;
  deps.log(samplingLine(settings, suite.benchmarks.length, specs.length));

  const entries: VariantBenchmark[] = [];
  for (const [b, bench] of suite.benchmarks.entries()) {
    if (deps.signal.aborted) break;
    const entry = await startBenchmark(settings, bench, baseline);
    entries.push(entry);
    file.benchmarks = entries;
    await addSets(entry, bench, firstSets(settings), plan, names, deps.signal);
    await pool.settle();
    if (entry.status === "ok" && settings.precision === null) entry.stop = "fixed";
    await save();
    deps.log(progressLine(b + 1, suite.benchmarks.length, entry, names, settings.precision));
  }
  // Later rounds: two more sets for every benchmark still too wide, while the budget lasts.
  if (settings.precision !== null) {
    const precision = settings.precision;
    let open = entries.filter((e) => e.status === "ok" && widest(e, names.length) > precision);
    for (const e of entries) if (e.status === "ok" && !open.includes(e)) e.stop = "precise";
    while (open.length > 0 && performance.now() < deadline && !deps.signal.aborted) {
      for (const entry of open) {
        if (performance.now() >= deadline || deps.signal.aborted) break;
        const bench = suite.benchmarks[entries.indexOf(entry)] as BenchmarkRef;
        await addSets(entry, bench, 2, plan, names, deps.signal);
        await pool.settle();
        if (entry.status === "ok" && widest(entry, names.length) <= precision)
          entry.stop = "precise";
        await save();
      }
      open = open.filter((e) => e.status === "ok" && e.stop !== "precise");
    }
    for (const e of open)
      if (e.status === "ok") e.stop = e.sets.length > firstSets(settings) ? "noisy" : "budget";
  }
  file.partial = deps.signal.aborted;
  file.partialReason = deps.signal.aborted
    ? `stopped (${String(deps.signal.reason ?? "aborted")}) before the last benchmark`
    : null;
  await save();
  deps.log(
    `Measured ${entries.length} benchmark${entries.length === 1 ? "" : "s"} × ${specs.length} variants in ${formatDuration(performance.now() - started)}; raw values in ${path}.`,
  );
  return { file, path };
}

async function probeVariant(settings: RunSettings, spec: VariantSpec, options: WorkerOptions) {
  try {
    return await probe(options);
  } catch (error: unknown) {
    if (!(error instanceof WorkerFailure)) throw error;
    throw new InputError(
      settings.names.variants,
      variantLine(spec),
      `could not be probed: ${error.reason}`,
      "Check that the command runs a CPython 3.9 or later on this machine.",
    );
  }
}

function jitWords(spec: VariantSpec, jit: VariantRecord["jit"]): string {
  if (jit === null) return "JIT unknown";
  if (!jit.compiled) {
    const asked = pythonJitOf(spec.env);
    return asked !== null && asked !== "0"
      ? `no JIT compiled in, so PYTHON_JIT=${asked} does nothing here`
      : "no JIT compiled in";
  }
  return jit.enabled ? "JIT on" : "JIT compiled in, off";
}

/** Calibrates the inner loop count on the baseline: every variant then runs the same loop. */
async function startBenchmark(
  settings: RunSettings,
  bench: BenchmarkRef,
  baseline: () => WorkerOptions,
): Promise<VariantBenchmark> {
  const entry: VariantBenchmark = {
    name: bench.name,
    file: bench.file,
    status: "ok",
    reason: null,
    failedVariant: null,
    loops: null,
    sets: [],
    stop: "budget",
  };
  try {
    const c = await calibrate(baseline(), bench, settings.minTimeMs * 1e6, settings.timer);
    entry.loops = c.loops;
    valuesOf.set(entry, valuesPerProcess(settings.values, c.loops * c.ns));
  } catch (error: unknown) {
    if (!(error instanceof WorkerFailure)) throw error;
    entry.status = error.skipped ? "skipped" : "failed";
    entry.reason = error.reason;
    entry.failedVariant = 0;
    entry.stop = entry.status;
  }
  return entry;
}

async function addSets(
  entry: VariantBenchmark,
  bench: BenchmarkRef,
  count: number,
  plan: Omit<SetPlan, "values">,
  names: readonly string[],
  signal: AbortSignal,
): Promise<void> {
  const values = valuesOf.get(entry);
  if (entry.status !== "ok" || entry.loops === null || values === undefined) return;
  const counted = { ...plan, values };
  const slotBase = slotCounter++;
  for (let i = 0; i < count && !signal.aborted; i++) {
    const index = entry.sets.length;
    try {
      entry.sets.push(
        await measureSet(counted, bench, entry.loops, index, slotBase + index, signal, names),
      );
    } catch (error: unknown) {
      if (!(error instanceof SetFailure)) throw error;
      if (signal.aborted) return;
      entry.status = error.ending.status;
      entry.reason = error.ending.reason;
      entry.failedVariant = error.variant;
      entry.stop = error.ending.status;
      return;
    }
  }
}
