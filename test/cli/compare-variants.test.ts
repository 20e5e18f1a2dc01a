/**
 * `jit-bench compare variants.json`: one variants file alone is compared
 * again, in every report format, with the same figures a run printed; a
 * failed benchmark exits 3 unless allowed, and pyperf export is refused.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CompareIo, compareCommand } from "../../src/cli/compare.js";
import { InputError } from "../../src/core/errors.js";
import { renderVariantsMarkdown } from "../../src/core/render/variants.js";
import { compareVariants } from "../../src/core/variants/compare.js";
import type { VariantsFile } from "../../src/core/variants/results.js";
import { syntheticFile } from "../core/variants/synthetic.js";

const SEED = 20261207;
let scratch = "";
let file: VariantsFile;
let path = "";

beforeAll(() => {
  console.log(`seed ${SEED}`);
  scratch = mkdtempSync(join(tmpdir(), "jit-bench-compare-variants-"));
  file = syntheticFile({
    seed: SEED,
    variants: [
      { name: "3.12", speedup: 1, python: ["python3.12"], version: "3.12.1" },
      { name: "3.13", speedup: 1.1, python: ["python3.13"], version: "3.13.0" },
    ],
    benchmarks: [
      { name: "bench_a", ns: 1000 },
      { name: "bench_b", ns: 5000 },
    ],
    sets: 8,
    values: 5,
  });
  path = join(scratch, "variants.json");
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const result = { stdout: "", stderr: "", exitCode: null as number | null };
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
  await compareCommand(io)
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} })
    .parseAsync(args, { from: "user" });
  return result;
}

describe("jit-bench compare on a variants file", () => {
  it("writes the same Markdown report as the run, from the file alone", async () => {
    const out = await run(path, "--format", "markdown");
    const expected = renderVariantsMarkdown(
      compareVariants(file, { seed: 1, resamples: 1000 }),
      file,
    );
    expect(out.stdout).toBe(expected);
    expect(out.exitCode).toBeNull();
  });

  it("gives the comparison as JSON, with the fastest variant named", async () => {
    const out = await run(path, "--format", "json");
    const json = JSON.parse(out.stdout) as { schema: string; headline: { fastest: string | null } };
    expect(json.schema).toBe("jit-bench/variants-comparison@1");
    expect(json.headline.fastest).toBe("3.13");
  });

  it("writes the text report to --output", async () => {
    const target = join(scratch, "out", "report.txt");
    const out = await run(path, "--output", target);
    expect(readFileSync(target, "utf8")).toContain("3.13 is fastest");
    expect(out.stderr).toContain(`report written to ${target}`);
  });

  it("exits 3 for a failed benchmark unless --allow-failures", async () => {
    const failed: VariantsFile = {
      ...file,
      benchmarks: [
        ...file.benchmarks,
        {
          name: "bench_broken",
          file: "bench_x.py",
          status: "failed",
          reason: "raised ValueError",
          failedVariant: 1,
          loops: null,
          sets: [],
          stop: "failed",
        },
      ],
    };
    const broken = join(scratch, "broken.json");
    writeFileSync(broken, JSON.stringify(failed));
    const out = await run(broken);
    expect(out.exitCode).toBe(3);
    expect(out.stderr).toContain("1 benchmark failed (bench_broken)");
    expect((await run(broken, "--allow-failures")).exitCode).toBeNull();
    // A run that allowed failures says so in its file, and compare keeps to it.
    const allowedByRun = join(scratch, "allowed.json");
    writeFileSync(
      allowedByRun,
      JSON.stringify({ ...failed, settings: { ...failed.settings, allowFailures: true } }),
    );
    expect((await run(allowedByRun)).exitCode).toBeNull();
  });

  it("refuses to export a variants file as pyperf legs", async () => {
    await expect(run(path, "--format", "pyperf", "--output", scratch)).rejects.toThrow(InputError);
  });
});
