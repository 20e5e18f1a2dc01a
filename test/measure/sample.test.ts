import { describe, expect, it } from "vitest";
import { sampleProcess, statsOfValues } from "../../src/measure/sample.js";

/** A stand-in worker that hands out a known sequence of values. */
function sequence(values: number[]) {
  let i = 0;
  return {
    calls: () => i,
    next: async () => {
      const v = values[i++];
      if (v === undefined) throw new Error("asked for more values than the worker was given");
      // The wall clock reads a little more than the CPU clock, as on a machine with other work.
      return { ns: v, wallNs: v * 1.5, cpuNs: v };
    },
  };
}

describe("sampleProcess", () => {
  it("takes exactly the warm-ups, then exactly the values, in order", async () => {
    const source = sequence([900, 800, 700, 100, 200, 300, 400]);
    const samples = await sampleProcess(source, "bench_x", { warmups: 3, values: 4 });
    expect(samples.warmups).toEqual([900, 800, 700]);
    expect(samples.values).toEqual([100, 200, 300, 400]);
    // Both clocks are kept for the timed values, in the same order, and none for the warm-ups.
    expect(samples.wallValues).toEqual([150, 300, 450, 600]);
    expect(samples.cpuValues).toEqual([100, 200, 300, 400]);
    expect(source.calls()).toBe(7);
  });

  it("reports tinybench statistics of the timed values only, in milliseconds", async () => {
    // 1, 2 and 3 ms per call after a 5 ms warm-up.
    const source = sequence([5e6, 1e6, 2e6, 3e6]);
    const samples = await sampleProcess(source, "bench_x", { warmups: 1, values: 3 });
    expect(samples.stats.samples).toBe(3);
    expect(samples.stats.mean).toBeCloseTo(2, 12);
    expect(samples.stats.min).toBeCloseTo(1, 12);
    expect(samples.stats.max).toBeCloseTo(3, 12);
  });

  it("runs with no warm-ups", async () => {
    const source = sequence([10, 20]);
    const samples = await sampleProcess(source, "bench_x", { warmups: 0, values: 2 });
    expect(samples.warmups).toEqual([]);
    expect(samples.values).toEqual([10, 20]);
  });

  it("fails when the worker fails, without inventing values", async () => {
    const source = { next: async () => Promise.reject(new Error("worker died")) };
    await expect(sampleProcess(source, "bench_x", { warmups: 1, values: 2 })).rejects.toThrow(
      "worker died",
    );
  });
});

describe("statsOfValues", () => {
  it("gives the pooled mean and spread of values measured elsewhere", async () => {
    const stats = await statsOfValues("pooled", [1e6, 2e6, 3e6, 4e6]);
    expect(stats.samples).toBe(4);
    expect(stats.mean).toBeCloseTo(2.5, 9);
    expect(stats.sd).toBeCloseTo(Math.sqrt(((1.5 ** 2 + 0.5 ** 2) * 2) / 3), 9);
  });
});
