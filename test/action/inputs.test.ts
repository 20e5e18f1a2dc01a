/**
 * The action's inputs through real INPUT_* variables, as the runner sets
 * them (every input, action.yml's default where the workflow gives none).
 * Each bad input fails with one line naming the input, the value and what is
 * accepted instead.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "js-yaml";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ActionInputs, readInputs } from "../../src/action/inputs.js";
import type { RunSettings } from "../../src/core/config/settings.js";
import { InputError } from "../../src/core/errors.js";
import { runSuite } from "../../src/modes/run/suite.js";
import { inputErrorOf } from "../input-error.js";
import { actionDefaults, REPO_ROOT } from "./runner.js";

let cwd: string;
let defaults: Record<string, string>;
const set: string[] = [];

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "jit-bench-inputs-"));
  await mkdir(join(cwd, "benchmarks"));
  await writeFile(join(cwd, "Dockerfile"), "FROM python:3.13-slim\n");
  defaults = await actionDefaults();
});

afterEach(() => {
  for (const key of set.splice(0)) delete process.env[key];
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

function withInputs(inputs: Record<string, string>): void {
  const all = { ...defaults, "github-token": "ghs_inputsTestToken", ...inputs };
  for (const [name, value] of Object.entries(all)) {
    const key = `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
    process.env[key] = value;
    set.push(key);
  }
}

async function read(inputs: Record<string, string>, dir = cwd): Promise<ActionInputs> {
  withInputs(inputs);
  return readInputs(dir);
}

/** The InputError `inputs` cause, checked to be one line naming `input`. */
async function failure(inputs: Record<string, string>, input: string): Promise<InputError> {
  const error = await read(inputs).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  const inputError = error as InputError;
  expect(inputError.input).toBe(input);
  expect(inputError.message.startsWith(`${input}: `)).toBe(true);
  expect(inputError.message).not.toContain("\n");
  return inputError;
}

describe("mode", () => {
  it("refuses an unknown mode, listing the two there are", async () => {
    const error = await failure({ mode: "benchmark" }, "mode");
    expect(error.message).toMatch(/^mode: must be run or compare \(got "benchmark"\)\. /);
  });

  it("reads run mode with action.yml's defaults: both legs, the settings' defaults, no report file", async () => {
    const inputs = await read({ mode: "run" });
    if (inputs.mode !== "run") throw new Error("expected run mode");
    expect(inputs.settings.legs).toBe("both");
    expect(inputs.settings.processes).toBe(6);
    expect(inputs.settings.root).toBe(cwd);
    expect(inputs.settings.report).toBeNull();
    expect(inputs.image).toBeNull();
    expect(inputs.shard).toBeNull();
    expect(inputs.warnings).toEqual([]);
  });
});

describe("run mode", () => {
  it("maps jit 0 and 1 to the legs", async () => {
    const off = await read({ jit: "0" });
    const on = await read({ jit: "1" });
    expect(off.mode === "run" && off.settings.legs).toBe("off");
    expect(on.mode === "run" && on.settings.legs).toBe("on");
  });

  it("refuses jit: 2, naming the accepted values", async () => {
    const error = await failure({ jit: "2" }, "jit");
    expect(error.message).toContain('must be 0, 1, both (got "2")');
  });

  it("lets inputs override the settings file, and the file the defaults", async () => {
    const dir = await mkdtemp(join(cwd, "config-"));
    await mkdir(join(dir, "suite"));
    await writeFile(join(dir, "jit-bench.yml"), "suite: [suite]\nprocesses: 3\nvalues: 4\n");
    const inputs = await read({ processes: "5", "min-time": "2ms" }, dir);
    if (inputs.mode !== "run") throw new Error("expected run mode");
    expect(inputs.settings.suite).toEqual(["suite"]);
    expect(inputs.settings.processes).toBe(5);
    expect(inputs.settings.values).toBe(4);
    expect(inputs.settings.minTimeMs).toBe(2);
  });

  it("names the input, not a CLI flag, for a bad setting", async () => {
    const error = await failure({ processes: "1" }, "processes");
    expect(error.message).toBe(
      "processes: must be at least 2 (got 1). Use processes: 2 or more: one process gives no spread between processes.",
    );
    await failure({ "min-time": "fast" }, "min-time");
  });

  it("names the input when the settings together leave no time to measure", async () => {
    const error = await failure({ timeout: "5ms", "min-time": "10ms" }, "timeout");
    expect(error.message).toContain("leaves no time to measure");
  });

  it("names config when the settings file is missing", async () => {
    const error = await failure({ config: "nope/jit-bench.yml" }, "config");
    expect(error.message).toContain("does not exist");
    expect(error.message).not.toContain("--config");
  });

  it("reads a shard as i/n and refuses anything else", async () => {
    const inputs = await read({ shard: "2/3" });
    expect(inputs.mode === "run" && inputs.shard).toEqual({ index: 2, count: 3 });
    for (const bad of ["3/2", "0/2", "two/three", "1/0"]) {
      const error = await failure({ shard: bad }, "shard");
      expect(error.message).toContain("must be i/n");
    }
  });

  it("refuses image when no Docker engine answers, with checkDocker's error", async () => {
    process.env.DOCKER_HOST = `unix://${join(cwd, "no-such-docker.sock")}`;
    set.push("DOCKER_HOST");
    const error = await failure({ image: "python:3.13-alpine" }, "image");
    expect(error.message).toMatch(
      /^image: needs a Docker engine, and none answered \(docker info failed: .*\(got "python:3\.13-alpine"\)/,
    );
    expect(error.fix).toContain("drop image:");
  });

  it("warns about compare-mode inputs given in run mode", async () => {
    const inputs = await read({ mode: "run", results: "x.json", dockerfile: "Dockerfile" });
    expect(inputs.warnings).toEqual([
      "results is a compare-mode input; mode run ignores it.",
      "dockerfile is a compare-mode input; mode run ignores it.",
    ]);
  });

  it("refuses an artifact prefix that would break artifact names", async () => {
    await failure({ "artifact-prefix": "py 3.13/" }, "artifact-prefix");
  });
});

describe("compare mode", () => {
  const compare = (inputs: Record<string, string>) => read({ mode: "compare", ...inputs });

  it("reads the policy as percentages and the booleans as the runner spells them", async () => {
    const inputs = await compare({ threshold: "3%", "fail-on-regression": "True" });
    if (inputs.mode !== "compare") throw new Error("expected compare mode");
    expect(inputs.policy).toEqual({ threshold: 0.03, maxRegression: 0.1, maxMemoryGrowth: 0.2 });
    expect(inputs.failOnRegression).toBe(true);
    expect(inputs.comment).toBe(true);
    expect(inputs.commentKey).toBe("jit-bench");
    expect(inputs.results).toEqual([]);
    expect(inputs.runId).toBeNull();
  });

  it("refuses a Dockerfile path that does not exist", async () => {
    const error = await failure({ mode: "compare", dockerfile: "docker/Dockerfile" }, "dockerfile");
    expect(error.message).toContain(`does not exist (looked in ${cwd})`);
    const ok = await compare({ dockerfile: "Dockerfile" });
    expect(ok.mode === "compare" && ok.dockerfile).toBe(join(cwd, "Dockerfile"));
  });

  it("refuses apply-dockerfile without a dockerfile", async () => {
    await failure({ mode: "compare", "apply-dockerfile": "true" }, "apply-dockerfile");
  });

  it("refuses an empty token when it should comment, and never prints a token it cannot read", async () => {
    const empty = await failure({ mode: "compare", "github-token": "" }, "github-token");
    expect(empty.message).toContain("is empty");
    expect(empty.fix).toContain("comment: false");
    const ok = await compare({ "github-token": "", comment: "false" });
    expect(ok.mode === "compare" && ok.token).toBe("");

    const secret = "ghs_half a token\nsecond line";
    const garbled = await failure({ mode: "compare", "github-token": secret }, "github-token");
    expect(garbled.message).toContain("cannot be read as a token");
    expect(garbled.message).not.toContain("ghs_half");
  });

  it("refuses a comment key with characters that would break the hidden marker", async () => {
    for (const key of ["x-->", "a b", "<!--", ""]) {
      const error = await failure({ mode: "compare", "comment-key": key }, "comment-key");
      expect(error.message).toContain("must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
  });

  it("refuses booleans other than true and false", async () => {
    const error = await failure({ mode: "compare", comment: "yes" }, "comment");
    expect(error.message).toMatch(/^comment: must be true or false \(got "yes"\)/);
  });

  it("refuses an ambiguous percentage and a run id that is not one", async () => {
    const error = await failure({ mode: "compare", threshold: "0.05" }, "threshold");
    expect(error.message).toContain("ambiguous");
    await failure({ mode: "compare", "run-id": "latest" }, "run-id");
  });

  it("checks that local results exist, and takes at most one path per leg", async () => {
    await writeFile(join(cwd, "results.json"), "{}");
    const ok = await compare({ results: "results.json\nbenchmarks" });
    expect(ok.mode === "compare" && ok.results).toEqual([
      join(cwd, "results.json"),
      join(cwd, "benchmarks"),
    ]);
    await failure({ mode: "compare", results: "missing.json" }, "results");
    await failure({ mode: "compare", results: "a.json\nb.json\nc.json" }, "results");
  });

  it("refuses results and run-id together: only one can say where the legs are", async () => {
    await writeFile(join(cwd, "both.json"), "{}");
    const error = await failure(
      { mode: "compare", results: "both.json", "run-id": "12" },
      "run-id",
    );
    expect(error.fix).toContain("not both");
  });

  it("warns about run-mode inputs given in compare mode", async () => {
    const inputs = await compare({ image: "python:3.13", processes: "4" });
    expect(inputs.warnings).toEqual([
      "image is a run-mode input; mode compare ignores it.",
      "processes is a run-mode input; mode compare ignores it.",
    ]);
  });
});

describe("each input's error", () => {
  /** A wrong value for every input action.yml declares, and the mode that reads it. */
  const WRONG: Record<string, { mode: "run" | "compare"; value: string }> = {
    mode: { mode: "run", value: "benchmark" },
    jit: { mode: "run", value: "2" },
    suite: { mode: "run", value: "x".repeat(4097) },
    python: { mode: "run", value: "python9" },
    image: { mode: "run", value: "python:3.13-alpine" },
    config: { mode: "run", value: "nope.yml" },
    processes: { mode: "run", value: "1" },
    warmups: { mode: "run", value: "-1" },
    values: { mode: "run", value: "0" },
    "min-time": { mode: "run", value: "fast" },
    timer: { mode: "run", value: "gpu" },
    timeout: { mode: "run", value: "soon" },
    precision: { mode: "run", value: "lots" },
    budget: { mode: "run", value: "0s" },
    profile: { mode: "run", value: "yes" },
    "allow-failures": { mode: "run", value: "yes" },
    tests: { mode: "run", value: "x".repeat(4097) },
    "tests-timeout": { mode: "run", value: "forever" },
    shard: { mode: "run", value: "3/2" },
    variants: { mode: "run", value: "3.13: python3.13" },
    "artifact-prefix": { mode: "run", value: "py 3.13/" },
    results: { mode: "compare", value: "missing.json" },
    "run-id": { mode: "compare", value: "latest" },
    "github-token": { mode: "compare", value: "" },
    comment: { mode: "compare", value: "maybe" },
    "comment-key": { mode: "compare", value: "a b" },
    dockerfile: { mode: "compare", value: "docker/Dockerfile" },
    "apply-dockerfile": { mode: "compare", value: "maybe" },
    "fail-on-regression": { mode: "compare", value: "maybe" },
    threshold: { mode: "compare", value: "0.05" },
    "max-regression": { mode: "compare", value: "lots" },
    "max-memory-growth": { mode: "compare", value: "-5%" },
  };

  /** A quiet run of the settings, for the errors found only when a run starts. */
  const startRun = (settings: RunSettings) =>
    runSuite(settings, {
      now: () => new Date(),
      log: () => {},
      warn: () => {},
      signal: new AbortController().signal,
    });

  it("has a wrong value for every input action.yml declares", async () => {
    const action = load(await readFile(join(REPO_ROOT, "action.yml"), "utf8")) as {
      inputs: Record<string, unknown>;
    };
    expect(Object.keys(WRONG).sort()).toEqual(Object.keys(action.inputs).sort());
  });

  /** The error the input's wrong value gets: at reading, or when the run first uses it. */
  async function errorFor(name: string): Promise<InputError> {
    const wrong = WRONG[name];
    if (wrong === undefined) throw new Error(`no wrong value for ${name}`);
    if (name === "image") {
      process.env.DOCKER_HOST = `unix://${join(cwd, "no-such-docker.sock")}`;
      set.push("DOCKER_HOST");
    }
    const given = { mode: wrong.mode, [name]: wrong.value };
    // Whether an interpreter runs is only known when the run starts it.
    if (name === "python") {
      const inputs = await read(given);
      if (inputs.mode !== "run") throw new Error("expected run mode");
      return inputErrorOf(startRun(inputs.settings));
    }
    return failure(given, name);
  }

  it.each(Object.keys(WRONG))(
    "%s: names the input as the workflow spells it, and no CLI flag",
    async (name) => {
      const error = await errorFor(name);
      expect(error.input).toBe(name);
      expect(error.message.startsWith(`${name}: `)).toBe(true);
      expect(error.message).not.toMatch(/(^|\s)--[a-z]/);
      expect(error.message).not.toContain("\n");
    },
  );

  it("shows the fix of a run setting in a with: block's own syntax", async () => {
    const processes = await errorFor("processes");
    expect(processes.fix).toBe(
      "Use processes: 2 or more: one process gives no spread between processes.",
    );
    const precision = await errorFor("precision");
    expect(precision.fix).toContain('precision: "1%"');
    const python = await errorFor("python");
    expect(python.message).toBe(
      'python: command not found (got "python9"). Install Python 3.9 or newer, or set python with the path to one.',
    );
  });

  it("refuses tests with an image, whose interpreter is not the job's", async () => {
    const error = await failure(
      { mode: "run", image: "python:3.13-alpine", tests: "pytest -q" },
      "tests",
    );
    expect(error.message).toBe(
      'tests: runs on this job\'s interpreter, not in the image python:3.13-alpine (got "pytest -q"). Run the tests in a job without image, or set tests: false here.',
    );
  });

  it("names a suite folder that does not exist when the run starts", async () => {
    const inputs = await read({ mode: "run", suite: "no-such-folder" });
    if (inputs.mode !== "run") throw new Error("expected run mode");
    const error = await inputErrorOf(startRun(inputs.settings));
    expect(error.message).toMatch(/^suite: does not exist/);
  });
});
