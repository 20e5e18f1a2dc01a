/**
 * Compare mode for a variants run: read its one file (the results files'
 * caps, then the schema, once), compare every variant with the baseline,
 * write the comparison JSON, the job summary and the one sticky comment.
 * Returns the outcome; main sets the outputs and fails the step for failed
 * benchmarks only after the report is out.
 */
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../adapters/files.js";
import { readVariantsFile } from "../adapters/variants-files.js";
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from "../core/compare/compare.js";
import { type FailedBenchmark, failedInVariants } from "../core/failures.js";
import { renderVariantsJson } from "../core/render/variants-json.js";
import { compareVariants } from "../core/variants/compare.js";
import type { VariantsSource } from "./compare-sources.js";
import type { CompareInputs } from "./inputs.js";
import type { OutputName } from "./names.js";
import { type CommentDeps, type PostedComment, postComment } from "./post-comment.js";
import type { ActionModeDeps } from "./run.js";
import {
  type VariantsReportParts,
  variantsCommentMarkdown,
  variantsOutputs,
  variantsSummaryMarkdown,
} from "./variants-report.js";

export interface VariantsCompareOutcome {
  mode: "compare";
  kind: "variants";
  /** Benchmarks that failed in any variant, and whether the compare step allows that. */
  failures: { failed: readonly FailedBenchmark[]; allowed: boolean };
  outputs: Partial<Record<OutputName, string>>;
  comment: PostedComment;
  /** A comment that failed for another reason than permissions: the step fails after the outputs. */
  commentError: Error | null;
}

export interface VariantsCompareDeps extends CommentDeps {
  workspace: ActionModeDeps["workspace"];
  /** This workflow run's page, linked from the comment. */
  runUrl: string | null;
}

/** Where compare mode writes a variants comparison's JSON, relative to the workspace. */
export const VARIANTS_COMPARISON_FILE = join(".jit-bench", "variants-comparison.json");

export async function compareVariantsStep(
  inputs: CompareInputs,
  deps: VariantsCompareDeps,
  source: VariantsSource,
): Promise<VariantsCompareOutcome> {
  const { reporter } = deps;
  const { file, comparison } = await reporter.group("Compare the variants", async () => {
    const file = await readVariantsFile(source.path, source.source);
    const comparison = compareVariants(file, { seed: DEFAULT_SEED, resamples: DEFAULT_RESAMPLES });
    reporter.info(
      `${file.variants.length} variants, ${file.benchmarks.length} benchmarks, from ${source.source}.`,
    );
    if (file.partial) reporter.warning(`${source.source} is partial: ${file.partialReason ?? ""}`);
    return { file, comparison };
  });

  const jsonPath = join(deps.workspace, VARIANTS_COMPARISON_FILE);
  await mkdir(dirname(jsonPath), { recursive: true });
  await writeFileAtomic(jsonPath, renderVariantsJson(comparison, file));

  const parts: VariantsReportParts = { comparison, file, runUrl: deps.runUrl };
  if (deps.summary !== null) {
    const summary = deps.summary;
    const markdown = variantsSummaryMarkdown(
      parts,
      "the comparison JSON (the step's `results-path` output) has them all",
    );
    await reporter.group("Job summary", () => summary.write(markdown));
  }
  const posted = await reporter.group("Pull request comment", () =>
    postComment(inputs, deps, (commit) => variantsCommentMarkdown({ ...parts, commit })),
  );
  const outputs = variantsOutputs(comparison);
  reporter.info(`Fastest: ${outputs.fastest || "none could be compared"}.`);
  return {
    mode: "compare",
    kind: "variants",
    failures: {
      failed: failedInVariants(file),
      allowed: inputs.allowFailures || file.settings.allowFailures === true,
    },
    outputs: {
      ...outputs,
      "results-path": jsonPath,
      "comment-url": "url" in posted.comment ? posted.comment.url : "",
    },
    comment: posted.comment,
    commentError: posted.error,
  };
}
