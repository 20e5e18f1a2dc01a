/**
 * Compares the variants of a variants file: every variant against the
 * baseline, benchmark by benchmark and for the suite, and any two variants
 * against each other where that separates one effect from another.
 *
 * The unit is the set (measure/variant-sets.ts). For two variants i and j a
 * set gives one log ratio, the median over its rounds of log(time_i / time_j):
 * values of one round share the machine's state, so the ratio does not see
 * the host's speed flipping between rounds. Across sets, the same statistics
 * as paired legs (core/compare/rows.ts): the one-sample Hodges–Lehmann
 * estimate, its signed-rank interval and test; across the whole table,
 * Benjamini–Hochberg q-values and intervals widened to the false coverage
 * rate level (core/compare/marks.ts says why); for the suite, the geometric
 * mean with the paired bootstrap.
 */

import { benjaminiHochberg } from "../stats/fdr.js";
import { median } from "../stats/median.js";
import { pairedSuiteGeomean } from "../stats/paired-bootstrap.js";
import { pairedShiftOf, type WalshSample, walshSample } from "../stats/signed-rank.js";
import { isNonEmpty } from "../stats/types.js";
import { differences, findEffects } from "./effects.js";
import type { VariantBenchmark, VariantRecord, VariantsFile } from "./results.js";
import {
  type Headline,
  type Pairwise,
  VARIANT_ALPHA,
  VARIANT_LEVEL,
  type VariantCell,
  type VariantCompareOptions,
  type VariantComparison,
  type VariantJit,
  type VariantRow,
  type VariantSummary,
} from "./types.js";

export * from "./types.js";

const LEVEL = VARIANT_LEVEL;

/** Each set's log ratio log(time_from / time_to): the median over its rounds. */
export function setLogRatios(bench: VariantBenchmark, from: number, to: number): number[] {
  const ratios: number[] = [];
  for (const set of bench.sets) {
    const a = set.values[from] ?? [];
    const b = set.values[to] ?? [];
    const logs: number[] = [];
    for (let k = 0; k < Math.min(a.length, b.length); k++) {
      const x = a[k] as number;
      const y = b[k] as number;
      if (x > 0 && y > 0) logs.push(Math.log(x / y));
    }
    if (isNonEmpty(logs)) ratios.push(median(logs));
  }
  return ratios;
}

function comparable(bench: VariantBenchmark): boolean {
  return bench.status === "ok" && bench.sets.length >= 2;
}

/** Two variants across the suite, or null when no benchmark can compare them. */
export function pairwise(
  file: VariantsFile,
  from: number,
  to: number,
  options: VariantCompareOptions,
): Pairwise | null {
  const samples: WalshSample[] = [];
  for (const bench of file.benchmarks) {
    if (!comparable(bench)) continue;
    const d = setLogRatios(bench, from, to);
    if (d.length >= 2) samples.push(walshSample(d));
  }
  if (samples.length === 0) return null;
  const suite = pairedSuiteGeomean(samples, {
    seed: options.seed,
    resamples: options.resamples,
    level: LEVEL,
    stream: 40 + from * 8 + to,
  });
  return {
    from,
    to,
    geomean: suite.geomean,
    interval: suite.interval,
    significant: suite.interval.low > 1 || suite.interval.high < 1,
    benchmarks: samples.length,
  };
}

/** Two variants over the suite, `to` against `from`. */
type PairOf = (from: number, to: number) => Pairwise | null;

export function compareVariants(
  file: VariantsFile,
  options: VariantCompareOptions,
): VariantComparison {
  const n = file.variants.length;
  const rows = tableRows(file);
  // The same two variants are compared for a summary, an effect and the headline: once is enough.
  const known = new Map<string, Pairwise | null>();
  const pair: PairOf = (from, to) => {
    const key = `${from}:${to}`;
    if (!known.has(key)) known.set(key, pairwise(file, from, to, options));
    return known.get(key) ?? null;
  };
  const summaries = file.variants.map((v, i) => summary(file, rows, v, i, pair));
  const effects = findEffects(file).map((e) => ({ ...e, result: pair(e.from, e.to) }));
  // Every level is LEVEL or wider: the narrowest is what the whole table reaches.
  const levels = rows.flatMap((r) => r.cells.flatMap((c) => (c.level === null ? [] : [c.level])));
  const tableLevel = levels.length > 0 ? Math.min(...levels) : LEVEL;
  let unpinned = 0;
  let total = 0;
  for (const bench of file.benchmarks) {
    for (const set of bench.sets) {
      total++;
      if (set.cpu === null) unpinned++;
    }
  }
  return {
    variants: file.variants,
    rows,
    summaries,
    effects,
    differences: differences(file),
    headline: headline(summaries, n, pair),
    tableLevel,
    unpinnedSets: unpinned,
    totalSets: total,
  };
}

interface Pending {
  readonly row: number;
  readonly variant: number;
  readonly sample: WalshSample;
  readonly p: number;
}

/** The table: every benchmark, every variant against the baseline, with the table-wide FDR. */
function tableRows(file: VariantsFile): VariantRow[] {
  const n = file.variants.length;
  const pending: Pending[] = [];
  const rows = file.benchmarks.map((bench, r) => {
    const ok = comparable(bench);
    const baselineMedians = bench.sets.flatMap((s) => {
      const v = s.values[0] ?? [];
      return isNonEmpty(v) ? [median(v)] : [];
    });
    for (let v = 1; ok && v < n; v++) {
      const d = setLogRatios(bench, 0, v);
      if (d.length < 2) continue;
      const sample = walshSample(d);
      pending.push({ row: r, variant: v, sample, p: pairedShiftOf(sample, LEVEL).p });
    }
    return {
      name: bench.name,
      baselineNs: ok && isNonEmpty(baselineMedians) ? median(baselineMedians) : null,
      jit: file.variants.map((_, v) => benchmarkJit(file, bench, v)),
      problem: ok ? null : problemOf(file, bench),
      sets: bench.sets.length,
      stop: bench.stop,
    };
  });
  const q = benjaminiHochberg(pending.map((c) => c.p));
  const selected = q.filter((x) => x < VARIANT_ALPHA).length;
  const level =
    pending.length > 0 ? 1 - (VARIANT_ALPHA * Math.max(selected, 1)) / pending.length : LEVEL;
  const cells = new Map<string, VariantCell>();
  for (const [i, c] of pending.entries()) {
    const wanted = Math.max(level, LEVEL);
    const at = pairedShiftOf(c.sample, wanted);
    const own = at.interval === null ? pairedShiftOf(c.sample, LEVEL) : at;
    const interval = own.interval
      ? { low: Math.exp(own.interval.low), high: Math.exp(own.interval.high) }
      : null;
    const qi = q[i] as number;
    const mark =
      qi < VARIANT_ALPHA && interval !== null && interval.low > 1
        ? "faster"
        : qi < VARIANT_ALPHA && interval !== null && interval.high < 1
          ? "slower"
          : "same";
    cells.set(`${c.row}:${c.variant}`, {
      variant: c.variant,
      speedup: Math.exp(at.estimate),
      interval,
      level: interval === null ? null : at.interval === null ? LEVEL : wanted,
      p: c.p,
      q: qi,
      mark,
      sets: c.sample.n,
    });
  }
  return rows.map((row, r) => ({
    ...row,
    cells: Array.from({ length: n - 1 }, (_, i) => {
      const v = i + 1;
      return (
        cells.get(`${r}:${v}`) ?? {
          variant: v,
          speedup: null,
          interval: null,
          level: null,
          p: null,
          q: null,
          mark: "failed" as const,
          sets: row.sets,
        }
      );
    }),
  }));
}

function problemOf(file: VariantsFile, bench: VariantBenchmark): string {
  const who =
    bench.failedVariant === null ? "" : ` (${file.variants[bench.failedVariant]?.name ?? "?"})`;
  if (bench.status === "failed") return `failed${who}: ${bench.reason ?? "no reason given"}`;
  if (bench.status === "skipped") return `skipped${who}: ${bench.reason ?? "no reason given"}`;
  return `${bench.sets.length} set${bench.sets.length === 1 ? "" : "s"}: too few to compare`;
}

/** What the variant's JIT did for one benchmark, from its workers' own reports. */
function benchmarkJit(file: VariantsFile, bench: VariantBenchmark, v: number): VariantJit {
  const overall = variantJit(file.variants[v] as VariantRecord);
  if (overall !== "on") return overall;
  const executors = bench.sets.flatMap((s) => {
    const e = s.engagement[v];
    return e ? [e.executors] : [];
  });
  if (!isNonEmpty(executors)) return "unknown";
  return median(executors) > 0 ? "engaged" : "idle";
}

function variantJit(variant: VariantRecord): VariantSummary["jit"] {
  const jit = variant.jit;
  if (jit === null) return "unknown";
  if (!jit.compiled) return "no-jit";
  return jit.enabled ? "on" : "off";
}

function summary(
  file: VariantsFile,
  rows: readonly VariantRow[],
  variant: VariantRecord,
  v: number,
  pair: PairOf,
): VariantSummary {
  const rss = file.benchmarks.flatMap((b) =>
    b.sets.flatMap((s) => {
      const kb = s.peakRssKb[v];
      return kb === null || kb === undefined ? [] : [kb];
    }),
  );
  return {
    variant: v,
    name: variant.name,
    version: variant.version,
    jit: variantJit(variant),
    engaged: rows.filter((r) => r.jit[v] === "engaged").length,
    idle: rows.filter((r) => r.jit[v] === "idle").length,
    suite: v === 0 ? null : pair(0, v),
    memoryKb: isNonEmpty(rss) ? median(rss) : null,
  };
}

function headline(summaries: readonly VariantSummary[], n: number, pair: PairOf): Headline {
  const scored = summaries.map((s) => ({
    v: s.variant,
    geomean: s.variant === 0 ? 1 : (s.suite?.geomean ?? null),
  }));
  const known = scored.filter((s): s is { v: number; geomean: number } => s.geomean !== null);
  if (known.length < 2) {
    return { fastest: 0, versusBaseline: null, versusRunnerUp: null, kind: "none" };
  }
  known.sort((a, b) => b.geomean - a.geomean);
  const fastest = (known[0] as { v: number }).v;
  const runnerUp = (known[1] as { v: number }).v;
  const versusBaseline = fastest === 0 ? null : pair(0, fastest);
  const versusRunnerUp = n > 2 || fastest === 0 ? pair(runnerUp, fastest) : null;
  // Ahead of the next fastest (measured together) means ahead of every other.
  const lead = versusRunnerUp ?? versusBaseline;
  return {
    fastest,
    versusBaseline,
    // With two variants and the baseline fastest, this is its lead over the other.
    versusRunnerUp,
    kind: lead?.significant && lead.geomean > 1 ? "significant" : "inconclusive",
  };
}
