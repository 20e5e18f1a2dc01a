/**
 * The run's plan line says when a count turned the precision target and the
 * budget off, naming the setting as written; and counts one benchmark as one.
 */
import { describe, expect, it } from "vitest";
import { type ConfigFile, resolveRunSettings } from "../../src/core/config/settings.js";
import { samplingPlanLine } from "../../src/modes/run/sampling-plan.js";

const file: ConfigFile = {
  source: "jit-bench.yml",
  syntax: "yaml",
  nested: false,
  dir: "/repo",
  values: { processes: 8 },
};

describe("samplingPlanLine", () => {
  it("names the settings file's processes that turned the budget off", () => {
    const settings = resolveRunSettings({ flags: {}, file, cwd: "/repo" });
    expect(samplingPlanLine(settings, 14)).toBe(
      "Measuring 14 benchmarks, 8 pairs of processes (one per leg) each, timed with CPU time. jit-bench.yml: processes asks for exactly 8, " +
        "which turns the precision target and the 120s budget off; set precision too (e.g. precision: 1%) " +
        "to keep them, with 8 as the minimum.",
    );
  });

  it("names --processes the same way", () => {
    const settings = resolveRunSettings({ flags: { processes: "4" }, file: null, cwd: "/repo" });
    expect(samplingPlanLine(settings, 2)).toContain("--processes asks for exactly 4");
  });

  it("says nothing more when precision is off on purpose, and counts one benchmark as one", () => {
    const settings = resolveRunSettings({
      flags: { processes: "4", precision: "off" },
      file: null,
      cwd: "/repo",
    });
    expect(samplingPlanLine(settings, 1)).toBe(
      "Measuring 1 benchmark, 4 pairs of processes (one per leg) each, timed with CPU time.",
    );
    const sequential = resolveRunSettings({ flags: {}, file: null, cwd: "/repo" });
    expect(samplingPlanLine(sequential, 1)).toBe(
      "Measuring 1 benchmark to ±1.00% each in pairs of processes, one per leg (both pinned to one CPU, values taken in turn; at least 8 pairs, within a 120s budget), timed with CPU time.",
    );
  });

  it("counts processes per leg when the legs are not paired", () => {
    for (const flags of [{ pairing: "off" }, { legs: "on" }]) {
      const settings = resolveRunSettings({ flags, file: null, cwd: "/repo" });
      expect(samplingPlanLine(settings, 2)).toBe(
        "Measuring 2 benchmarks to ±1.00% each (at least 6 processes per leg, within a 120s budget), timed with CPU time.",
      );
    }
  });
});
