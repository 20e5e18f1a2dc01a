/**
 * The action's one try/catch: mask the token, read the inputs, run the mode,
 * set the outputs, and turn any failure into one clear line.
 */
import * as core from "@actions/core";
import { createActionsArtifactStore } from "../adapters/artifacts.js";
import { followRunnerDebugMode } from "../adapters/debug-lines.js";
import { createGitHubCommentPoster } from "../adapters/github-comment.js";
import { type GitHubContext, readGitHubContext, runUrlOf } from "../adapters/github-context.js";
import { createPullRequestFinder } from "../adapters/github-pull-requests.js";
import { retryPolicyFromEnv } from "../adapters/github-requests.js";
import { jobSummaryFromEnv } from "../adapters/job-summary.js";
import { handleStopSignals } from "../adapters/signals.js";
import { MissingArtifactError } from "../core/artifact-names.js";
import { InputError } from "../core/errors.js";
import { failuresMessage } from "../core/failures.js";
import { escapeLogText, escapeMarkdown } from "../core/render/escape.js";
import { isFailingOutcome } from "../core/verdict.js";
import { actionCompare } from "./compare.js";
import { readToken } from "./input-text.js";
import { type ActionInputs, readInputs } from "./inputs.js";
import { OUTPUTS } from "./names.js";
import { type ActionModeDeps, actionRun, type Reporter } from "./run.js";
import { actionRunVariants } from "./run-variants.js";

/** Every line reaches the log through the workflow-command escaper: names in it come from outside. */
const REPORTER: Reporter = {
  group: (name, work) => core.group(escapeLogText(name), work),
  info: (line) => core.info(escapeLogText(line)),
  warning: (line) => core.warning(escapeLogText(line)),
};

export async function main(): Promise<void> {
  // Ours and the libraries' `::debug::` lines, only in the runner's debug mode.
  followRunnerDebugMode();
  // A cancelled job gets SIGTERM first: stop measuring and keep what was measured.
  // A second signal writes what was measured at once and exits.
  const signals = handleStopSignals({
    onAgain: (signal) => {
      core.setFailed(`Stopped by ${signal} twice; the results measured so far were written.`);
      process.exit(1);
    },
  });
  try {
    const token = readToken();
    if (token !== "") core.setSecret(token);
    const workspace = process.cwd();
    const inputs = await readInputs(workspace);
    for (const warning of inputs.warnings) core.warning(escapeLogText(warning));
    const context = await readGitHubContext(process.env);
    await runMode(inputs, token, context, workspace, signals.stop, signals.urgent);
  } catch (error: unknown) {
    fail(error);
    await summarizeFailure(error);
  } finally {
    signals.dispose();
  }
}

async function runMode(
  inputs: ActionInputs,
  token: string,
  context: GitHubContext,
  workspace: string,
  signal: AbortSignal,
  urgent: AbortSignal,
): Promise<void> {
  const deps: ActionModeDeps = {
    store: createActionsArtifactStore(
      token === "" ? {} : { github: { token, owner: context.owner, repo: context.repo } },
    ),
    summary: jobSummaryFromEnv(process.env),
    reporter: REPORTER,
    context,
    workspace,
    signal,
    urgent,
    now: () => new Date(),
  };
  switch (inputs.mode) {
    case "run": {
      const outcome =
        inputs.settings.variants.length > 0
          ? await actionRunVariants(inputs, deps)
          : await actionRun(inputs, deps);
      core.setOutput(OUTPUTS.resultsPath, outcome.resultsPath);
      return;
    }
    case "compare": {
      const retry = retryPolicyFromEnv(process.env);
      const outcome = await actionCompare(inputs, {
        ...deps,
        commenter: (issueNumber) =>
          createGitHubCommentPoster({
            token,
            owner: context.owner,
            repo: context.repo,
            issueNumber,
            ...(retry === undefined ? {} : { retry }),
          }),
        pullRequests: createPullRequestFinder({
          token,
          owner: context.owner,
          repo: context.repo,
          ...(retry === undefined ? {} : { retry }),
        }),
        runUrl: runUrlOf(process.env, context),
      });
      for (const [name, value] of Object.entries(outcome.outputs)) core.setOutput(name, value);
      if (outcome.commentError !== null) {
        core.setFailed(`The report is in the job summary, but ${outcome.commentError.message}`);
        return;
      }
      // After the summary and the comment: the step fails with the report already out.
      const { failed, allowed } = outcome.failures;
      if (failed.length > 0 && !allowed) {
        core.setFailed(escapeLogText(failuresMessage(failed, "allow-failures: true")));
      }
      if (outcome.kind === "legs" && isFailingOutcome(outcome.verdict, inputs.failOnRegression)) {
        core.setFailed(
          outcome.verdict.kind === "tests-fail"
            ? `Tests fail only with the JIT (verdict tests-fail): ${outcome.outputs.recommendation ?? ""}`
            : `The JIT made things slower (verdict regression) and fail-on-regression is true: ${outcome.outputs.recommendation ?? ""}`,
        );
      }
      return;
    }
  }
}

/**
 * A step that failed still says why in its job summary, where a reader of
 * the run looks first; the text is outside data (a file name, a limit), so
 * it is escaped for Markdown like every other.
 */
async function summarizeFailure(error: unknown): Promise<void> {
  const summary = jobSummaryFromEnv(process.env);
  if (summary === null) return;
  const message = error instanceof Error ? error.message : String(error);
  try {
    await summary.write(`## jit-bench: failed\n\n${escapeMarkdown(message)}\n`);
  } catch {
    // The log line above already says it; a summary that cannot be written adds nothing.
  }
}

function fail(error: unknown): void {
  // Both already name what to fix, in the action's own words.
  if (error instanceof InputError || error instanceof MissingArtifactError) {
    core.setFailed(error.message);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  core.setFailed(message);
  if (error instanceof Error && error.stack) core.debug(error.stack);
}
