/**
 * `profile: true` through the action, as a matrix runs it: two run jobs, one
 * leg each, then a compare job that downloads both artifacts. The flame
 * graphs travel in each leg's artifact; the compare job draws the
 * differential graphs (no run job saw both legs) and its job summary names
 * the files with one reading per benchmark. Real interpreters; the artifact
 * store is a folder, since the artifact service has its own tests.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActionCompareOutcome, actionCompare } from "../../src/action/compare.js";
import { readInputs } from "../../src/action/inputs.js";
import { type ActionRunOutcome, actionRun } from "../../src/action/run.js";
import type { GitHubContext } from "../../src/adapters/github-context.js";
import type { ArtifactStore, JobSummary } from "../../src/adapters/ports.js";
import { actionDefaults } from "./runner.js";

const FIXTURE = resolve(import.meta.dirname, "..", "fixtures", "profile-run");
const RUN_URL = "https://github.com/aria/app/actions/runs/41";

const CONTEXT: GitHubContext = {
  owner: "aria",
  repo: "app",
  eventName: "push",
  runId: 41,
  pullRequest: null,
  workflowRun: null,
};

/** Artifacts as folders: an upload copies the files under their root, a download copies them back. */
function folderStore(dir: string): ArtifactStore & { files: Map<string, string[]> } {
  const files = new Map<string, string[]>();
  return {
    files,
    async upload(name, paths, rootDir) {
      const kept = paths.map((path) => relative(rootDir, path));
      for (const rel of kept) await cp(join(rootDir, rel), join(dir, name, rel));
      files.set(name, kept.sort());
      return { id: files.size, size: kept.length };
    },
    async download(name, destDir) {
      await cp(join(dir, name), destDir, { recursive: true });
      const found = await readdir(destDir, { recursive: true, withFileTypes: true });
      return found
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name))
        .sort();
    },
    list: async () => [...files.keys()].map((name, i) => ({ name, id: i + 1, size: 1 })),
  };
}

function memorySummary(): JobSummary & { text: string[] } {
  const text: string[] = [];
  return { text, write: async (markdown) => void text.push(markdown) };
}

const set: string[] = [];
let defaults: Record<string, string>;

function withInputs(inputs: Record<string, string>): void {
  for (const key of set.splice(0)) delete process.env[key];
  for (const [name, value] of Object.entries({ ...defaults, ...inputs })) {
    const key = `INPUT_${name.toUpperCase()}`;
    process.env[key] = value;
    set.push(key);
  }
}

function deps(workspace: string, store: ArtifactStore, summary: JobSummary, info: string[]) {
  return {
    store,
    summary,
    reporter: {
      group: <T>(_name: string, work: () => Promise<T>) => work(),
      info: (line: string) => info.push(line),
      warning: (line: string) => info.push(`warning: ${line}`),
    },
    context: CONTEXT,
    workspace,
    signal: new AbortController().signal,
    now: () => new Date("2025-01-01T00:00:00Z"),
  };
}

let base: string;
let store: ReturnType<typeof folderStore>;
const runs: { outcome: ActionRunOutcome; summary: string }[] = [];
let compared: { outcome: ActionCompareOutcome; summary: string; info: string[]; ws: string };

async function runJob(jit: "0" | "1") {
  const ws = join(base, `run-${jit}`);
  await cp(FIXTURE, ws, { recursive: true });
  withInputs({
    mode: "run",
    jit,
    suite: "benchmarks",
    python: "python3",
    processes: "2",
    warmups: "0",
    values: "2",
    "min-time": "1ms",
    timeout: "60s",
    profile: "true",
    "github-token": "",
  });
  const inputs = await readInputs(ws);
  if (inputs.mode !== "run") throw new Error("expected run mode");
  // Short profiles keep the test quick; the settings file is where profile-time lives.
  inputs.settings.profileTimeMs = 300;
  const summary = memorySummary();
  const outcome = await actionRun(inputs, deps(ws, store, summary, []));
  runs.push({ outcome, summary: summary.text.join("") });
}

beforeAll(async () => {
  defaults = await actionDefaults();
  base = await mkdtemp(join(tmpdir(), "jit-bench-profile-action-"));
  store = folderStore(join(base, "artifacts"));
  await runJob("0");
  await runJob("1");
  const ws = join(base, "compare");
  await mkdir(ws);
  withInputs({ mode: "compare", comment: "false", "github-token": "" });
  const inputs = await readInputs(ws);
  if (inputs.mode !== "compare") throw new Error("expected compare mode");
  const summary = memorySummary();
  const info: string[] = [];
  const outcome = await actionCompare(inputs, {
    ...deps(ws, store, summary, info),
    commenter: () => {
      throw new Error("comment is false: no commenter");
    },
    pullRequests: {
      ofRun: () => {
        throw new Error("comment is false: no pull request lookup");
      },
    },
    runUrl: RUN_URL,
  });
  compared = { outcome, summary: summary.text.join(""), info, ws };
});

afterAll(async () => {
  for (const key of set.splice(0)) delete process.env[key];
  if (base) await rm(base, { recursive: true, force: true });
});

describe("profile: true in a matrix of run jobs", () => {
  it("uploads each leg's stacks and SVGs with its results, and nothing of the other leg", () => {
    expect(store.files.get("jit-bench-off")).toEqual([
      "flamegraphs/bench_shaped.off.collapsed",
      "flamegraphs/bench_shaped.off.svg",
      "flamegraphs/bench_waits.off.collapsed",
      "results-off.json",
    ]);
    // The JIT-on job saw one leg only: no differential graph yet.
    expect(store.files.get("jit-bench-on")).toEqual([
      "flamegraphs/bench_shaped.on.collapsed",
      "flamegraphs/bench_shaped.on.svg",
      "flamegraphs/bench_waits.on.collapsed",
      "results-on.json",
    ]);
  });

  it("says in each run job's summary where the graphs are and what was not drawn", () => {
    for (const run of runs) {
      expect(run.summary).toContain(
        "Flame graphs: 1 SVG file of 2 profiled benchmarks in the artifact's `flamegraphs/` folder, " +
          "taken in untimed processes; 1 graph not drawn (too few samples).",
      );
    }
  });
});

describe("the compare job", () => {
  it("draws the differential graph from the two artifacts", async () => {
    const svg = await readFile(
      join(compared.ws, ".jit-bench", "flamegraphs", "bench_shaped.diff.svg"),
      "utf8",
    );
    expect(svg).toContain("bench_shaped: JIT on against JIT off");
    expect(svg).toContain("bench_profiled:heavy_helper");
    expect(compared.info).toContain("Wrote 1 differential flame graphs to .jit-bench/flamegraphs.");
  });

  it("links the graphs from the job summary with one reading per profiled benchmark", () => {
    const section = compared.summary.slice(compared.summary.indexOf("### Where the time goes"));
    expect(section).toContain(
      `in the \`flamegraphs/\` folder of the artifacts \`jit-bench-off\`, \`jit-bench-on\` of [the workflow run](${RUN_URL}#artifacts).`,
    );
    const shaped = section.split("\n").find((line) => line.startsWith("- **bench\\_shaped**: "));
    // This machine's interpreters have no JIT: the graphs compare two runs of one
    // interpreter, and no frame is put down to the JIT.
    expect(shaped?.replace(/\\(.)/g, "$1")).toContain(
      ": No frame is attributed to the JIT: the JIT leg ran without one (the interpreter was built without the JIT, so PYTHON_JIT=1 changed nothing), so the graphs compare two runs of the same interpreter.",
    );
    expect(section).not.toContain("grew most under the JIT");
    expect(shaped).toContain(
      "(`bench_shaped.off.svg`, `bench_shaped.on.svg`, `bench_shaped.diff.svg`)",
    );
    const waits = section.split("\n").find((line) => line.startsWith("- **bench\\_waits**: "));
    expect(waits).toContain("too few stack samples inside the benchmark to compare");
    expect(compared.info).toContainEqual(
      expect.stringMatching(
        /^bench_waits: too few stack samples inside the benchmark to compare \(JIT off \d+, JIT on \d+; a graph needs 20\): profile for longer$/,
      ),
    );
    // The failing benchmark was never profiled: it has a verdict row, and no reading.
    expect(section).not.toContain("bench\\_fails");
  });
});
