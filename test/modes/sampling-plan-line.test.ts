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
      "Measuring 14 benchmarks, 8 processes per leg each, timed with CPU time. jit-bench.yml: processes asks for exactly 8, " +
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
      "Measuring 1 benchmark, 4 processes per leg each, timed with CPU time.",
    );
    const sequential = resolveRunSettings({ flags: {}, file: null, cwd: "/repo" });
    expect(samplingPlanLine(sequential, 1)).toMatch(/^Measuring 1 benchmark to ±1\.00% each/);
  });
});
