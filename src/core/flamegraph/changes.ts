/**
 * Which frames gained or lost share of the samples between the legs. A share
 * is the fraction of a leg's samples whose stack ends in the frame (time in
 * its own code), so the two legs compare even when they took different
 * numbers of samples. A share that grows under the JIT may mean the frame got
 * slower, or that everything else got faster: these are shares, not times.
 */
import type { Profile } from "./collapsed.js";

export interface FrameChange {
  readonly frame: string;
  /** 0..1: the frame's share of the JIT-off samples. */
  readonly offShare: number;
  readonly onShare: number;
  /** onShare - offShare: above 0, the frame's share grew under the JIT. */
  readonly delta: number;
}

const TIE = 1e-12;

/** Share of samples ending in each frame name, wherever in the tree it was called from. */
export function selfShares(profile: Profile): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { frames, count } of profile.stacks) {
    const leaf = frames[frames.length - 1];
    if (leaf !== undefined) counts.set(leaf, (counts.get(leaf) ?? 0) + count);
  }
  const shares = new Map<string, number>();
  for (const [frame, count] of counts)
    shares.set(frame, profile.total > 0 ? count / profile.total : 0);
  return shares;
}

/** Every frame seen in either leg, the biggest growth first (ties by name). */
export function shareChanges(off: Profile, on: Profile): FrameChange[] {
  const offShares = selfShares(off);
  const onShares = selfShares(on);
  const frames = new Set([...offShares.keys(), ...onShares.keys()]);
  return [...frames]
    .map((frame) => {
      const offShare = offShares.get(frame) ?? 0;
      const onShare = onShares.get(frame) ?? 0;
      return { frame, offShare, onShare, delta: onShare - offShare };
    })
    .sort((a, b) => {
      // Shares are ratios: equal changes can differ in the last bits, and must still tie.
      if (Math.abs(b.delta - a.delta) > TIE) return b.delta - a.delta;
      return a.frame < b.frame ? -1 : a.frame > b.frame ? 1 : 0;
    });
}

/** The `n` frames whose share grew most under the JIT; only those that grew at all. */
export function topChanges(off: Profile, on: Profile, n: number): FrameChange[] {
  return shareChanges(off, on)
    .filter((change) => change.delta > TIE)
    .slice(0, Math.max(0, Math.floor(n)));
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

export function formatPoints(delta: number): string {
  const points = delta * 100;
  return `${points >= 0 ? "+" : "-"}${Math.abs(points).toFixed(1)} points`;
}

/**
 * The reading when the JIT leg had no JIT: its graphs compare two runs of one
 * interpreter, so no frame's change can be put down to the JIT.
 */
export function noJitReading(reason: string): string {
  return `No frame is attributed to the JIT: the JIT leg ran without one (${reason}), so the graphs compare two runs of the same interpreter.`;
}

/**
 * One line for a report, in plain text (frame names are the user's and
 * unescaped: escape them for the format the line goes into).
 */
export function describeTopChanges(changes: readonly FrameChange[]): string {
  if (changes.length === 0) return "No frame's share of the samples grew under the JIT.";
  const head =
    changes.length === 1
      ? "The frame that grew most under the JIT"
      : `The ${changes.length} frames that grew most under the JIT`;
  const items = changes.map(
    (c) =>
      `${c.frame} (${formatPoints(c.delta)}, ${percent(c.offShare)} -> ${percent(c.onShare)} of samples)`,
  );
  return `${head}: ${items.join(", ")}.`;
}
