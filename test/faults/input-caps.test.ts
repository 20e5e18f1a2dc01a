/**
 * Small inputs that would cost a lot: a YAML alias bomb in the settings
 * file, a shard count of a billion, a peak memory of zero or of 1e300, a
 * 24 MB Dockerfile. Each is refused with one line naming the input and the
 * limit (exit 2 in the CLI), before it costs anything. And the Dockerfile
 * that apply writes must resolve inside the workspace; a link to a file in
 * the workspace is written through, never replaced.
 */
import {
  lstat,
  mkdir,
  mkdtemp,
  open,
  readFile,
  readlink,
  symlink,
  writeFile,
} from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCKERFILE_MAX_BYTES } from "../../src/action/compare.js";
import { parseArtifactName } from "../../src/core/artifact-names.js";
import {
  CONFIG_MAX_ALIASES,
  CONFIG_MAX_BYTES,
  CONFIG_MAX_VALUES,
} from "../../src/core/config/parse.js";
import { VALUE_MAX_NS } from "../../src/core/results.js";
import { MAX_SHARDS } from "../../src/core/shard.js";
import { runStep, type StepResult } from "../action/runner.js";
import { CLEAR_WIN, resultsFile, writeResults } from "../action/synthetic-results.js";
import { runCli } from "../cli/support.js";
import { scratchDir } from "./support.js";

const FIXTURES = resolve("test/fixtures/results");
const SUITE = resolve("test/fixtures/suites/noop");
let dir: Awaited<ReturnType<typeof scratchDir>>;

beforeAll(async () => {
  dir = await scratchDir("jit-bench-faults-caps-");
});
afterAll(async () => {
  await dir?.cleanup();
});

/** A refusal of the kind promised: exit 2, nothing on stdout, one line on stderr. */
function expectOneLine(cli: { code: number | null; stdout: string; stderr: string }): string {
  expect(cli.code).toBe(2);
  expect(cli.stdout).toBe("");
  const lines = cli.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0] ?? "";
}

async function runWithConfig(name: string, text: string | null) {
  const path = join(dir.path, name);
  if (text !== null) await writeFile(path, text);
  return runCli([
    "run",
    SUITE,
    "--config",
    text === null ? name : path,
    "--output-dir",
    join(dir.path, "out"),
  ]);
}

describe("settings files that would cost a lot", () => {
  it("refuses a YAML alias bomb by its alias count", async () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      levels.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    const line = expectOneLine(await runWithConfig("bomb.yml", `${levels.join("\n")}\n`));
    expect(line).toContain("bomb.yml");
    expect(line).toContain(`more than ${CONFIG_MAX_ALIASES} YAML aliases`);
  });

  it("refuses a document that expands past the value cap through few aliases", async () => {
    const levels = ["a: &a [x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      levels.push(`${next}: &${next} [${Array(6).fill(`*${prev}`).join(", ")}]`);
    }
    const line = expectOneLine(await runWithConfig("wide.yml", `${levels.join("\n")}\n`));
    expect(line).toContain(`more than the ${CONFIG_MAX_VALUES} values`);
  });

  it("refuses a settings file over the size cap", async () => {
    const text = `# ${"x".repeat(CONFIG_MAX_BYTES)}\nprocesses: 4\n`;
    const line = expectOneLine(await runWithConfig("huge.yml", text));
    expect(line).toContain("huge.yml");
    expect(line).toContain(`${CONFIG_MAX_BYTES}`);
  });

  it("refuses a device as the settings file, reading nothing", async () => {
    const line = expectOneLine(await runWithConfig("/dev/zero", null));
    expect(line).toContain("/dev/zero");
    expect(line).toContain("is not a regular file");
  });
});

/** A results file as plain JSON, to be edited into something the schema must refuse. */
interface RawResults {
  shard: unknown;
  legs: Record<
    string,
    { benchmarks: { processes: { peakRssKb: unknown; values: unknown[] }[] }[] }
  >;
}

async function withChange(name: string, change: (file: RawResults, leg: "off" | "on") => void) {
  const paths: string[] = [];
  for (const leg of ["off", "on"] as const) {
    const file = JSON.parse(await readFile(join(FIXTURES, `${leg}.json`), "utf8"));
    change(file, leg);
    const path = join(dir.path, `${name}-${leg}.json`);
    await writeFile(path, JSON.stringify(file));
    paths.push(path);
  }
  return paths;
}

describe("results files with counts and figures out of range", () => {
  it.each([
    [1_000_000_000, `must be at most ${MAX_SHARDS} shards`],
    [Number.MAX_SAFE_INTEGER, `must be at most ${MAX_SHARDS} shards`],
  ])("refuses a shard count of %d, naming the field and the limit", async (count, message) => {
    const paths = await withChange(`shards-${count}`, (file) => {
      file.shard = { index: 1, count };
    });
    const line = expectOneLine(await runCli(["compare", ...paths]));
    expect(line).toContain("shard.count");
    expect(line).toContain(message);
  });

  it("names no artifact of more shards than a run makes", () => {
    expect(parseArtifactName(`jit-bench-off-shard-1-of-${MAX_SHARDS + 1}`, "")).toBeNull();
    expect(parseArtifactName(`jit-bench-off-shard-1-of-${MAX_SHARDS}`, "")).not.toBeNull();
  });

  it("refuses a timed value of 1e300 ns with one line naming the field and the limit", async () => {
    const paths = await withChange("value-huge", (file, leg) => {
      if (leg === "on")
        for (const bench of file.legs.on?.benchmarks ?? [])
          for (const proc of bench.processes) proc.values = proc.values.map(() => 1e300);
    });
    const line = expectOneLine(await runCli(["compare", ...paths]));
    expect(line).toContain("values");
    expect(line).toContain(`must be at most ${VALUE_MAX_NS} ns (a day) per value`);
  });

  it.each([
    [0, "a peak memory of 0 KiB is not a measurement"],
    [1e300, "must be at most"],
    [-5, "a peak memory of 0 KiB is not a measurement"],
  ])(
    "refuses a peak memory of %d KiB with one line, not an internal error",
    async (value, message) => {
      const paths = await withChange(`rss-${value}`, (file, leg) => {
        if (leg === "on")
          for (const bench of file.legs.on?.benchmarks ?? [])
            for (const proc of bench.processes) proc.peakRssKb = value;
      });
      const line = expectOneLine(await runCli(["compare", ...paths]));
      expect(line).toContain("peakRssKb");
      expect(line).toContain(message);
    },
  );
});

const DOCKERFILE = 'FROM python:3.14-slim\nCMD ["python", "-m", "app"]\n';

async function compareWithDockerfile(
  setUp: (workspace: string) => Promise<string>,
  inputs: Record<string, string> = {},
): Promise<{ step: StepResult; workspace: string }> {
  const workspace = await mkdtemp(join(dir.path, "ws-"));
  await mkdir(join(workspace, ".jit-bench"));
  await writeResults(join(workspace, ".jit-bench"), "results.json", resultsFile(CLEAR_WIN));
  const dockerfile = await setUp(workspace);
  const step = await runStep({
    workspace,
    inputs: {
      mode: "compare",
      results: ".jit-bench/results.json",
      "github-token": "ghs_capsCompareToken0001",
      dockerfile,
      ...inputs,
    },
    env: { GITHUB_REPOSITORY: "aria/app", GITHUB_EVENT_NAME: "push", GITHUB_RUN_ID: "9" },
    event: { ref: "refs/heads/main" },
  });
  return { step, workspace };
}

function expectOneError(step: StepResult): string {
  expect(step.code).toBe(1);
  expect(step.errors).toHaveLength(1);
  expect(step.errors[0]).not.toContain("%0A");
  return step.errors[0] ?? "";
}

describe("the Dockerfile input", () => {
  it("refuses a 24 MB single-line Dockerfile by its size, naming the limit", async () => {
    const { step } = await compareWithDockerfile(async (ws) => {
      const handle = await open(join(ws, "Dockerfile"), "w");
      await handle.write("FROM python:3.14-slim\nRUN echo ");
      await handle.truncate(24 * 1024 * 1024);
      await handle.close();
      return "Dockerfile";
    });
    const error = expectOneError(step);
    expect(error).toContain("dockerfile");
    expect(error).toContain(`is larger than the ${DOCKERFILE_MAX_BYTES} bytes allowed`);
  });

  it("refuses a Dockerfile outside the workspace", async () => {
    const outside = join(dir.path, "Dockerfile.outside");
    await writeFile(outside, DOCKERFILE);
    const { step } = await compareWithDockerfile(async () => "../Dockerfile.outside", {
      "apply-dockerfile": "true",
    });
    expect(expectOneError(step)).toContain("is outside the workspace");
    expect(await readFile(outside, "utf8")).toBe(DOCKERFILE);
  });

  it("refuses a Dockerfile that is a link to a file outside the workspace, and changes neither", async () => {
    const outside = join(dir.path, "Dockerfile.target");
    await writeFile(outside, DOCKERFILE);
    const { step, workspace } = await compareWithDockerfile(
      async (ws) => {
        await symlink(outside, join(ws, "Dockerfile"));
        return "Dockerfile";
      },
      { "apply-dockerfile": "true" },
    );
    expect(expectOneError(step)).toContain("leads outside the workspace");
    expect(await readFile(outside, "utf8")).toBe(DOCKERFILE);
    expect((await lstat(join(workspace, "Dockerfile"))).isSymbolicLink()).toBe(true);
  });

  it("writes through a link to a Dockerfile inside the workspace, keeping the link", async () => {
    const { step, workspace } = await compareWithDockerfile(
      async (ws) => {
        await mkdir(join(ws, "docker"));
        await writeFile(join(ws, "docker", "Dockerfile.prod"), DOCKERFILE);
        await symlink(join("docker", "Dockerfile.prod"), join(ws, "Dockerfile"));
        return "Dockerfile";
      },
      { "apply-dockerfile": "true" },
    );
    expect(step.errors).toEqual([]);
    expect(step.code).toBe(0);
    expect(step.outputs.verdict).toBe("enable");
    const link = join(workspace, "Dockerfile");
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(join("docker", "Dockerfile.prod"));
    expect(await readFile(join(workspace, "docker", "Dockerfile.prod"), "utf8")).toContain(
      "ENV PYTHON_JIT=1",
    );
    expect(step.summary).toContain("--- a/docker/Dockerfile.prod");
  });
});
