import { describe, expect, it } from "vitest";
import { parseDurationMs } from "../../src/core/config/settings.js";

describe("parseDurationMs", () => {
  it.each([
    [250, 250],
    [0.5, 0.5],
    ["250", 250],
    ["250ms", 250],
    ["2s", 2000],
    ["1.5s", 1500],
    ["100us", 0.1],
    ["100µs", 0.1],
    ["100μs", 0.1],
    ["1m", 60_000],
    [" 2 s ", 2000],
    ["2S", 2000],
    [".5s", 500],
    ["1e3ms", 1000],
    ["-5s", -5000],
  ] as const)("reads %j as %d ms", (input, ms) => {
    expect(parseDurationMs(input)).toBeCloseTo(ms, 12);
  });

  it.each(["", "soon", "2 weeks", "2h", "1min", "ms", "1.2.3s", "s2", "1 000ms"])(
    "refuses %j",
    (input) => {
      expect(parseDurationMs(input)).toBeNull();
    },
  );

  it("refuses numbers that are not finite", () => {
    expect(parseDurationMs(Number.POSITIVE_INFINITY)).toBeNull();
    expect(parseDurationMs(Number.NaN)).toBeNull();
    expect(parseDurationMs("1e400s")).toBeNull();
  });
});
