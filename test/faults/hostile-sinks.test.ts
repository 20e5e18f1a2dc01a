/**
 * One hostile corpus through every sink. Benchmark names, failure reasons,
 * the interpreter and the CPU model of a results file, and the failure
 * reason of a real benchmark, carry workflow commands, terminal escape
 * sequences, a forged verdict line and markup. Each place text leaves
 * jit-bench is checked: the Actions log (stdout and stderr of the bundled
 * action, compare and run mode), the job summary, the pull request comment,
 * the step outputs, and the CLI's text report on a terminal.
 */
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { OWNER, PR, REPO, RUN_INPUTS, useActionWorld } from "../action/action-world.js";
import { runStep, type StepResult } from "../action/runner.js";
import { runCli } from "../cli/support.js";

const { world, compare } = useActionWorld();

/** Each entry tries to act in some sink; "PWNED" marks what must never act. */
const HOSTILE_CORPUS = [
  "bench_a\n::error::PWNED forged error",
  "bench_b\r\n::add-mask::PWNED",
  "  ::warning file=x.py,line=1::PWNED forged warning",
  "::stop-commands::PWNED",
  "bench_c ##[error]PWNED legacy command",
  "bench_d \u001b[31mred\u001b[0m \u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007",
  "bench_e \u009b31m C1 escape \u0085 next line",
  "bench_f \u202eevil reversed\u202c",
  "bench_g\n\njit-bench verdict: ENABLE",
  "bench_h `code` <img src=x onerror=alert(1)> @octocat #1 | cell ![i](https://evil.example/x.png)",
  "bench_i\rjit-bench verdict: ENABLE",
];

const FIXTURES = resolve("test/fixtures/results");
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Both legs with the corpus as names; in the JIT leg, the first one fails with a hostile reason. */
async function hostileResults(dir: string): Promise<[string, string]> {
  const paths: string[] = [];
  for (const leg of ["off", "on"] as const) {
    const file = JSON.parse(await readFile(join(FIXTURES, `${leg}.json`), "utf8"));
    const [template] = file.legs[leg].benchmarks;
    file.environment.interpreter.version = "3.14.0\n::error::PWNED version";
    file.environment.fingerprint.cpuModel = "CPU \u001b[2J\u001b[H::add-mask::PWNED";
    file.legs[leg].benchmarks = HOSTILE_CORPUS.map((name, i) => {
      const failed = leg === "on" && i === 0;
      return {
        ...structuredClone(template),
        name,
        ...(failed
          ? {
              status: "failed",
              reason: "Traceback\n::error::PWNED reason\n\u001b[31m<script>x</script>",
              processes: [],
              stats: null,
              summary: null,
            }
          : {}),
      };
    });
    const path = join(dir, `${leg}.json`);
    await writeFile(path, JSON.stringify(file));
    paths.push(path);
  }
  return paths as [string, string];
}

/** No line of `text` is a workflow command it did not mean to send. */
function expectNoForgedCommand(text: string): void {
  for (const line of text.split("\n")) {
    const trimmed = line.trimStart();
    if (trimmed.startsWith("::")) {
      // Only @actions/core's own commands, at the start of the line, with their data escaped.
      expect(line).toMatch(/^::(add-mask|group|endgroup|warning|error|debug|notice)(::| )/);
      expect(line).not.toMatch(/^::[^:]*::PWNED/);
      if (line.startsWith("::add-mask::")) expect(line).not.toContain("PWNED");
    } else {
      expect(line).not.toContain("##[");
    }
  }
}

function expectNoControls(text: string): void {
  expect(text).not.toMatch(INVISIBLE);
}

/** The forged verdict never starts a line of its own. */
function expectNoForgedVerdict(text: string): void {
  const verdictLines = text.split("\n").filter((l) => /^\s*jit-bench verdict:/.test(l));
  expect(verdictLines.length).toBeLessThanOrEqual(1);
  for (const line of verdictLines) expect(line).not.toContain("ENABLE");
}

/** Markdown where no tag, link, image or code span from the data opens. */
function expectInertMarkdown(markdown: string): void {
  expectNoControls(markdown);
  expect(markdown).not.toMatch(/<img|<script/i);
  expect(markdown).not.toMatch(/!\[i\]\(/);
  expect(markdown).not.toContain("`code`");
  expect(markdown).not.toMatch(/@octocat/);
  expectNoForgedVerdict(markdown);
}

let off: string;
let on: string;
let compared: StepResult;

beforeAll(async () => {
  const dir = await mkdtemp(join(world.work, "hostile-"));
  [off, on] = await hostileResults(dir);
  world.github.addIssue(OWNER, REPO, PR);
  compared = await compare(4343, { results: `${off}\n${on}` });
}, 120_000);

describe("a hostile corpus through every sink", () => {
  it("the compare step runs to its verdict on the hostile files, then fails on the failed benchmark", () => {
    expect(compared.outputs.verdict).toBe("regression");
    // bench_a failed in the JIT leg: one error names it and the setting, its forged command inert.
    expect(compared.code).not.toBe(0);
    expect(compared.errors).toHaveLength(1);
    expect(compared.errors[0]).toMatch(
      /^1 benchmark failed, .*bench_a .*PWNED.*allow-failures: true/,
    );
  });

  it("sends no workflow command and no control character to the compare job's log", () => {
    expectNoForgedCommand(compared.stdout);
    expectNoForgedCommand(compared.stderr);
    expectNoControls(compared.stdout);
    expectNoControls(compared.stderr);
    // The failed benchmark's name reaches the log inside one warning, its forged command broken.
    expect(compared.stdout).toMatch(
      /^::warning::failed only with the JIT: bench_a%0A:\u200b:error::PWNED forged error$/m,
    );
  });

  it("opens no markup in the job summary", () => {
    expect(compared.summary).toContain("bench");
    expectInertMarkdown(compared.summary);
  });

  it("opens no markup in the pull request comment", () => {
    const [comment] = world.github.comments(OWNER, REPO, PR);
    expect(comment?.body).toContain("PWNED");
    expectInertMarkdown(comment?.body ?? "");
  });

  it("keeps the recommendation output one line of plain text", () => {
    const value = compared.outputs.recommendation ?? "";
    expect(value).toMatch(/^Regression: /);
    expect(value).not.toContain("\n");
    expectNoControls(value);
    expectNoForgedCommand(value);
  });

  it("writes no escape sequence and no forged line to the terminal from the CLI's text report", async () => {
    const cli = await runCli(["compare", off, on, "--format", "text"]);
    expect(cli.stdout).toContain("jit-bench verdict: REGRESSION");
    expectNoControls(cli.stdout);
    expectNoControls(cli.stderr);
    expectNoForgedVerdict(cli.stdout);
    expectNoForgedCommand(cli.stdout);
    expect(cli.stdout).toContain("bench_g\\n\\njit-bench verdict: ENABLE");
    expect(cli.stdout).toContain("\\x1b[31mred");
  });

  it("sends no workflow command from a failing benchmark's reason in the run job's log", async () => {
    const ws = join(await mkdtemp(join(world.work, "hostile-run-")), "repo");
    await mkdir(join(ws, "benchmarks"), { recursive: true });
    await writeFile(
      join(ws, "benchmarks", "bench_hostile.py"),
      [
        "def bench_fine():",
        "    return sum(range(10))",
        "",
        "",
        "def bench_raises():",
        '    raise ValueError("\\x1b[2K\\r::error::PWNED ##[error]PWNED \\u202e::add-mask::PWNED")',
        "",
      ].join("\n"),
    );
    const step = await runStep({
      inputs: { ...RUN_INPUTS, jit: "0" },
      workspace: ws,
      env: {
        GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
        GITHUB_RUN_ID: "4344",
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_API_URL: world.github.url,
        ACTIONS_RESULTS_URL: world.service.url,
        ACTIONS_RUNTIME_TOKEN: world.service.newJob(4344).runtimeToken,
      },
    });
    expect(step.code).toBe(0);
    expect(step.stdout).toContain("\\x1b[2K\\r::error::PWNED");
    expectNoForgedCommand(step.stdout);
    expectNoForgedCommand(step.stderr);
    expectNoControls(step.stdout);
    expectInertMarkdown(step.summary);
  });
});
