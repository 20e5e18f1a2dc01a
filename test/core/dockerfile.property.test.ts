import { applyPatch } from "diff";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DOCKERFILE_ACTIONS, planDockerfile } from "../../src/core/dockerfile.js";

/**
 * Random Dockerfiles built from a small model, so the model itself can say
 * what value of PYTHON_JIT the final image runs with: that is the oracle the
 * planner is checked against, independent of the parser it uses.
 */
interface Pair {
  readonly name: string;
  /** As written in the file, quotes included. */
  readonly raw: string;
  /** What Docker makes of it. */
  readonly value: string;
}

type BodyItem =
  | { readonly type: "env"; readonly pairs: Pair[]; readonly split: boolean }
  | { readonly type: "legacy"; readonly pair: Pair }
  | { readonly type: "other"; readonly line: string };

interface StageModel {
  readonly image: string;
  readonly named: boolean;
  readonly body: BodyItem[];
}

interface FileModel {
  readonly syntax: boolean;
  readonly arg: boolean;
  readonly stages: StageModel[];
  readonly eol: "\n" | "\r\n";
  readonly trailing: boolean;
}

const names = fc.constantFrom("A", "B", "PYTHON_JIT", "PYTHON_JIT", "python_jit", "PYTHON_JITTER");
const values: fc.Arbitrary<[string, string]> = fc.constantFrom(
  ["0", "0"],
  ["1", "1"],
  ["2", "2"],
  ["x", "x"],
  ['"q r"', "q r"],
  ["'1'", "1"],
  ['"0"', "0"],
);
const pair = fc.tuple(names, values).map(([name, [raw, value]]): Pair => ({ name, raw, value }));

const bodyItem: fc.Arbitrary<BodyItem> = fc.oneof(
  fc.record({
    type: fc.constant("env" as const),
    pairs: fc.array(pair, { minLength: 1, maxLength: 3 }),
    split: fc.boolean(),
  }),
  fc.record({ type: fc.constant("legacy" as const), pair }),
  fc.record({
    type: fc.constant("other" as const),
    line: fc.constantFrom(
      "RUN echo hi",
      "",
      "# ENV PYTHON_JIT=1 in a comment",
      "#",
      "WORKDIR /app",
    ),
  }),
);

const stage: fc.Arbitrary<StageModel> = fc.record({
  image: fc.constantFrom("python:3.13-slim", "debian:bookworm", "s0", "S0", "s1", "s2"),
  named: fc.boolean(),
  body: fc.array(bodyItem, { maxLength: 5 }),
});

const fileModel: fc.Arbitrary<FileModel> = fc.record({
  syntax: fc.boolean(),
  arg: fc.boolean(),
  stages: fc.array(stage, { minLength: 1, maxLength: 4 }),
  eol: fc.constantFrom("\n" as const, "\r\n" as const),
  trailing: fc.boolean(),
});

function bodyLines(item: BodyItem): string[] {
  switch (item.type) {
    case "other":
      return [item.line];
    case "legacy":
      return [`ENV ${item.pair.name} ${item.pair.raw}`];
    case "env": {
      const pairs = item.pairs.map((p) => `${p.name}=${p.raw}`);
      if (!item.split) return [`ENV ${pairs.join(" ")}`];
      return pairs.map(
        (p, i) => `${i === 0 ? "ENV " : "    "}${p}${i < pairs.length - 1 ? " \\" : ""}`,
      );
    }
  }
}

function render(model: FileModel): { text: string; finalFrom: number } {
  const lines: string[] = [];
  if (model.syntax) lines.push("# syntax=docker/dockerfile:1");
  if (model.arg) lines.push("ARG PY=3.13");
  let finalFrom = 0;
  model.stages.forEach((s, i) => {
    finalFrom = lines.length;
    lines.push(`FROM ${s.image}${s.named ? ` AS s${i}` : ""}`);
    for (const item of s.body) lines.push(...bodyLines(item));
  });
  return { text: lines.join(model.eol) + (model.trailing ? model.eol : ""), finalFrom };
}

/** The value the final image runs with, following FROM <earlier stage> upwards. */
function effectiveValue(model: FileModel): string | undefined {
  let index: number | undefined = model.stages.length - 1;
  while (index !== undefined) {
    const current: StageModel | undefined = model.stages[index];
    if (current === undefined) return undefined;
    let value: string | undefined;
    for (const item of current.body) {
      const pairs = item.type === "env" ? item.pairs : item.type === "legacy" ? [item.pair] : [];
      for (const p of pairs) if (p.name === "PYTHON_JIT") value = p.value;
    }
    if (value !== undefined) return value;
    const image = current.image.toLowerCase();
    const parent = model.stages.findIndex(
      (s, i) => i < (index ?? 0) && s.named && `s${i}` === image,
    );
    index = parent >= 0 ? parent : undefined;
  }
  return undefined;
}

describe("planDockerfile on generated Dockerfiles", () => {
  it("changes one line of the final stage, and the result is then as wanted", () => {
    fc.assert(
      fc.property(fileModel, (model) => {
        const { text, finalFrom } = render(model);
        const effective = effectiveValue(model);
        for (const action of DOCKERFILE_ACTIONS) {
          const wanted = action === "enable" ? "1" : "0";
          const plan = planDockerfile(text, "Dockerfile", action);
          if (effective === wanted) {
            expect(plan.kind).toBe("already");
            continue;
          }
          if (effective === undefined && action === "disable") {
            expect(plan.kind).toBe("nothing");
            continue;
          }
          if (plan.kind !== "change") throw new Error(`expected a change, got ${plan.kind}`);
          expect(applyPatch(text, plan.diff)).toBe(plan.after);

          // A file without any line break cannot say which one it uses; LF is the choice then.
          const eol = text.includes("\n") ? model.eol : "\n";
          const before = text.split(eol);
          const after = plan.after.split(eol);
          const changed = plan.line - 1;
          expect(changed).toBeGreaterThan(finalFrom);
          const untouched = after.filter((_, i) => i !== changed);
          if (after.length === before.length + 1) {
            expect(after[changed]).toBe(`ENV PYTHON_JIT=${wanted}`);
            expect(untouched).toEqual(before);
          } else {
            expect(untouched).toEqual(before.filter((_, i) => i !== changed));
            expect(after[changed]).toContain(`PYTHON_JIT`);
          }
          expect(planDockerfile(plan.after, "Dockerfile", action).kind).toBe("already");
        }
      }),
      { numRuns: 300 },
    );
  });
});
