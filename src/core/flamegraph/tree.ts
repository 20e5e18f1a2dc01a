/**
 * From stacks to a tree and from the tree to boxes. Children are ordered by
 * name, not by size, as flame graphs are: the same code paths then sit in
 * the same place in both legs' graphs, and x means nothing but "alphabet".
 */
import type { Profile } from "./collapsed.js";

export interface FlameNode {
  readonly name: string;
  /** Samples with this frame on the stack at this path (itself and everything it called). */
  total: number;
  /** Samples whose stack ends at this frame: time in the function's own code. */
  self: number;
  readonly children: Map<string, FlameNode>;
}

export const ROOT_NAME = "all";

function node(name: string): FlameNode {
  return { name, total: 0, self: 0, children: new Map() };
}

export function buildTree(profile: Profile): FlameNode {
  const root = node(ROOT_NAME);
  for (const { frames, count } of profile.stacks) {
    root.total += count;
    let current = root;
    for (const frame of frames) {
      let child = current.children.get(frame);
      if (!child) {
        child = node(frame);
        current.children.set(frame, child);
      }
      child.total += count;
      current = child;
    }
    current.self += count;
  }
  return root;
}

/** One frame as drawn: where it sits as fractions of the full width, and how deep. */
export interface FrameBox {
  readonly node: FlameNode;
  /** Left edge, 0..1 of the width. */
  readonly x: number;
  /** 0..1 of the width: node.total / root.total. */
  readonly width: number;
  /** 0 for the root. */
  readonly depth: number;
}

export interface LayoutOptions {
  /** Frames narrower than this fraction of the width are left out, and so is all they called. */
  minWidth: number;
  /** At most this many boxes: the narrowest go first. */
  maxFrames: number;
}

export interface Layout {
  readonly boxes: readonly FrameBox[];
  /** Frames left out for being too narrow or too many. */
  readonly omitted: number;
  readonly maxDepth: number;
}

function byName(a: FlameNode, b: FlameNode): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function countNodes(root: FlameNode): number {
  let count = 0;
  const pending = [root];
  for (let next = pending.pop(); next; next = pending.pop()) {
    count += 1;
    pending.push(...next.children.values());
  }
  return count;
}

export function layout(root: FlameNode, options: LayoutOptions): Layout {
  const boxes: FrameBox[] = [];
  if (root.total <= 0) return { boxes, omitted: countNodes(root) - 1, maxDepth: 0 };
  const pending: FrameBox[] = [{ node: root, x: 0, width: 1, depth: 0 }];
  for (let box = pending.pop(); box; box = pending.pop()) {
    boxes.push(box);
    let x = box.x;
    for (const child of [...box.node.children.values()].sort(byName)) {
      const width = child.total / root.total;
      if (width >= options.minWidth) {
        pending.push({ node: child, x, width, depth: box.depth + 1 });
      }
      x += width;
    }
  }
  // A parent is never narrower than its child, and sorting by depth breaks ties in its favour,
  // so keeping the widest boxes keeps every kept box's ancestors too.
  const kept =
    boxes.length <= options.maxFrames
      ? boxes
      : [...boxes]
          .sort((a, b) => b.width - a.width || a.depth - b.depth)
          .slice(0, options.maxFrames);
  kept.sort((a, b) => a.depth - b.depth || a.x - b.x);
  return {
    boxes: kept,
    omitted: countNodes(root) - kept.length,
    maxDepth: kept.reduce((max, box) => Math.max(max, box.depth), 0),
  };
}
