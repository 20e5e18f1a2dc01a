/**
 * `jit-bench run` never replaces a file it did not write. A file of the
 * user's at one of its paths (the report, the JSON and flame graph beside
 * it, the results, a pyperf export) is refused before anything is measured:
 * exit 2, one line naming the setting, the file and the way out, and nothing
 * written. Its own files, known by their marks, are replaced as before, and
 * --overwrite replaces anything. Real runs of the bundled CLI on Debian's
 * python3.11.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPORT_MARK } from "../../src/core/own-files.js";
import { DEBIAN_PYTHON } from "../pythons.js";
import { type CliResult, removeTempDirs, runCli, tempDir } from "./support.js";

afterAll(removeTempDirs);

const fast = [
  "--python",
  DEBIAN_PYTHON,
  "--processes",
  "2",
  "--warmups",
  "0",
  "--values",
  "2",
  "--min-time",
  "1ms",
  "--precision",
  "off",
];

const HAND_WRITTEN = "# Benchmarks\n\nOur numbers, measured by hand in March.\n";

/** A project with one benchmark and, at `files`, files of its own. */
function project(files: Record<string, string> = {}): string {
  const dir = tempDir("jit-bench-own-files-");
  writeFileSync(join(dir, "bench_one.py"), "def bench_one():\n    return sum(range(50))\n");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Everything under `dir`, as relative paths. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

function refusal(result: CliResult): string {
  expect(result.code, result.stderr).toBe(2);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines, result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return lines[0] ?? "";
}

describe("jit-bench run and the user's files", () => {
  it("refuses to replace a hand-written docs/benchmarks.md, naming it, --report and --overwrite", async () => {
    const dir = project({ "docs/benchmarks.md": HAND_WRITTEN });
    const before = tree(dir);
    const line = refusal(
      await runCli(["run", "bench_one.py", "--root", dir, ...fast], { cwd: dir }),
    );
    expect(line).toMatch(
      /^jit-bench: --report: would replace docs\/benchmarks\.md with the markdown report/,
    );
    expect(line).toContain("was not written by jit-bench");
    expect(line).toContain('(got "docs/benchmarks.md")');
    expect(line).toContain(
      "name another report path with --report <path>, or write none with --no-report",
    );
    expect(line).toContain("to replace it, pass --overwrite");
    // Nothing measured, nothing written: not even the results folder.
    expect(readFileSync(join(dir, "docs/benchmarks.md"), "utf8")).toBe(HAND_WRITTEN);
    expect(tree(dir)).toEqual(before);
  });

  it("refuses a hand-written benchmarks.json beside the report, and names the setting from jit-bench.yml", async () => {
    const seed = '{"python": "3.13.1", "jit": true, "timestamp": "x", "results": []}\n';
    const dir = project({
      "jit-bench.yml": "suite: bench_one.py\nreport: site/perf.md\n",
      "site/perf.json": seed,
    });
    const before = tree(dir);
    const line = refusal(await runCli(["run", ...fast], { cwd: dir }));
    expect(line).toMatch(
      /^jit-bench: jit-bench\.yml: report: would replace site\/perf\.json with the report's JSON export/,
    );
    expect(line).toContain('"jit_bench": {"schema": "jit-bench/benchmarks@1"}');
    expect(line).toContain("set jit-bench.yml: report to another path, or to false for no report");
    expect(readFileSync(join(dir, "site/perf.json"), "utf8")).toBe(seed);
    expect(tree(dir)).toEqual(before);
  });

  it("refuses a profile.svg of the user's with --profile, and a pyperf file with --format pyperf", async () => {
    const drawn = "<svg xmlns='http://www.w3.org/2000/svg'><!-- our logo --></svg>\n";
    const svgDir = project({ "docs/profile.svg": drawn });
    const svgLine = refusal(
      await runCli(["run", "bench_one.py", "--root", svgDir, ...fast, "--profile"], {
        cwd: svgDir,
      }),
    );
    expect(svgLine).toMatch(
      /^jit-bench: --report: would replace docs\/profile\.svg with the suite's flame graph/,
    );
    expect(readFileSync(join(svgDir, "docs/profile.svg"), "utf8")).toBe(drawn);

    const pyperf = '{"version": "1.0", "metadata": {"name": "ours"}, "benchmarks": []}\n';
    const pyperfDir = project({ "out/on.pyperf.json": pyperf });
    const pyperfLine = refusal(
      await runCli(
        [
          "run",
          "bench_one.py",
          "--root",
          pyperfDir,
          ...fast,
          "--output-dir",
          "out",
          "--format",
          "pyperf",
        ],
        { cwd: pyperfDir },
      ),
    );
    expect(pyperfLine).toMatch(
      /^jit-bench: --output-dir: would replace out\/on\.pyperf\.json with a leg's pyperf export/,
    );
    expect(pyperfLine).toContain("pass --output-dir <folder> for a folder of jit-bench's own");
    expect(readFileSync(join(pyperfDir, "out/on.pyperf.json"), "utf8")).toBe(pyperf);
  });

  it("refuses a results.json of the user's in the output folder before a worker starts", async () => {
    const mine = '{"results": ["not jit-bench"]}\n';
    const dir = project({ "data/results.json": mine });
    const before = tree(dir);
    const line = refusal(
      await runCli(
        ["run", "bench_one.py", "--root", dir, ...fast, "--output-dir", "data", "--no-report"],
        {
          cwd: dir,
        },
      ),
    );
    expect(line).toMatch(
      /^jit-bench: --output-dir: would replace data\/results\.json with the results of this run/,
    );
    expect(line).toContain('"schema": "jit-bench/results@1"');
    expect(line).toContain('(got "data")');
    expect(readFileSync(join(dir, "data/results.json"), "utf8")).toBe(mine);
    expect(tree(dir)).toEqual(before);
  });

  it("replaces the user's files with --overwrite, and its own files on the next run without it", async () => {
    const dir = project({ "docs/benchmarks.md": HAND_WRITTEN, "docs/benchmarks.json": "{}\n" });
    const first = await runCli(["run", "bench_one.py", "--root", dir, ...fast, "--overwrite"], {
      cwd: dir,
    });
    expect(first.code, first.stderr).toBe(0);
    const report = readFileSync(join(dir, "docs/benchmarks.md"), "utf8");
    expect(report.startsWith(`${REPORT_MARK}\n`)).toBe(true);
    const json = JSON.parse(readFileSync(join(dir, "docs/benchmarks.json"), "utf8"));
    expect(json.jit_bench.schema).toBe("jit-bench/benchmarks@1");

    // Every file now carries its mark: the next run replaces them all, unasked.
    const second = await runCli(["run", "bench_one.py", "--root", dir, ...fast], { cwd: dir });
    expect(second.code, second.stderr).toBe(0);
    const again = JSON.parse(readFileSync(join(dir, "docs/benchmarks.json"), "utf8"));
    expect(again.timestamp).not.toBe(json.timestamp);
    expect(JSON.parse(readFileSync(join(dir, ".jit-bench/results.json"), "utf8")).createdAt).toBe(
      again.timestamp,
    );
    expect(existsSync(join(dir, "docs/benchmarks.md"))).toBe(true);
  });
});
