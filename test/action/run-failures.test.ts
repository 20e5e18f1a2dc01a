/**
 * Run mode with a broken suite file: the step uploads what it measured and
 * passes, so that the compare step still runs and reports, and it warns that
 * the compare step will fail; allow-failures: true is recorded in the results,
 * where compare honours it. A real interpreter; the artifact store keeps names.
 */
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readInputs } from "../../src/action/inputs.js";
import { actionRun } from "../../src/action/run.js";
import type { ArtifactStore } from "../../src/adapters/ports.js";
import { runCompare } from "../../src/modes/compare.js";
import { DEBIAN_PYTHON } from "../pythons.js";
import { actionDefaults } from "./runner.js";

const FIXTURE = resolve(import.meta.dirname, "..", "fixtures", "suites", "import-error");

let base: string;
let defaults: Record<string, string>;
const set: string[] = [];

function withInputs(inputs: Record<string, string>): void {
  for (const key of set.splice(0)) delete process.env[key];
  for (const [name, value] of Object.entries({ ...defaults, ...inputs })) {
    const key = `INPUT_${name.toUpperCase()}`;
    process.env[key] = value;
    set.push(key);
  }
}

const store: ArtifactStore = {
  upload: async (_name, paths) => ({ id: 1, size: paths.length }),
  download: async () => [],
  list: async () => [],
};

async function runJob(name: string, extra: Record<string, string>) {
  const ws = join(base, name);
  await cp(FIXTURE, join(ws, "benchmarks"), { recursive: true });
  withInputs({
    mode: "run",
    jit: "both",
    suite: "benchmarks",
    python: DEBIAN_PYTHON,
    processes: "2",
    warmups: "0",
    values: "2",
    "min-time": "1ms",
    "github-token": "",
    ...extra,
  });
  const inputs = await readInputs(ws);
  if (inputs.mode !== "run") throw new Error("expected run mode");
  const warnings: string[] = [];
  const outcome = await actionRun(inputs, {
    store,
    summary: null,
    reporter: {
      group: <T>(_name: string, work: () => Promise<T>) => work(),
      info: () => {},
      warning: (line: string) => warnings.push(line),
    },
    context: {
      owner: "aria",
      repo: "app",
      eventName: "push",
      runId: 1,
      pullRequest: null,
      workflowRun: null,
    },
    workspace: ws,
    signal: new AbortController().signal,
    now: () => new Date("2025-01-01T00:00:00Z"),
  });
  const results = JSON.parse(await readFile(outcome.resultsPath, "utf8"));
  return { outcome, warnings, results };
}

let strict: Awaited<ReturnType<typeof runJob>>;
let allowed: Awaited<ReturnType<typeof runJob>>;

beforeAll(async () => {
  defaults = await actionDefaults();
  base = await mkdtemp(join(tmpdir(), "jit-bench-run-failures-"));
  strict = await runJob("strict", {});
  allowed = await runJob("allowed", { "allow-failures": "true" });
});

afterAll(async () => {
  for (const key of set.splice(0)) delete process.env[key];
  await rm(base, { recursive: true, force: true });
});

describe("run mode with failed benchmarks", () => {
  it("uploads both legs and passes, warning that the compare step will fail", () => {
    expect(strict.outcome.uploads.map((u) => u.leg)).toEqual(["off", "on"]);
    const warning = strict.warnings.find((line) => /benchmarks failed/.test(line)) ?? "";
    expect(warning).toMatch(/^2 benchmarks failed/);
    expect(warning).toContain("benchmarks/bench_broken.py");
    expect(warning).toContain("benchmarks/bench_raises_at_import.py");
    expect(warning).toContain("allow-failures: true");
    expect(warning).toContain("that step will fail");
    expect(strict.results.settings.allowFailures).toBe(false);
  });

  it("with allow-failures: true, records it and leaves the warning out", () => {
    expect(allowed.warnings.some((line) => /benchmarks failed/.test(line))).toBe(false);
    expect(allowed.results.settings.allowFailures).toBe(true);
  });

  it("hands the decision to compare through the results file", async () => {
    const compare = (path: string) =>
      runCompare({
        baseline: path,
        format: "json",
        policy: { threshold: 0.05, maxRegression: 0.1, maxMemoryGrowth: 0.2 },
        failOnRegression: false,
        seed: 1,
        resamples: 100,
      });
    const failing = await compare(strict.outcome.resultsPath);
    expect(failing.failures.failed.map((f) => f.name).sort()).toEqual([
      "benchmarks/bench_broken.py",
      "benchmarks/bench_raises_at_import.py",
    ]);
    expect(failing.failures.allowed).toBe(false);
    expect(failing.exitCode).toBe(3);
    const passing = await compare(allowed.outcome.resultsPath);
    expect(passing.failures.allowed).toBe(true);
    expect(passing.exitCode).toBe(0);
  });
});
