/**
 * The bootstrap behind the suite's interval. Within every benchmark and leg it
 * resamples processes, the independent unit, and recomputes the very estimate
 * the report shows: the Hodges–Lehmann shift between the legs' per-process log
 * medians.
 *
 * Values within a process are not resampled a second time. A process's median
 * already carries its within-process noise into the spread between processes,
 * so resampling values again counts that noise twice; on the synthetic noise
 * model it widened the suite interval by a third to a half beyond the real
 * spread of the estimate, which costs the power to see a 2% effect.
 *
 * A bootstrap of n processes spreads a mean over (n - 1) / n of its true
 * variance, which leaves percentile intervals a little short at the 4 to 10
 * processes a run typically has. Each benchmark's replicates are therefore
 * widened around its estimate by the factor that undoes this for a difference
 * of two means; on the synthetic noise model it brings the A/A coverage of the
 * suite interval at 8 processes from about 94.7% to about 97%.
 *
 * Built for large suites: each benchmark's pairwise differences are sorted
 * once; a replicate draws process counts, finds the weight below the original
 * median with one merge-like pass, and walks from there to the replicate's
 * median (after one jump and a second pass, when it is far; resampled-shift.ts).
 * No sorting and no allocation per replicate.
 */
import { type ShiftSample, shiftEstimate } from "./differences.js";
import { type Scratch, weightedMedian } from "./resampled-shift.js";
import { createRng, type Rng } from "./rng.js";
import type { SortedArray } from "./types.js";

export interface BootstrapOptions {
  readonly resamples: number;
  readonly seed: number;
  /**
   * Each side draws from its own stream, named by the caller (by leg, say).
   * Swapping baseline and candidate together with their streams then gives
   * exactly the negated replicates.
   */
  readonly streams: { readonly baseline: number; readonly candidate: number };
}

/**
 * The resampled shifts of the benchmarks from `from` on, computed elsewhere
 * (by other threads, with bootstrapShifts). `take` is called once, after this
 * thread's own benchmarks, and returns them: benchmark `from + i`, replicate
 * r, at [i * resamples + r].
 */
export interface ComputedShifts {
  readonly from: number;
  take(): ArrayLike<number>;
}

/**
 * Replicates of the mean shift over the samples, sorted ascending. Benchmarks
 * from `computed.from` on take their shifts from `computed`; the replicates
 * are the same to the last bit either way.
 */
export function bootstrapMeanShift(
  samples: readonly ShiftSample[],
  options: BootstrapOptions,
  computed?: ComputedShifts,
): SortedArray {
  if (samples.length === 0) throw new RangeError("nothing to bootstrap");
  checkResamples(options.resamples);
  const resamples = options.resamples;
  const own = computed?.from ?? samples.length;
  const draw = new ShiftDrawer(samples.slice(0, own), options, { baseline: 0, candidate: 0 });
  const replicates = new Float64Array(resamples);
  const shifts = new Float64Array(resamples);
  let taken: ArrayLike<number> | null = null;
  // Benchmark by benchmark, all replicates at once: one benchmark's differences
  // stay in cache while they are walked a thousand times.
  for (let b = 0; b < samples.length; b++) {
    const sample = samples[b] as ShiftSample;
    const estimate = shiftEstimate(sample);
    const factor = smallSampleFactor(sample.m, sample.n);
    if (b < own) draw.shifts(sample, shifts, 0);
    else {
      taken ??= takeShifts(computed as ComputedShifts, (samples.length - own) * resamples);
      const at = (b - own) * resamples;
      for (let r = 0; r < resamples; r++) shifts[r] = taken[at + r] as number;
    }
    for (let r = 0; r < resamples; r++) {
      replicates[r] =
        (replicates[r] as number) + estimate + factor * ((shifts[r] as number) - estimate);
    }
  }
  for (let r = 0; r < resamples; r++) {
    replicates[r] = (replicates[r] as number) / samples.length;
  }
  replicates.sort();
  return replicates as SortedArray;
}

/**
 * What another thread computes for bootstrapMeanShift: the resampled shifts
 * of `samples`, a slice of the suite, into out[i * resamples + r]. `drawn` is
 * drawsBefore the slice: each stream moves past the draws of the benchmarks
 * before it, so every benchmark gets the draws it would get in one thread.
 */
export function bootstrapShifts(
  samples: readonly ShiftSample[],
  options: BootstrapOptions,
  drawn: Draws,
  out: Float64Array,
): void {
  checkResamples(options.resamples);
  const draw = new ShiftDrawer(samples, options, drawn);
  samples.forEach((sample, i) => {
    draw.shifts(sample, out, i * options.resamples);
  });
}

/** Draws taken from each stream. */
export interface Draws {
  readonly baseline: number;
  readonly candidate: number;
}

/** The draws the benchmarks before `from` take: a process per draw, per replicate. */
export function drawsBefore(
  samples: readonly ShiftSample[],
  from: number,
  resamples: number,
): Draws {
  let baseline = 0;
  let candidate = 0;
  for (const sample of samples.slice(0, from)) {
    baseline += sample.m * resamples;
    candidate += sample.n * resamples;
  }
  return { baseline, candidate };
}

function takeShifts(computed: ComputedShifts, expected: number): ArrayLike<number> {
  const shifts = computed.take();
  if (shifts.length < expected) {
    throw new RangeError(`${expected} computed shifts expected, got ${shifts.length}`);
  }
  return shifts;
}

function checkResamples(resamples: number): void {
  if (!(Number.isInteger(resamples) && resamples >= 1)) {
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  }
}

/** The two streams, past `drawn`, and scratch space for the largest sample. */
class ShiftDrawer {
  readonly #baseline: Rng;
  readonly #candidate: Rng;
  readonly #scratch: Scratch;
  readonly #resamples: number;

  constructor(samples: readonly ShiftSample[], options: BootstrapOptions, drawn: Draws) {
    this.#baseline = createRng(options.seed, options.streams.baseline);
    this.#candidate = createRng(options.seed, options.streams.candidate);
    this.#baseline.skip(drawn.baseline);
    this.#candidate.skip(drawn.candidate);
    let most = 1;
    for (const s of samples) most = Math.max(most, s.m, s.n);
    this.#scratch = {
      weightsX: new Float64Array(most),
      weightsY: new Float64Array(most),
      tailY: new Float64Array(most + 1),
    };
    this.#resamples = options.resamples;
  }

  /** One benchmark's resampled shifts into out[at..at + resamples). */
  shifts(sample: ShiftSample, out: Float64Array, at: number): void {
    const scratch = this.#scratch;
    for (let r = 0; r < this.#resamples; r++) {
      drawCounts(scratch.weightsX, sample.xRank, this.#baseline);
      drawCounts(scratch.weightsY, sample.yRank, this.#candidate);
      out[at + r] = weightedMedian(sample, scratch);
    }
  }
}

/**
 * sqrt(true variance / bootstrap variance) of a difference of two means of m
 * and n values: (1/m + 1/n) against ((m - 1)/m^2 + (n - 1)/n^2).
 */
export function smallSampleFactor(m: number, n: number): number {
  const resampled = (m - 1) / (m * m) + (n - 1) / (n * n);
  return resampled > 0 ? Math.sqrt((1 / m + 1 / n) / resampled) : 1;
}

/**
 * Draws len(rank) processes with replacement, by their original index, and
 * counts each draw at the process's sorted position.
 */
function drawCounts(counts: Float64Array, rank: Uint16Array, rng: Rng): void {
  const count = rank.length;
  counts.fill(0, 0, count);
  for (let d = 0; d < count; d++) {
    const at = rank[rng.nextInt(count)] as number;
    counts[at] = (counts[at] as number) + 1;
  }
}
