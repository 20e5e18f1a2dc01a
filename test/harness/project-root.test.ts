/**
 * Benchmarks run as if from the project root: it is the working directory and
 * sys.path[0] (the harness folder is not on sys.path), and a benchmark file
 * can still import the modules beside it.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { calibrate, WorkerFailure } from "../../src/measure/worker/calls.js";
import { options, PY, SUITES } from "./support.js";

const bench = {
  name: "bench_root_is_cwd_and_first_on_path",
  file: "benches/bench_paths.py",
  async: false,
};

describe.each([PY.py39, PY.py313])("the project root (%s)", (python) => {
  it("is the working directory and first on sys.path, with the file's own folder after it", async () => {
    const result = await calibrate(
      options(python, { root: join(SUITES, "syspath") }),
      bench,
      100_000,
    );
    expect(result.loops).toBeGreaterThanOrEqual(1);
  });

  it("decides what imports: from another root, the project's modules are not found", async () => {
    const elsewhere = { ...bench, file: "syspath/benches/bench_paths.py" };
    const failure = await calibrate(options(python, { root: SUITES }), elsewhere, 100_000).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(WorkerFailure);
    expect((failure as WorkerFailure).reason).toBe(
      "could not import syspath/benches/bench_paths.py: ModuleNotFoundError: No module named 'helper_mod' (at syspath/benches/bench_paths.py:4 in <module>)",
    );
  });
});
