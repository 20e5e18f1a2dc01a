/**
 * The compare command end to end, through commander, on hand-made results
 * files in test/fixtures/results (regenerate with make_fixtures.py there).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CommanderError } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CompareIo, compareCommand } from "../../src/cli/compare.js";
import { InputError } from "../../src/core/errors.js";
import { parseResultsFile } from "../../src/core/results.js";
import { formatComparisonForRun } from "../../src/modes/compare.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/results/", import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);
// Made when the tests run, not when the file is loaded: `vitest list` loads it without running it.
let scratch = "";
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "jit-bench-compare-"));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

interface Run {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

async function run(...args: string[]): Promise<Run> {
  const result: Run = { stdout: "", stderr: "", exitCode: null };
  const io: CompareIo = {
    stdout: (text) => {
      result.stdout += text;
    },
    stderr: (text) => {
      result.stderr += text;
    },
    setExitCode: (code) => {
      result.exitCode = code;
    },
  };
  const command = compareCommand(io)
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
  await command.parseAsync(args, { from: "user" });
  return result;
}

async function failure(...args: string[]): Promise<InputError> {
  try {
    await run(...args);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`no error for ${args.join(" ")}`);
}

/** A variant of a fixture, written to the scratch folder. */
// biome-ignore lint/suspicious/noExplicitAny: a test edits the fixture's JSON freely
function variant(name: string, from: string, edit: (doc: any) => void): string {
  const doc = JSON.parse(readFileSync(fixture(from), "utf8"));
  edit(doc);
  const path = join(scratch, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

describe("jit-bench compare", () => {
  it("compares the two legs of one run --legs both file", async () => {
    const { stdout, exitCode } = await run(fixture("both-legs.json"), "--format", "json");
    const report = JSON.parse(stdout);
    expect(report.verdict.kind).toBe("enable");
    expect(report.comparison.rows.map((r: { class: string }) => r.class)).toEqual([
      "faster",
      "faster",
      "faster",
    ]);
    expect(report.comparison.baseline.leg).toBe("off");
    expect(exitCode).toBeNull();
  });

  it("gives the same report from two leg files, in either order, and from one file named twice", async () => {
    const single = await run(fixture("both-legs.json"));
    const pair = await run(fixture("off.json"), fixture("on.json"));
    const reversed = await run(fixture("on.json"), fixture("off.json"));
    const twice = await run(fixture("both-legs.json"), fixture("both-legs.json"));
    const strip = (text: string) => text.replace(/from [^\n·]*/g, "");
    expect(strip(pair.stdout)).toBe(strip(single.stdout));
    expect(strip(reversed.stdout)).toBe(strip(single.stdout));
    expect(twice.stdout).toBe(single.stdout);
  });

  it("merges a leg's shards from a folder and names the missing one", async () => {
    const { stdout } = await run(fixture("shards"), "--format", "json");
    const report = JSON.parse(stdout);
    expect(report.comparison.warnings.map((w: { message: string }) => w.message)).toContain(
      "the JIT leg is missing shard 2 of 2, so its benchmarks are not in this comparison",
    );
    const json = report.comparison.rows.find(
      (r: { name: string }) => r.name === "bench_json_serialization",
    );
    expect(json).toMatchObject({ class: "missing", side: "candidate" });
  });

  it("writes --output atomically, and says where on stderr", async () => {
    const target = join(scratch, "out", "report.md");
    const { stdout, stderr } = await run(
      fixture("both-legs.json"),
      "--format",
      "markdown",
      "--output",
      target,
    );
    expect(stdout).toBe("");
    expect(stderr).toContain(`report written to ${target}`);
    expect(readFileSync(target, "utf8")).toMatch(/^## jit-bench: enable the JIT\n/);
    expect(readdirSync(join(scratch, "out"))).toEqual(["report.md"]);
  });

  it('accepts a threshold as "5" or "5%", and shows which was used', async () => {
    const bare = await run(fixture("both-legs.json"), "--threshold", "5");
    const percent = await run(fixture("both-legs.json"), "--threshold", "5%");
    expect(bare.stdout).toBe(percent.stdout);
    expect(bare.stdout).toContain("threshold +5%");
    const strict = await run(fixture("both-legs.json"), "--threshold", "30");
    expect(strict.stdout).toContain("threshold +30%");
    expect(strict.stdout).toContain("KEEP THE JIT OFF");
    const error = await failure(fixture("both-legs.json"), "--threshold", "0.05");
    expect(error.message).toMatch(/^--threshold: is ambiguous/);
  });

  it("exits 1 on a regression only with --fail-on-regression", async () => {
    const slow = variant("slow.json", "on.json", (doc) => {
      for (const process of doc.legs.on.benchmarks[0].processes) {
        process.values = process.values.map((v: number) => v * 1.5);
      }
    });
    const plain = await run(fixture("off.json"), slow);
    expect(plain.stdout).toContain("REGRESSION");
    expect(plain.exitCode).toBeNull();
    const failing = await run(fixture("off.json"), slow, "--fail-on-regression");
    expect(failing.exitCode).toBe(1);
  });

  it("says not applicable when the JIT leg's interpreter has no JIT, and still shows the table", async () => {
    const nojit = variant("nojit.json", "both-legs.json", (doc) => {
      const state = { ...doc.legs.on.jit, compiled: false, enabled: false, active: false };
      doc.legs.on.jit = state;
      for (const b of doc.legs.on.benchmarks) for (const p of b.processes) p.jit = state;
    });
    const { stdout } = await run(nojit, "--format", "markdown");
    expect(stdout).toContain("## jit-bench: not applicable");
    expect(stdout).toContain("python-build-standalone");
    expect(stdout).toContain("bench\\_context\\_assembly");
  });

  it("warns about a different CPU, and --strict refuses it", async () => {
    const elsewhere = variant("elsewhere.json", "on.json", (doc) => {
      doc.environment.fingerprint.cpuModel = "Intel(R) Xeon(R) Platinum 8370C";
    });
    const { stdout } = await run(fixture("off.json"), elsewhere);
    expect(stdout).toContain("warning: the legs ran on different CPUs");
    const error = await failure(fixture("off.json"), elsewhere, "--strict");
    expect(error.message).toMatch(/^--strict: refuses to compare legs/);
  });

  it("shows that a results file is partial", async () => {
    const partial = variant("partial.json", "on.json", (doc) => {
      doc.partial = true;
      doc.partialReason = "cancelled after 3 of 12 benchmarks";
    });
    const { stdout } = await run(fixture("off.json"), partial);
    expect(stdout).toContain(
      `warning: ${partial} is partial: the run stopped before every benchmark finished (cancelled after 3 of 12 benchmarks)`,
    );
  });

  it("reads the seed script's JSON and says plainly that it has no raw values", async () => {
    const { stdout } = await run(
      fixture("seed/benchmarks_nojit.json"),
      fixture("seed/benchmarks_jit.json"),
    );
    expect(stdout).toContain("INCONCLUSIVE");
    expect(stdout).toContain("no raw values");
  });

  it("leaves a bad --format to commander", async () => {
    await expect(run(fixture("both-legs.json"), "--format", "html")).rejects.toBeInstanceOf(
      CommanderError,
    );
  });
});

describe("bad input: one line naming the input and the fix", () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    [
      "not JSON",
      () => [fixture("not-json.json"), fixture("on.json")],
      /not-json\.json: is not JSON \(/,
    ],
    [
      "the wrong schema version",
      () => [fixture("wrong-schema.json"), fixture("on.json")],
      /wrong-schema\.json: is schema "jit-bench\/results@2", not jit-bench\/results@1/,
    ],
    [
      "a negative duration",
      () => [fixture("negative-duration.json"), fixture("on.json")],
      /negative-duration\.json: legs\.off\.benchmarks\[0\]\.processes\[1\]\.values\[2\]: .*\(got -5\)/,
    ],
    [
      "a NaN duration",
      () => [fixture("nan-duration.json"), fixture("on.json")],
      /nan-duration\.json: legs\.off\.benchmarks\[1\]\.processes\[0\]\.values\[0\]: .*\(got "NaN"\)/,
    ],
    [
      "a missing file",
      () => [join(scratch, "nowhere.json"), fixture("on.json")],
      /nowhere\.json: does not exist/,
    ],
    [
      "two files from the same leg",
      () => [fixture("off.json"), variant("off-again.json", "off.json", () => {})],
      /holds the no-JIT leg, as .*off\.json does/,
    ],
    ["only one leg", () => [fixture("off.json")], /off\.json: holds only the no-JIT leg/],
    [
      "no benchmarks in common",
      () => [
        fixture("off.json"),
        variant("renamed.json", "on.json", (doc) => {
          for (const b of doc.legs.on.benchmarks) b.name = b.name.replace("bench_", "test_");
        }),
      ],
      /no benchmark name is in both legs; the closest names are "bench_\w+" ~ "test_\w+"/,
    ],
  ];

  it.each(cases)("%s", async (_label, args, pattern) => {
    const error = await failure(...args());
    expect(error.message).toMatch(pattern);
    expect(error.message).not.toContain("\n");
  });

  it("an empty folder", async () => {
    const empty = mkdtempSync(join(scratch, "empty-"));
    const error = await failure(empty);
    expect(error.message).toMatch(/is a folder with no \.json files in it/);
  });
});

describe("formatComparisonForRun", () => {
  it("renders the comparison of a run --legs both file held in memory, as compare would", async () => {
    const path = fixture("both-legs.json");
    const file = parseResultsFile(JSON.parse(readFileSync(path, "utf8")), path);
    const outcome = formatComparisonForRun(file, path, { format: "markdown" });
    const viaCli = await run(path, "--format", "markdown");
    expect(outcome.output).toBe(viaCli.stdout);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.verdict.kind).toBe("enable");
  });
});
