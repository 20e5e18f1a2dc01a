/**
 * Everything drawn for one benchmark: a graph (or a note) per leg that was
 * profiled, the differential graph when both were, and the frames whose share
 * grew most under the JIT, for the one-line reading in a summary.
 */
import type { Leg } from "../results.js";
import { type FrameChange, topChanges } from "./changes.js";
import type { Profile } from "./collapsed.js";
import {
  type FlameGraphOutcome,
  legTitle,
  renderDiffFlameGraph,
  renderFlameGraph,
} from "./render.js";

export const GRAPH_KINDS = ["off", "on", "diff"] as const;
export type GraphKind = (typeof GRAPH_KINDS)[number];

export interface BenchmarkFlameGraphs {
  readonly benchmark: string;
  readonly graphs: Partial<Record<GraphKind, FlameGraphOutcome>>;
  /** Empty unless both legs were profiled. */
  readonly grew: readonly FrameChange[];
}

export const TOP_CHANGES = 3;

export function flameGraphsFor(
  benchmark: string,
  profiles: Partial<Record<Leg, Profile>>,
  minSamples?: number,
): BenchmarkFlameGraphs {
  const graphs: Partial<Record<GraphKind, FlameGraphOutcome>> = {};
  const common = minSamples === undefined ? {} : { minSamples };
  for (const leg of ["off", "on"] as const) {
    const profile = profiles[leg];
    if (profile)
      graphs[leg] = renderFlameGraph(profile, { title: legTitle(benchmark, leg), ...common });
  }
  const { off, on } = profiles;
  if (!off || !on) return { benchmark, graphs, grew: [] };
  graphs.diff = renderDiffFlameGraph(off, on, {
    title: `${benchmark}: JIT on against JIT off`,
    ...common,
  });
  const grew = graphs.diff.kind === "svg" ? topChanges(off, on, TOP_CHANGES) : [];
  return { benchmark, graphs, grew };
}
