/**
 * The order of a benchmark's processes, and how many values each takes.
 */
import { describe, expect, it } from "vitest";
import {
  AUTO_VALUES,
  processSchedule,
  valuesPerProcess,
  valuesText,
} from "../../src/core/schedule.js";

describe("processSchedule", () => {
  it("interleaves two legs ABBA, each leg counting its own processes", () => {
    expect(processSchedule(["off", "on"], 3).map((s) => `${s.leg}${s.index}`)).toEqual([
      "off0",
      "on0",
      "on1",
      "off1",
      "off2",
      "on2",
    ]);
  });

  it("runs one leg's processes in order", () => {
    expect(processSchedule(["on"], 2)).toEqual([
      { leg: "on", index: 0 },
      { leg: "on", index: 1 },
    ]);
  });
});

describe("valuesPerProcess", () => {
  it("keeps a count that was set, whatever the value lasts", () => {
    expect(valuesPerProcess(30, 2e6)).toBe(30);
    expect(valuesPerProcess(1, 5e9)).toBe(1);
  });

  it("with auto, fills the target time at the calibrated length of a value", () => {
    // 2 ms values: the target over 2 ms.
    expect(valuesPerProcess("auto", 2e6)).toBe(Math.round(AUTO_VALUES.targetMs / 2));
    expect(valuesPerProcess("auto", 1.6e6) * 1.6).toBeCloseTo(AUTO_VALUES.targetMs, -1);
  });

  it("with auto, stays within its bounds for very long and very short values", () => {
    expect(valuesPerProcess("auto", 3e9)).toBe(AUTO_VALUES.min);
    expect(valuesPerProcess("auto", 1e3)).toBe(AUTO_VALUES.max);
  });

  it("with auto and no usable length, takes the fewest", () => {
    expect(valuesPerProcess("auto", 0)).toBe(AUTO_VALUES.min);
    expect(valuesPerProcess("auto", Number.NaN)).toBe(AUTO_VALUES.min);
  });
});

describe("valuesText", () => {
  it("says a set count as it is", () => {
    expect(valuesText(30, [30, 30])).toBe("30 timed values");
  });

  it("says the counts auto chose, and why", () => {
    expect(valuesText("auto", [50, 48, 0, 52])).toBe(
      `48 to 52 timed values (auto: about ${AUTO_VALUES.targetMs} ms of values per process)`,
    );
    expect(valuesText("auto", [50])).toMatch(/^50 timed values \(auto/);
  });
});
