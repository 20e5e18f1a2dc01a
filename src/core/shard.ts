/**
 * Splitting a suite across matrix jobs. A benchmark's shard depends on its
 * name alone (a stable hash, not its position in a list), so every job
 * agrees on the split even when their discoveries differ, and renaming or
 * adding one benchmark moves no other.
 */
import type { Shard } from "./artifact-names.js";
import { InputError } from "./errors.js";

export type { Shard } from "./artifact-names.js";

/** Enough for any matrix GitHub allows (256 jobs), with room for several matrices. */
export const MAX_SHARDS = 1000;

const SHARD_TEXT = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/;

/** Reads the `shard` input, `i/n` with 1 <= i <= n; empty means no sharding. */
export function parseShard(text: string, input = "shard"): Shard | null {
  if (text.trim() === "") return null;
  const match = SHARD_TEXT.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count || count > MAX_SHARDS) {
    throw new InputError(
      input,
      text,
      `must be i/n: whole numbers with 1 <= i <= n <= ${MAX_SHARDS}`,
      'Use for example "1/3", "2/3" and "3/3" in three matrix jobs, or leave it empty to run the whole suite.',
    );
  }
  return { index, count };
}

/**
 * 32-bit FNV-1a over the name's UTF-8 bytes: tiny, fixed forever, and the
 * same in every Node version, which a built-in string hash would not promise.
 */
export function stableHash(name: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(name)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The 1-based shard of `count` that owns the benchmark named `name`. */
export function shardOf(name: string, count: number): number {
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`bad shard count ${count}`);
  return (stableHash(name) % count) + 1;
}

/** The items this shard owns, in their original order; all of them when `shard` is null. */
export function inShard<T>(
  items: readonly T[],
  shard: Shard | null,
  nameOf: (item: T) => string,
): T[] {
  if (shard === null) return [...items];
  return items.filter((item) => shardOf(nameOf(item), shard.count) === shard.index);
}
