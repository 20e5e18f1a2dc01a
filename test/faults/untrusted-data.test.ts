/**
 * Data from a pull request's run is untrusted: results files and artifacts
 * are size-capped and schema-validated before anything reads them, and every
 * string that reaches a comment is escaped. The rendered comment for a
 * hostile results file is a golden file: test/faults/golden/hostile-comment.md
 * (regenerate with UPDATE_GOLDEN=1 and read the diff).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentMarkdown } from "../../src/action/compare-report.js";
import { commentMarker } from "../../src/adapters/github-comment.js";
import { loadComparisonInputs, RESULTS_FILE_MAX_BYTES } from "../../src/adapters/results-files.js";
import { InputError } from "../../src/core/errors.js";
import { parseResultsFile } from "../../src/core/results.js";
import { DEFAULT_COMPARE_SETTINGS, runCompare } from "../../src/modes/compare.js";
import { runCli } from "../cli/support.js";
import { scratchDir } from "./support.js";

const HOSTILE = resolve("test/faults/fixtures/hostile-results");
const GOLDEN = resolve("test/faults/golden/hostile-comment.md");
const update = process.env.UPDATE_GOLDEN === "1";

let dir: Awaited<ReturnType<typeof scratchDir>>;
let comment: string;

beforeAll(async () => {
  dir = await scratchDir("jit-bench-faults-data-");
  const outcome = await runCompare({
    ...DEFAULT_COMPARE_SETTINGS,
    format: "markdown",
    // Relative, as a workflow names them: the report shows these paths.
    baseline: "test/faults/fixtures/hostile-results/off.json",
    candidate: "test/faults/fixtures/hostile-results/on.json",
  });
  // As the comment adapter posts it: the hidden marker first, then the report.
  comment = `${commentMarker("jit-bench")}\n${commentMarkdown({
    comparison: outcome.comparison,
    verdict: outcome.verdict,
    plan: null,
    runUrl: "https://github.com/aria/app/actions/runs/1",
  })}`;
});

afterAll(async () => {
  await dir?.cleanup();
});

async function refusal(paths: string[]): Promise<InputError> {
  const error = await loadComparisonInputs(paths).catch((e: unknown) => e);
  if (error instanceof InputError) return error;
  throw new Error(`expected an InputError, got ${String(error)}`);
}

/** The text with every backslash-escaped character removed: what is left acts as Markdown. */
function unescaped(markdown: string): string {
  return markdown.replace(/\\[\s\S]/g, "");
}

describe("results files from untrusted sources", () => {
  it("refuses a file over the size cap before reading a byte of it", async () => {
    const path = join(dir.path, "huge.json");
    // Sparse: the size is there, the bytes are not; a reader that tried to parse it would fail differently.
    const handle = await open(path, "w");
    await handle.truncate(RESULTS_FILE_MAX_BYTES + 1);
    await handle.close();
    const error = await refusal([path, join(HOSTILE, "on.json")]);
    expect(error.message).toBe(
      `${path}: is larger than the ${RESULTS_FILE_MAX_BYTES} bytes a results file may have (got "${RESULTS_FILE_MAX_BYTES + 1} bytes"). Pass a results file written by jit-bench run; split a very large suite with shards.`,
    );
  });

  it("refuses a leg with more benchmarks than the schema allows", () => {
    const file = JSON.parse(readFileSync(join(HOSTILE, "off.json"), "utf8"));
    const one = file.legs.off.benchmarks[0];
    file.legs.off.benchmarks = Array.from({ length: 100_001 }, () => one);
    expect(() => parseResultsFile(file, "many.json")).toThrow(
      /^many\.json: legs\.off\.benchmarks: Too big: expected array to have <=100000 items/,
    );
  });

  it("refuses a process with more values than the schema allows", () => {
    const file = JSON.parse(readFileSync(join(HOSTILE, "off.json"), "utf8"));
    file.legs.off.benchmarks[0].processes[0].values = new Array(100_001).fill(1);
    expect(() => parseResultsFile(file, "long.json")).toThrow(
      /^long\.json: legs\.off\.benchmarks\[0\]\.processes\[0\]\.values: Too big/,
    );
  });

  it("refuses a benchmark name longer than 500 characters", () => {
    const file = JSON.parse(readFileSync(join(HOSTILE, "off.json"), "utf8"));
    file.legs.off.benchmarks[0].name = "b".repeat(501);
    expect(() => parseResultsFile(file, "long-name.json")).toThrow(
      /^long-name\.json: legs\.off\.benchmarks\[0\]\.name: Too big/,
    );
  });
});

describe("the comment for a hostile results file", () => {
  it("matches the golden file", () => {
    if (update) {
      mkdirSync(resolve(GOLDEN, ".."), { recursive: true });
      writeFileSync(GOLDEN, comment);
    }
    expect(comment).toBe(readFileSync(GOLDEN, "utf8"));
  });

  it("holds the hidden marker once, on its first line, though a benchmark name fakes it", () => {
    expect(comment.split("\n")[0]).toBe("<!-- jit-bench:jit-bench -->");
    expect(comment.match(/<!--/g)).toHaveLength(1);
  });

  it("keeps every table row one row with the table's cell count, whatever the names hold", () => {
    const rows = comment.split("\n").filter((line) => line.startsWith("|"));
    // The header, its separator line and the six compared benchmarks: no row more, none less.
    expect(rows).toHaveLength(8);
    for (const row of rows) expect(unescaped(row).match(/\|/g), row).toHaveLength(8);
  });

  it("injects no HTML: no tag from the data opens", () => {
    // The report's own tags are the details blocks and the small print; none comes from the data.
    const tags = unescaped(comment).match(/<[a-z!/][^>]*>/gi) ?? [];
    const own = new Set([
      "<!-- jit-bench:jit-bench -->",
      "<details>",
      "</details>",
      "<summary>",
      "</summary>",
      "<sub>",
      "</sub>",
    ]);
    expect(tags.filter((tag) => !own.has(tag))).toEqual([]);
    expect(comment).not.toMatch(/<script|<img|<b>/i);
  });

  it("pings nobody and links no issue", () => {
    expect(comment).not.toMatch(/@(?!\u200b)[A-Za-z]/);
    expect(unescaped(comment)).not.toMatch(/#\d/);
  });

  it("opens no link from the data, bracketed or bare", () => {
    expect([...unescaped(comment).matchAll(/\]\(([^)]*)\)/g)]).toEqual([]);
    expect(comment).not.toMatch(/www\.|https?:\/\//i);
    expect(comment).not.toMatch(/(?<!\\)\]\(javascript/);
  });

  it("starts no code span or fence from the data", () => {
    // The chart's own fence is ours; what is inside it must hold no backtick.
    const charts = [...comment.matchAll(/```text\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
    expect(charts).toHaveLength(1);
    for (const chart of charts) expect(chart).not.toContain("`");
    const outsideCharts = comment.replace(/```text\n[\s\S]*?```/g, "");
    expect(unescaped(outsideCharts)).not.toContain("`");
  });
});

describe("names, paths and commands never pass through a shell", () => {
  it("spawns with argument arrays only: no shell option, no exec of a command string", () => {
    const offenders: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(ts|py)$/.test(entry.name)) {
          const text = readFileSync(path, "utf8");
          const patterns = [
            /shell\s*:\s*true/,
            /\bexecSync\s*\(/,
            /\bexec\s*\(\s*[`'"]/,
            /import\s*\{[^}]*\bexec\b[^}]*\}\s*from\s*"node:child_process"/,
            /shell\s*=\s*True/,
            /os\.system\s*\(/,
            /os\.popen\s*\(/,
          ];
          for (const pattern of patterns)
            if (pattern.test(text)) offenders.push(`${path}: ${pattern}`);
        }
      }
    };
    walk(resolve("src"));
    expect(offenders).toEqual([]);
  });

  it("measures a suite whose folder name is shell syntax, and runs none of it", async () => {
    const suite = "$(touch PWNED);`touch PWNED2`|x";
    mkdirSync(join(dir.path, suite));
    writeFileSync(join(dir.path, suite, "bench_safe.py"), "def bench_safe():\n    return 1\n");
    const out = join(dir.path, "out");
    const result = await runCli(
      [
        "run",
        suite,
        "--root",
        dir.path,
        "--output-dir",
        out,
        "--legs",
        "off",
        "--processes",
        "2",
        "--values",
        "1",
        "--warmups",
        "0",
        "--min-time",
        "1ms",
      ],
      { cwd: dir.path },
    );
    expect(result.code, result.stderr).toBe(0);
    const results = parseResultsFile(
      JSON.parse(readFileSync(join(out, "results-off.json"), "utf8")),
      "r",
    );
    expect(results.legs.off?.benchmarks[0]?.file).toBe(`${suite}/bench_safe.py`);
    expect(existsSync(join(dir.path, "PWNED"))).toBe(false);
    expect(existsSync(join(dir.path, "PWNED2"))).toBe(false);
  });
});
