/**
 * Sequential sampling with real interpreters: a steady benchmark stops at its
 * minimum, a noisy one gets more processes, a failing one stops with its
 * failure, and a spent budget says so. Targets are set far from the
 * benchmarks' real spread, and values are timed on CPU time (the runs'
 * default), so that no outcome depends on this machine's load or on its
 * host's changes of speed (which CPU time sees too).
 */
import { describe, expect, it } from "vitest";
import type { BenchmarkResult, Leg } from "../../src/core/results.js";
import {
  type LookEvent,
  measureSequentially,
  type SequentialPlan,
  type StopEvent,
} from "../../src/measure/sequential-sampler.js";
import type { MeasurePlan } from "../../src/measure/timed-process.js";
import { options, PY } from "../harness/support.js";

const steady = { name: "bench_steady", file: "sequential/bench_steady.py", async: false };
const noisy = { name: "bench_noisy", file: "sequential/bench_noisy.py", async: false };
const fails = { name: "bench_fails", file: "sequential/bench_fails.py", async: false };

function plan(overrides: Partial<SequentialPlan> = {}): SequentialPlan {
  const base: MeasurePlan = {
    legs: ["off", "on"],
    worker: (leg: Leg) => options(PY.default, { env: { PYTHON_JIT: leg === "on" ? "1" : "0" } }),
    processes: 6,
    warmups: 0,
    values: 3,
    minTimeNs: 200_000,
    timer: "cpu",
  };
  // ±80%: this machine can run one process 1.75x slower than the next (its host's speed flips),
  // which can leave six steady processes ±51% apart; the noisy one runs at 1x, 10x, 100x or 1000x.
  // The budget is far beyond what 10 processes take, so the process limit, not the machine's
  // speed, ends the noisy one (the run keeps a tenth of it back for the end).
  return { ...base, precision: 0.8, budgetMs: 120_000, maxProcesses: 10, ...overrides };
}

async function measure(
  p: SequentialPlan,
  benchmarks: (typeof steady)[],
): Promise<{
  results: (Record<Leg, BenchmarkResult | undefined> | undefined)[];
  looks: LookEvent[];
  stops: StopEvent[];
}> {
  let order = 0;
  const looks: LookEvent[] = [];
  const stops: StopEvent[] = [];
  const results = await measureSequentially(p, benchmarks, {
    nextOrder: () => order++,
    signal: new AbortController().signal,
    onLook: (event) => looks.push(event),
    onStop: (event) => stops.push(event),
  });
  return { results, looks, stops };
}

function legOf(result: Record<Leg, BenchmarkResult | undefined> | undefined, leg: Leg) {
  const found = result?.[leg];
  if (!found) throw new Error(`no ${leg} leg`);
  return found;
}

describe("sequential sampling", () => {
  it("stops a steady benchmark at its minimum and gives a noisy one more, in ABBA blocks", async () => {
    const { results, looks, stops } = await measure(plan(), [steady, noisy]);

    const steadyOff = legOf(results[0], "off");
    expect(steadyOff.processes).toHaveLength(6);
    expect(steadyOff.sampling).toMatchObject({ stop: "precise", target: 0.8, level: 0.97 });
    expect(steadyOff.sampling?.halfWidth).toBeLessThanOrEqual(0.8);
    expect(steadyOff.sampling?.projected).toBeNull();
    expect(steadyOff.loopOverheadNs).toBeGreaterThan(0);

    const noisyOff = legOf(results[1], "off");
    const noisyOn = legOf(results[1], "on");
    expect(noisyOff.processes).toHaveLength(10);
    expect(noisyOn.processes).toHaveLength(10);
    expect(noisyOff.sampling?.stop).toBe("noisy");
    expect(noisyOff.sampling?.halfWidth).toBeGreaterThan(0.8);
    expect(noisyOff.sampling?.projected).toBeGreaterThan(10);
    // Both legs record the same ending.
    expect(noisyOn.sampling).toEqual(noisyOff.sampling);

    // Off on on off, block after block, in the run-wide order.
    const orders = [...noisyOff.processes, ...noisyOn.processes]
      .sort((a, b) => a.order - b.order)
      .map((p) => (noisyOff.processes.includes(p) ? "off" : "on"));
    expect(orders.join(" ")).toBe(Array(5).fill("off on on off").join(" "));

    // A look after each block from the minimum on: one for the steady one, three for the noisy one.
    expect(looks.map((l) => [l.bench.name, l.look.processes])).toEqual([
      ["bench_steady", 6],
      ["bench_noisy", 6],
      ["bench_noisy", 8],
      ["bench_noisy", 10],
    ]);
    expect(stops.map((s) => [s.bench.name, s.stop])).toEqual([
      ["bench_steady", "precise"],
      ["bench_noisy", "noisy"],
    ]);
  });

  it("gives every benchmark its minimum when the budget is gone, and says the budget ended it", async () => {
    const { results } = await measure(plan({ precision: 0.01, budgetMs: 1 }), [noisy, steady]);
    for (const result of results) {
      const off = legOf(result, "off");
      expect(off.processes).toHaveLength(6);
      expect(off.sampling?.stop).toBe("budget");
      expect(off.sampling?.projected).toBeGreaterThan(6);
    }
  });

  it("lets the others go first when a benchmark's need is far beyond the budget, then spends what is left on it", async () => {
    // ±2% on a benchmark whose processes differ up to a thousandfold: thousands of processes.
    // A budget far beyond what the process limit takes, however slow the machine: the limit ends it.
    const { results, stops, looks } = await measure(plan({ precision: 0.02, budgetMs: 120_000 }), [
      noisy,
      steady,
    ]);
    const off = legOf(results[0], "off");
    // The budget outlasts the process limit here, so the limit ends it: every block was spent on it.
    expect(off.processes).toHaveLength(10);
    expect(off.sampling?.stop).toBe("noisy");
    expect(off.sampling?.projected).toBeGreaterThan(1000);
    expect(off.sampling?.elapsedMs).toBeGreaterThan(0);
    // Its first share went to the steady one: the noisy one's next look comes after the steady one's first.
    const seen = looks.map((l) => `${l.bench.name}:${l.look.processes}`);
    expect(seen[0]).toBe("bench_noisy:6");
    expect(seen.indexOf("bench_steady:6")).toBeLessThan(seen.indexOf("bench_noisy:8"));
    expect(stops.map((s) => s.bench.name).sort()).toEqual(["bench_noisy", "bench_steady"]);
  });

  it("ends a failing benchmark with its failure and goes on with the next", async () => {
    const { results } = await measure(plan(), [fails, steady]);
    const failed = legOf(results[0], "off");
    expect(failed.status).toBe("failed");
    expect(failed.reason).toContain("always fails");
    expect(failed.sampling?.stop).toBe("failed");
    expect(legOf(results[1], "on").sampling?.stop).toBe("precise");
  });

  it("makes a single leg precise on its own time, to a target narrower by sqrt(2)", async () => {
    // The whole spread of eight processes is the interval here: the target is loose to match.
    const { results } = await measure(plan({ legs: ["on"], precision: 0.9 }), [steady]);
    expect(results[0]?.off).toBeUndefined();
    const on = legOf(results[0], "on");
    // Six values cannot bound a median at 97% (one in 64 samples falls wholly on one side), eight can.
    expect(on.processes).toHaveLength(8);
    expect(on.sampling?.stop).toBe("precise");
    expect(on.sampling?.target).toBeCloseTo(0.9 / Math.SQRT2, 12);
    // An interval of nanoseconds per call around the leg's median time.
    const median = on.stats?.p50 as number;
    expect(on.sampling?.interval?.low).toBeLessThanOrEqual(median * 1e6 * 1.5);
  });
});
