/** Matching benchmark names between legs, and the error when nothing matches. */
import { distance } from "fastest-levenshtein";
import { InputError } from "../errors.js";

/** Pairs of names from the two lists, nearest first (by edit distance). */
export function closestNames(
  baseline: readonly string[],
  candidate: readonly string[],
  limit = 3,
): Array<[string, string]> {
  // Large suites: compare a bounded number of names, enough to show the pattern.
  const a = baseline.slice(0, 300);
  const b = candidate.slice(0, 300);
  const scored: Array<{ pair: [string, string]; score: number }> = [];
  for (const x of a) {
    for (const y of b)
      scored.push({ pair: [x, y], score: distance(x, y) / Math.max(x.length, y.length, 1) });
  }
  scored.sort((p, q) => p.score - q.score);
  const taken = new Set<string>();
  const result: Array<[string, string]> = [];
  for (const { pair } of scored) {
    if (taken.has(pair[0]) || taken.has(`\u0000${pair[1]}`)) continue;
    taken.add(pair[0]);
    taken.add(`\u0000${pair[1]}`);
    result.push(pair);
    if (result.length === limit) break;
  }
  return result;
}

export function noCommonBenchmarks(
  sources: { readonly baseline: string; readonly candidate: string },
  baseline: readonly string[],
  candidate: readonly string[],
): InputError {
  if (baseline.length === 0 || candidate.length === 0) {
    const empty = baseline.length === 0 ? sources.baseline : sources.candidate;
    return new InputError(
      empty,
      0,
      "holds no benchmarks, so there is nothing to compare",
      "Check the suite path and --include/--exclude of the run that wrote it.",
    );
  }
  const pairs = closestNames(baseline, candidate)
    .map(([x, y]) => `${JSON.stringify(x)} ~ ${JSON.stringify(y)}`)
    .join(", ");
  return new InputError(
    `${sources.baseline} vs ${sources.candidate}`,
    `${baseline.length} and ${candidate.length} benchmarks`,
    `no benchmark name is in both legs; the closest names are ${pairs}`,
    "Compare two runs of the same suite, or rename the benchmarks so that they match.",
  );
}
