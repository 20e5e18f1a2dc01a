/**
 * Every free-text field of a results file is a fork's to choose. For each
 * one, fast-check puts hostile strings there (headings, tags, mentions,
 * links, issue and commit references, math, table breaks, workflow commands,
 * terminal escapes, in any mix) and every sink is checked: the Markdown of
 * the comment and the job summary, the terminal report, and the
 * `recommendation` output. Both with a JIT and without, so that the
 * not-applicable paragraph, which quotes the environment, is reached too.
 * The seed is fixed and printed (JIT_BENCH_SEED explores others).
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { outputValues } from "../../src/action/compare-report.js";
import { compareLegs } from "../../src/core/compare/compare.js";
import type { LegInput } from "../../src/core/compare/types.js";
import { renderMarkdown } from "../../src/core/render/markdown.js";
import { renderText } from "../../src/core/render/text.js";
import { parseResultsFile, type ResultsFile } from "../../src/core/results.js";
import { decideVerdict } from "../../src/core/verdict.js";

const SEED = Number(process.env.JIT_BENCH_SEED ?? 20261207);

const FIXTURES = "test/fixtures/results";
const base = {
  off: JSON.parse(readFileSync(`${FIXTURES}/off.json`, "utf8")) as ResultsFile,
  on: JSON.parse(readFileSync(`${FIXTURES}/on.json`, "utf8")) as ResultsFile,
};

/** Pieces that act somewhere if they get through; the checks below look for each. */
const PIECES = [
  "\n## FORGED heading\n",
  "<img src=x onerror=alert(1)>",
  "@aria-team",
  "[x](https://evil.example)",
  "GH-12",
  "deadbeefcafe1234",
  "$\\sqrt{x}$",
  "| a | b |",
  "::error::FORGED",
  "\u001b[31m",
  "\r",
  "`code`",
] as const;

const hostile = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => `bench_${parts.join("")}`.slice(0, 90));

type Setter = (file: ResultsFile, text: string) => void;

/** Each free-text field, set in the JIT leg's file (names in both, so the rows match). */
const FIELDS: Record<string, Setter> = {
  "environment.python": (f, t) => {
    f.environment.python = t;
  },
  "interpreter.implementation": (f, t) => {
    f.environment.interpreter.implementation = `CPython ${t}`;
  },
  "interpreter.version": (f, t) => {
    f.environment.interpreter.version = `3.14.0 ${t}`;
  },
  "interpreter.build": (f, t) => {
    f.environment.interpreter.build = t;
  },
  "interpreter.executable": (f, t) => {
    f.environment.interpreter.executable = t;
  },
  "interpreter.configArgs": (f, t) => {
    f.environment.interpreter.configArgs = `--enable-experimental-jit=yes-off ${t}`;
  },
  "fingerprint.cpuModel": (f, t) => {
    f.environment.fingerprint.cpuModel = t;
  },
  "fingerprint.kernel": (f, t) => {
    f.environment.fingerprint.kernel = t;
  },
  "fingerprint.platform": (f, t) => {
    f.environment.fingerprint.platform = t;
  },
  "fingerprint.machine": (f, t) => {
    f.environment.fingerprint.machine = t;
  },
  "fingerprint.containerImage": (f, t) => {
    f.environment.fingerprint.containerImage = t;
  },
  "jit.detail": (f, t) => {
    for (const leg of [f.legs.off, f.legs.on]) if (leg) leg.jit.detail = t;
  },
  "benchmark.name": (f, t) => {
    for (const leg of [f.legs.off, f.legs.on]) {
      const bench = leg?.benchmarks[0];
      if (bench) bench.name = t;
    }
  },
  "benchmark.reason": (f, t) => {
    const bench = f.legs.on?.benchmarks[0];
    if (bench) Object.assign(bench, { status: "failed", reason: t, processes: [] });
  },
  "engagement.hotspots.function": (f, t) => {
    for (const proc of f.legs.on?.benchmarks[0]?.processes ?? []) {
      const spot = proc.engagement?.hotspots[0];
      if (spot) spot.function = t;
    }
  },
  partialReason: (f, t) => {
    Object.assign(f, { partial: true, partialReason: t });
  },
};

function legInput(file: ResultsFile, leg: "off" | "on"): LegInput {
  const results = file.legs[leg];
  if (!results) throw new Error(`no ${leg} leg`);
  return { results, environment: file.environment, settings: file.settings, sources: [leg] };
}

function sinks(field: string, text: string, withJit: boolean) {
  const off = structuredClone(base.off);
  const on = structuredClone(base.on);
  (FIELDS[field] as Setter)(on, text);
  if (field === "benchmark.name") (FIELDS[field] as Setter)(off, text);
  if (!withJit) {
    for (const leg of [on.legs.on]) {
      if (!leg) continue;
      leg.jit = { ...leg.jit, compiled: false, enabled: false, active: false };
      for (const b of leg.benchmarks) {
        for (const p of b.processes) p.jit = { ...p.jit, compiled: false, enabled: false };
      }
    }
  }
  // The file passes the schema as written: these are inputs compare accepts.
  const comparison = compareLegs(
    legInput(parseResultsFile(off, "off.json"), "off"),
    legInput(parseResultsFile(on, "on.json"), "on"),
    { resamples: 20 },
  );
  const verdict = decideVerdict(comparison);
  return {
    markdown: renderMarkdown(comparison, verdict, { marker: "<!-- m -->" }),
    text: renderText(comparison, verdict),
    recommendation:
      outputValues({ comparison, verdict, plan: null, runUrl: null }).recommendation ?? "",
  };
}

describe(`every free-text field through every sink (seed ${SEED})`, () => {
  for (const field of Object.keys(FIELDS)) {
    it(`${field}: no heading, tag, mention, link, reference, math, command or escape`, () => {
      fc.assert(
        fc.property(hostile, fc.boolean(), (text, withJit) => {
          const { markdown, text: terminal, recommendation } = sinks(field, text, withJit);
          // Markdown: the pieces show as text, never as what they would make.
          expect(markdown).not.toMatch(/^#+ FORGED/m);
          expect(markdown).not.toContain("<img");
          expect(markdown).not.toContain("@aria-team");
          expect(markdown).not.toContain("[x](https");
          expect(markdown).not.toContain("GH-12");
          expect(markdown).not.toContain("deadbeefcafe1234");
          expect(markdown).not.toMatch(/(?<!\\)\$\\sqrt/);
          expect(markdown).not.toContain("\u001b");
          // The terminal: no escape of the data's own, and no line a runner would take as a command.
          expect(terminal).not.toContain("\u001b");
          expect(terminal).not.toContain("\r");
          expect(terminal).not.toMatch(/^\s*::error::/m);
          // The output a workflow may paste anywhere: no shell or markup sign from the data.
          // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
          expect(recommendation).not.toMatch(/[$`;|&<>'"\n\r#@[\]\u001b]/);
        }),
        { seed: SEED, numRuns: 30 },
      );
    });
  }
});
