/**
 * The paired statistics against brute force: every sign pattern enumerated,
 * every Walsh average listed, every resample expanded value by value.
 */
import { describe, expect, it } from "vitest";
import { weightedWalshMedian } from "../../../src/core/stats/paired-bootstrap.js";
import {
  minimumSignedRankP,
  pairedShift,
  signedRankCounts,
  signedRankDepth,
  signedRankTest,
  walshSample,
} from "../../../src/core/stats/signed-rank.js";

/** W+ of every one of the 2^n sign patterns of ranks 1..n. */
function allWPlus(n: number): number[] {
  const out: number[] = [];
  for (let mask = 0; mask < 2 ** n; mask++) {
    let w = 0;
    for (let r = 1; r <= n; r++) if (mask & (1 << (r - 1))) w += r;
    out.push(w);
  }
  return out;
}

function naiveMedian(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function naiveWalsh(d: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < d.length; i++) {
    for (let j = i; j < d.length; j++) out.push(((d[i] as number) + (d[j] as number)) / 2);
  }
  return out.sort((a, b) => a - b);
}

describe("the signed-rank distribution", () => {
  it("counts every sign pattern once, as enumeration does", () => {
    for (let n = 1; n <= 12; n++) {
      const counts = signedRankCounts(n);
      const brute = new Array(counts.length).fill(0);
      for (const w of allWPlus(n)) brute[w]++;
      expect([...counts]).toEqual(brute);
    }
  });

  it("cuts the most Walsh averages whose tail stays within the level", () => {
    for (const n of [5, 6, 7, 10, 12]) {
      const all = allWPlus(n);
      for (const level of [0.95, 0.97]) {
        const k = signedRankDepth(n, level);
        const below = (c: number) => all.filter((w) => w < c).length / all.length;
        expect(below(k)).toBeLessThanOrEqual((1 - level) / 2);
        expect(below(k + 1)).toBeGreaterThan((1 - level) / 2);
      }
    }
    // Five pairs cannot give a 95% interval; six can, seven at 97%.
    expect(signedRankDepth(5, 0.95)).toBe(0);
    expect(signedRankDepth(6, 0.95)).toBe(1);
    expect(signedRankDepth(6, 0.97)).toBe(0);
    expect(signedRankDepth(7, 0.97)).toBe(1);
  });

  it("moves smoothly from the exact depth to the normal one at the limit", () => {
    const exact = signedRankDepth(50, 0.95);
    const normal = signedRankDepth(51, 0.95);
    expect(normal - exact).toBeGreaterThan(0);
    expect(normal - exact).toBeLessThan(40);
  });
});

describe("signedRankTest", () => {
  it("gives the exact two-sided p-value of enumeration without ties", () => {
    const d = [0.3, -0.1, 0.25, 0.4, -0.05, 0.12, 0.33, 0.21];
    const ranks = d
      .map((v, i) => ({ v, i }))
      .sort((a, b) => Math.abs(a.v) - Math.abs(b.v))
      .map((x, r) => ({ ...x, rank: r + 1 }));
    const wPlus = ranks.filter((x) => x.v > 0).reduce((s, x) => s + x.rank, 0);
    const all = allWPlus(d.length);
    const mean = (d.length * (d.length + 1)) / 4;
    const extreme = all.filter((w) => Math.abs(w - mean) >= Math.abs(wPlus - mean)).length;
    expect(signedRankTest(d)).toBeCloseTo(extreme / all.length, 12);
  });

  it("is 1 for differences that balance, and at its smallest when all share a sign", () => {
    expect(signedRankTest([0.1, -0.1, 0.2, -0.2])).toBe(1);
    expect(signedRankTest([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])).toBeCloseTo(minimumSignedRankP(6), 12);
    expect(minimumSignedRankP(6)).toBeCloseTo(2 / 64, 12);
  });

  it("drops zero differences, and says nothing with none left", () => {
    expect(signedRankTest([0, 0, 0])).toBe(1);
    expect(signedRankTest([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6])).toBeCloseTo(2 / 64, 12);
  });
});

describe("pairedShift", () => {
  it("estimates the median of the Walsh averages and cuts k from each end", () => {
    const d = [0.05, 0.02, 0.08, -0.01, 0.04, 0.06, 0.03, 0.07, 0.01, 0.05];
    const walsh = naiveWalsh(d);
    const shift = pairedShift(d, 0.95);
    expect(shift.estimate).toBeCloseTo(naiveMedian(walsh), 15);
    const k = signedRankDepth(d.length, 0.95);
    expect(shift.interval).toEqual({ low: walsh[k - 1], high: walsh[walsh.length - k] });
  });

  it("has no interval below the pairs a level needs", () => {
    expect(pairedShift([0.1, 0.2, 0.3, 0.4, 0.5], 0.95).interval).toBeNull();
  });

  it("negates exactly when the sides swap", () => {
    const d = [0.05, 0.02, 0.08, -0.01, 0.04, 0.06, 0.03];
    const a = pairedShift(d, 0.9);
    const b = pairedShift(
      d.map((x) => -x),
      0.9,
    );
    expect(b.estimate).toBeCloseTo(-a.estimate, 15);
    expect(b.interval?.low).toBeCloseTo(-(a.interval?.high ?? 0), 15);
    expect(b.p).toBeCloseTo(a.p, 15);
  });
});

describe("weightedWalshMedian", () => {
  it("is the one-sample Hodges–Lehmann estimate of the resample, expanded by hand", () => {
    const d = [0.3, -0.2, 0.15, 0.9, 0.05, 0.4, -0.1];
    const sample = walshSample(d);
    const seed = 20261207;
    let state = seed;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    for (let trial = 0; trial < 200; trial++) {
      const counts = new Array(d.length).fill(0);
      const drawn: number[] = [];
      for (let k = 0; k < d.length; k++) {
        const i = Math.floor(next() * d.length);
        counts[i]++;
        drawn.push(d[i] as number);
      }
      expect(weightedWalshMedian(sample, counts)).toBeCloseTo(naiveMedian(naiveWalsh(drawn)), 12);
    }
  });
});
