import { describe, expect, it } from "vitest";
import { discover } from "../../src/measure/worker/calls.js";
import { options, PY } from "./support.js";

const none = { include: [], exclude: [] };

describe("discover", () => {
  it.each([PY.py39, PY.py313])(
    "finds sync and async bench_* functions in a folder, recursively (%s)",
    async (python) => {
      const found = await discover(options(python), ["basic"], none);
      expect(found.benchmarks).toEqual([
        { name: "bench_sleep_zero", file: "basic/bench_async.py", async: true },
        { name: "bench_gather", file: "basic/bench_async.py", async: true },
        { name: "bench_sum", file: "basic/bench_sync.py", async: false },
        { name: "bench_join", file: "basic/bench_sync.py", async: false },
        { name: "bench_deep", file: "basic/nested/bench_deep.py", async: false },
      ]);
      expect(found.problems).toEqual([]);
      expect(found.missing).toEqual([]);
    },
  );

  it("loads a file given explicitly even when its name does not look like a benchmark file", async () => {
    const found = await discover(options(PY.default), ["basic/not_a_suite.py"], none);
    expect(found.benchmarks).toEqual([
      { name: "bench_hidden", file: "basic/not_a_suite.py", async: false },
    ]);
  });

  it("applies include and exclude patterns to the names", async () => {
    const found = await discover(options(PY.default), ["basic"], {
      include: ["bench_s*", "bench_deep"],
      exclude: ["*sleep*"],
    });
    expect(found.benchmarks.map((b) => b.name)).toEqual(["bench_sum", "bench_deep"]);
  });

  it("qualifies a name that occurs in two files with its file, and only that name", async () => {
    const found = await discover(options(PY.default), ["dup"], none);
    expect(found.benchmarks.map((b) => b.name)).toEqual([
      "dup/bench_one.py::bench_same",
      "bench_only_in_one",
      "dup/bench_two.py::bench_same",
    ]);
    const filtered = await discover(options(PY.default), ["dup"], {
      include: ["dup/bench_two.py::*"],
      exclude: [],
    });
    expect(filtered.benchmarks.map((b) => b.name)).toEqual(["dup/bench_two.py::bench_same"]);
  });

  it("reports a file that fails to import, with the reason, and keeps the other files", async () => {
    const found = await discover(options(PY.default), ["import-error"], none);
    expect(found.benchmarks).toEqual([
      { name: "bench_fine", file: "import-error/bench_fine.py", async: false },
    ]);
    expect(found.problems).toEqual([
      {
        file: "import-error/bench_broken.py",
        kind: "import",
        reason: expect.stringContaining(
          "ModuleNotFoundError: No module named 'definitely_missing_module'",
        ),
      },
      {
        file: "import-error/bench_raises_at_import.py",
        kind: "import",
        reason:
          "ValueError: broken at import time (at import-error/bench_raises_at_import.py:1 in <module>)",
      },
    ]);
  });

  it("finds nothing in a file without benchmarks", async () => {
    const found = await discover(options(PY.default), ["empty"], none);
    expect(found).toEqual({ benchmarks: [], problems: [], missing: [] });
  });

  it("reports a bench_* function that needs arguments instead of listing it", async () => {
    const found = await discover(options(PY.default), ["args"], none);
    expect(found.benchmarks.map((b) => b.name)).toEqual(["bench_default_is_fine"]);
    expect(found.problems).toEqual([
      {
        file: "args/bench_args.py",
        kind: "arguments",
        reason: "bench_needs_argument takes arguments (n); benchmarks are called with none",
      },
    ]);
  });

  it("imports a file inside a package by its package name, so relative imports work", async () => {
    const found = await discover(options(PY.default), ["pkg"], none);
    expect(found.benchmarks).toEqual([
      { name: "bench_relative", file: "pkg/benchpkg/bench_relative.py", async: false },
    ]);
    expect(found.problems).toEqual([]);
  });

  it("lists paths that do not exist, and still searches the others", async () => {
    const found = await discover(options(PY.default), ["no/such/folder", "basic/nested"], none);
    expect(found.missing).toEqual(["no/such/folder"]);
    expect(found.benchmarks.map((b) => b.name)).toEqual(["bench_deep"]);
  });
});
