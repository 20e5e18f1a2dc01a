import { describe, expect, it } from "vitest";
import { MeasureSession } from "../../src/measure/worker/calls.js";
import { eventually, options, PY, pidGone } from "./support.js";

describe.each([PY.py39, PY.py313])("measure (%s)", (python) => {
  it("answers each value request with a positive time per call, then reports itself and exits", async () => {
    const bench = { name: "bench_sum", file: "basic/bench_sync.py", async: false };
    const session = await MeasureSession.start(options(python), bench, 16);
    // No interpreter here has a JIT build: nothing can be active, before or after the values.
    expect(session.ready.jit).toMatchObject({ compiled: false, enabled: false, active: false });
    const values = [
      (await session.next()).ns,
      (await session.next()).ns,
      (await session.next()).ns,
    ];
    for (const ns of values) expect(ns).toBeGreaterThan(0);
    const done = await session.finish();
    expect(done.peakRssKb).toBeGreaterThan(0);
    expect(done.jit).toMatchObject({ compiled: false, enabled: false, active: false });
    const pid = session.pid;
    expect(pid).toBeDefined();
    expect(await eventually(() => pidGone(pid ?? 0))).toBe(true);
  });

  it("scans for executors after the values where the build can tell, and times its own loop", async () => {
    const bench = { name: "bench_sum", file: "basic/bench_sync.py", async: false };
    const session = await MeasureSession.start(options(python), bench, 16);
    (await session.next()).ns;
    const done = await session.finish();
    if (python === PY.py39) {
      // 3.9 has no _opcode.get_executor: no record, rather than a zero that would read as idle.
      expect(done.engagement).toBeNull();
    } else {
      // 3.13 has get_executor even without the JIT; with no JIT nothing is compiled.
      expect(done.engagement).toMatchObject({ executors: 0, timingLoopExecutors: 0, hotspots: [] });
      expect(done.engagement?.codeObjectsScanned).toBeGreaterThan(100);
    }
    expect(done.loopOverheadNs).toBeGreaterThan(0);
  });

  it("times every value with both clocks, and hands out the one the timer names", async () => {
    const bench = { name: "bench_sum", file: "basic/bench_sync.py", async: false };
    const cpu = await MeasureSession.start(options(python), bench, 256, "cpu");
    const onCpu = [await cpu.next(), await cpu.next()];
    const done = await cpu.finish();
    for (const value of onCpu) {
      expect(value.ns).toBe(value.cpuNs);
      expect(value.cpuNs).toBeGreaterThan(0);
      expect(value.wallNs).toBeGreaterThan(0);
      // Linux tells how long the thread waited for a CPU: never negative, never more than the wall time.
      expect(value.queueNs).toBeGreaterThanOrEqual(0);
      expect(value.queueNs).toBeLessThanOrEqual(value.wallNs);
    }
    // Linux always has a load average; it is a number, not null.
    expect(done.loadAverage).toBeGreaterThanOrEqual(0);
    const wall = await MeasureSession.start(options(python), bench, 256, "wall");
    const onWall = await wall.next();
    await wall.finish();
    expect(onWall.ns).toBe(onWall.wallNs);
  });

  it("sees a sleeping benchmark's wait on the wall clock only", async () => {
    // bench_slow sleeps 4 ms per call: wall time at least that, CPU time a small part of it.
    const slow = { name: "bench_slow", file: "calibrate/bench_speeds.py", async: false };
    const session = await MeasureSession.start(options(python), slow, 1, "cpu");
    const value = await session.next();
    await session.finish();
    expect(value.wallNs).toBeGreaterThanOrEqual(4_000_000);
    expect(value.cpuNs).toBeLessThan(value.wallNs / 4);
    // The sleep is the benchmark's own waiting: not CPU time, and not time spent waiting for a CPU.
    expect(value.wallNs - value.cpuNs - (value.queueNs ?? 0)).toBeGreaterThanOrEqual(3_000_000);
  });

  it("serves value requests made without waiting, in order", async () => {
    const bench = { name: "bench_join", file: "basic/bench_sync.py", async: false };
    const session = await MeasureSession.start(options(python), bench, 8);
    const values = (await Promise.all([session.next(), session.next(), session.next()])).map(
      (v) => v.ns,
    );
    expect(values).toHaveLength(3);
    for (const ns of values) expect(ns).toBeGreaterThan(0);
    await session.finish();
  });
});
