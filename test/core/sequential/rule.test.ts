/**
 * The stopping rule as a pure function: what it looks at, when it stops, and
 * what it projects, on hand-made processes.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_ALPHA, suiteLevel } from "../../../src/core/compare/marks.js";
import { measureRow } from "../../../src/core/compare/rows.js";
import type { BenchmarkResult, JitState, ProcessRecord } from "../../../src/core/results.js";
import { limitLevel, widestLook } from "../../../src/core/stats/near-limit.js";
import {
  decide,
  lookAt,
  OUT_OF_REACH_SLACK,
  outOfReach,
  projectedProcesses,
  relativeHalfWidth,
  SEQUENTIAL_LEVEL,
  type StoppingRule,
  spreadHalfWidth,
} from "../../../src/core/stats/stopping-rule.js";

const JIT: JitState = {
  compiled: false,
  tier2: false,
  enabled: false,
  active: false,
  method: "sysconfig",
  detail: "hand-made",
};

function processes(medians: readonly number[]): ProcessRecord[] {
  return medians.map((ns, index) => ({
    index,
    order: index,
    warmups: [],
    values: [ns * 0.99, ns, ns * 1.02],
    peakRssKb: null,
    jit: JIT,
  }));
}

const RULE: StoppingRule = { precision: 0.05, minProcesses: 6, maxProcesses: 20 };
const OFF = processes([100, 102, 98, 101, 99, 103, 100, 97]);
const ON = processes([80, 81, 79, 80.5, 79.5, 82, 80, 78]);

describe("lookAt", () => {
  it("looks at compare's own row interval, at the rule's level", () => {
    const look = lookAt(RULE, { off: OFF, on: ON });
    const asResult = (p: ProcessRecord[]): BenchmarkResult => ({
      name: "b",
      file: "b.py",
      async: false,
      status: "ok",
      reason: null,
      loops: 1,
      processes: p,
      failures: [],
      stats: null,
      summary: null,
    });
    const row = measureRow(
      "b",
      asResult(OFF),
      asResult(ON),
      { baseline: "no-JIT", candidate: "JIT" },
      SEQUENTIAL_LEVEL,
    ).row;
    expect(look.processes).toBe(8);
    expect(look.interval).toEqual(row.interval);
    expect(look.halfWidth).toBeCloseTo(relativeHalfWidth(row.interval) as number, 15);
    expect(look.target).toBe(0.05);
    // no-JIT time / JIT time: the JIT leg is about 25% faster here.
    expect(look.interval?.low).toBeGreaterThan(1.2);
  });

  it("holds one leg to its own time's interval, and a target narrower by sqrt(2)", () => {
    const look = lookAt(RULE, { on: ON });
    expect(look.target).toBeCloseTo(0.05 / Math.SQRT2, 15);
    // Eight processes at 97%: the interval runs from the smallest to the largest median.
    expect(look.interval).toEqual({ low: 78, high: 82 });
    expect(look.halfWidth).toBeCloseTo(4 / 160, 15);
  });

  it("counts the smaller leg, and has no interval before it can reach the level", () => {
    const look = lookAt(RULE, { off: OFF.slice(0, 2), on: ON });
    expect(look.processes).toBe(2);
    expect(look.interval).toBeNull();
    expect(look.halfWidth).toBeNull();
  });
});

describe("decide", () => {
  const look = (processes: number, halfWidth: number | null) => ({
    processes,
    halfWidth,
    interval: null,
    target: 0.01,
  });
  const rule = { precision: 0.01, minProcesses: 6, maxProcesses: 20 };

  it("never stops before the minimum, however narrow", () => {
    expect(decide(rule, look(4, 0.001))).toBe("continue");
  });

  it("stops once the half-width is within the target", () => {
    expect(decide(rule, look(6, 0.0101))).toBe("continue");
    expect(decide(rule, look(6, 0.01))).toBe("precise");
  });

  it("stops at the process limit, precise or not", () => {
    expect(decide(rule, look(20, 0.05))).toBe("limit");
    expect(decide(rule, look(20, null))).toBe("limit");
    expect(decide(rule, look(20, 0.005))).toBe("precise");
  });
});

describe("projectedProcesses", () => {
  it("scales the processes by the squared ratio of width to target", () => {
    expect(
      projectedProcesses({ processes: 10, halfWidth: 0.02, interval: null, target: 0.01 }),
    ).toBe(40);
    expect(
      projectedProcesses({ processes: 10, halfWidth: 0.005, interval: null, target: 0.01 }),
    ).toBe(10);
    expect(
      projectedProcesses({ processes: 10, halfWidth: null, interval: null, target: 0.01 }),
    ).toBeNull();
  });
});

describe("outOfReach", () => {
  // 10 processes at twice the target: about 40 needed, 30 more.
  const look = { processes: 10, halfWidth: 0.02, interval: null, target: 0.01 };

  it("holds when the processes still needed cost far more than all the time left", () => {
    // 30 more pairs at 1 s: 30 s, against what is left.
    expect(outOfReach(look, 1000, 30_000 / OUT_OF_REACH_SLACK - 1)).toBe(true);
    expect(outOfReach(look, 1000, 30_000 / OUT_OF_REACH_SLACK)).toBe(false);
    expect(outOfReach(look, 1000, 120_000)).toBe(false);
  });

  it("never holds for a benchmark already precise or with no interval yet", () => {
    expect(outOfReach({ ...look, halfWidth: 0.009 }, 1e9, 0)).toBe(false);
    expect(outOfReach({ ...look, halfWidth: null }, 1e9, 0)).toBe(false);
  });
});

describe("relativeHalfWidth", () => {
  it("is the half-width around the interval's midpoint", () => {
    expect(relativeHalfWidth({ low: 0.99, high: 1.01 })).toBeCloseTo(0.01, 15);
    expect(relativeHalfWidth({ low: 2, high: 6 })).toBeCloseTo(0.5, 15);
    expect(relativeHalfWidth(null)).toBeNull();
    expect(relativeHalfWidth({ low: 0, high: 1 })).toBeNull();
  });
});

describe("projections with a wild pair", () => {
  // Eleven pairs near 0.90 and one 1.6: the interval of twelve is wide, the pairs' spread is not.
  const d = [
    -0.1, -0.087, -0.107, -0.081, -0.116, -0.095, -0.095, -0.091, -0.091, 0.473, -0.093, -0.132,
  ];

  it("takes the spread from the median absolute deviation, which one wild pair barely moves", () => {
    const spread = spreadHalfWidth(d, 0.97) as number;
    const tame = spreadHalfWidth(
      d.map((x) => (x > 0 ? -0.09 : x)),
      0.97,
    ) as number;
    expect(spread).toBeGreaterThan(0);
    expect(spread / tame).toBeLessThan(1.3);
    expect(spreadHalfWidth([0.1, 0.2], 0.97)).toBeNull();
  });

  it("projects from the narrower of the interval and the spread, and always past the pairs so far", () => {
    const look = { processes: 12, interval: null, halfWidth: 0.139, target: 0.01, paired: true };
    expect(projectedProcesses(look)).toBe(Math.ceil(12 * 13.9 ** 2));
    expect(projectedProcesses({ ...look, spreadHalfWidth: 0.013 })).toBe(Math.ceil(12 * 1.3 ** 2));
    expect(projectedProcesses({ ...look, spreadHalfWidth: 0.005 })).toBe(13);
  });
});

describe("limitLevel", () => {
  it("is the widest level compare draws a row at for the suite, or the rule's own when wider", () => {
    expect(limitLevel(RULE, 15)).toBeCloseTo(1 - 0.05 / 15, 12);
    expect(limitLevel(RULE, 15)).toBeGreaterThanOrEqual(suiteLevel(1, 14, DEFAULT_ALPHA));
    expect(limitLevel(RULE, 1)).toBe(SEQUENTIAL_LEVEL);
    expect(limitLevel({ ...RULE, level: 0.999 }, 15)).toBe(0.999);
  });
});

describe("widestLook", () => {
  // 8 pairs give a signed-rank interval up to 1 - 2/2^8 = 99.2%, none at 99.7%.
  const offNs = [100, 101, 99, 102, 98, 100, 103, 97];
  const onNs = [90, 92, 89, 91, 95, 88, 90, 93];
  const paired = (medians: readonly number[]) =>
    processes(medians).map((p, index) => ({
      ...p,
      pair: { index, pairing: "alternate" as const, cpu: 0, unpinned: null, first: "off" as const },
    }));
  const off = paired(offNs);
  const on = paired(onNs);
  const at = (level: number) => lookAt(RULE, { off, on }, level);

  it("is the look at the level asked when the processes give an interval there", () => {
    expect(widestLook(at, 0.985, SEQUENTIAL_LEVEL)).toEqual(at(0.985));
  });

  it("is the widest interval the processes give when they are too few for the level asked", () => {
    expect(at(0.997).interval).toBeNull();
    const widest = widestLook(at, 0.997, SEQUENTIAL_LEVEL);
    const ratios = offNs.map((ns, i) => ns / (onNs[i] as number));
    // The whole range of the pairs' ratios: nothing the report can draw is wider.
    expect(widest.interval?.low).toBeCloseTo(Math.min(...ratios), 6);
    expect(widest.interval?.high).toBeCloseTo(Math.max(...ratios), 6);
    expect(widest.halfWidth).toBeGreaterThan(at(SEQUENTIAL_LEVEL).halfWidth as number);
  });
});
