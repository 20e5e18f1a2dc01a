/**
 * The action's compare mode: find what to compare (local files or
 * artifacts), run the shared compare core, write the job summary, keep one
 * sticky comment on the pull request, and give the Dockerfile advice.
 * Artifacts of a variants run go to compare-variants.ts instead. Returns the
 * outcome; main sets the outputs and decides whether the step fails.
 */

import { mkdir } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { writeFileAtomic } from "../adapters/files.js";
import { MissingArtifactError } from "../core/artifact-names.js";
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from "../core/compare/compare.js";
import type { DockerfilePlan } from "../core/dockerfile.js";
import { renderJson } from "../core/render/json.js";
import type { Verdict } from "../core/verdict.js";
import { type CompareOutcome, runCompare } from "../modes/compare.js";
import { adviseDockerfile, dockerfileWarning, readDockerfile } from "../modes/dockerfile-advice.js";
import {
  commentMarkdown,
  outputValues,
  type ReportParts,
  summaryMarkdown,
} from "./compare-report.js";
import { downloadSources, type LegSources, localKind, type Sources } from "./compare-sources.js";
import { compareVariantsStep, type VariantsCompareOutcome } from "./compare-variants.js";
import { artifactRunUrl, flameGraphSummary } from "./flamegraphs.js";
import type { CompareInputs } from "./inputs.js";
import { ACTION_VOICE } from "./inputs.js";
import { expression, type OutputName } from "./names.js";
import { type CommentDeps, type PostedComment, postComment } from "./post-comment.js";
import type { ActionModeDeps } from "./run.js";

export interface ActionCompareDeps extends ActionModeDeps, CommentDeps {
  /** This workflow run's page, linked from the comment. */
  runUrl: string | null;
}

export interface LegsCompareOutcome {
  mode: "compare";
  kind: "legs";
  verdict: Verdict;
  /** Benchmarks that failed in either leg, and whether failures were allowed. */
  failures: CompareOutcome["failures"];
  outputs: Partial<Record<OutputName, string>>;
  comment: PostedComment;
  /** A comment that failed for another reason than permissions: the step fails after the outputs. */
  commentError: Error | null;
  dockerfile: DockerfilePlan | null;
  applied: boolean;
}

export type ActionCompareOutcome = LegsCompareOutcome | VariantsCompareOutcome;

/** Where compare mode writes the comparison JSON, relative to the workspace. */
export const COMPARISON_FILE = join(".jit-bench", "comparison.json");
/** Where it downloads the legs' artifacts, relative to the workspace. */
export const LEGS_DIR = join(".jit-bench", "legs");
/** Where it downloads a variants run's artifact, relative to the workspace. */
export const VARIANTS_DIR = join(".jit-bench", "variants");

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

  const found: Sources = await reporter.group("Find the results", async () => {
    if (inputs.results.length > 0) {
      reporter.info(
        `Reading ${inputs.results.map((p) => relative(deps.workspace, p) || p).join(" and ")}.`,
      );
      return localKind(inputs.results, deps.workspace);
    }
    return downloadSources({
      store: deps.store,
      prefix: inputs.artifactPrefix,
      runId: inputs.runId,
      dir: join(deps.workspace, LEGS_DIR),
      variantsDir: join(deps.workspace, VARIANTS_DIR),
      log: (line) => reporter.info(line),
    }).catch((error: unknown) => {
      throw explainMissing(error, inputs, deps);
    });
  });
  if (found.kind === "variants") {
    if (dockerfile !== null) {
      reporter.warning(
        "dockerfile is not used for a variants comparison: its advice is about the JIT's verdict on one interpreter.",
      );
    }
    return compareVariantsStep(inputs, deps, found.variants);
  }
  const sources: LegSources = found.legs;

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
    postComment(inputs, deps, (commit) => commentMarkdown({ ...parts, commit })),
  );
  const outputs: Partial<Record<OutputName, string>> = {
    ...outputValues(parts),
    "results-path": comparisonPath,
    "comment-url": "url" in posted.comment ? posted.comment.url : "",
  };
  return {
    mode: "compare",
    kind: "legs",
    verdict: outcome.verdict,
    failures: outcome.failures,
    outputs,
    comment: posted.comment,
    commentError: posted.error,
    dockerfile: plan,
    applied,
  };
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
