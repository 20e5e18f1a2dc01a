/**
 * Properties that must hold for any input, checked on inputs fast-check
 * makes up: the parsers of untrusted text answer with a value or an
 * InputError and nothing else, the escaper's output never acts as Markdown,
 * and the statistics do not care which leg comes first or what unit the
 * times are in. (The Dockerfile planner's model-based property lives in
 * test/core/dockerfile.property.test.ts.)
 */

import { readFileSync } from "node:fs";
import fc from "fast-check";
import { dump } from "js-yaml";
import { stringify as toToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { compareLegs } from "../../src/core/compare/compare.js";
import type { Comparison, LegInput } from "../../src/core/compare/types.js";
import { parseConfigText } from "../../src/core/config/parse.js";
import { planDockerfile } from "../../src/core/dockerfile.js";
import { InputError } from "../../src/core/errors.js";
import { escapeMarkdown } from "../../src/core/render/escape.js";
import { parseResultsFile } from "../../src/core/results.js";
import { syntheticRun } from "../core/compare/synthetic.js";

/** Runs `work`; passes when it returns or throws an InputError, and rethrows anything else. */
function valueOrInputError(work: () => unknown): void {
  try {
    work();
  } catch (error: unknown) {
    if (!(error instanceof InputError)) throw error;
    expect(error.message).not.toContain("\n");
  }
}

const yamlWhere = { file: "jit-bench.yml", syntax: "yaml", pyproject: false, dir: "/p" } as const;
const tomlWhere = { file: "pyproject.toml", syntax: "toml", pyproject: true, dir: "/p" } as const;

/** Text that looks like settings files often enough to reach deep into the parsers. */
const configish = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        "processes: 6",
        "values: [1, 2",
        "[tool.jit-bench]",
        "processes = 6",
        "---",
        "- a",
        'suite = ["a"]',
        "key: {x: 1}",
        "  indented: 1",
        '"unterminated',
        "= 1",
        "[[tool]]",
        "a.b.c = 1",
        "x: !!binary aGk=",
        "&anchor a: *anchor",
        "\t",
        "#",
        "\u0000",
        "\ufeff",
      ),
      { maxLength: 12 },
    )
    .map((lines) => lines.join("\n")),
);

describe("config file parsers", () => {
  it("answer any YAML text with settings or an InputError", () => {
    fc.assert(
      fc.property(configish, (text) => valueOrInputError(() => parseConfigText(text, yamlWhere))),
    );
  });

  it("answer any TOML text with settings or an InputError", () => {
    fc.assert(
      fc.property(configish, (text) => valueOrInputError(() => parseConfigText(text, tomlWhere))),
    );
  });

  const settings = fc.dictionary(
    fc.stringMatching(/^[a-z][a-z-]{0,11}$/),
    fc.oneof(
      fc.integer({ min: -1000, max: 1000 }),
      fc.boolean(),
      fc.string({ maxLength: 20 }),
      fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
    ),
    { maxKeys: 6 },
  );

  it("read back what a YAML writer wrote", () => {
    fc.assert(
      fc.property(settings, (values) => {
        expect(parseConfigText(dump(values), yamlWhere)?.values).toEqual(values);
      }),
    );
  });

  it("read back the [tool.jit-bench] table a TOML writer wrote", () => {
    fc.assert(
      fc.property(settings, (values) => {
        const text = toToml({ project: { name: "x" }, tool: { "jit-bench": values } });
        expect(parseConfigText(text, tomlWhere)?.values).toEqual(values);
      }),
    );
  });
});

describe("the results file parser", () => {
  const valid = JSON.parse(readFileSync("test/faults/fixtures/hostile-results/off.json", "utf8"));

  it("answers any JSON value with a results file or an InputError", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) =>
        valueOrInputError(() => parseResultsFile(raw, "x.json")),
      ),
    );
  });

  /** Every path to a value inside `node`, as keys and indexes. */
  function paths(node: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    if (typeof node !== "object" || node === null) return [prefix];
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    return [
      prefix,
      ...keys.flatMap((key) => paths((node as Record<string, unknown>)[key], [...prefix, key])),
    ];
  }
  const allPaths = paths(valid).filter((p) => p.length > 0);

  it("names the field when one value of a valid file is replaced by anything", () => {
    fc.assert(
      fc.property(fc.constantFrom(...allPaths), fc.jsonValue({ maxDepth: 2 }), (path, value) => {
        const broken = structuredClone(valid);
        let node = broken;
        for (const key of path.slice(0, -1)) node = node[key];
        node[path.at(-1) as string | number] = value;
        try {
          parseResultsFile(broken, "mutated.json");
        } catch (error: unknown) {
          if (!(error instanceof InputError)) throw error;
          expect(error.message).toMatch(/^mutated\.json(: [\w.[\]]+| \(top level\))?: /);
        }
      }),
    );
  });

  it("reads back a valid file unchanged", () => {
    expect(parseResultsFile(JSON.parse(JSON.stringify(valid)), "x.json")).toEqual(valid);
  });
});

describe("the Dockerfile planner", () => {
  it("answers any text with a plan or an InputError", () => {
    const dockerish = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            "FROM python:3.13",
            "FROM a AS b",
            "ENV PYTHON_JIT=1",
            "ENV A B",
            "ARG X",
            "# escape=`",
            "RUN \\",
            "ENV",
            "FROM",
            "ENV PYTHON_JIT",
            "ENV =1",
            "\r",
            'ENV "A=1',
          ),
          fc.string({ maxLength: 30 }),
        ),
        { maxLength: 10 },
      )
      .map((lines) => lines.join("\n"));
    fc.assert(
      fc.property(
        dockerish,
        fc.constantFrom("enable" as const, "disable" as const),
        (text, action) => valueOrInputError(() => planDockerfile(text, "Dockerfile", action)),
      ),
    );
  });
});

describe("the Markdown escaper", () => {
  const hostile = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 60 }),
    fc
      .array(
        fc.constantFrom(
          "|",
          "<",
          ">",
          "<!--",
          "-->",
          "<script>",
          "@",
          "@octocat",
          "#12",
          "[",
          "]",
          "(",
          ")",
          "](javascript:alert(1))",
          "`",
          "```",
          "\n",
          "\r\n",
          "\u2028",
          "\\",
          "*",
          "_",
          "~",
          "!",
          "&",
          "&lt;",
          "www.",
          "http://x",
          ":",
          "{",
          "}",
          "a",
          " ",
          "\t",
          "\u0000",
        ),
        { maxLength: 20 },
      )
      .map((parts) => parts.join("")),
  );
  /**
   * What is left acting as Markdown once every backslash escape is taken out.
   * An escaped character is inert but still sits between its neighbours, so it
   * is kept as a space: `a\\|:a` shows `a|:a`, whose colon follows no scheme.
   */
  const active = (text: string) => text.replace(/\\[\s\S]/g, " ");

  it("leaves no character that opens Markdown or HTML unescaped, and no line break", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = escapeMarkdown(text);
        expect(out).not.toMatch(/[\r\n\u2028\u2029]/);
        expect(active(out)).not.toMatch(/[|<>`[\]*_~!{}\\]/);
        // Parentheses open nothing once the brackets are escaped; a scheme's colon stays escaped.
        expect(active(out)).not.toMatch(/[A-Za-z][A-Za-z0-9+.-]*:(?=[^\s\d])/);
        // The only ampersands are the ones that spell an entity.
        expect(active(out).replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
      }),
    );
  });

  it("pings nobody, links no issue and makes no bare link", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = escapeMarkdown(text);
        expect(out).not.toMatch(/@(?!\u200b)/);
        expect(active(out)).not.toContain("#");
        expect(out).not.toMatch(/www\./i);
      }),
    );
  });

  it("keeps a table cell one cell", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const row = `| ${escapeMarkdown(text)} | 1 |`;
        expect(active(row).match(/\|/g)).toHaveLength(3);
      }),
    );
  });
});

describe("the comparison", () => {
  const runs = fc.record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    processes: fc.integer({ min: 4, max: 8 }),
    factors: fc.array(fc.double({ min: 0.6, max: 1.6, noNaN: true }), {
      minLength: 1,
      maxLength: 4,
    }),
  });
  const legsOf = (r: { seed: number; processes: number; factors: number[] }) =>
    syntheticRun(r.seed, {
      benchmarks: r.factors.map((factor, i) => ({ name: `bench_${i}`, ns: 100 * 10 ** i, factor })),
      processes: r.processes,
      values: 3,
    });
  const compare = (a: LegInput, b: LegInput) => compareLegs(a, b, { resamples: 200 });
  /** Equal to 1e-9 relative, or both absent (too few processes for an interval). */
  const close = (actual: number | null | undefined, expected: number | null | undefined) => {
    if (expected === null || expected === undefined) {
      expect(actual ?? null).toBeNull();
      return;
    }
    expect(Math.abs((actual as number) / expected - 1)).toBeLessThan(1e-9);
  };
  const inverse = (value: number | null | undefined) =>
    value === null || value === undefined ? null : 1 / value;

  it("inverts every speedup and its interval when the legs swap", () => {
    fc.assert(
      fc.property(runs, (r) => {
        const { off, on } = legsOf(r);
        const there = compare(off, on);
        const back = compare(on, off);
        for (const [i, row] of there.rows.entries()) {
          const other = back.rows[i];
          close(other?.speedup, inverse(row.speedup));
          // Four processes a leg may be too few for the suite-adjusted level: then both lack one.
          expect(other?.interval === null).toBe(row.interval === null);
          close(other?.interval?.low, inverse(row.interval?.high));
          close(other?.interval?.high, inverse(row.interval?.low));
          expect(other?.p).toBe(row.p);
        }
        close(back.suite?.geomean, inverse(there.suite?.geomean));
        close(back.suite?.interval?.low, inverse(there.suite?.interval?.high));
        close(back.suite?.interval?.high, inverse(there.suite?.interval?.low));
      }),
      { numRuns: 25 },
    );
  });

  it("gives the same speedups, intervals and p-values whatever unit the times are in", () => {
    const scaled = (leg: LegInput, c: number): LegInput => ({
      ...leg,
      results: {
        ...leg.results,
        benchmarks: leg.results.benchmarks.map((b) => ({
          ...b,
          // The timing loop's cost is a time too: the loop share must not change with the unit.
          ...(b.loopOverheadNs === undefined ? {} : { loopOverheadNs: b.loopOverheadNs * c }),
          processes: b.processes.map((p) => ({
            ...p,
            values: p.values.map((v) => v * c),
            ...(p.loopOverheadNs === undefined ? {} : { loopOverheadNs: p.loopOverheadNs * c }),
          })),
        })),
      },
    });
    const numbers = (c: Comparison) => [
      ...c.rows.flatMap((row) => [row.speedup, row.interval?.low, row.interval?.high]),
      c.suite?.geomean,
      c.suite?.interval?.low,
      c.suite?.interval?.high,
    ];
    fc.assert(
      fc.property(runs, fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (r, c) => {
        const { off, on } = legsOf(r);
        const plain = compare(off, on);
        const rescaled = compare(scaled(off, c), scaled(on, c));
        const expected = numbers(plain);
        for (const [i, value] of numbers(rescaled).entries()) close(value, expected[i]);
        expect(rescaled.rows.map((row) => row.p)).toEqual(plain.rows.map((row) => row.p));
      }),
      { numRuns: 25 },
    );
  });
});
