/**
 * The comparison JSON of a variants run, written beside the variants file
 * for programs: its schema, its headline as fields, and its path guarded
 * like every file a run writes, before anything is measured.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveRunSettings } from "../../src/core/config/settings.js";
import { isOwnFile } from "../../src/core/own-files.js";
import { compareRun, VARIANTS_COMPARISON_FILE_NAME } from "../../src/modes/variants/comparison.js";
import { runVariants } from "../../src/modes/variants/run.js";
import { FIVE_VARIANTS, variantsFile } from "../action/synthetic-variants.js";
import { inputErrorOf } from "../input-error.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "jit-bench-variants-json-"));
  await mkdir(join(dir, "benchmarks"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the variants comparison JSON", () => {
  it("is written beside the variants file, with the headline as text and as fields", async () => {
    const out = join(dir, "out");
    await mkdir(out);
    const { path, comparison } = await compareRun(
      variantsFile(FIVE_VARIANTS),
      join(out, "variants.json"),
    );
    expect(path).toBe(join(out, VARIANTS_COMPARISON_FILE_NAME));
    const text = await readFile(path, "utf8");
    expect(isOwnFile("variants-comparison", text)).toBe(true);
    const json = JSON.parse(text);
    expect(json.schema).toBe("jit-bench/variants-comparison@1");
    expect(json.headline.fastest).toBe("3.14 + JIT");
    expect(json.headline.kind).toBe("significant");
    expect(json.headline.text).toMatch(/^3\.14 \+ JIT is fastest: /);
    expect(json.measured.settings.sets).toBe(8);
    expect(json.comparison.rows).toHaveLength(comparison.rows.length);
    expect(json.comparison.effects.map((e: { label: string }) => e.label)).toContain(
      comparison.effects[0]?.label,
    );
  });

  it("takes no file of the user's: a run refuses one at its path before any interpreter starts", async () => {
    const out = join(dir, "guarded");
    await mkdir(out);
    await writeFile(join(out, VARIANTS_COMPARISON_FILE_NAME), '{"ours": "hand-written"}\n');
    const settings = resolveRunSettings({
      flags: {
        variants: ["a: /nonexistent/python-a", "b: /nonexistent/python-b"],
        "output-dir": "guarded",
      },
      file: null,
      cwd: dir,
    });
    const error = await inputErrorOf(
      runVariants(settings, {
        now: () => new Date(0),
        log: () => {},
        warn: () => {},
        signal: new AbortController().signal,
      }),
    );
    expect(error.input).toBe("--output-dir");
    expect(error.message).toContain(
      'would replace guarded/variants-comparison.json with the comparison of this run\'s variants, but that file was not written by jit-bench: it lacks "schema": "jit-bench/variants-comparison@1"',
    );
  });
});
