/**
 * The suite bootstrap for paired legs: within every benchmark it resamples
 * pairs (the independent unit: two processes alive together, one per leg) and
 * recomputes the estimate the report shows, the one-sample Hodges–Lehmann
 * shift of the pairs' log ratios; the mean over benchmarks is the log of the
 * suite's geometric mean.
 *
 * A resample that draws pair i w[i] times holds, among its Walsh averages,
 * (d[i] + d[j]) / 2 w[i] * w[j] times for i < j and w[i] * (w[i] + 1) / 2
 * times for i = j; so the Walsh averages are sorted once per benchmark and
 * each replicate is a weighted median found in one pass, with no sorting.
 *
 * As for unpaired legs (bootstrap.ts), a bootstrap of n pairs spreads a mean
 * over (n - 1) / n of its variance; each replicate is widened around the
 * estimate by sqrt(n / (n - 1)) to undo it.
 */
import { quantileSorted } from "./median.js";
import { createRng } from "./rng.js";
import { pairedShiftOf, type WalshSample } from "./signed-rank.js";
import type { Interval, SortedArray } from "./types.js";

export interface PairedBootstrapOptions {
  readonly resamples: number;
  readonly seed: number;
  readonly level: number;
  /** The RNG stream, apart from the unpaired bootstrap's leg streams. */
  readonly stream: number;
}

export interface PairedSuite {
  /** exp of the mean of the benchmarks' log shifts. */
  readonly geomean: number;
  readonly interval: Interval;
}

export function pairedSuiteGeomean(
  samples: readonly WalshSample[],
  options: PairedBootstrapOptions,
): PairedSuite {
  if (samples.length === 0) throw new RangeError("nothing to bootstrap");
  const { resamples } = options;
  if (!(Number.isInteger(resamples) && resamples >= 1)) {
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  }
  const rng = createRng(options.seed, options.stream);
  const replicates = new Float64Array(resamples);
  let point = 0;
  let most = 1;
  for (const s of samples) most = Math.max(most, s.n);
  const counts = new Float64Array(most);
  for (const sample of samples) {
    const estimate = pairedShiftOf(sample, options.level).estimate;
    point += estimate;
    const factor = sample.n > 1 ? Math.sqrt(sample.n / (sample.n - 1)) : 1;
    for (let r = 0; r < resamples; r++) {
      counts.fill(0, 0, sample.n);
      for (let draw = 0; draw < sample.n; draw++) {
        const i = rng.nextInt(sample.n);
        counts[i] = (counts[i] as number) + 1;
      }
      const shift = weightedWalshMedian(sample, counts);
      replicates[r] = (replicates[r] as number) + estimate + factor * (shift - estimate);
    }
  }
  for (let r = 0; r < resamples; r++) replicates[r] = (replicates[r] as number) / samples.length;
  replicates.sort();
  const sorted = replicates as SortedArray;
  const tail = (1 - options.level) / 2;
  return {
    geomean: Math.exp(point / samples.length),
    interval: {
      low: Math.exp(quantileSorted(sorted, tail)),
      high: Math.exp(quantileSorted(sorted, 1 - tail)),
    },
  };
}

/** The median Walsh average of a resample that drew pair i counts[i] times. */
export function weightedWalshMedian(sample: WalshSample, counts: ArrayLike<number>): number {
  const { walsh, first, second } = sample;
  let drawn = 0;
  for (let i = 0; i < sample.n; i++) drawn += counts[i] as number;
  const total = (drawn * (drawn + 1)) / 2;
  const lowTarget = (total - 1) >> 1;
  const highTarget = total >> 1;
  let seen = 0;
  let low = Number.NaN;
  for (let k = 0; k < walsh.length; k++) {
    const i = first[k] as number;
    const j = second[k] as number;
    const wi = counts[i] as number;
    const weight = i === j ? (wi * (wi + 1)) / 2 : wi * (counts[j] as number);
    if (weight === 0) continue;
    seen += weight;
    if (Number.isNaN(low) && seen > lowTarget) low = walsh[k] as number;
    if (seen > highTarget) return (low + (walsh[k] as number)) / 2;
  }
  return low;
}
