/**
 * A run in which a test did not run fails, and says so in its last line;
 * a run in which everything passed says that instead.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CONFIG = resolve(import.meta.dirname, "../fixtures/vitest/vitest.config.ts");
const VITEST = resolve(import.meta.dirname, "../../node_modules/vitest/vitest.mjs");

function vitest(fixture: string) {
  const run = spawnSync(process.execPath, [VITEST, "run", "--config", CONFIG], {
    encoding: "utf8",
    env: { ...process.env, JIT_BENCH_FIXTURE: fixture, NO_COLOR: "1", FORCE_COLOR: "0" },
    timeout: 60_000,
  });
  const lines = `${run.stdout}\n${run.stderr}`.trim().split("\n");
  return { code: run.status, output: `${run.stdout}${run.stderr}`, lines };
}

describe("the run's last line", () => {
  it("fails a run whose only problem is a skipped test", () => {
    const run = vitest("skipped.fixture.ts");
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(
      /TEST RUN FAILED: 1 test did not run \(skipped or never reached\): skipped\.fixture\.ts > is skipped\./,
    );
  });

  it("names the file whose setup failed, and counts its tests as not run", () => {
    const run = vitest("setup-fails.fixture.ts");
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(
      /TEST RUN FAILED: 1 test file failed: setup-fails\.fixture\.ts\. 1 test did not run/,
    );
  });

  it("says the run passed when every test passed", () => {
    const run = vitest("passes.fixture.ts");
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/TEST RUN PASSED: all 1 test in 1 file passed\./);
  });
});
