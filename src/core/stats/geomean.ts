/**
 * The suite's geometric mean speedup and its interval. The point estimate is
 * the geometric mean of the per-benchmark speedups the report shows, so a
 * reader can check it by hand; the interval is the percentile interval of the
 * same quantity over bootstrap replicates (see bootstrap.ts).
 */
import { type BootstrapOptions, bootstrapMeanShift } from "./bootstrap.js";
import { type ShiftSample, shiftEstimate } from "./differences.js";
import { quantileSorted } from "./median.js";
import type { Interval, NonEmptyArray, SortedArray } from "./types.js";

export function geometricMean(values: NonEmptyArray<number>): number {
  let logSum = 0;
  for (const value of values) {
    if (!(value > 0)) throw new RangeError(`geometric mean of a non-positive value: ${value}`);
    logSum += Math.log(value);
  }
  return Math.exp(logSum / values.length);
}

export interface SuiteEstimate {
  /** The geometric mean of the per-benchmark speedups. */
  readonly geomean: number;
  readonly interval: Interval;
}

/**
 * What computes the bootstrap's sorted replicates: bootstrapMeanShift in this
 * thread, or the same spread over threads (src/adapters/bootstrap-threads.ts).
 */
export type BootstrapRunner = (
  samples: readonly ShiftSample[],
  options: BootstrapOptions,
) => SortedArray;

/** Each sample holds one benchmark's log per-process medians, baseline against candidate. */
export function suiteGeomean(
  samples: NonEmptyArray<ShiftSample>,
  options: BootstrapOptions & { readonly level: number },
  bootstrap: BootstrapRunner = bootstrapMeanShift,
): SuiteEstimate {
  let pointLog = 0;
  for (const sample of samples) pointLog += shiftEstimate(sample);
  pointLog /= samples.length;
  const replicates = bootstrap(samples, options);
  const tail = (1 - options.level) / 2;
  return {
    geomean: Math.exp(pointLog),
    interval: {
      low: Math.exp(quantileSorted(replicates, tail)),
      high: Math.exp(quantileSorted(replicates, 1 - tail)),
    },
  };
}
