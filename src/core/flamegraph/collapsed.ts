/**
 * Collapsed stacks: one sampled call stack per line, root first, frames
 * separated by ";", then a space and how many samples had exactly that
 * stack ("bench:bench_x;bench:helper 812"). They come from a profiling
 * process, so they are validated here like any other outside input.
 */
import { InputError } from "../errors.js";

export const PROFILE_LIMITS = {
  /** Distinct stacks in one profile. */
  maxStacks: 50_000,
  /** Frames in one stack. */
  maxDepth: 1024,
  /** Characters in one frame name. */
  maxNameLength: 1000,
  /** Samples in one profile, all stacks together. */
  maxTotal: 1_000_000_000,
  /** Characters of collapsed text. */
  maxTextLength: 64 * 1024 * 1024,
} as const;

export interface StackCount {
  /** Root first. */
  readonly frames: readonly string[];
  /** A positive whole number of samples. */
  readonly count: number;
}

export interface Profile {
  /** Distinct stacks, sorted by their frames, so that equal profiles compare equal. */
  readonly stacks: readonly StackCount[];
  /** Samples over all stacks. */
  readonly total: number;
}

const FIX =
  "Pass collapsed stacks as jit-bench run --profile writes them: one `frame;frame;leaf count` per line.";

function splitFrames(stack: string, where: string): string[] {
  const frames = stack.split(";");
  if (frames.length > PROFILE_LIMITS.maxDepth) {
    throw new InputError(
      where,
      stack,
      `has ${frames.length} frames, more than ${PROFILE_LIMITS.maxDepth}`,
      FIX,
    );
  }
  for (const frame of frames) {
    if (frame.trim() === "") {
      throw new InputError(where, stack, "has an empty frame name", FIX);
    }
    if (frame.length > PROFILE_LIMITS.maxNameLength) {
      throw new InputError(
        where,
        frame,
        `is a frame name longer than ${PROFILE_LIMITS.maxNameLength} characters`,
        FIX,
      );
    }
  }
  return frames;
}

function checkCount(count: unknown, where: string): number {
  if (typeof count !== "number" || !Number.isSafeInteger(count) || count < 1) {
    throw new InputError(where, count, "must be a positive whole number of samples", FIX);
  }
  return count;
}

/** Merges duplicates, checks the bounds and sorts: the one way every Profile is made. */
class ProfileBuilder {
  private readonly counts = new Map<string, { frames: string[]; count: number }>();
  private total = 0;

  constructor(private readonly source: string) {}

  add(frames: string[], count: number, where: string): void {
    const key = frames.join("\n");
    const existing = this.counts.get(key);
    if (existing) existing.count += count;
    else {
      if (this.counts.size >= PROFILE_LIMITS.maxStacks) {
        throw new InputError(
          where,
          `${this.counts.size + 1} stacks`,
          `holds more than ${PROFILE_LIMITS.maxStacks} distinct stacks`,
          FIX,
        );
      }
      this.counts.set(key, { frames, count });
    }
    this.total += count;
    if (this.total > PROFILE_LIMITS.maxTotal) {
      throw new InputError(
        this.source,
        this.total,
        `holds more than ${PROFILE_LIMITS.maxTotal} samples`,
        FIX,
      );
    }
  }

  build(): Profile {
    const stacks = [...this.counts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, stack]) => ({ frames: stack.frames, count: stack.count }));
    return { stacks, total: this.total };
  }
}

const LINE = /^(.*?)\s+(\S+)$/;

/** Parses collapsed text; errors name `source` and the line. */
export function parseCollapsed(text: string, source: string): Profile {
  if (text.length > PROFILE_LIMITS.maxTextLength) {
    throw new InputError(
      source,
      `${text.length} characters`,
      `is longer than ${PROFILE_LIMITS.maxTextLength} characters`,
      FIX,
    );
  }
  const builder = new ProfileBuilder(source);
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const where = `${source}:${index + 1}`;
    const match = LINE.exec(line.trim());
    const stack = match?.[1];
    const count = match?.[2];
    if (stack === undefined || count === undefined || stack === "") {
      throw new InputError(where, line, "is not `frame;frame;leaf count`", FIX);
    }
    if (!/^\d+$/.test(count)) {
      throw new InputError(where, count, "must be a positive whole number of samples", FIX);
    }
    builder.add(splitFrames(stack, where), checkCount(Number(count), where), where);
  }
  return builder.build();
}

/** Reads the `stacks` object of a profiling result: `{ "a;b;c": 12, ... }`. */
export function profileFromCounts(raw: unknown, source: string): Profile {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new InputError(source, raw, "must be an object of stack -> sample count", FIX);
  }
  const builder = new ProfileBuilder(source);
  for (const [stack, count] of Object.entries(raw)) {
    const where = `${source}[${JSON.stringify(stack.slice(0, 80))}]`;
    builder.add(splitFrames(stack, where), checkCount(count, where), where);
  }
  return builder.build();
}

/** Collapsed text, one stack per line, for other flame graph tools. */
export function formatCollapsed(profile: Profile): string {
  return profile.stacks.map((stack) => `${stack.frames.join(";")} ${stack.count}\n`).join("");
}
