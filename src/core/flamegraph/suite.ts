/**
 * The whole suite in one flame graph (docs/profile.svg): every benchmark's
 * stacks under one frame named after it, so the graph's first row shows how
 * the samples split between benchmarks and each one's own graph sits above.
 */
import { type Profile, profileFromCounts } from "./collapsed.js";

/**
 * The benchmarks' profiles merged under one root frame each; null when there
 * is none. Throws InputError past PROFILE_LIMITS, like any profile.
 */
export function suiteProfile(profiles: ReadonlyMap<string, Profile>): Profile | null {
  const counts = Object.create(null) as Record<string, number>;
  for (const [benchmark, profile] of profiles) {
    // A frame name cannot hold the separator; a benchmark name never should.
    const root = benchmark.replace(/;/g, ",");
    for (const stack of profile.stacks) {
      const key = [root, ...stack.frames].join(";");
      counts[key] = (counts[key] ?? 0) + stack.count;
    }
  }
  if (Object.keys(counts).length === 0) return null;
  return profileFromCounts(counts, "the suite's profile");
}
