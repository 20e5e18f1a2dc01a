/**
 * The variants input through real INPUT_* variables, as the runner sets
 * them: one variant a line into the run settings, errors that name the input
 * in one line, what a variants run cannot do refused before anything runs,
 * and the inputs it leaves unused said as warnings.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ActionInputs, readInputs } from "../../src/action/inputs.js";
import { InputError } from "../../src/core/errors.js";
import { actionDefaults } from "./runner.js";

let cwd: string;
let defaults: Record<string, string>;
const set: string[] = [];

const TWO = "3.13: python3.13\n3.14 + JIT: PYTHON_JIT=1 /opt/uv/python3.14 -X dev\n";

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "jit-bench-variants-inputs-"));
  await mkdir(join(cwd, "benchmarks"));
  defaults = await actionDefaults();
});

afterEach(() => {
  for (const key of set.splice(0)) delete process.env[key];
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function read(inputs: Record<string, string>, dir = cwd): Promise<ActionInputs> {
  for (const [name, value] of Object.entries({ ...defaults, "github-token": "ghs_x", ...inputs })) {
    const key = `INPUT_${name.toUpperCase()}`;
    process.env[key] = value;
    set.push(key);
  }
  return readInputs(dir);
}

async function failure(inputs: Record<string, string>, input: string): Promise<InputError> {
  const error = await read(inputs).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  const inputError = error as InputError;
  expect(inputError.input).toBe(input);
  expect(inputError.message).not.toContain("\n");
  return inputError;
}

describe("the variants input", () => {
  it("reads one variant a line, blank lines left out, into the run settings", async () => {
    const inputs = await read({ mode: "run", variants: `\n${TWO}\n` });
    if (inputs.mode !== "run") throw new Error("expected run mode");
    expect(inputs.settings.variants).toEqual([
      { name: "3.13", python: ["python3.13"], env: [], image: null },
      {
        name: "3.14 + JIT",
        python: ["/opt/uv/python3.14", "-X", "dev"],
        env: [["PYTHON_JIT", "1"]],
        image: null,
      },
    ]);
    expect(inputs.settings.names.variants).toBe("variants");
    expect(inputs.warnings).toEqual([]);
  });

  it("is empty by default, and then the settings file's variants count", async () => {
    expect((await read({ mode: "run" })).mode === "run").toBe(true);
    const dir = await mkdtemp(join(cwd, "config-"));
    await mkdir(join(dir, "benchmarks"));
    await writeFile(
      join(dir, "jit-bench.yml"),
      'variants:\n  - "a: python3.13"\n  - "b: python3.14"\n',
    );
    const fromFile = await read({ mode: "run" }, dir);
    if (fromFile.mode !== "run") throw new Error("expected run mode");
    expect(fromFile.settings.variants.map((v) => v.name)).toEqual(["a", "b"]);
    expect(fromFile.settings.names.variants).toBe("jit-bench.yml: variants");
    const overridden = await read({ mode: "run", variants: TWO }, dir);
    expect(overridden.mode === "run" && overridden.settings.variants.map((v) => v.name)).toEqual([
      "3.13",
      "3.14 + JIT",
    ]);
  });

  it("names the input and shows the lines a variant takes, for a line without a name", async () => {
    const error = await failure({ mode: "run", variants: "python3.13\npython3.14" }, "variants");
    expect(error.message).toBe(
      'variants: item 1 has no "NAME:" in front; write it as "NAME: [VAR=value ...] COMMAND", such as "3.14 + JIT: PYTHON_JIT=1 python3.14" (got "python3.13"). ' +
        'List 2 to 8 interpreters, the baseline first, e.g. variants: one per line, "3.13: python3.13", "3.14 + JIT: PYTHON_JIT=1 python3.14".',
    );
  });

  it("refuses one variant alone, and two of one name", async () => {
    const one = await failure({ mode: "run", variants: "3.13: python3.13" }, "variants");
    expect(one.message).toContain("holds 1 variant; a comparison needs 2 to 8");
    const twice = await failure(
      { mode: "run", variants: "a: python3.13\na: python3.14" },
      "variants",
    );
    expect(twice.message).toContain('names "a" twice');
  });

  it("refuses image and shard, which a variants run cannot honour, before anything runs", async () => {
    const image = await failure({ mode: "run", variants: TWO, image: "my-app:bench" }, "image");
    expect(image.message).toContain(
      "cannot hold the variants (variants): each variant names its own interpreter, and its own image if it has one",
    );
    const shard = await failure({ mode: "run", variants: TWO, shard: "1/2" }, "shard");
    expect(shard.message).toContain("cannot split a variants run (variants)");
  });

  it("warns about the inputs a variants run leaves unused", async () => {
    const inputs = await read({
      mode: "run",
      variants: TWO,
      python: "python3",
      jit: "1",
      tests: "pytest -q",
    });
    expect(inputs.warnings).toEqual(
      ["python", "jit", "tests"].map(
        (name) =>
          `${name} is not used with variants: each variant names its own interpreter and environment, and a variants run measures the benchmarks only.`,
      ),
    );
  });

  it("is a run-mode input: compare mode warns that it ignores it", async () => {
    const inputs = await read({ mode: "compare", variants: TWO, comment: "false" });
    expect(inputs.warnings).toEqual(["variants is a run-mode input; mode compare ignores it."]);
  });
});
