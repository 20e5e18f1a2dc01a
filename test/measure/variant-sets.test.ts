/**
 * Sets of live workers, one per variant: the rotating order that keeps any
 * variant from always going first, and real sets of pyenv's 3.11, 3.12 and
 * 3.13 on one CPU. The fixture suite's work and failures depend on
 * environment variables, not on the interpreter, so the truth is known on
 * any build; each test copies it into a folder of its own, so that the
 * workers it started can be found by that folder and seen gone.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { VariantSetSchema } from "../../src/core/variants/results.js";
import {
  measureSet,
  roundOrder,
  SetFailure,
  type SetPlan,
  setOrder,
} from "../../src/measure/variant-sets.js";
import { eventually, processesMentioning } from "../faults/support.js";
import { options } from "../harness/support.js";
import { pyenvPython } from "../pythons.js";

const root = mkdtempSync(join(tmpdir(), "jit-bench-variant-sets-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
cpSync(resolve("test/fixtures/suites/variants"), root, { recursive: true });

const PYTHONS = {
  get "3.11"() {
    return pyenvPython("3.11");
  },
  get "3.12"() {
    return pyenvPython("3.12");
  },
  get "3.13"() {
    return pyenvPython("3.13");
  },
};

describe("setOrder and roundOrder", () => {
  it.each([2, 3, 5, 8])(
    "put each of %i variants first, and in every place, once in as many sets",
    (n) => {
      const orders = Array.from({ length: n }, (_, index) => setOrder(n, index));
      for (const order of orders) expect([...order].sort()).toEqual([...Array(n).keys()]);
      // A Latin square: column by column, every variant once.
      for (let place = 0; place < n; place++) {
        expect(new Set(orders.map((o) => o[place])).size).toBe(n);
      }
      // The next set starts where this one's second variant stood.
      expect(setOrder(n, n)).toEqual(setOrder(n, 0));
    },
  );

  it("runs rounds forwards and backwards in turn, so that two rounds give every variant the same mean place", () => {
    const first = setOrder(4, 1);
    expect(first).toEqual([1, 2, 3, 0]);
    expect(roundOrder(first, 0)).toEqual([1, 2, 3, 0]);
    expect(roundOrder(first, 1)).toEqual([0, 3, 2, 1]);
    expect(roundOrder(first, 2)).toEqual(first);
    const places = new Map<number, number>();
    for (let round = 0; round < 6; round++) {
      roundOrder(first, round).forEach((v, place) => {
        places.set(v, (places.get(v) ?? 0) + place);
      });
    }
    expect(new Set(places.values())).toEqual(new Set([9]));
    // The order a set was given is never changed by the rounds.
    expect(first).toEqual([1, 2, 3, 0]);
  });
});

function plan(variants: { python: string; env?: Record<string, string> }[], values = 4): SetPlan {
  return {
    workers: variants.map((v) => options(v.python, { root, env: v.env ?? {} })),
    warmups: 1,
    values,
    timer: "cpu",
  };
}

const ref = (file: string, name: string) => ({ name, file, async: false });

describe("a set of real interpreters", () => {
  it("gives one values array per variant, of the values asked for, all taken on the CPU it records", async () => {
    const set = await measureSet(
      plan(
        [
          { python: PYTHONS["3.11"] },
          { python: PYTHONS["3.12"], env: { JIT_BENCH_TEST_WORK: "4" } },
          { python: PYTHONS["3.13"] },
        ],
        5,
      ),
      ref("bench_env.py", "bench_scaled"),
      16,
      1,
      0,
      new AbortController().signal,
      ["3.11", "3.12 × 4", "3.13"],
    );
    expect(VariantSetSchema.safeParse(set).error).toBeUndefined();
    expect(set.index).toBe(1);
    expect(set.order).toEqual([1, 2, 0]);
    expect(set.values.map((v) => v.length)).toEqual([5, 5, 5]);
    expect(set.values.flat().every((ns) => ns > 0)).toBe(true);
    // Pinned: every worker of the set to the slot's CPU (this machine allows it).
    expect(set.cpu).not.toBeNull();
    expect(set.unpinned).toBeNull();
    expect(set.peakRssKb.every((kb) => kb !== null && kb > 1000)).toBe(true);
    expect(set.jit.map((j) => j?.compiled)).toEqual([false, false, false]);
    // Each variant's values are its own: the one told to do four times the work takes longer.
    const median = (xs: readonly number[]) =>
      [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
    const [a, b, c] = set.values.map(median) as [number, number, number];
    expect(b / a).toBeGreaterThan(2);
    expect(b / c).toBeGreaterThan(2);
  });

  it("names the variant whose benchmark raised, and leaves no worker behind", async () => {
    const failure = await measureSet(
      plan([
        { python: PYTHONS["3.11"] },
        { python: PYTHONS["3.13"], env: { JIT_BENCH_TEST_RAISE: "1" } },
      ]),
      ref("bench_env.py", "bench_raises_under_env"),
      4,
      2,
      0,
      new AbortController().signal,
      ["3.11", "3.13 raising"],
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SetFailure);
    const { variant, ending } = failure as SetFailure;
    expect(variant).toBe(1);
    expect(ending.status).toBe("failed");
    expect(ending.reason).toContain("RuntimeError: raised because JIT_BENCH_TEST_RAISE=1");
    expect(ending.reason).toContain("(in set 3, variant 3.13 raising)");
    expect(await eventually(() => processesMentioning(root).length === 0)).toBe(true);
  });

  it("stops when its signal is aborted, and ends every worker", async () => {
    const stop = new AbortController();
    const started = measureSet(
      plan([{ python: PYTHONS["3.11"] }, { python: PYTHONS["3.12"] }], 100_000),
      ref("bench_two.py", "bench_join"),
      1,
      0,
      0,
      stop.signal,
      ["3.11", "3.12"],
    ).catch((error: unknown) => error);
    // Abort once both workers are up and giving values.
    expect(await eventually(() => processesMentioning(root).length >= 2, 500)).toBe(true);
    stop.abort("test");
    expect(await started).toBeInstanceOf(SetFailure);
    expect(await eventually(() => processesMentioning(root).length === 0)).toBe(true);
  });
});
