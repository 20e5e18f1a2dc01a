/**
 * precision and budget: sequential sampling by default, a fixed count when
 * asked for one, and errors that name the input as the user wrote it.
 */

import { describe, expect, it } from "vitest";
import { type ConfigFile, resolveRunSettings } from "../../src/core/config/settings.js";
import { inputError } from "../input-error.js";

const CWD = "/work/project";

function yamlFile(values: Record<string, unknown>): ConfigFile {
  return { source: "jit-bench.yml", syntax: "yaml", nested: false, dir: "/repo", values };
}

function settingsFrom(flags: Record<string, unknown>, file: ConfigFile | null = null) {
  return resolveRunSettings({ flags, file, cwd: CWD });
}

describe("precision", () => {
  it("is ±1% by default, with processes as the minimum and a 120s budget", () => {
    const settings = settingsFrom({});
    expect(settings.precision).toBe(0.01);
    expect(settings.processes).toBe(6);
    expect(settings.budgetMs).toBe(120_000);
  });

  it("reads percents with or without the sign, and bare numbers as percent", () => {
    expect(settingsFrom({ precision: "2%" }).precision).toBeCloseTo(0.02, 12);
    expect(settingsFrom({ precision: "2" }).precision).toBeCloseTo(0.02, 12);
    expect(settingsFrom({ precision: "0.5%" }).precision).toBeCloseTo(0.005, 12);
    expect(settingsFrom({}, yamlFile({ precision: 3 })).precision).toBeCloseTo(0.03, 12);
  });

  it("turns off with off or false, leaving exactly processes per leg", () => {
    expect(settingsFrom({ precision: "off", processes: "3" }).precision).toBeNull();
    expect(settingsFrom({}, yamlFile({ precision: false })).precision).toBeNull();
  });

  it("is off when processes is set without it: a count asked for is a count given", () => {
    expect(settingsFrom({ processes: "4" }).precision).toBeNull();
    expect(settingsFrom({}, yamlFile({ processes: 8 })).precision).toBeNull();
  });

  it("stays on when set beside processes, which then is the minimum", () => {
    const settings = settingsFrom({ processes: "10", precision: "2%" });
    expect(settings.precision).toBeCloseTo(0.02, 12);
    expect(settings.processes).toBe(10);
  });

  it("refuses a minimum below 6 processes, naming the input and the way out", () => {
    const error = inputError(() => settingsFrom({ processes: "4", precision: "1%" }));
    expect(error.input).toBe("--processes");
    expect(error.message).toContain("at least 6");
    expect(error.fix).toContain('"off"');
  });

  it("refuses a bare fraction as ambiguous rather than guess between 0.5% and 50%", () => {
    const error = inputError(() => settingsFrom({ precision: "0.5" }));
    expect(error.input).toBe("--precision");
    expect(error.problem).toContain("ambiguous");
  });

  it("refuses nonsense and out-of-range values, in the file's own words", () => {
    expect(inputError(() => settingsFrom({ precision: "tight" })).input).toBe("--precision");
    expect(inputError(() => settingsFrom({ precision: "0%" })).problem).toContain("more than 0%");
    const fromFile = inputError(() => settingsFrom({}, yamlFile({ precision: "80%" })));
    expect(fromFile.input).toBe("jit-bench.yml: precision");
    expect(fromFile.fix).toContain('precision: "1%"');
  });
});

describe("budget", () => {
  it("reads durations with units", () => {
    expect(settingsFrom({ budget: "10m" }).budgetMs).toBe(600_000);
    expect(settingsFrom({}, yamlFile({ budget: "90s" })).budgetMs).toBe(90_000);
  });

  it("refuses a budget of nothing", () => {
    const error = inputError(() => settingsFrom({ budget: "0s" }));
    expect(error.input).toBe("--budget");
  });
});

describe("values", () => {
  it('is "auto" by default, and takes a whole number from a flag or a file', () => {
    expect(settingsFrom({}).values).toBe("auto");
    expect(settingsFrom({ values: "auto" }).values).toBe("auto");
    expect(settingsFrom({ values: "40" }).values).toBe(40);
    expect(settingsFrom({}, yamlFile({ values: 12 })).values).toBe(12);
  });

  it("refuses anything else, naming the input and both forms", () => {
    const error = inputError(() => settingsFrom({ values: "lots" }));
    expect(error.input).toBe("--values");
    expect(error.value).toBe("lots");
    expect(error.problem).toBe('must be a whole number of at least 1, or "auto"');
    expect(inputError(() => settingsFrom({}, yamlFile({ values: 0 }))).input).toBe(
      "jit-bench.yml: values",
    );
  });
});

describe("max-regression", () => {
  it("is compare's 10% by default and reads percents as compare's flag does", () => {
    expect(settingsFrom({}).maxRegression).toBeCloseTo(0.1, 12);
    expect(settingsFrom({ "max-regression": "5%" }).maxRegression).toBeCloseTo(0.05, 12);
    expect(settingsFrom({ "max-regression": "0" }).maxRegression).toBe(0);
    expect(settingsFrom({}, yamlFile({ "max-regression": 20 })).maxRegression).toBeCloseTo(0.2, 12);
  });

  it("refuses a bare fraction and nonsense, naming the input and a way out", () => {
    const ambiguous = inputError(() => settingsFrom({ "max-regression": "0.1" }));
    expect(ambiguous.input).toBe("--max-regression");
    expect(ambiguous.problem).toContain("ambiguous");
    const fromFile = inputError(() => settingsFrom({}, yamlFile({ "max-regression": "lots" })));
    expect(fromFile.input).toBe("jit-bench.yml: max-regression");
    expect(fromFile.fix).toContain('max-regression: "10%"');
    expect(inputError(() => settingsFrom({ "max-regression": "2000%" })).problem).toContain(
      "at most 1000%",
    );
  });
});
