/**
 * The README is what a new user follows, so it is checked like code: its
 * workflows use only inputs and outputs action.yml declares, with actions
 * pinned; its minimal workflow is the one this repository runs on itself
 * (.github/workflows/self-test.yml, with `uses: ./`); and its CLI reference
 * names every option the CLI has.
 */
import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { adviseCommand } from "../../src/cli/advise.js";
import { compareCommand } from "../../src/cli/compare.js";
import { probeCommand } from "../../src/cli/probe.js";
import { runCommand } from "../../src/cli/run.js";

type Step = {
  uses?: string;
  id?: string;
  name?: string;
  with?: Record<string, unknown>;
  run?: string;
};
type Job = {
  "runs-on": string;
  container?: string;
  needs?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix: Record<string, unknown>; "fail-fast"?: boolean };
  steps: Step[];
};
type Workflow = { on: unknown; permissions: unknown; jobs: Record<string, Job> };

const readme = readFileSync("README.md", "utf8");
const action = load(readFileSync("action.yml", "utf8")) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};

function workflow(name: string): Workflow {
  const marker = `<!-- workflow: ${name} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README has no ${marker}`);
  const text = /```yaml\n([\s\S]*?)```/.exec(readme.slice(at))?.[1];
  return load(text ?? "") as Workflow;
}

const NAMES = [...readme.matchAll(/<!-- workflow: (\w+) -->/g)].map((m) => m[1] as string);
/** Every action but ours is pinned to a full commit SHA. */
const PINNED = /^(actions\/checkout|astral-sh\/setup-uv)@[0-9a-f]{40}$/;

function ours(step: Step): boolean {
  return step.uses === "aria/jit-bench@v1" || step.uses === "./";
}

describe("README workflows", () => {
  it("include the minimal, the paired and the image workflow", () => {
    expect(NAMES).toEqual(["minimal", "paired", "image"]);
  });

  for (const name of NAMES) {
    it(`${name}: pins every action and uses only declared inputs and outputs`, () => {
      const flow = workflow(name);
      expect(flow.permissions).toEqual({ contents: "read" });
      const text = JSON.stringify(flow);
      for (const [, output] of text.matchAll(/steps\.\w+\.outputs\.([\w-]+)/g)) {
        expect(Object.keys(action.outputs)).toContain(output);
      }
      for (const job of Object.values(flow.jobs)) {
        for (const step of job.steps) {
          if (step.uses === undefined) continue;
          if (ours(step)) {
            expect(step.uses).toBe("aria/jit-bench@v1");
            for (const input of Object.keys(step.with ?? {})) {
              expect(Object.keys(action.inputs)).toContain(input);
            }
          } else expect(step.uses).toMatch(PINNED);
        }
      }
    });
  }

  it("minimal: is the workflow this repository runs on itself, with uses: ./", () => {
    const readmeFlow = workflow("minimal");
    const selfTest = load(readFileSync(".github/workflows/self-test.yml", "utf8")) as Workflow;
    expect(readmeFlow.on).toEqual(selfTest.on);
    expect(readmeFlow.permissions).toEqual(selfTest.permissions);
    for (const name of ["run", "compare"]) {
      const mine = readmeFlow.jobs[name] as Job;
      const theirs = selfTest.jobs[name] as Job;
      expect(theirs, `self-test.yml has no ${name} job`).toBeDefined();
      for (const key of ["runs-on", "container", "needs", "permissions", "strategy"] as const) {
        expect(mine[key], `${name}.${key}`).toEqual(theirs[key]);
      }
      // The self-test adds steps that check the outputs; the README's own steps are all there.
      const setup = (job: Job) => job.steps.filter((s) => !ours(s) && s.name === undefined);
      expect(setup(mine)).toEqual(setup(theirs));
      const modes = (job: Job) =>
        job.steps.filter(ours).map((s) => ({ mode: s.with?.mode, jit: s.with?.jit }));
      expect(modes(mine)).toEqual(modes(theirs));
      expect(theirs.steps.filter(ours).every((s) => s.uses === "./")).toBe(true);
    }
  });

  it("minimal: leads with an interpreter that has the JIT compiled in, not an image without one", () => {
    const run = workflow("minimal").jobs.run as Job;
    expect(run.container).toBeUndefined();
    const uv = run.steps.find((s) => s.uses?.startsWith("astral-sh/setup-uv@"));
    expect(uv?.uses).toMatch(PINNED);
    const install = run.steps.find((s) => s.run?.includes("uv python install 3.14"));
    expect(install?.run).toContain('echo "JIT_PYTHON=$(uv python find 3.14)" >> "$GITHUB_ENV"');
    const bench = run.steps.find(ours);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a template
    expect(bench?.with?.python).toBe("${{ env.JIT_PYTHON }}");
    // No workflow is offered on a Python without a JIT; the section says why.
    expect(readme).not.toMatch(/container: python:|image: python:/);
    const section = readme.slice(
      readme.indexOf("### The minimal workflow"),
      readme.indexOf("### One job, both legs paired"),
    );
    expect(section).toMatch(
      /the official `python:3\.x` images and `actions\/setup-python` on Linux have no JIT,\s+so a workflow on them can only ever answer `not-applicable`/,
    );
  });

  it("paired and image: run both legs in one job and compare that job's results", () => {
    for (const name of ["paired", "image"]) {
      const [job] = Object.values(workflow(name).jobs) as [Job];
      const [run, compare] = job.steps.filter(ours);
      expect(run?.with).toMatchObject({ mode: "run", jit: "both" });
      expect(compare?.with?.results).toBe(`\${{ steps.${run?.id}.outputs.results-path }}`);
      expect(job.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    }
    expect(
      (Object.values(workflow("image").jobs)[0] as Job).steps.filter(ours)[0]?.with,
    ).toHaveProperty("image");
  });
});

describe("README CLI reference", () => {
  const commands = {
    run: runCommand(),
    compare: compareCommand(),
    probe: probeCommand(),
    advise: adviseCommand(),
  };
  for (const [name, command] of Object.entries(commands)) {
    it(`names every option of jit-bench ${name}`, () => {
      const section = readme.slice(readme.indexOf(`### \`jit-bench ${name}\``));
      const flags = command.options.map((option) => option.long).filter((f) => f !== undefined);
      expect(flags.length).toBeGreaterThan(0);
      expect(flags.filter((flag) => !section.includes(`\`${flag}`))).toEqual([]);
    });
  }

  it("keeps the two fresh-machine commands", () => {
    expect(readme).toContain("npm ci && npm start");
    expect(readme).toContain("npm ci && npm test");
  });
});
