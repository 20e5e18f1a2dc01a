/**
 * The variants comparison on synthetic files with a known truth: estimates,
 * intervals and marks against the true ratios, the headline, failed
 * benchmarks and each variant's JIT per benchmark. The noise model
 * (synthetic.ts) gives every set and round a machine speed shared by all
 * variants, far larger than the variants' own noise, so only the pairing of
 * values taken together can recover the truth as closely as asked here.
 * The seed is fixed and printed (JIT_BENCH_SEED explores others).
 */
import { describe, expect, it } from "vitest";
import { signedRankTest } from "../../../src/core/stats/signed-rank.js";
import {
  compareVariants,
  setLogRatios,
  VARIANT_ALPHA,
  VARIANT_LEVEL,
  type VariantComparison,
} from "../../../src/core/variants/compare.js";
import type { VariantBenchmark, VariantsFile } from "../../../src/core/variants/results.js";
import {
  type BenchmarkModel,
  JIT_OFF,
  JIT_ON,
  NO_JIT,
  NOISY_HOST,
  setRatioSd,
  syntheticFile,
  type VariantModel,
} from "./synthetic.js";

const SEED = Number(process.env.JIT_BENCH_SEED ?? 20261207);
const OPTIONS = { seed: 1, resamples: 400 };
const SETS = 12;
const VALUES = 5;

/** The Hodges–Lehmann estimate by its definition: the median of all Walsh averages. */
function hodgesLehmann(d: readonly number[]): number {
  const walsh: number[] = [];
  for (let i = 0; i < d.length; i++) {
    for (let j = i; j < d.length; j++) walsh.push(((d[i] as number) + (d[j] as number)) / 2);
  }
  return medianOf(walsh);
}

function medianOf(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Benjamini–Hochberg by its definition: q_i = min over p_j >= p_i of p_j * m / rank_j, at most 1. */
function bhByDefinition(p: readonly number[]): number[] {
  const m = p.length;
  const sorted = [...p].sort((a, b) => a - b);
  return p.map((pi) => {
    let q = 1;
    sorted.forEach((pj, j) => {
      if (pj >= pi) q = Math.min(q, (pj * m) / (j + 1));
    });
    return q;
  });
}

const TRUTH = [1, 1, 1 / 1.1, 1.2];
const FOUR: VariantModel[] = [
  { name: "base", speedup: TRUTH[0] as number },
  { name: "same speed", speedup: TRUTH[1] as number },
  { name: "slower", speedup: TRUTH[2] as number },
  { name: "faster", speedup: TRUTH[3] as number },
];
const suite = (count: number, extra: Partial<BenchmarkModel> = {}): BenchmarkModel[] =>
  Array.from({ length: count }, (_, i) => ({
    name: `bench_${String(i).padStart(2, "0")}`,
    ns: 1000 * 1.3 ** (i % 12),
    ...extra,
  }));

describe("setLogRatios", () => {
  it("gives each set the median over its rounds of log(time_from / time_to)", () => {
    const bench = syntheticFile({
      seed: SEED,
      variants: FOUR.slice(0, 2),
      benchmarks: suite(1),
      sets: 2,
      values: 3,
    }).benchmarks[0] as VariantBenchmark;
    const sets = bench.sets.map((s) => ({ ...s }));
    const a = sets[0];
    const b = sets[1];
    if (!a || !b) throw new Error("two sets expected");
    a.values = [
      [100, 200, 300],
      [50, 100, 100],
    ];
    b.values = [
      [10, 10, 10],
      [20, 40, 5],
    ];
    const ratios = setLogRatios({ ...bench, sets }, 0, 1);
    expect(ratios).toHaveLength(2);
    expect(ratios[0]).toBeCloseTo(Math.log(2), 12);
    expect(ratios[1]).toBeCloseTo(Math.log(0.5), 12);
    // The other way round is the negation.
    expect(setLogRatios({ ...bench, sets }, 1, 0)[0]).toBeCloseTo(-Math.log(2), 12);
  });
});

describe(`known ratios on a noisy host (seed ${SEED})`, () => {
  const file = syntheticFile({
    seed: SEED,
    variants: FOUR,
    benchmarks: suite(30),
    sets: SETS,
    values: VALUES,
  });
  const comparison = compareVariants(file, OPTIONS);
  const cells = comparison.rows.flatMap((row) => row.cells);
  // The sd of one cell's estimate: one set's log ratio over sqrt(sets), at the
  // Hodges–Lehmann estimate's 95.5% efficiency.
  const cellSd = setRatioSd(NOISY_HOST, VALUES) / Math.sqrt(0.955 * SETS);

  it("has a machine speed that swings far more than the tolerance asked of the estimates", () => {
    const medians = file.benchmarks[0]?.sets.map((s) => medianOf(s.values[0] ?? [])) ?? [];
    expect(Math.max(...medians) / Math.min(...medians)).toBeGreaterThan(1.2);
    expect(4 * cellSd).toBeLessThan(0.02);
  });

  it("recovers every benchmark's true ratio within four standard errors", () => {
    expect(cells).toHaveLength(30 * 3);
    for (const cell of cells) {
      const truth = TRUTH[cell.variant] as number;
      expect(Math.abs(Math.log(cell.speedup as number) - Math.log(truth))).toBeLessThan(4 * cellSd);
      expect(cell.sets).toBe(SETS);
    }
  });

  it("estimates each cell as the Hodges–Lehmann median of its sets' ratios", () => {
    for (const [r, row] of comparison.rows.entries()) {
      const bench = file.benchmarks[r] as VariantBenchmark;
      for (const cell of row.cells) {
        const d = bench.sets.map((s) => {
          const a = s.values[0] ?? [];
          const b = s.values[cell.variant] ?? [];
          return medianOf(a.map((x, k) => Math.log(x / (b[k] as number))));
        });
        expect(Math.log(cell.speedup as number)).toBeCloseTo(hodgesLehmann(d), 12);
        expect(cell.p).toBe(signedRankTest(d));
      }
      expect(row.baselineNs).toBeCloseTo(
        medianOf(bench.sets.map((s) => medianOf(s.values[0] ?? []))),
        6,
      );
    }
  });

  it("draws intervals that hold the truth in at least 90% of the cells", () => {
    const covered = cells.filter((cell) => {
      const truth = TRUTH[cell.variant] as number;
      return cell.interval !== null && cell.interval.low <= truth && truth <= cell.interval.high;
    });
    expect(covered.length / cells.length).toBeGreaterThanOrEqual(0.9);
    for (const cell of cells) {
      expect(cell.interval?.low).toBeLessThanOrEqual(cell.speedup as number);
      expect(cell.interval?.high).toBeGreaterThanOrEqual(cell.speedup as number);
    }
  });

  it("gives q-values that are Benjamini–Hochberg's over the whole table", () => {
    const p = cells.map((c) => c.p as number);
    const expected = bhByDefinition(p);
    cells.forEach((cell, i) => {
      expect(cell.q).toBeCloseTo(expected[i] as number, 12);
    });
  });

  it("marks the slower and faster variants in every benchmark, and few of the same speed", () => {
    const marks = (v: number) => cells.filter((c) => c.variant === v).map((c) => c.mark);
    expect(new Set(marks(2))).toEqual(new Set(["slower"]));
    expect(new Set(marks(3))).toEqual(new Set(["faster"]));
    const discoveries = cells.filter((c) => c.mark !== "same").length;
    const false_ = marks(1).filter((m) => m !== "same").length;
    // The false discovery rate is controlled at 5%: allow twice that in one table.
    expect(false_).toBeLessThanOrEqual(Math.floor(0.1 * discoveries));
    // A mark never disagrees with its own interval or q-value.
    for (const c of cells) {
      if (c.mark === "faster") expect(c.interval?.low).toBeGreaterThan(1);
      if (c.mark === "slower") expect(c.interval?.high).toBeLessThan(1);
      if (c.mark !== "same") expect(c.q).toBeLessThan(VARIANT_ALPHA);
    }
  });

  it("widens the table's intervals to the false coverage level, and says so", () => {
    const selected = cells.filter((c) => (c.q as number) < VARIANT_ALPHA).length;
    const level = 1 - (VARIANT_ALPHA * selected) / cells.length;
    expect(level).toBeGreaterThan(VARIANT_LEVEL);
    // Twelve sets reach any level up to 1 - 2 / 2^12, so every cell is drawn at it.
    for (const c of cells) expect(c.level).toBeCloseTo(level, 12);
    expect(comparison.tableLevel).toBeCloseTo(level, 12);
  });

  it("gives each variant's suite figure as the geometric mean of its cells, near the truth", () => {
    const [base, ...others] = comparison.summaries;
    expect(base?.suite).toBeNull();
    const suiteSd = cellSd / Math.sqrt(30);
    for (const s of others) {
      const own = cells.filter((c) => c.variant === s.variant);
      const logMean = own.reduce((sum, c) => sum + Math.log(c.speedup as number), 0) / own.length;
      expect(Math.log(s.suite?.geomean as number)).toBeCloseTo(logMean, 12);
      const truth = TRUTH[s.variant] as number;
      expect(Math.abs(logMean - Math.log(truth))).toBeLessThan(4 * suiteSd);
      // The paired bootstrap's interval: around the estimate, about as wide as the model says.
      const { low, high } = s.suite?.interval ?? { low: 0, high: 0 };
      expect(low).toBeLessThanOrEqual(s.suite?.geomean as number);
      expect(high).toBeGreaterThanOrEqual(s.suite?.geomean as number);
      const halfWidth = (Math.log(high) - Math.log(low)) / 2;
      expect(halfWidth).toBeGreaterThan(0.5 * 1.96 * suiteSd);
      expect(halfWidth).toBeLessThan(2 * 1.96 * suiteSd);
      expect(s.suite?.benchmarks).toBe(30);
      expect(s.suite?.significant).toBe(s.variant !== 1 || low > 1 || high < 1);
    }
  });

  it("is the same for the same seed, and draws the bootstrap from the seed", () => {
    expect(compareVariants(file, OPTIONS)).toEqual(comparison);
    const other = compareVariants(file, { ...OPTIONS, seed: 2 });
    expect(other.rows).toEqual(comparison.rows);
    expect(other.summaries[3]?.suite?.geomean).toBe(comparison.summaries[3]?.suite?.geomean);
    expect(other.summaries[3]?.suite?.interval).not.toEqual(
      comparison.summaries[3]?.suite?.interval,
    );
  });
});

describe(`the headline (seed ${SEED})`, () => {
  const run = (variants: VariantModel[], benchmarks = suite(8)): VariantComparison =>
    compareVariants(
      syntheticFile({ seed: SEED, variants, benchmarks, sets: 8, values: VALUES }),
      OPTIONS,
    );

  it("names a variant clearly ahead of all others as fastest, significantly", () => {
    const h = run(FOUR).headline;
    expect(h.kind).toBe("significant");
    expect(h.fastest).toBe(3);
    expect(h.versusBaseline?.from).toBe(0);
    expect(h.versusBaseline?.to).toBe(3);
    expect(h.versusBaseline?.geomean).toBeCloseTo(1.2, 1);
    // The runner-up is the baseline or its twin, which run at the same speed.
    expect([0, 1]).toContain(h.versusRunnerUp?.from);
    expect(h.versusRunnerUp?.to).toBe(3);
    expect(h.versusRunnerUp?.significant).toBe(true);
  });

  it("is inconclusive when two variants tie for fastest", () => {
    const h = run([
      { name: "base", speedup: 1 },
      { name: "twin a", speedup: 1.15 },
      { name: "twin b", speedup: 1.15 },
    ]).headline;
    expect(h.kind).toBe("inconclusive");
    expect([1, 2]).toContain(h.fastest);
    expect(h.versusRunnerUp?.from).toBe(3 - h.fastest);
    expect(h.versusRunnerUp?.significant).toBe(false);
    // Both are still significantly ahead of the baseline.
    expect(h.versusBaseline?.significant).toBe(true);
  });

  it("names the baseline when it is fastest, with its lead over the other of two variants", () => {
    const h = run([
      { name: "base", speedup: 1 },
      { name: "slower", speedup: 0.8 },
    ]).headline;
    expect(h.kind).toBe("significant");
    expect(h.fastest).toBe(0);
    expect(h.versusBaseline).toBeNull();
    expect(h.versusRunnerUp?.from).toBe(1);
    expect(h.versusRunnerUp?.to).toBe(0);
    expect(h.versusRunnerUp?.geomean).toBeCloseTo(1.25, 1);
  });

  it("is none when no benchmark could compare the variants", () => {
    const failed = suite(3, { status: "failed", reason: "ImportError", failedVariant: 0 });
    const one = suite(2, { sets: 1 });
    const c = run(FOUR.slice(0, 3), [...failed, ...one]);
    expect(c.headline).toEqual({
      fastest: 0,
      versusBaseline: null,
      versusRunnerUp: null,
      kind: "none",
    });
    expect(c.summaries.map((s) => s.suite)).toEqual([null, null, null]);
  });
});

describe(`benchmarks that failed or have too few sets (seed ${SEED})`, () => {
  const file = syntheticFile({
    seed: SEED,
    variants: FOUR.slice(0, 3),
    benchmarks: [
      ...suite(4),
      {
        name: "bench_fails_in_slower",
        ns: 500,
        status: "failed",
        reason: "RuntimeError: boom (in set 1, variant slower)",
        failedVariant: 2,
      },
      {
        name: "bench_skipped",
        ns: 500,
        status: "skipped",
        reason: "needs numpy",
        failedVariant: 0,
      },
      { name: "bench_one_set", ns: 500, sets: 1 },
    ],
    sets: 6,
    values: 3,
  });
  const comparison = compareVariants(file, OPTIONS);
  const row = (name: string) => comparison.rows.find((r) => r.name === name);

  it("says which variant a benchmark failed in, and why", () => {
    expect(row("bench_fails_in_slower")?.problem).toBe(
      "failed (slower): RuntimeError: boom (in set 1, variant slower)",
    );
    expect(row("bench_skipped")?.problem).toBe("skipped (base): needs numpy");
    expect(row("bench_one_set")?.problem).toBe("1 set: too few to compare");
  });

  it("gives them no figures, and leaves them out of the suite", () => {
    for (const name of ["bench_fails_in_slower", "bench_skipped", "bench_one_set"]) {
      const r = row(name);
      expect(r?.baselineNs).toBeNull();
      expect(r?.cells.map((c) => [c.mark, c.speedup, c.interval, c.q])).toEqual([
        ["failed", null, null, null],
        ["failed", null, null, null],
      ]);
    }
    expect(comparison.summaries[1]?.suite?.benchmarks).toBe(4);
    expect(comparison.summaries[2]?.suite?.benchmarks).toBe(4);
    // Six sets reach no level beyond 1 - 2/64; the table stays at 95% where the wider level is out of reach.
    for (const r of comparison.rows)
      for (const c of r.cells)
        if (c.level !== null) expect(c.level).toBeGreaterThanOrEqual(VARIANT_LEVEL);
  });

  it("counts the sets that could not be pinned", () => {
    const unpinned = syntheticFile({
      seed: SEED,
      variants: FOUR.slice(0, 2),
      benchmarks: suite(3),
      sets: 4,
      values: 2,
      unpinned: (s) => s === 0,
    });
    const c = compareVariants(unpinned, OPTIONS);
    expect(c.unpinnedSets).toBe(3);
    expect(c.totalSets).toBe(12);
  });
});

describe(`each variant's JIT per benchmark (seed ${SEED})`, () => {
  const file: VariantsFile = syntheticFile({
    seed: SEED,
    variants: [
      { name: "no jit", speedup: 1, jit: NO_JIT, rssKb: 20_480 },
      { name: "jit off", speedup: 1, jit: JIT_OFF, rssKb: 21_504 },
      { name: "jit on", speedup: 1.1, jit: JIT_ON, env: [["PYTHON_JIT", "1"]], rssKb: 30_720 },
      { name: "unknown", speedup: 1, jit: null },
    ],
    benchmarks: [
      { name: "bench_hot", ns: 1000, executors: [null, 0, 4, null] },
      { name: "bench_cold", ns: 1000, executors: [null, 0, 0, null] },
      { name: "bench_unscanned", ns: 1000 },
    ],
    sets: 3,
    values: 2,
  });
  const comparison = compareVariants(file, OPTIONS);

  it("reads engaged and idle from the workers' scans, and no-jit, off and unknown from the variant", () => {
    expect(comparison.rows.map((r) => r.jit)).toEqual([
      ["no-jit", "off", "engaged", "unknown"],
      ["no-jit", "off", "idle", "unknown"],
      ["no-jit", "off", "unknown", "unknown"],
    ]);
  });

  it("sums them per variant, with its JIT as its interpreter reported it", () => {
    expect(comparison.summaries.map((s) => [s.jit, s.engaged, s.idle])).toEqual([
      ["no-jit", 0, 0],
      ["off", 0, 0],
      ["on", 1, 1],
      ["unknown", 0, 0],
    ]);
  });

  it("takes the median peak memory of each variant's workers", () => {
    expect(comparison.summaries.map((s) => s.memoryKb)).toEqual([20_480, 21_504, 30_720, 20_000]);
  });

  it("takes engaged as the median over the sets: one set with executors is not enough", () => {
    const mixed = structuredClone(file);
    const hot = mixed.benchmarks[1] as VariantBenchmark;
    const first = hot.sets[0]?.engagement[2];
    if (!first) throw new Error("expected a scan");
    first.executors = 9;
    expect(compareVariants(mixed, OPTIONS).rows[1]?.jit[2]).toBe("idle");
    for (const set of hot.sets) {
      const scan = set.engagement[2];
      if (scan) scan.executors = 9;
    }
    expect(compareVariants(mixed, OPTIONS).rows[1]?.jit[2]).toBe("engaged");
  });
});
