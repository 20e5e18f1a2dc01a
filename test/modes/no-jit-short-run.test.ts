/**
 * On an interpreter whose JIT leg cannot have a JIT the verdict is
 * not-applicable whatever is measured: a run with the default sampling
 * measures a short A/A (6 pairs of 5 values per benchmark), says so in one
 * line with the way to measure fully, and ends with that verdict. A run whose
 * user set processes or precision measures as asked. Debian's python3.11 is
 * the JIT-less interpreter here, as it is for most users.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type ConfigOrigin, resolveRunSettings } from "../../src/core/config/settings.js";
import type { JitState, Leg } from "../../src/core/results.js";
import { formatComparisonForRun } from "../../src/modes/compare.js";
import {
  type LegProbes,
  NO_JIT_AUTO_VALUES,
  NO_JIT_PROCESSES,
  NO_JIT_VALUES,
  settleLimit,
  shortRunWithoutJit,
} from "../../src/modes/run/probe.js";
import { runSuite } from "../../src/modes/run/suite.js";
import { JIT_ACTIVE, NO_JIT_BUILD } from "../core/compare/synthetic.js";
import { DEBIAN_PYTHON } from "../pythons.js";

const ROOT = resolve("test/fixtures/suites/basic");
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Settings as the command line gives them: quick values, two benchmarks, `flags` on top. */
function settingsFrom(flags: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), "jit-bench-no-jit-"));
  dirs.push(dir);
  return resolveRunSettings({
    flags: {
      suite: ["bench_sync.py"],
      python: DEBIAN_PYTHON,
      include: ["bench_sum", "bench_join"],
      warmups: "0",
      "min-time": "1ms",
      "output-dir": join(dir, "out"),
      report: false,
      ...flags,
    },
    file: null,
    cwd: ROOT,
  });
}

async function run(flags: Record<string, unknown>) {
  const lines: string[] = [];
  const outcome = await runSuite(settingsFrom(flags), {
    now: () => new Date(),
    log: (line) => lines.push(line),
    warn: (line) => lines.push(`warning: ${line}`),
    signal: new AbortController().signal,
  });
  return { outcome, lines };
}

const SHORT_LINE = /^A short A\/A run: the verdict is not-applicable whatever is measured/;

describe("a default run on an interpreter without a JIT", () => {
  it("measures 6 pairs of 20 short values per benchmark, says why in one line, and ends not-applicable", async () => {
    const { outcome, lines } = await run({});
    const short = lines.filter((line) => SHORT_LINE.test(line));
    expect(short).toHaveLength(1);
    expect(short[0]).toContain("the interpreter was built without the JIT");
    expect(short[0]).toContain("To measure fully anyway, set --processes N.");
    expect(lines).toContain(
      "Measuring 2 benchmarks, 6 pairs of processes (one per leg) each, timed with CPU time.",
    );
    // No sequential sampling: no look at an interval's width, no stop line.
    expect(lines.some((line) => /after \d+ pairs \(target/.test(line))).toBe(false);
    const { settings, legs } = outcome.results;
    // values: auto by default, so the short run takes 20 short values (a millisecond or so each).
    expect(settings).toMatchObject({ processes: NO_JIT_PROCESSES, values: NO_JIT_AUTO_VALUES });
    expect(settings.precision).toBeNull();
    for (const leg of [legs.off, legs.on]) {
      expect(leg?.benchmarks.map((b) => b.name).sort()).toEqual(["bench_join", "bench_sum"]);
      for (const bench of leg?.benchmarks ?? []) {
        expect(bench.status).toBe("ok");
        expect(bench.processes).toHaveLength(NO_JIT_PROCESSES);
        expect(bench.sampling).toBeUndefined();
        for (const proc of bench.processes) expect(proc.values).toHaveLength(NO_JIT_AUTO_VALUES);
      }
    }
    const { verdict, comparison } = formatComparisonForRun(outcome.results, "results.json", {
      format: "json",
    });
    expect(verdict.kind).toBe("not-applicable");
    // The A/A split halves the pairs: the report shows the machine's noise.
    expect(comparison.noise).not.toBeNull();
    // Six pairs give every row an interval: no ratio is printed bare.
    for (const row of comparison.rows) expect(row.interval).not.toBeNull();
  });

  it("measures as asked when --processes is set", async () => {
    const { outcome, lines } = await run({ processes: "3", values: "3" });
    expect(lines.some((line) => SHORT_LINE.test(line))).toBe(false);
    expect(lines.some((line) => line.startsWith("Measuring 2 benchmarks, 3 pairs"))).toBe(true);
    for (const bench of outcome.results.legs.on?.benchmarks ?? []) {
      expect(bench.processes).toHaveLength(3);
      expect(bench.processes[0]?.values).toHaveLength(3);
    }
    expect(outcome.results.settings).toMatchObject({ processes: 3, values: 3, precision: null });
  });

  it("samples to the precision target when --precision is set", async () => {
    const { outcome, lines } = await run({ precision: "50%", values: "3" });
    expect(lines.some((line) => SHORT_LINE.test(line))).toBe(false);
    expect(outcome.results.settings.precision).toBe(0.5);
    for (const bench of outcome.results.legs.on?.benchmarks ?? []) {
      expect(bench.sampling?.target).toBe(0.5);
      // The paired minimum of sequential sampling, more than the short run's four.
      expect(bench.processes.length).toBeGreaterThanOrEqual(8);
    }
  });
});

describe("shortRunWithoutJit", () => {
  const probes = (on: JitState | null): LegProbes => {
    const facts = (jit: JitState) => ({
      interpreter: {
        implementation: "CPython",
        version: "3.14.0",
        build: "",
        executable: "/usr/bin/python3.14",
        configArgs: null,
      },
      fingerprint: {
        cpuModel: null,
        cores: 2,
        kernel: null,
        platform: "linux",
        machine: "x86_64",
        containerImage: null,
      },
      jit,
      pythonVersion: [3, 14, 0] as [number, number, number],
    });
    const off = facts({ ...JIT_ACTIVE, enabled: false, active: false });
    const byLeg = new Map<Leg, ReturnType<typeof facts>>([["off", off]]);
    if (on !== null) byLeg.set("on", facts(on));
    return { byLeg, first: off };
  };
  const defaults = settingsFrom({});

  it("shortens a default run whose JIT leg has no JIT, one that is not enabled, or one that compiled nothing", () => {
    for (const jit of [
      NO_JIT_BUILD,
      { ...JIT_ACTIVE, enabled: false, active: false },
      { ...JIT_ACTIVE, active: false },
    ]) {
      const short = shortRunWithoutJit(defaults, probes(jit));
      expect(short?.settings).toMatchObject({
        processes: 6,
        values: NO_JIT_AUTO_VALUES,
        precision: null,
      });
      expect(
        shortRunWithoutJit(settingsFrom({ values: "30" }), probes(jit))?.settings,
      ).toMatchObject({ processes: 6, values: NO_JIT_VALUES, precision: null });
    }
  });

  it("leaves alone a run with a working JIT, a run without a JIT leg, and a run whose sampling was set", () => {
    expect(shortRunWithoutJit(defaults, probes(JIT_ACTIVE))).toBeNull();
    expect(shortRunWithoutJit(defaults, probes({ ...JIT_ACTIVE, active: null }))).toBeNull();
    expect(shortRunWithoutJit(defaults, probes(null))).toBeNull();
    expect(shortRunWithoutJit(settingsFrom({ processes: "6" }), probes(NO_JIT_BUILD))).toBeNull();
    expect(shortRunWithoutJit(settingsFrom({ precision: "2%" }), probes(NO_JIT_BUILD))).toBeNull();
  });

  it("measures on near the regression limit only when the JIT leg has a JIT and both legs are compared", () => {
    expect(settleLimit(defaults, probes(JIT_ACTIVE))).toBeCloseTo(1 / 1.1, 12);
    expect(settleLimit(settingsFrom({ "max-regression": "5%" }), probes(JIT_ACTIVE))).toBeCloseTo(
      1 / 1.05,
      12,
    );
    expect(settleLimit(defaults, probes(NO_JIT_BUILD))).toBeNull();
    expect(
      settleLimit(defaults, probes({ ...JIT_ACTIVE, enabled: false, active: false })),
    ).toBeNull();
    expect(settleLimit(defaults, probes(null))).toBeNull();
    expect(settleLimit(settingsFrom({ legs: "on" }), probes(JIT_ACTIVE))).toBeNull();
  });

  it("names the action's processes input in the action's own syntax, and keeps fewer values", () => {
    const origin: ConfigOrigin = { kind: "inputs", names: { processes: "processes" } };
    const settings = resolveRunSettings({
      flags: { values: "3" },
      origin,
      file: null,
      cwd: ROOT,
    });
    const short = shortRunWithoutJit(settings, probes(NO_JIT_BUILD));
    expect(short?.line).toContain("To measure fully anyway, set processes: N.");
    expect(short?.line).toContain("6 pairs of processes of 3 values per benchmark");
    expect(short?.settings.values).toBe(3);
  });
});
