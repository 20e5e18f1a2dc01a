/**
 * A variants file (variants.json) may come from a fork's artifact. The schema
 * refuses what would break the comparison or the report (environment as an
 * object that could hold __proto__, variant names that render, sets that do
 * not hold one entry per variant, repeated variants in an order, figures
 * beyond their limits, a failed variant that is not there), each with the
 * path to the field. What it accepts as free text (benchmark names, reasons,
 * interpreter facts) reaches the Markdown and the terminal only as text.
 */
import { describe, expect, it } from "vitest";
import { renderVariantsMarkdown } from "../../src/core/render/variants.js";
import { renderVariantsText } from "../../src/core/render/variants-text.js";
import { VALUE_MAX_NS } from "../../src/core/results.js";
import { compareVariants } from "../../src/core/variants/compare.js";
import {
  VARIANT_LIMITS,
  type VariantsFile,
  VariantsFileSchema,
} from "../../src/core/variants/results.js";
import { syntheticFile } from "../core/variants/synthetic.js";

/** A valid file: three variants, two benchmarks, four sets of three values. */
function valid(): VariantsFile {
  return syntheticFile({
    seed: 7,
    variants: [
      { name: "3.12", speedup: 1 },
      { name: "3.13", speedup: 1.1 },
      { name: "3.13 + JIT", speedup: 1.2, env: [["PYTHON_JIT", "1"]] },
    ],
    benchmarks: [
      { name: "bench_a", ns: 1000 },
      { name: "bench_b", ns: 2000 },
    ],
    sets: 4,
    values: 3,
  });
}

/** The file as it would arrive: JSON text parsed, so that "__proto__" is an own key. */
function arriving(edit: (file: Record<string, unknown> & VariantsFile) => void): unknown {
  const file = JSON.parse(JSON.stringify(valid()));
  edit(file);
  return JSON.parse(JSON.stringify(file).replace('"__PROTO__"', '"__proto__"'));
}

type Edit = (file: VariantsFile) => unknown;

/** Each edit of a valid file is refused, at the path given (relative to `base`). */
function expectRefused(
  cases: readonly (readonly [string, Edit, readonly PropertyKey[]])[],
  base: readonly PropertyKey[] = [],
): void {
  for (const [label, edit, path] of cases) {
    const result = VariantsFileSchema.safeParse(
      arriving((f) => {
        edit(f);
      }),
    );
    expect(result.success, `accepted ${label}`).toBe(false);
    expect(result.error?.issues[0]?.path, label).toEqual([...base, ...path]);
  }
}

const set0 = (f: VariantsFile) => {
  const set = f.benchmarks[0]?.sets[0];
  if (!set) throw new Error("the valid file has sets");
  return set;
};
const rename = (v: number, name: string) => (f: VariantsFile) => {
  (f.variants[v] as { name: string }).name = name;
};

describe("a variants file from an artifact", () => {
  it("is accepted as a run writes it", () => {
    expect(VariantsFileSchema.safeParse(valid()).error).toBeUndefined();
  });

  it("is refused with env as an object, even one holding __proto__, and pollutes nothing", () => {
    const input = arriving((f) => {
      Object.assign(f.variants[1] as object, { env: { __PROTO__: { polluted: "yes" } } });
    });
    expect(Object.keys((input as VariantsFile).variants[1]?.env ?? {})).toEqual(["__proto__"]);
    expect(VariantsFileSchema.safeParse(input).error?.issues[0]?.path).toEqual([
      "variants",
      1,
      "env",
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // As a key anywhere else it is dropped: the parsed objects keep their plain prototype.
    const elsewhere = arriving((f) => {
      Object.assign(f, { __PROTO__: { polluted: "yes" } });
    });
    const parsed = VariantsFileSchema.parse(elsewhere);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect((parsed as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("is refused with variant names holding markdown, HTML, control characters, backticks, links, mentions or pipes", () => {
    const names = [
      "**3.13**",
      "<img src=x onerror=alert(1)>",
      "3.13\u001b[31m",
      "3.13\n## FORGED",
      "3.13`",
      "[x](https://evil.example)",
      "@aria-team",
      "3.13 | x",
      "v".repeat(VARIANT_LIMITS.nameLength + 1),
      "",
    ];
    expectRefused(
      names.map((name) => [JSON.stringify(name), rename(2, name), ["variants", 2, "name"]]),
    );
    expectRefused([["a name twice", rename(2, "3.12"), ["variants", 2]]]);
  });

  it("is refused with a set whose per-variant arrays do not match the variant count", () => {
    expectRefused(
      [
        ["a variant's values missing", (f) => set0(f).values.pop(), []],
        ["a peak memory too many", (f) => set0(f).peakRssKb.push(1), []],
        ["an engagement missing", (f) => set0(f).engagement.pop(), []],
        ["a JIT state too many", (f) => set0(f).jit.push(null), []],
        ["a variant with fewer values than the others", (f) => set0(f).values[1]?.pop(), []],
      ],
      ["benchmarks", 0, "sets", 0],
    );
    const result = VariantsFileSchema.safeParse(arriving((f) => set0(f).values.pop()));
    expect(result.error?.issues[0]?.message).toBe(
      "each set holds one entry per variant (3), and as many values for each",
    );
  });

  it("is refused with a set order that repeats a variant, leaves one out or names one not there", () => {
    const order = (o: number[]) => (f: VariantsFile) => {
      set0(f).order = o;
    };
    expectRefused(
      [
        ["a repeated variant", order([0, 0, 1]), []],
        ["a variant left out", order([0, 1]), []],
        ["a variant too many", order([0, 1, 2, 0]), []],
        ["a variant that is not there", order([0, 1, 3]), []],
        ["a variant beyond any file's", order([0, 1, 8]), ["order", 2]],
        ["a negative variant", order([-1, 0, 1]), ["order", 0]],
      ],
      ["benchmarks", 0, "sets", 0],
    );
  });

  it("is refused with values and figures beyond their limits", () => {
    expectRefused(
      [
        ["1e300 ns", (f) => set0(f).values[1]?.splice(2, 1, 1e300), ["values", 1, 2]],
        [
          "past a day",
          (f) => set0(f).values[0]?.splice(0, 1, VALUE_MAX_NS * 1.001),
          ["values", 0, 0],
        ],
        ["a negative value", (f) => set0(f).values[0]?.splice(0, 1, -5), ["values", 0, 0]],
        ["a denormal value", (f) => set0(f).values[0]?.splice(0, 1, 1e-320), ["values", 0, 0]],
        ["1e300 KiB", (f) => set0(f).peakRssKb.splice(1, 1, 1e300), ["peakRssKb", 1]],
        ["CPU 1e9", (f) => Object.assign(set0(f), { cpu: 1e9 }), ["cpu"]],
        [
          "100,001 values",
          (f) => {
            for (const v of set0(f).values) v.push(...Array(100_000).fill(1000));
          },
          ["values", 0],
        ],
      ],
      ["benchmarks", 0, "sets", 0],
    );
    const variant0 = (edit: (v: { env: unknown; python: unknown }) => void) => (f: VariantsFile) =>
      edit(f.variants[0] as { env: unknown; python: unknown });
    expectRefused([
      [
        "nine variants",
        (f) => {
          for (let i = 0; i < 6; i++)
            f.variants.push({
              ...f.variants[0],
              name: `extra ${i}`,
            } as VariantsFile["variants"][number]);
        },
        ["variants"],
      ],
      [
        "21 environment variables",
        variant0((v) => {
          v.env = Array.from({ length: 21 }, (_, i) => [`V${i}`, "1"]);
        }),
        ["variants", 0, "env"],
      ],
      [
        "a variable name with shell syntax",
        variant0((v) => {
          v.env = [["X; rm -rf /", "1"]];
        }),
        ["variants", 0, "env", 0, 0],
      ],
      [
        "101 interpreter arguments",
        variant0((v) => {
          v.python = Array(101).fill("-u");
        }),
        ["variants", 0, "python"],
      ],
      [
        "a 501-character benchmark name",
        (f) => Object.assign(f.benchmarks[1] as object, { name: "b".repeat(501) }),
        ["benchmarks", 1, "name"],
      ],
      [
        "one set per benchmark",
        (f) => Object.assign(f.settings, { sets: 1 }),
        ["settings", "sets"],
      ],
    ]);
  });

  it("is refused with a failedVariant that names no variant", () => {
    const failedIn = (failedVariant: number) => (f: VariantsFile) =>
      Object.assign(f.benchmarks[1] as object, {
        status: "failed",
        reason: "RuntimeError",
        failedVariant,
        sets: [],
      });
    expectRefused(
      [
        ["one past the last", failedIn(3), []],
        ["one past the most a file can hold", failedIn(VARIANT_LIMITS.max), ["failedVariant"]],
        ["a negative one", failedIn(-1), ["failedVariant"]],
      ],
      ["benchmarks", 1],
    );
    expect(VariantsFileSchema.safeParse(arriving((f) => failedIn(2)(f))).success).toBe(true);
  });
});

/** Pieces that act somewhere if they get through; the checks below look for each. */
const HOSTILE = [
  "bench_\n## FORGED heading\n",
  "<img src=x onerror=alert(1)>",
  "@aria-team",
  "[x](https://evil.example)",
  "GH-12 deadbeefcafe1234",
  "$\\sqrt{x}$",
  "| a | b |",
  "::error::FORGED",
  "\u001b[31mred\r",
  "`code`",
].join(" ");

function hostileFile(): VariantsFile {
  const file = valid();
  for (const [i, bench] of file.benchmarks.entries()) bench.name = `${HOSTILE} ${i}`;
  const failed = structuredClone(file.benchmarks[1]);
  if (!failed) throw new Error("two benchmarks expected");
  Object.assign(failed, {
    name: `${HOSTILE} failed`,
    status: "failed",
    reason: HOSTILE,
    failedVariant: 2,
    sets: [],
    stop: "failed",
  });
  file.benchmarks.push(failed);
  file.partial = true;
  file.partialReason = HOSTILE;
  file.fingerprint.cpuModel = HOSTILE;
  // Interpreter facts are at most 100 characters: a share of the pieces each.
  for (const v of file.variants) {
    if (v.interpreter) {
      v.interpreter = {
        ...v.interpreter,
        implementation: "<img src=x onerror=alert(1)> \u001b[31m",
        version: "[x](https://evil.example) @aria-team | a |",
      };
    }
  }
  // The file is one the schema accepts: these are inputs a comparison would read.
  return VariantsFileSchema.parse(file);
}

describe("the free text of an accepted variants file", () => {
  const file = hostileFile();
  const comparison = compareVariants(file, { seed: 1, resamples: 50 });

  it("reaches the Markdown report as text: no heading, tag, mention, link, reference, math or broken row", () => {
    const markdown = renderVariantsMarkdown(comparison, file);
    expect(markdown).toContain("bench\\_");
    expect(markdown).not.toMatch(/^#+ FORGED/m);
    expect(markdown).not.toContain("<img");
    expect(markdown).not.toContain("@aria-team");
    expect(markdown).not.toContain("[x](https");
    expect(markdown).not.toContain("GH-12");
    expect(markdown).not.toContain("deadbeefcafe1234");
    expect(markdown).not.toMatch(/(?<!\\)\$\\sqrt/);
    expect(markdown).not.toContain("\u001b");
    expect(markdown).not.toContain("\r");
    expect(markdown).not.toMatch(/(?<!\\)`code/);
    // Every table row keeps its columns: in the variants table, a variant, its interpreter,
    // JIT, suite figure and memory; per benchmark, its name, the baseline's time and a cell
    // per other variant.
    const rows = markdown.split("\n").filter((line) => line.startsWith("| "));
    const variantRows = rows.filter((r) => r.includes("evil") && !r.includes("FORGED"));
    const benchmarkRows = rows.filter((r) => r.includes("FORGED"));
    expect(variantRows).toHaveLength(3);
    expect(benchmarkRows).toHaveLength(3);
    const pipes = (row: string) => row.match(/(?<!\\)\|/g)?.length;
    for (const row of variantRows) expect(pipes(row), row).toBe(6);
    for (const row of benchmarkRows) expect(pipes(row), row).toBe(5);
  });

  it("reaches the terminal report with no escape of its own and no workflow command", () => {
    const text = renderVariantsText(comparison, file);
    expect(text).toContain("This run is partial");
    expect(text).not.toContain("\u001b");
    expect(text).not.toContain("\r");
    expect(text).not.toMatch(/^\s*::error::/m);
  });
});
