/**
 * action.yml, the names module and the README agree: every input and output
 * is declared once with a description saying its mode, and the README's
 * generated blocks match action.yml (CI fails here when they drift).
 */
import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { expression, INPUTS, OUTPUTS } from "../../src/action/names.js";
import { DEFAULT_POLICY } from "../../src/core/verdict.js";
import { REPO_ROOT } from "./runner.js";

interface ActionYml {
  runs: { using: string; main: string };
  branding: { icon: string; color: string };
  inputs: Record<string, { description: string; default?: unknown; required?: boolean }>;
  outputs: Record<string, { description: string }>;
}

const action = async () => load(await readFile(join(REPO_ROOT, "action.yml"), "utf8")) as ActionYml;

function script(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    execFile(
      "node",
      [join(REPO_ROOT, "scripts/readme-inputs.mjs"), ...args],
      { cwd: REPO_ROOT },
      (error, _out, stderr) => {
        done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stderr });
      },
    );
  });
}

describe("action.yml", () => {
  it("runs dist/index.js on node24, with branding", async () => {
    const yml = await action();
    expect(yml.runs).toEqual({ using: "node24", main: "dist/index.js" });
    expect(yml.branding.icon).not.toBe("");
  });

  it("declares exactly the inputs and outputs of the names module", async () => {
    const yml = await action();
    expect(Object.keys(yml.inputs).sort()).toEqual(Object.values(INPUTS).sort());
    expect(Object.keys(yml.outputs).sort()).toEqual(Object.values(OUTPUTS).sort());
  });

  it("gives every input a default and a description that says which mode it serves", async () => {
    const yml = await action();
    for (const [name, input] of Object.entries(yml.inputs)) {
      expect(input.default, name).toBeDefined();
      expect(input.description, name).toMatch(/^(Run mode|Compare mode|Both modes)\. /);
    }
    for (const [name, output] of Object.entries(yml.outputs)) {
      expect(output.description, name).toMatch(/^(Run mode|Compare mode|Both modes)\. /);
    }
  });

  it("defaults the policy inputs to the verdict's own defaults", async () => {
    const { inputs } = await action();
    const percent = (key: string) => Number(String(inputs[key]?.default).replace("%", "")) / 100;
    expect(percent("threshold")).toBeCloseTo(DEFAULT_POLICY.threshold, 12);
    expect(percent("max-regression")).toBeCloseTo(DEFAULT_POLICY.maxRegression, 12);
    expect(percent("max-memory-growth")).toBeCloseTo(DEFAULT_POLICY.maxMemoryGrowth, 12);
  });
});

describe("README", () => {
  it("matches action.yml (regenerate with node scripts/readme-inputs.mjs)", async () => {
    const result = await script(["--check"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("is caught when it drifts", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jit-bench-readme-"));
    try {
      const readme = join(dir, "README.md");
      const yml = join(dir, "action.yml");
      await copyFile(join(REPO_ROOT, "README.md"), readme);
      const text = (await readFile(join(REPO_ROOT, "action.yml"), "utf8")).replace(
        "Timed values per process,",
        "Timed values in each process,",
      );
      await writeFile(yml, text);
      const drift = await script(["--check", "--action", yml, "--readme", readme]);
      expect(drift.code).toBe(1);
      expect(drift.stderr).toContain("does not match");
      expect((await script(["--action", yml, "--readme", readme])).code).toBe(0);
      expect(await readFile(readme, "utf8")).toContain("Timed values in each process,");
      expect((await script(["--check", "--action", yml, "--readme", readme])).code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

interface Workflow {
  permissions?: unknown;
  concurrency?: { group?: string };
  jobs: Record<
    string,
    { permissions?: unknown; steps?: { uses?: string; with?: Record<string, unknown> }[] }
  >;
}

async function workflows(): Promise<[string, Workflow][]> {
  const dir = join(REPO_ROOT, ".github/workflows");
  const names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name));
  return Promise.all(
    names.map(
      async (name): Promise<[string, Workflow]> => [
        name,
        load(await readFile(join(dir, name), "utf8")) as Workflow,
      ],
    ),
  );
}

/** The YAML code blocks of a markdown file that hold a workflow. */
async function documentedWorkflows(path: string): Promise<Workflow[]> {
  const text = await readFile(join(REPO_ROOT, path), "utf8");
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((match) => load(match[1] ?? "") as Workflow)
    .filter((doc) => typeof doc === "object" && doc !== null && "jobs" in doc);
}

describe("workflows", () => {
  // Pinning, permissions and credentials are checked for every workflow in test/faults/workflows.test.ts.
  it("use only inputs action.yml declares, here and in the documented examples", async () => {
    const { inputs } = await action();
    const ours = [
      ...(await workflows()).map(([, w]) => w),
      ...(await documentedWorkflows("docs/fork-prs.md")),
      ...(await documentedWorkflows("docs/variants.md")),
    ];
    let uses = 0;
    for (const workflow of ours) {
      for (const job of Object.values(workflow.jobs)) {
        for (const step of job.steps ?? []) {
          if (step.uses !== "./" && !step.uses?.startsWith("aria/jit-bench@")) continue;
          uses += 1;
          for (const key of Object.keys(step.with ?? {}))
            expect(Object.keys(inputs)).toContain(key);
        }
      }
    }
    expect(uses).toBeGreaterThanOrEqual(8);
  });

  it("set a concurrency group in every documented workflow that runs the action on pull requests", async () => {
    const documented = [
      ...(await documentedWorkflows("README.md")),
      ...(await documentedWorkflows("docs/fork-prs.md")),
      ...(await documentedWorkflows("docs/variants.md")),
      ...(await workflows()).filter(([name]) => /self-test|fork-safe/.test(name)).map(([, w]) => w),
    ];
    // The README's minimal, paired and image workflows, the two fork-safe ones, the three of
    // docs/variants.md, and the copies here.
    expect(documented.length).toBeGreaterThanOrEqual(11);
    for (const workflow of documented) {
      const group = workflow.concurrency?.group ?? "";
      // Per pull request (or its branch, for the comment job), so that two pushes do not race.
      expect(group).toMatch(/pull_request\.number|workflow_run\.head_branch/);
    }
  });

  it("never check out the pull request's code in the workflow that may comment", async () => {
    const [, comment] =
      (await workflows()).find(([name]) => name === "comment-fork-safe.yml") ?? [];
    const documented = (await documentedWorkflows("docs/fork-prs.md")).filter((w) =>
      JSON.stringify(w).includes("workflow_run"),
    );
    expect(comment).toBeDefined();
    expect(documented).toHaveLength(1);
    for (const workflow of [comment, ...documented]) {
      for (const job of Object.values(workflow?.jobs ?? {})) {
        for (const step of job.steps ?? []) {
          if (!step.uses?.startsWith("actions/checkout@")) continue;
          expect(step.with?.ref).toBe(expression("github.event.repository.default_branch"));
        }
      }
    }
  });
});
