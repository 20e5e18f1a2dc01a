/**
 * The user's original benchmark file, copied verbatim from the ticket, must be
 * discoverable and measurable as it stands: module-level functions, a main()
 * and an `if __name__ == "__main__"` block, and imports inside functions.
 */
import { describe, expect, it } from "vitest";
import {
  type BenchmarkRef,
  calibrate,
  discover,
  MeasureSession,
  WorkerFailure,
  type WorkerOptions,
} from "../../src/measure/worker/calls.js";
import { options, PY, SEED_PROJECT } from "./support.js";

const EXPECTED = [
  ["bench_model_resolution", false],
  ["bench_toml_parsing", false],
  ["bench_yaml_parsing", false],
  ["bench_context_assembly", false],
  ["bench_pheromone_scoring", false],
  ["bench_json_serialization", false],
  ["bench_async_context_switch", true],
  ["bench_semaphore_acquire", true],
] as const;

type Outcome = { values: number[] } | { reason: string; skipped: boolean };

async function measureOnce(opts: WorkerOptions, bench: BenchmarkRef): Promise<Outcome> {
  try {
    const { loops } = await calibrate(opts, bench, 100_000);
    const session = await MeasureSession.start(opts, bench, loops);
    const values = [(await session.next()).ns, (await session.next()).ns];
    await session.finish();
    return { values };
  } catch (error: unknown) {
    if (error instanceof WorkerFailure) return { reason: error.reason, skipped: error.skipped };
    throw error;
  }
}

describe("the seed project's benchmark_engine.py", () => {
  it("has all eight benchmarks found, sync and async, without running its main()", async () => {
    const found = await discover(options(PY.py313, { root: SEED_PROJECT }), ["tests/benchmarks"], {
      include: [],
      exclude: [],
    });
    expect(found.problems).toEqual([]);
    expect(found.benchmarks.map((b) => [b.name, b.async])).toEqual(EXPECTED);
    expect(new Set(found.benchmarks.map((b) => b.file))).toEqual(
      new Set(["tests/benchmarks/benchmark_engine.py"]),
    );
  });

  it.each([PY.py313, PY.debian311, PY.py39])(
    "measures each benchmark or names why not (%s)",
    async (python) => {
      const opts = options(python, { root: SEED_PROJECT });
      const found = await discover(opts, ["tests/benchmarks"], { include: [], exclude: [] });
      const outcomes = new Map<string, Outcome>();
      for (const bench of found.benchmarks)
        outcomes.set(bench.name, await measureOnce(opts, bench));

      expect([...outcomes.keys()]).toEqual(EXPECTED.map(([name]) => name));
      const hasYaml = python === PY.debian311; // Debian ships python3-yaml; the pyenv builds have no PyYAML
      const hasTomllib = python !== PY.py39; // tomllib is 3.11+
      for (const [name, outcome] of outcomes) {
        const expectedMissing =
          name === "bench_yaml_parsing" && !hasYaml
            ? "No module named 'yaml'"
            : name === "bench_toml_parsing" && !hasTomllib
              ? "No module named 'tomllib'"
              : null;
        if (expectedMissing) {
          expect(outcome, name).toEqual({
            reason: expect.stringContaining(expectedMissing),
            skipped: true,
          });
        } else {
          expect(outcome, name).toEqual({ values: [expect.any(Number), expect.any(Number)] });
          if ("values" in outcome)
            for (const ns of outcome.values) expect(ns, name).toBeGreaterThan(0);
        }
      }
    },
  );
});
