/**
 * Every workflow this repository runs, and every one its docs show, measures
 * a Python that has the JIT compiled in and says beside it which Python that
 * is (the rules are in jit-python-rules.ts): a workflow on an interpreter
 * without a JIT can only ever answer not-applicable. The README's first
 * workflow is the most precise design it documents: both legs in pairs in
 * each job. The workflows are read the way actionlint reads them
 * (scripts/workflow-sources.mjs).
 */
import { existsSync, readFileSync } from "node:fs";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { workflowSources } from "../../scripts/workflow-sources.mjs";
import {
  hasJitStage,
  JIT_DOC,
  jitPythonProblems,
  type WorkflowToCheck,
} from "./jit-python-rules.js";

const readFile = (path: string): string | null =>
  existsSync(path) ? readFileSync(path, "utf8") : null;

/**
 * The prose of the Markdown section a block sits in (from its heading to the
 * next), without the section's fenced blocks: what a reader sees beside it.
 */
function sectionProse(markdown: string, offset: number): string {
  const lines: { at: number; line: string; fenced: boolean }[] = [];
  let at = 0;
  let fenced = false;
  for (const line of markdown.split("\n")) {
    const fence = line.startsWith("```");
    lines.push({ at, line, fenced: fenced || fence });
    if (fence) fenced = !fenced;
    at += line.length + 1;
  }
  const heading = (l: { line: string; fenced: boolean }) => !l.fenced && /^#{1,6} /.test(l.line);
  const start = lines.findLastIndex((l) => l.at <= offset && heading(l));
  const after = lines.findIndex((l) => l.at > offset && heading(l));
  return lines
    .slice(Math.max(start, 0), after < 0 ? lines.length : after)
    .filter((l) => !l.fenced)
    .map((l) => l.line)
    .join("\n");
}

const SOURCES: WorkflowToCheck[] = workflowSources(".").map(({ name, path, text, offset }) => ({
  name,
  text,
  prose: offset === null ? null : sectionProse(readFileSync(path, "utf8"), offset),
  readFile,
}));

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Workflow = { jobs: Record<string, { container?: unknown; steps: Step[] }> };

const ours = (step: Step) => step.uses === "./" || (step.uses ?? "").startsWith("aria/jit-bench@");
const runMode = (step: Step) =>
  ours(step) && [undefined, "run"].includes(step.with?.mode as string);

describe("the Python of every JIT leg", () => {
  it("is checked in each workflow that runs jit-bench, here and in the docs", () => {
    const running = SOURCES.filter((source) =>
      Object.values((load(source.text) as Workflow).jobs).some((job) => job.steps.some(runMode)),
    ).map((source) => source.name);
    expect(running).toEqual(
      expect.arrayContaining([
        ".github/workflows/benchmark-fork-safe.yml",
        ".github/workflows/self-test.yml",
        "README.md (example 1)",
        "README.md (example 2)",
        "README.md (example 3)",
        "docs/fork-prs.md (example 1)",
      ]),
    );
  });

  for (const source of SOURCES) {
    it(`${source.name}: is a build with the JIT compiled in, named beside it`, () => {
      expect(jitPythonProblems(source)).toEqual([]);
    });
  }
});

describe("the README's first workflow", () => {
  it("is the minimal one, and measures both legs in pairs in each of its run jobs", () => {
    const readme = readFileSync("README.md", "utf8");
    const first = SOURCES.find((s) => s.name === "README.md (example 1)");
    const marker = readme.indexOf("<!-- workflow: minimal -->");
    expect(marker).toBeGreaterThan(0);
    expect(first?.text).toBe(/```yaml\n([\s\S]*?)^```/m.exec(readme.slice(marker))?.[1]);
    const steps = Object.values((load(first?.text ?? "") as Workflow).jobs).flatMap((job) =>
      job.steps.filter(runMode),
    );
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(step.with?.jit).toBe("both");
    // The other documented designs are one job with both legs, or one leg per job: none beats it.
    const prose = first?.prose ?? "";
    expect(prose).toMatch(/in pairs of processes/);
    expect(prose).toMatch(/the most precise/);
  });
});

/** docs/fork-prs.md's run job before it measured a JIT build. */
const PYTHON_SLIM_MATRIX = `
name: jit-bench
on:
  pull_request:
permissions:
  contents: read
jobs:
  run:
    runs-on: ubuntu-latest
    container: python:3.13-slim
    strategy:
      matrix:
        jit: [0, 1]
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: aria/jit-bench@v1
        with:
          mode: run
          jit: \${{ matrix.jit }}
          suite: tests/benchmarks
`;

const UV_ROUTE = `install uv's CPython 3.14 in an earlier step (astral-sh/setup-uv, then \`uv python install 3.14\` and \`echo "JIT_PYTHON=$(uv python find 3.14)" >> "$GITHUB_ENV"\`) and pass python: \${{ env.JIT_PYTHON }} (${JIT_DOC})`;

function documented(yaml: string, prose = "uv's CPython 3.14 has the JIT compiled in."): string[] {
  return jitPythonProblems({ name: "doc.md", text: yaml, prose, readFile: () => null });
}

/** A one-job workflow around these steps. */
function job(steps: string, extra = ""): string {
  return `on: pull_request
permissions: {}
jobs:
  run:
    runs-on: ubuntu-latest${extra}
    steps:
${steps}`;
}

const SETUP_UV = "      - uses: astral-sh/setup-uv@e92bafb6253dcd438e0484186d7669ea7a8ca1cc\n";
const install = (version: string, found = version) =>
  `      - run: |\n          uv python install ${version}\n          echo "JIT_PYTHON=$(uv python find ${found})" >> "$GITHUB_ENV"\n`;
const bench = (withs: string) => `      - uses: aria/jit-bench@v1\n        with:\n${withs}`;
// biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a template
const JIT_PYTHON = "          python: ${{ env.JIT_PYTHON }}\n";

describe("the rules", () => {
  it("reject the old fork-safe run job: a python:3.13-slim container, one leg per job, no python:", () => {
    expect(documented(PYTHON_SLIM_MATRIX, "")).toEqual([
      `doc.md: job run: runs in container: python:3.13-slim, an official python image, which has no JIT, so every run ends not-applicable; drop the container and ${UV_ROUTE}`,
      `doc.md: job run, step 2: sets no python:, so it measures the job's python3, which on a GitHub runner has no JIT; ${UV_ROUTE}`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a template
      "doc.md: job run, step 2: jit: ${{ matrix.jit }} measures one leg per job, so the legs compare unpaired, on different machines; measure both in each job (jit: both), with a shard: matrix to split a long suite",
      "doc.md: job run, step 2: the text beside the workflow (its section's prose and its comments) does not say which Python provides the JIT; name it: uv's CPython 3.14, which has the JIT compiled in",
    ]);
  });

  it("accept uv's CPython 3.13 or newer, from setup-uv or from uv's install script, and a compare step anywhere", () => {
    expect(documented(job(SETUP_UV + install("3.14") + bench(JIT_PYTHON)))).toEqual([]);
    expect(documented(job(SETUP_UV + install("3.13") + bench(JIT_PYTHON)))).toEqual([]);
    const script = `      - run: |\n          curl -LsSf https://astral.sh/uv/install.sh | sh\n          ~/.local/bin/uv python install 3.14\n          echo "JIT_PYTHON=$(~/.local/bin/uv python find 3.14)" >> "$GITHUB_ENV"\n`;
    expect(documented(job(script + bench(JIT_PYTHON)))).toEqual([]);
    expect(
      documented(job(bench("          mode: compare\n"), "\n    container: python:3.13-slim")),
    ).toEqual([]);
  });

  it("reject actions/setup-python, a uv CPython without a JIT or not the one measured, and uv never installed", () => {
    const setupPython =
      "      - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065\n        with:\n          python-version: '3.14'\n";
    expect(documented(job(setupPython + bench("          python: python3.14\n")))).toEqual([
      `doc.md: job run, step 1: actions/setup-python installs a CPython without the JIT on Linux; ${UV_ROUTE}`,
      `doc.md: job run, step 2: python: python3.14 is not known to have the JIT; ${UV_ROUTE}`,
    ]);
    expect(documented(job(SETUP_UV + install("3.12") + bench(JIT_PYTHON)))).toEqual([
      "doc.md: job run, step 3: installs CPython 3.12, which has no JIT (the JIT is in 3.13 and newer); install 3.14",
    ]);
    expect(documented(job(SETUP_UV + install("3.14", "3.12") + bench(JIT_PYTHON)))).toEqual([
      "doc.md: job run, step 3: installs CPython 3.14 but measures `uv python find 3.12`; find the version you install",
    ]);
    expect(documented(job(install("3.14") + bench(JIT_PYTHON)))).toEqual([
      "doc.md: job run, step 2: runs uv, which no earlier step installs; add astral-sh/setup-uv, pinned to a commit",
    ]);
    expect(documented(job(bench(JIT_PYTHON) + SETUP_UV + install("3.14")))).toEqual([
      `doc.md: job run, step 1: python: \${{ env.JIT_PYTHON }} is set by no earlier step of the job; ${UV_ROUTE}`,
    ]);
  });

  it("reject an official python image, an image built nowhere, and one from a Dockerfile without the JIT stage", () => {
    const prose = `Build your image on the python-jit stage of ${JIT_DOC}, which has the JIT.`;
    const inImage = (image: string, python = "python3") =>
      bench(`          image: ${image}\n          python: ${python}\n`);
    expect(documented(job(inImage("python:3.13-alpine")), prose)).toEqual([
      `doc.md: job run, step 1: image: python:3.13-alpine is an official python image, which has no JIT; build your image on the python-jit stage of ${JIT_DOC} and measure that`,
    ]);
    expect(documented(job(inImage("my-app:bench")), prose)).toEqual([
      `doc.md: job run, step 1: image: my-app:bench is built by no earlier step of the job, so nothing shows its Python has the JIT; build it with \`docker build -t my-app:bench\` from a Dockerfile with the python-jit stage of ${JIT_DOC}`,
    ]);
    const build = "      - run: docker build -t my-app:bench -f images/Dockerfile images\n";
    expect(documented(job(build + inImage("my-app:bench", "python3.13")), prose)).toEqual([
      `doc.md: job run, step 2: python: python3.13 in image my-app:bench; set python: python3, the CPython the python-jit stage of ${JIT_DOC} installs`,
    ]);
    expect(documented(job(build + inImage("my-app:bench")), "uv's JIT")).toEqual([
      `doc.md: job run, step 2: the text beside the workflow (its section's prose and its comments) does not say which Python provides the JIT; name it: the python-jit stage of ${JIT_DOC}`,
    ]);
    // This repository's own workflows build Dockerfiles that are here to read.
    const own = (dockerfile: string | null) =>
      jitPythonProblems({
        name: "own.yml",
        text: `# The image has the JIT: the python-jit stage of ${JIT_DOC}.\n${job(build + inImage("my-app:bench"))}`,
        prose: null,
        readFile: (path) => (path === "images/Dockerfile" ? dockerfile : null),
      });
    expect(own(readFileSync("test/fixtures/docker/python-jit.Dockerfile", "utf8"))).toEqual([]);
    expect(own("FROM python:3.14-slim\n")).toEqual([
      `own.yml: job run, step 2: image my-app:bench is built from images/Dockerfile, which installs no Python with the JIT (no \`uv python install 3.13+\` checked with sys._jit.is_available()); start it from the python-jit stage of ${JIT_DOC}`,
    ]);
    expect(own(null)).toEqual([
      "own.yml: job run, step 2: image my-app:bench is built from images/Dockerfile, which does not exist",
    ]);
  });

  it("accept variants whose interpreters uv installs side by side, one of them able to have the JIT", () => {
    const several = `      - run: |\n          uv python install 3.13 3.14 3.14t\n          {\n            echo "PY313=$(uv python find 3.13)"\n            echo "PY314=$(uv python find 3.14)"\n            echo "PY314T=$(uv python find 3.14t)"\n          } >> "$GITHUB_ENV"\n`;
    const variants = (...lines: string[]) =>
      bench(`          variants: |\n${lines.map((l) => `            ${l}\n`).join("")}`);
    expect(
      documented(
        job(
          SETUP_UV +
            several +
            variants(
              // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a template
              "3.13: ${{ env.PY313 }}",
              // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a template
              "3.14 + JIT: PYTHON_JIT=1 ${{ env.PY314 }}",
              // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a template
              "3.14t: ${{ env.PY314T }}",
            ),
        ),
      ),
    ).toEqual([]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a template
    const ours = "3.14: ${{ env.PY314 }}";
    expect(documented(job(SETUP_UV + several + variants(ours, "3.12: python3.12")))).toEqual([
      `doc.md: job run, step 3, variant "3.12": runs python3.12, which is not known to come from uv; install it in an earlier step (astral-sh/setup-uv, then \`uv python install\` and \`uv python find\` into $GITHUB_ENV) and name it \${{ env.NAME }} (${JIT_DOC})`,
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a template
    const missing = "3.15: ${{ env.PY315 }}";
    expect(documented(job(SETUP_UV + several + variants(ours, missing)))).toEqual([
      `doc.md: job run, step 3, variant "3.15": runs \${{ env.PY315 }} is set by no earlier step of the job; ${UV_ROUTE}`,
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a template
    const free = "3.14t: ${{ env.PY314T }}";
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a template
    const old = "3.12: ${{ env.PY313 }}";
    const onlyOld = several
      .replace("3.13 3.14 3.14t", "3.12 3.13 3.14t")
      .replace("find 3.13", "find 3.12");
    expect(documented(job(SETUP_UV + onlyOld + variants(old, free)))).toEqual([
      "doc.md: job run, step 3: no variant is a CPython 3.13 or newer without the t suffix, so none can have the JIT; add uv's 3.14",
    ]);
    expect(documented(job(SETUP_UV + several + variants(ours)))).toEqual([
      "doc.md: job run, step 3: variants: names 1 interpreter(s); a comparison needs 2 to 8",
    ]);
  });

  it("want the Python named in the comments of this repository's own workflows, not only in its commands", () => {
    const steps = job(SETUP_UV + install("3.14") + bench(JIT_PYTHON));
    const own = (text: string) =>
      jitPythonProblems({ name: "own.yml", text, prose: null, readFile: () => null });
    expect(own(steps)).toEqual([
      "own.yml: job run, step 3: the text beside the workflow (its comments) does not say which Python provides the JIT; name it: uv's CPython 3.14, which has the JIT compiled in",
    ]);
    expect(own(`# uv's CPython 3.14 has the JIT compiled in.\n${steps}`)).toEqual([]);
    // One leg per job is the unpaired path; this repository's self-test runs it on purpose.
    expect(
      own(
        `# uv's JIT\n${job(SETUP_UV + install("3.14") + bench(`${JIT_PYTHON}          jit: 1\n`))}`,
      ),
    ).toEqual([]);
  });
});

describe("the image the self-test measures", () => {
  it(`is built from the Dockerfile stage of ${JIT_DOC}, as written there`, () => {
    const stage = /```dockerfile\n([\s\S]*?)```/.exec(readFileSync(JIT_DOC, "utf8"))?.[1];
    const fixture = readFileSync("test/fixtures/docker/python-jit.Dockerfile", "utf8");
    expect(fixture).toBe(stage);
    expect(hasJitStage(fixture)).toBe(true);
  });
});
