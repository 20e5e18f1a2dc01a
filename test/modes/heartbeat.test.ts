/** The heartbeat, on a clock the test moves: no wall-clock time involved. */
import { describe, expect, it } from "vitest";
import { formatClock, startHeartbeat } from "../../src/modes/run/heartbeat.js";

function world() {
  let now = 0;
  let tick: () => void = () => {};
  let stopped = false;
  const lines: string[] = [];
  const heartbeat = startHeartbeat({
    now: () => now,
    log: (line) => lines.push(line),
    everyMs: 5000,
    every: (_ms, fn) => {
      tick = fn;
      return () => {
        stopped = true;
      };
    },
  });
  const advance = (ms: number) => {
    now += ms;
    tick();
  };
  return { heartbeat, lines, advance, stopped: () => stopped };
}

describe("the heartbeat", () => {
  it("says nothing while the run talks, and speaks after five quiet seconds", () => {
    const w = world();
    w.advance(3000);
    w.heartbeat.log("JIT-off leg: ...");
    w.advance(3000);
    expect(w.lines).toEqual(["JIT-off leg: ..."]);
    w.advance(2000);
    expect(w.lines.at(-1)).toBe("… 0:08 elapsed");
  });

  it("estimates what is left from the pace of finished benchmarks, within the budget", () => {
    const w = world();
    w.heartbeat.plan(4, null);
    w.advance(6000);
    expect(w.lines.at(-1)).toBe(
      "… 0:06 elapsed; 0 of 4 benchmarks done; estimating what is left after the first benchmark",
    );
    w.heartbeat.done();
    w.advance(4000); // 10 s for the first of four: about 30 s left.
    w.advance(1000);
    expect(w.lines.at(-1)).toBe("… 0:11 elapsed; 1 of 4 benchmarks done; about 0:33 left");
  });

  it("bounds the estimate by the budget, and says so before any benchmark is done", () => {
    const w = world();
    w.heartbeat.plan(10, 60_000);
    w.advance(5000);
    expect(w.lines.at(-1)).toBe(
      "… 0:05 elapsed; 0 of 10 benchmarks done; at most 0:55 left (the budget)",
    );
    w.heartbeat.done();
    w.advance(5000);
    // Pace says 90 s more; the budget leaves 50 s.
    expect(w.lines.at(-1)).toBe("… 0:10 elapsed; 1 of 10 benchmarks done; about 0:50 left");
  });

  it("stops its timer when told", () => {
    const w = world();
    w.heartbeat.stop();
    expect(w.stopped()).toBe(true);
  });

  it("formats durations as m:ss and h:mm:ss", () => {
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(61_400)).toBe("1:01");
    expect(formatClock(3_725_000)).toBe("1:02:05");
  });
});
