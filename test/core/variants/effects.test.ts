/**
 * The effects a set of variants separates: two variants that differ in one
 * thing only (the JIT, the version, the build, or nothing) give that thing's
 * effect, measured with the same paired statistics as the rest. The seed of
 * the synthetic values is fixed and printed (JIT_BENCH_SEED explores others).
 */
import { describe, expect, it } from "vitest";
import { compareVariants } from "../../../src/core/variants/compare.js";
import { findEffects } from "../../../src/core/variants/effects.js";
import { JIT_OFF, JIT_ON, NO_JIT, syntheticFile, type VariantModel } from "./synthetic.js";

const SEED = Number(process.env.JIT_BENCH_SEED ?? 20261207);
const PY313 = ["/opt/python/3.13/bin/python3.13"];
const PY312 = ["/opt/python/3.12/bin/python3.12"];

function fileOf(variants: VariantModel[]) {
  return syntheticFile({
    seed: SEED,
    variants,
    benchmarks: Array.from({ length: 6 }, (_, i) => ({ name: `bench_${i}`, ns: 1000 + 300 * i })),
    sets: 8,
    values: 3,
  });
}

const kinds = (variants: VariantModel[]) =>
  findEffects(fileOf(variants)).map((e) => [e.kind, e.from, e.to]);

describe(`findEffects (seed ${SEED})`, () => {
  it("finds the JIT's effect where one interpreter runs with PYTHON_JIT=1 and without", () => {
    const variants: VariantModel[] = [
      { name: "3.13", speedup: 1, python: PY313, jit: JIT_OFF },
      { name: "3.13 + JIT", speedup: 1.2, python: PY313, env: [["PYTHON_JIT", "1"]], jit: JIT_ON },
    ];
    const effects = findEffects(fileOf(variants));
    expect(effects).toEqual([{ kind: "jit", from: 0, to: 1, label: "the JIT on 3.13" }]);
    const measured = compareVariants(fileOf(variants), { seed: 1, resamples: 300 }).effects[0];
    expect(measured?.result?.geomean).toBeCloseTo(1.2, 1);
    expect(measured?.result?.significant).toBe(true);
  });

  it("measures the JIT's effect as the JIT against none, whichever is listed first", () => {
    const variants: VariantModel[] = [
      { name: "3.13 + JIT", speedup: 1, python: PY313, env: [["PYTHON_JIT", "1"]], jit: JIT_ON },
      { name: "3.13", speedup: 0.8, python: PY313, jit: JIT_OFF },
    ];
    expect(findEffects(fileOf(variants))).toEqual([
      { kind: "jit", from: 1, to: 0, label: "the JIT on 3.13" },
    ]);
    const measured = compareVariants(fileOf(variants), { seed: 1, resamples: 300 }).effects[0];
    expect(measured?.result?.geomean).toBeCloseTo(1.25, 1);
  });

  it("takes the JIT from PYTHON_JIT when the workers could not say", () => {
    expect(
      kinds([
        { name: "a", speedup: 1, python: PY313, env: [["PYTHON_JIT", "0"]], jit: null },
        { name: "b", speedup: 1, python: PY313, env: [["PYTHON_JIT", "1"]], jit: null },
      ]),
    ).toEqual([["jit", 0, 1]]);
  });

  it("calls the same interpreter and settings twice an A/A check", () => {
    const effects = findEffects(
      fileOf([
        { name: "3.13", speedup: 1, python: PY313 },
        { name: "3.13 again", speedup: 1, python: PY313 },
      ]),
    );
    expect(effects).toEqual([
      {
        kind: "same",
        from: 0,
        to: 1,
        label: "3.13 again against 3.13 (A/A: the same interpreter twice)",
      },
    ]);
  });

  it("calls PYTHON_JIT=1 on a build without the JIT an A/A check: the variable does nothing there", () => {
    expect(
      kinds([
        { name: "3.13", speedup: 1, python: PY313, jit: NO_JIT },
        { name: "3.13 + JIT", speedup: 1, python: PY313, env: [["PYTHON_JIT", "1"]], jit: NO_JIT },
      ]),
    ).toEqual([["same", 0, 1]]);
  });

  it("finds the version's effect between two versions without the JIT", () => {
    const variants: VariantModel[] = [
      { name: "3.12", speedup: 1, python: PY312, version: "3.12.1" },
      { name: "3.13", speedup: 1.1, python: PY313, version: "3.13.0" },
    ];
    expect(findEffects(fileOf(variants))).toEqual([
      { kind: "version", from: 0, to: 1, label: "3.13 against 3.12" },
    ]);
    const measured = compareVariants(fileOf(variants), { seed: 1, resamples: 300 }).effects[0];
    expect(measured?.result?.geomean).toBeCloseTo(1.1, 1);
  });

  it("calls two builds of one version a build effect", () => {
    expect(
      kinds([
        { name: "pyenv", speedup: 1, python: PY313, version: "3.13.0" },
        { name: "distro", speedup: 1, python: ["/usr/bin/python3.13"], version: "3.13.0" },
      ]),
    ).toEqual([["build", 0, 1]]);
  });

  it("finds every effect of a larger set, and none between variants that differ in two things", () => {
    expect(
      kinds([
        { name: "3.12", speedup: 1, python: PY312, version: "3.12.1", jit: NO_JIT },
        { name: "3.13", speedup: 1, python: PY313, version: "3.13.0", jit: JIT_OFF },
        {
          name: "3.13 + JIT",
          speedup: 1,
          python: PY313,
          version: "3.13.0",
          env: [["PYTHON_JIT", "1"]],
          jit: JIT_ON,
        },
        // Another variable as well as the JIT: neither the JIT's effect nor an A/A check.
        {
          name: "3.13 + JIT, no GC",
          speedup: 1,
          python: PY313,
          version: "3.13.0",
          env: [
            ["PYTHON_JIT", "1"],
            ["PYTHONGC", "0"],
          ],
          jit: JIT_ON,
        },
      ]),
    ).toEqual([
      ["jit", 1, 2],
      ["version", 0, 1],
    ]);
  });

  it("finds no version effect against a baseline that runs the JIT", () => {
    expect(
      kinds([
        { name: "3.13 + JIT", speedup: 1, python: PY313, env: [["PYTHON_JIT", "1"]], jit: JIT_ON },
        { name: "3.12", speedup: 1, python: PY312, version: "3.12.1" },
      ]),
    ).toEqual([]);
  });
});
