import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { inShard, parseShard, shardOf, stableHash } from "../../src/core/shard.js";

describe("stableHash", () => {
  it("is 32-bit FNV-1a over UTF-8, so every job and Node version agrees", () => {
    // Reference values of FNV-1a 32 (offset basis 0x811c9dc5, prime 0x01000193).
    expect(stableHash("")).toBe(0x811c9dc5);
    expect(stableHash("a")).toBe(0xe40c292c);
    expect(stableHash("foobar")).toBe(0xbf9cf968);
    // Non-ASCII names hash their UTF-8 bytes, not UTF-16 code units.
    expect(stableHash("é")).not.toBe(stableHash("\u00e9".normalize("NFD")));
  });
});

describe("shards", () => {
  const names = Array.from({ length: 200 }, (_, i) => `bench_case_${i}`);

  it("puts every benchmark in exactly one shard", () => {
    for (const count of [1, 2, 3, 7]) {
      const parts = Array.from({ length: count }, (_, i) =>
        inShard(names, { index: i + 1, count }, (n) => n),
      );
      expect(parts.flat().sort()).toEqual([...names].sort());
      expect(new Set(parts.flat()).size).toBe(names.length);
    }
  });

  it("depends on the name alone: adding a benchmark moves no other", () => {
    const before = names.map((n) => shardOf(n, 4));
    const withNew = ["bench_new", ...names];
    expect(withNew.slice(1).map((n) => shardOf(n, 4))).toEqual(before);
  });

  it("spreads a suite roughly evenly", () => {
    const sizes = [1, 2, 3, 4].map((index) => inShard(names, { index, count: 4 }, (n) => n).length);
    for (const size of sizes) expect(size).toBeGreaterThan(30);
  });

  it("keeps the original order within a shard, and everything without sharding", () => {
    const mine = inShard(names, { index: 2, count: 3 }, (n) => n);
    expect(mine).toEqual(names.filter((n) => mine.includes(n)));
    expect(inShard(names, null, (n) => n)).toEqual(names);
  });
});

describe("parseShard", () => {
  it("reads i/n, with spaces allowed, and empty as no sharding", () => {
    expect(parseShard("2/5")).toEqual({ index: 2, count: 5 });
    expect(parseShard(" 1 / 1 ")).toEqual({ index: 1, count: 1 });
    expect(parseShard("")).toBeNull();
  });

  it("refuses anything else with one error naming the input", () => {
    for (const bad of ["0/3", "4/3", "1/0", "a/b", "1", "1/3/5", "-1/3", "1/1001"]) {
      expect(() => parseShard(bad)).toThrow(InputError);
      expect(() => parseShard(bad)).toThrow(/^shard: must be i\/n/);
    }
  });
});
