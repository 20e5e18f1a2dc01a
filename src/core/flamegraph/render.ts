/**
 * Flame graphs of one leg, and the differential graph of JIT on against off.
 * Too few samples give a note, never an empty or misleading picture.
 */
import { type Leg, PYTHON_JIT_VALUE } from "../results.js";
import { formatPoints } from "./changes.js";
import type { Profile } from "./collapsed.js";
import { diffColor, frameColor, LEGEND_COLORS } from "./colors.js";
import { INNER_WIDTH, renderDocument } from "./svg.js";
import { buildTree, type FlameNode, type Layout, layout } from "./tree.js";

/** Below this many samples a profile says too little to draw. */
export const DEFAULT_MIN_SAMPLES = 20;
const DEFAULT_MAX_FRAMES = 10_000;
/** Frames narrower than this at full width are left out (flame graph tools do the same). */
const MIN_WIDTH_PX = 0.1;

export interface FlameGraphOptions {
  readonly title: string;
  /** Replaces the generated line under the title. */
  readonly subtitle?: string;
  readonly minSamples?: number;
  readonly maxFrames?: number;
}

export type FlameGraphOutcome =
  | {
      readonly kind: "svg";
      readonly svg: string;
      readonly samples: number;
      readonly omitted: number;
    }
  | { readonly kind: "note"; readonly note: string; readonly samples: number };

export function legTitle(benchmark: string, leg: Leg): string {
  return `${benchmark}: JIT ${leg} (PYTHON_JIT=${PYTHON_JIT_VALUE[leg]})`;
}

function tooShort(title: string, samples: number, minimum: number): FlameGraphOutcome {
  return {
    kind: "note",
    samples,
    note:
      `${title}: only ${samples} stack sample${samples === 1 ? "" : "s"} inside the benchmark, ` +
      `fewer than the ${minimum} a flame graph needs, so none was drawn. ` +
      "Profile for longer, or check that the benchmark ran.",
  };
}

function layoutOf(root: FlameNode, options: FlameGraphOptions): Layout {
  return layout(root, {
    minWidth: MIN_WIDTH_PX / INNER_WIDTH,
    maxFrames: options.maxFrames ?? DEFAULT_MAX_FRAMES,
  });
}

function omittedNote(omitted: number): string {
  return omitted > 0 ? ` ${omitted} frames too narrow to draw are left out.` : "";
}

function percent(part: number, whole: number): string {
  return `${whole > 0 ? ((part / whole) * 100).toFixed(1) : "0.0"}%`;
}

export function renderFlameGraph(profile: Profile, options: FlameGraphOptions): FlameGraphOutcome {
  const minimum = options.minSamples ?? DEFAULT_MIN_SAMPLES;
  if (profile.total < minimum) return tooShort(options.title, profile.total, minimum);
  const root = buildTree(profile);
  const frames = layoutOf(root, options);
  const subtitle =
    options.subtitle ??
    `${profile.total} stack samples. A frame's width is its share of them.${omittedNote(frames.omitted)}`;
  const svg = renderDocument({
    title: options.title,
    subtitle,
    layout: frames,
    fill: (box) => (box.depth === 0 ? "rgb(200,200,200)" : frameColor(box.node.name)),
    tooltip: ({ node }) =>
      `${node.name}: ${node.total} samples, ${percent(node.total, root.total)}` +
      ` (own code ${node.self}, ${percent(node.self, root.total)})`,
    legend: [],
  });
  return { kind: "svg", svg, samples: profile.total, omitted: frames.omitted };
}

/** For each node of `on`, the node at the same path in `off`, when there is one. */
function counterparts(on: FlameNode, off: FlameNode): Map<FlameNode, FlameNode> {
  const pairs = new Map<FlameNode, FlameNode>();
  const pending: [FlameNode, FlameNode][] = [[on, off]];
  for (let pair = pending.pop(); pair; pair = pending.pop()) {
    const [a, b] = pair;
    pairs.set(a, b);
    for (const [name, child] of a.children) {
      const other = b.children.get(name);
      if (other) pending.push([child, other]);
    }
  }
  return pairs;
}

/**
 * Widths are the JIT-on profile; colours are how each frame's share of the
 * samples in its own code changed from JIT off to JIT on: red grew, blue
 * shrank, stronger for bigger changes. Frames seen only with the JIT off
 * have no width here; topChanges and shareChanges still list them.
 */
export function renderDiffFlameGraph(
  off: Profile,
  on: Profile,
  options: FlameGraphOptions,
): FlameGraphOutcome {
  const minimum = options.minSamples ?? DEFAULT_MIN_SAMPLES;
  if (off.total < minimum) return tooShort(`${options.title} (JIT off)`, off.total, minimum);
  if (on.total < minimum) return tooShort(`${options.title} (JIT on)`, on.total, minimum);
  const onRoot = buildTree(on);
  const offRoot = buildTree(off);
  const pairs = counterparts(onRoot, offRoot);
  const delta = (node: FlameNode): number =>
    node.self / on.total - (pairs.get(node)?.self ?? 0) / off.total;
  const frames = layoutOf(onRoot, options);
  // The strongest colour goes to the biggest change drawn, but never to less than one point:
  // a graph where nothing moved should look grey, not loud.
  const scale = Math.max(0.01, ...frames.boxes.map((box) => Math.abs(delta(box.node))));
  const subtitle =
    options.subtitle ??
    `Width: share of the ${on.total} JIT-on samples. Colour: change in each frame's share of samples ` +
      `in its own code from JIT off (${off.total} samples) to JIT on.${omittedNote(frames.omitted)}`;
  const svg = renderDocument({
    title: options.title,
    subtitle,
    layout: frames,
    fill: (box) => diffColor(delta(box.node), scale),
    tooltip: ({ node }) => {
      const before = pairs.get(node);
      return (
        `${node.name}: JIT off ${percent(before?.self ?? 0, off.total)} own code, ` +
        `${percent(before?.total ?? 0, off.total)} with callees; JIT on ${percent(node.self, on.total)} own code, ` +
        `${percent(node.total, on.total)} with callees; own code ${formatPoints(delta(node))}`
      );
    },
    legend: [
      { color: LEGEND_COLORS.grew, label: "share grew under the JIT" },
      { color: LEGEND_COLORS.unchanged, label: "unchanged" },
      { color: LEGEND_COLORS.shrank, label: "share shrank" },
    ],
  });
  return { kind: "svg", svg, samples: on.total, omitted: frames.omitted };
}
