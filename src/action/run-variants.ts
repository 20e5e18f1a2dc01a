/**
 * The action's run mode with the `variants` input: measure every variant in
 * this job with the shared variants run, write the comparison JSON beside the
 * variants file, upload the variants file as the run's one artifact (its name
 * from the artifact prefix alone), and put the report in the job summary.
 * Returns what happened; main sets the outputs.
 */
import { dirname, relative } from "node:path";
import { variantsArtifactName } from "../core/artifact-names.js";
import { failedInVariants, failuresMessage } from "../core/failures.js";
import { codeSpan } from "../core/render/escape.js";
import { compareRun } from "../modes/variants/comparison.js";
import { runVariants } from "../modes/variants/run.js";
import type { RunInputs } from "./inputs.js";
import type { ActionModeDeps } from "./run.js";
import { variantsSummaryMarkdown } from "./variants-report.js";

export interface VariantsRunOutcome {
  mode: "run";
  kind: "variants";
  /** The variants file (schema jit-bench/variants@1). */
  resultsPath: string;
  /** The comparison JSON beside it (schema jit-bench/variants-comparison@1). */
  comparisonPath: string;
  artifact: { name: string; id: number; size: number };
}

export async function actionRunVariants(
  inputs: RunInputs,
  deps: ActionModeDeps,
): Promise<VariantsRunOutcome> {
  const { reporter } = deps;
  const { settings } = inputs;
  const shown = (path: string) => relative(deps.workspace, path) || path;
  const outcome = await reporter.group(`Measure (${settings.variants.length} variants)`, () =>
    runVariants(settings, {
      now: deps.now,
      log: (line) => reporter.info(line),
      warn: (line) => reporter.warning(line),
      signal: deps.signal,
    }),
  );
  const { comparison, path: comparisonPath } = await compareRun(outcome.file, outcome.path);

  const artifact = await reporter.group("Upload results", async () => {
    const name = variantsArtifactName(inputs.artifactPrefix);
    const stored = await deps.store.upload(name, [outcome.path], dirname(outcome.path));
    reporter.info(`Uploaded ${shown(outcome.path)} as artifact ${name} (${stored.size} bytes).`);
    return { name, id: stored.id, size: stored.size };
  });

  if (deps.summary !== null) {
    const summary = deps.summary;
    const after =
      `Uploaded as artifact ${codeSpan(artifact.name)} (${artifact.size} bytes): variants file ` +
      `${codeSpan(shown(outcome.path))}; the comparison as JSON in ${codeSpan(shown(comparisonPath))}. ` +
      "A compare step (mode: compare) reads the artifact and posts this report on the pull request.";
    const markdown = variantsSummaryMarkdown(
      { comparison, file: outcome.file, runUrl: null },
      `${codeSpan(shown(comparisonPath))} has them all`,
      after,
    );
    await reporter.group("Job summary", () => summary.write(markdown));
  }

  // As with the legs: the compare step fails for them, after its report is out.
  const failed = failedInVariants(outcome.file);
  if (failed.length > 0 && !settings.allowFailures) {
    reporter.warning(
      `${failuresMessage(failed, "allow-failures: true")} This step passes so that the compare step can still report; that step fails unless its allow-failures is true.`,
    );
  }
  return {
    mode: "run",
    kind: "variants",
    resultsPath: outcome.path,
    comparisonPath,
    artifact,
  };
}
