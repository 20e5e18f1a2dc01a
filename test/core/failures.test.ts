/** Which benchmarks count as failed, when that fails the command, and how the message names them. */
import { describe, expect, it } from "vitest";
import { compareLegs } from "../../src/core/compare/compare.js";
import { EXIT_CODES } from "../../src/core/errors.js";
import {
  allowedByRuns,
  exitCodeWithFailures,
  failedInComparison,
  failedInResults,
  failuresMessage,
} from "../../src/core/failures.js";
import { RESULTS_SCHEMA_ID, type ResultsFile } from "../../src/core/results.js";
import { syntheticRun } from "./compare/synthetic.js";

const SEED = 11;

function run() {
  return syntheticRun(SEED, {
    processes: 6,
    values: 3,
    benchmarks: [
      { name: "bench_ok", ns: 1000 },
      { name: "bench_raise", ns: 1000, status: "failed", reason: "raised ValueError: boom" },
      { name: "bench_skip", ns: 1000, status: "skipped", reason: "needs numpy" },
    ],
  });
}

function file(legs: ReturnType<typeof run>): ResultsFile {
  return {
    schema: RESULTS_SCHEMA_ID,
    tool: { name: "jit-bench", version: "0.1.0" },
    createdAt: "2025-01-01T00:00:00.000Z",
    partial: false,
    partialReason: null,
    settings: {
      processes: 6,
      warmups: 0,
      values: 3,
      minTimeMs: 1,
      timeoutMs: 60_000,
      include: [],
      exclude: [],
    },
    shard: null,
    environment: legs.off.environment,
    legs: { off: legs.off.results, on: legs.on.results },
  };
}

describe("failed benchmarks", () => {
  it("are the ones that failed, once each, never the ones that skipped themselves", () => {
    expect(failedInResults(file(run()))).toEqual([
      { name: "bench_raise", reason: "raised ValueError: boom" },
    ]);
    const legs = run();
    const comparison = compareLegs(legs.off, legs.on, { seed: 1, resamples: 100 });
    expect(failedInComparison(comparison)).toEqual([
      {
        name: "bench_raise",
        reason: "no-JIT: failed (raised ValueError: boom); JIT: failed (raised ValueError: boom)",
      },
    ]);
  });

  it("say per leg why when the legs differ", () => {
    const legs = run();
    const on = legs.on.results.benchmarks.map((b) =>
      b.name === "bench_raise" ? { ...b, reason: "timed out after 60s" } : b,
    );
    const results = file(legs);
    const differing = {
      ...results,
      legs: { ...results.legs, on: { ...legs.on.results, benchmarks: on } },
    };
    expect(failedInResults(differing)).toEqual([
      { name: "bench_raise", reason: "no-JIT: raised ValueError: boom; JIT: timed out after 60s" },
    ]);
  });

  it("fail with code 3 before any verdict's code, unless allowed", () => {
    const failed = [{ name: "bench_raise", reason: "boom" }];
    expect(exitCodeWithFailures(EXIT_CODES.ok, failed, false)).toBe(3);
    expect(exitCodeWithFailures(EXIT_CODES.regression, failed, false)).toBe(3);
    expect(exitCodeWithFailures(EXIT_CODES.regression, failed, true)).toBe(1);
    expect(exitCodeWithFailures(EXIT_CODES.ok, [], false)).toBe(0);
  });

  it("are allowed by the runs only when every run allowed them", () => {
    const settings = file(run()).settings;
    expect(
      allowedByRuns([
        { ...settings, allowFailures: true },
        { ...settings, allowFailures: true },
      ]),
    ).toBe(true);
    expect(allowedByRuns([{ ...settings, allowFailures: true }, settings])).toBe(false);
    expect(allowedByRuns([{ ...settings, allowFailures: true }, null])).toBe(false);
    expect(allowedByRuns([])).toBe(false);
  });

  it("are named in one line with their reasons cut short, at most ten, and the setting that allows them", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      name: `bench_${i}`,
      reason: i === 0 ? `line one\nline two ${"x".repeat(300)}` : "boom",
    }));
    const message = failuresMessage(many, "--allow-failures");
    expect(message).not.toContain("\n");
    expect(message).toMatch(/^12 benchmarks failed, so the suite measured is smaller/);
    expect(message).toContain(`bench_0 (line one line two ${"x".repeat(141)}…)`);
    expect(message).toContain("bench_9 (boom) and 2 more.");
    expect(message).not.toContain("bench_10");
    expect(message).toMatch(
      /Fix them .*or set --allow-failures to report failures without failing\.$/,
    );
    expect(failuresMessage([{ name: "bench_a", reason: "boom" }], "allow-failures: true")).toBe(
      "1 benchmark failed, so the suite measured is smaller than the suite written: bench_a (boom). Fix it (the report has each reason in full), or set allow-failures: true to report failures without failing.",
    );
  });
});
