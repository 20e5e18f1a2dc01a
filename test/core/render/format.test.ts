import { describe, expect, it } from "vitest";
import {
  formatChange,
  formatDuration,
  formatP,
  formatPercent,
  formatSpeedupWithInterval,
} from "../../../src/core/render/format.js";

describe("formatDuration", () => {
  it.each([
    [0.42, "0.420 ns"],
    [640, "640 ns"],
    [999, "999 ns"],
    [1_000, "1.00 µs"],
    [2_345, "2.35 µs"],
    [41_230, "41.2 µs"],
    [1_450_000, "1.45 ms"],
    [187_000_000, "187 ms"],
    [3_200_000_000, "3.20 s"],
  ])("%d ns reads as %s", (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
  });

  it("never prints a sub-microsecond time as 0.000 ms", () => {
    for (const ns of [1, 12, 499, 500, 999]) expect(formatDuration(ns)).toMatch(/ ns$/);
  });

  it("shows a dash for an unknown time", () => {
    expect(formatDuration(null)).toBe("—");
  });
});

describe("other numbers", () => {
  it("formats speedups with their interval", () => {
    expect(formatSpeedupWithInterval(1.0423, { low: 1.0131, high: 1.0712 })).toBe(
      "1.042× [1.013–1.071]",
    );
    expect(formatSpeedupWithInterval(0.9, null)).toBe("0.900× [no CI]");
    expect(formatSpeedupWithInterval(null, null)).toBe("—");
  });

  it("formats p-values, changes and policy percentages", () => {
    expect(formatP(0.0004)).toBe("<0.001");
    expect(formatP(0.0423)).toBe("0.042");
    expect(formatChange(0.031)).toBe("+3.1%");
    expect(formatChange(-0.2)).toBe("−20.0%");
    expect(formatChange(0.0001)).toBe("±0.0%");
    expect(formatPercent(0.05)).toBe("5%");
    expect(formatPercent(0.125)).toBe("12.5%");
  });
});
