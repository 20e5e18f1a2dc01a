/**
 * Bad input to `jit-bench run` gets one clear line naming the input, its value
 * and the fix; exit code 2, no stack trace, and no file written.
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pyenvPython } from "../pythons.js";
import { removeTempDirs, runCli, tempDir } from "./support.js";

afterAll(removeTempDirs);

const SUITES = resolve("test/fixtures/suites");
const PY38 = pyenvPython("3.8");

interface Case {
  name: string;
  args: (dir: string) => string[];
  config?: string;
  /** Words the one line must contain: the input's name, its value, the fix. */
  expect: RegExp[];
}

const fast = ["--processes", "2", "--values", "1", "--warmups", "0", "--min-time", "1ms"];

const cases: Case[] = [
  {
    name: "a suite path that does not exist",
    args: () => ["run", "no/such/folder", "--root", SUITES, ...fast],
    expect: [/suite/, /"no\/such\/folder"/, /does not exist/, /bench_\*/],
  },
  {
    name: "a suite with no benchmarks",
    args: () => ["run", "empty", "--root", SUITES, ...fast],
    expect: [/suite/, /"empty"/, /has no benchmarks/, /bench_\*/],
  },
  {
    name: "a python command that is not found",
    args: () => ["run", "basic", "--root", SUITES, "--python", "python9.99", ...fast],
    expect: [/--python/, /python9\.99/, /not found/, /Install Python 3\.9 or newer/],
  },
  {
    name: "a python command that is not Python",
    args: () => ["run", "basic", "--root", SUITES, "--python", "/bin/true", ...fast],
    expect: [/--python/, /\/bin\/true/, /Python/],
  },
  {
    name: "a python too old for the harness",
    args: () => ["run", "basic", "--root", SUITES, "--python", PY38, ...fast],
    expect: [/--python/, /3\.8/, /3\.9 or newer/],
  },
  {
    name: "a config file that does not parse",
    config: "processes: [2,\nvalues: 3\n",
    args: (dir) => ["run", "--config", join(dir, "jit-bench.yml"), "--root", SUITES],
    expect: [/jit-bench\.yml/, /line \d+/],
  },
  {
    name: "a config value of the wrong type",
    config: "processes: many\n",
    args: (dir) => ["run", "--config", join(dir, "jit-bench.yml"), "--root", SUITES],
    expect: [/processes/, /"many"/],
  },
  {
    name: "an unknown config key, with the nearest key suggested",
    config: "proceses: 4\n",
    args: (dir) => ["run", "--config", join(dir, "jit-bench.yml"), "--root", SUITES],
    expect: [/proceses/, /Did you mean "processes"/],
  },
  {
    name: "a non-positive min-time",
    args: () => ["run", "basic", "--root", SUITES, "--min-time", "0"],
    expect: [/--min-time/, /"0"/],
  },
  {
    name: "a non-positive timeout",
    args: () => ["run", "basic", "--root", SUITES, "--timeout", "-5s"],
    expect: [/--timeout/, /"-5s"/],
  },
  {
    name: "fewer than 2 processes",
    args: () => ["run", "basic", "--root", SUITES, "--processes", "1"],
    expect: [/--processes/, /\(got 1\)/, /2 or more/],
  },
];

describe("jit-bench run with bad input", () => {
  for (const c of cases) {
    it(`refuses ${c.name} with one line and exit code 2`, async () => {
      const dir = tempDir();
      if (c.config !== undefined) writeFileSync(join(dir, "jit-bench.yml"), c.config);
      const out = join(dir, "out");
      const result = await runCli([
        ...c.args(dir),
        "--output-dir",
        out,
        "--report",
        join(out, "b.md"),
      ]);
      expect(result.code).toBe(2);
      const lines = result.stderr.trimEnd().split("\n");
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^jit-bench: /);
      for (const pattern of c.expect) expect(lines[0]).toMatch(pattern);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out) ? readdirSync(out).filter((f) => !f.startsWith(".")) : []).toEqual([]);
    });
  }

  it.each([
    ["out/results.md", /JSON export at out\/results\.json, the results file of this run/],
    ["out/results.json", /is the path of the results file/],
    ["docs/benchmarks.json", /is the path of the report's JSON export beside it/],
  ])(
    "refuses --report %s, which would overwrite results, before measuring",
    async (report, why) => {
      const dir = tempDir();
      writeFileSync(join(dir, "bench_one.py"), "def bench_one():\n    pass\n");
      const result = await runCli([
        "run",
        "bench_one.py",
        "--root",
        dir,
        ...fast,
        "--output-dir",
        join(dir, "out"),
        "--report",
        join(dir, report),
      ]);
      expect(result.code).toBe(2);
      const lines = result.stderr.trimEnd().split("\n");
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^jit-bench: --report/);
      expect(lines[0]).toMatch(why);
      expect(existsSync(join(dir, "out"))).toBe(false);
    },
  );

  it("refuses an output folder that cannot be written, before measuring anything", async () => {
    const dir = tempDir();
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    const result = await runCli([
      "run",
      "basic",
      "--root",
      SUITES,
      ...fast,
      "--output-dir",
      join(file, "out"),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/--output-dir/);
    expect(result.stderr).toMatch(/cannot be written \(ENOTDIR\)/);
    expect(result.stderr).toMatch(/Pass a folder you can write to/);
  });
});
