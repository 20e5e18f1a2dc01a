/**
 * The action's compare mode: find both legs (local files or artifacts), run
 * the shared compare core, write the job summary, keep one sticky comment on
 * the pull request, and give the Dockerfile advice. Returns the outcome;
 * main sets the outputs and decides whether the step fails.
 */

import { mkdir } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { writeFileAtomic } from "../adapters/files.js";
import type { CommentPoster, CommentResult, PullRequestFinder } from "../adapters/ports.js";
import { MissingArtifactError } from "../core/artifact-names.js";
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from "../core/compare/compare.js";
import type { DockerfilePlan } from "../core/dockerfile.js";
import { renderJson } from "../core/render/json.js";
import type { Verdict } from "../core/verdict.js";
import { type CompareOutcome, runCompare } from "../modes/compare.js";
import { adviseDockerfile, dockerfileWarning, readDockerfile } from "../modes/dockerfile-advice.js";
import { commentTarget } from "./comment-target.js";
import {
  commentMarkdown,
  outputValues,
  type ReportParts,
  summaryMarkdown,
} from "./compare-report.js";
import { downloadLegs, type LegSources, localSources } from "./compare-sources.js";
import { artifactRunUrl, flameGraphSummary } from "./flamegraphs.js";
import type { CompareInputs } from "./inputs.js";
import { ACTION_VOICE } from "./inputs.js";
import { expression, type OutputName } from "./names.js";
import type { ActionModeDeps } from "./run.js";

export interface ActionCompareDeps extends ActionModeDeps {
  /** Makes the poster for a pull request; only called when there is one to comment on. */
  commenter: (pullRequest: number) => CommentPoster;
  /** Asks GitHub which pull request a workflow run measured (for workflow_run events). */
  pullRequests: PullRequestFinder;
  /** This workflow run's page, linked from the comment. */
  runUrl: string | null;
}

export interface ActionCompareOutcome {
  mode: "compare";
  verdict: Verdict;
  /** Benchmarks that failed in either leg, and whether failures were allowed. */
  failures: CompareOutcome["failures"];
  outputs: Partial<Record<OutputName, string>>;
  comment: CommentResult | { action: "not-posted"; reason: string };
  /** A comment that failed for another reason than permissions: the step fails after the outputs. */
  commentError: Error | null;
  dockerfile: DockerfilePlan | null;
  applied: boolean;
}

/** Where compare mode writes the comparison JSON, relative to the workspace. */
export const COMPARISON_FILE = join(".jit-bench", "comparison.json");
/** Where it downloads the legs' artifacts, relative to the workspace. */
export const LEGS_DIR = join(".jit-bench", "legs");

export async function actionCompare(
  inputs: CompareInputs,
  deps: ActionCompareDeps,
): Promise<ActionCompareOutcome> {
  const { reporter } = deps;
  // Read and parsed first: a Dockerfile without FROM fails before any download.
  const dockerfile =
    inputs.dockerfile === null
      ? null
      : await readDockerfile(inputs.dockerfile, deps.workspace, "dockerfile");

  const sources: LegSources = await reporter.group("Find both legs", async () => {
    if (inputs.results.length > 0) {
      reporter.info(
        `Reading ${inputs.results.map((p) => relative(deps.workspace, p) || p).join(" and ")}.`,
      );
      return localSources(inputs.results);
    }
    return downloadLegs({
      store: deps.store,
      prefix: inputs.artifactPrefix,
      runId: inputs.runId,
      dir: join(deps.workspace, LEGS_DIR),
      log: (line) => reporter.info(line),
    }).catch((error: unknown) => {
      throw explainMissing(error, inputs, deps);
    });
  });

  const outcome = await reporter.group("Compare", async () => {
    // Relative to the working directory (the workspace, on a runner): the report names its sources.
    const [baseline = "", candidate] = sources.paths.map(
      (path) => relative(process.cwd(), path) || ".",
    );
    const result = await runCompare({
      baseline,
      candidate,
      format: "markdown",
      policy: inputs.policy,
      failOnRegression: inputs.failOnRegression,
      allowFailures: inputs.allowFailures,
      seed: DEFAULT_SEED,
      resamples: DEFAULT_RESAMPLES,
    });
    reporter.info(`Verdict: ${result.verdict.kind} (${result.verdict.reason}).`);
    for (const warning of result.comparison.warnings) reporter.warning(warning.message);
    return result;
  });

  const plan = dockerfile === null ? null : adviseDockerfile(dockerfile, outcome.verdict.kind);
  let applied = false;
  if (plan?.kind === "change" && inputs.applyDockerfile && dockerfile !== null) {
    await writeFileAtomic(dockerfile.path, plan.after);
    applied = true;
    reporter.info(`Wrote the change to ${plan.file}: ${plan.note}`);
  }

  const baseWarning = dockerfile === null ? null : dockerfileWarning(dockerfile);
  if (baseWarning !== null) reporter.warning(baseWarning);
  const parts: ReportParts = {
    comparison: outcome.comparison,
    verdict: outcome.verdict,
    plan,
    baseWarning,
    runUrl: deps.runUrl,
  };
  const comparisonPath = join(deps.workspace, COMPARISON_FILE);
  await mkdir(dirname(comparisonPath), { recursive: true });
  await writeFileAtomic(
    comparisonPath,
    renderJson(outcome.comparison, outcome.verdict, ACTION_VOICE),
  );

  const flameGraphs = await reporter.group("Flame graphs", () =>
    flameGraphSummary({
      paths: sources.paths,
      artifacts: [...sources.artifacts.off, ...sources.artifacts.on],
      runUrl: artifactRunUrl(deps.runUrl, inputs.runId),
      workspace: deps.workspace,
      log: (line) => reporter.info(line),
      noJit: outcome.comparison.gate.applicable ? null : outcome.comparison.gate.reason,
    }),
  );

  if (deps.summary !== null) {
    const summary = deps.summary;
    const markdown = summaryMarkdown(parts) + (flameGraphs ? `\n${flameGraphs}` : "");
    await reporter.group("Job summary", () => summary.write(markdown));
  }

  const posted = await reporter.group("Pull request comment", () =>
    postComment(inputs, deps, parts),
  );
  const outputs: Partial<Record<OutputName, string>> = {
    ...outputValues(parts),
    "results-path": comparisonPath,
    "comment-url": "url" in posted.comment ? posted.comment.url : "",
  };
  return {
    mode: "compare",
    verdict: outcome.verdict,
    failures: outcome.failures,
    outputs,
    comment: posted.comment,
    commentError: posted.error,
    dockerfile: plan,
    applied,
  };
}

/**
 * The commit this job's results measured, from GitHub's own event payload
 * (never from an artifact): a pull request's head, or the triggering run's.
 * Null when the payload names none in the form a commit id has.
 */
function measuredCommit(deps: ActionCompareDeps): string | null {
  const sha = deps.context.pullRequest?.headSha || deps.context.workflowRun?.headSha || "";
  return /^[0-9a-f]{7,64}$/.test(sha) ? sha : null;
}

/** A workflow_run job that forgot run-id looks in its own run, which has no legs: say so. */
function explainMissing(error: unknown, inputs: CompareInputs, deps: ActionCompareDeps): unknown {
  if (!(error instanceof MissingArtifactError)) return error;
  if (deps.context.workflowRun === null || inputs.runId !== null) return error;
  return new MissingArtifactError(
    error.expected,
    error.available,
    error.where,
    `${error.message} This job was triggered by workflow_run: to read the benchmark run's artifacts, set run-id: ${expression("github.event.workflow_run.id")}.`,
  );
}

export { DOCKERFILE_MAX_BYTES } from "../modes/dockerfile-advice.js";

async function postComment(
  inputs: CompareInputs,
  deps: ActionCompareDeps,
  parts: ReportParts,
): Promise<{ comment: ActionCompareOutcome["comment"]; error: Error | null }> {
  if (!inputs.comment) {
    deps.reporter.info("comment is false: no pull request comment.");
    return { comment: { action: "not-posted", reason: "comment is false" }, error: null };
  }
  try {
    const target = await commentTarget(deps.context, deps.pullRequests);
    if (target.kind === "none") {
      deps.reporter.info(`No pull request comment: ${target.reason}.`);
      return { comment: { action: "not-posted", reason: target.reason }, error: null };
    }
    const poster = deps.commenter(target.number);
    const measured = measuredCommit(deps);
    const head = measured === null ? null : await poster.currentHead();
    if (measured !== null && head !== null && head !== measured) {
      // A newer push's job owns the comment now; this older verdict must not replace it.
      const reason = `this run measured commit ${measured.slice(0, 12)}, but pull request #${target.number} has moved on to ${head.slice(0, 12)}: the comment is left to the run for that commit, and this verdict is in this job's summary only`;
      deps.reporter.warning(`No pull request comment: ${reason}.`);
      await deps.summary?.write(`> [!NOTE]
> No pull request comment: ${reason}.
`);
      return { comment: { action: "not-posted", reason }, error: null };
    }
    const result = await poster.upsert(
      inputs.commentKey,
      commentMarkdown({ ...parts, commit: measured }),
    );
    switch (result.action) {
      case "created":
      case "updated":
        if (result.note !== undefined) deps.reporter.warning(result.note);
        deps.reporter.info(
          `Comment ${result.action} on pull request #${target.number}: ${result.url}`,
        );
        break;
      case "skipped":
        deps.reporter.warning(result.reason);
        break;
    }
    return { comment: result, error: null };
  } catch (error: unknown) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return { comment: { action: "not-posted", reason: failure.message }, error: failure };
  }
}
