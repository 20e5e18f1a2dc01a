/**
 * The action's run mode: measure this job's leg (and shard) with the shared
 * run core, upload each leg's results as its own artifact, and write a short
 * job summary. Returns what happened; main sets the outputs. A run with the
 * variants input is run-variants.ts's (main chooses).
 */
import { dirname, join, relative } from "node:path";
import { ensureImage } from "../adapters/docker.js";
import { type ImageWorkers, imageWorkers } from "../adapters/docker-workers.js";
import { writeFileAtomic } from "../adapters/files.js";
import type { GitHubContext } from "../adapters/github-context.js";
import { ownershipOf, refuseForeignFiles } from "../adapters/own-files.js";
import type { ArtifactStore, JobSummary } from "../adapters/ports.js";
import { artifactName } from "../core/artifact-names.js";
import { failedInResults, failuresMessage } from "../core/failures.js";
import { MARKDOWN_STYLE } from "../core/render/markdown.js";
import { testsMarkdown } from "../core/render/tests.js";
import type { Leg, ResultsFile } from "../core/results.js";
import { resultsTargets } from "../modes/run/discover.js";
import {
  legsOf,
  type RunDeps,
  type RunOutcome,
  resultsFileName,
  runSuite,
} from "../modes/run/suite.js";
import { profileFilesOf, profileLegLine } from "./flamegraph-report.js";
import type { RunInputs } from "./inputs.js";
import { renderLegSummary } from "./leg-summary.js";

/** Log groups and lines, as the runner shows them. */
export interface Reporter {
  group<T>(name: string, work: () => Promise<T>): Promise<T>;
  info(line: string): void;
  warning(line: string): void;
}

export interface ActionModeDeps {
  store: ArtifactStore;
  /** Null outside a runner (no GITHUB_STEP_SUMMARY). */
  summary: JobSummary | null;
  reporter: Reporter;
  context: GitHubContext;
  /** The workspace: paths in summaries are shown relative to it. */
  workspace: string;
  signal: AbortSignal;
  /** Aborted when the step must exit at once: a run writes what it measured, synchronously. */
  urgent?: AbortSignal;
  now: () => Date;
}

export interface UploadedLeg {
  leg: Leg;
  artifact: string;
  id: number;
  size: number;
  file: string;
}

export interface ActionRunOutcome {
  mode: "run";
  resultsPath: string;
  uploads: UploadedLeg[];
  problems: RunOutcome["problems"];
}

export async function actionRun(
  inputs: RunInputs,
  deps: ActionModeDeps,
): Promise<ActionRunOutcome> {
  const { reporter } = deps;
  const { settings } = inputs;
  // Both legs' file is split into one per leg for the artifacts (uploadLegs): those
  // paths, like the run's own results file, must not hold a file of the user's.
  const legs = legsOf(settings.legs);
  if (legs.length > 1) {
    await refuseForeignFiles(
      resultsTargets(settings, legs.map(resultsFileName)),
      ownershipOf(settings),
    );
  }
  let workers: ImageWorkers | null = null;
  if (inputs.image !== null) {
    const image = inputs.image;
    await reporter.group(`Prepare image ${image}`, async () => {
      const state = await ensureImage(image);
      reporter.info(`${image}: ${state === "pulled" ? "pulled" : "present on this machine"}.`);
      reporter.info("Each worker runs in its own container with --network none.");
    });
    workers = imageWorkers({ image, workspace: settings.root, python: settings.python });
  }

  let outcome: RunOutcome;
  try {
    outcome = await reporter.group(`Measure (${legText(inputs)})`, () =>
      runSuite(settings, runDeps(inputs, deps, workers)),
    );
  } finally {
    const left = (await workers?.stopAll()) ?? [];
    if (left.length > 0)
      reporter.warning(
        `Stopped ${left.length} worker containers left running: ${left.join(", ")}.`,
      );
  }
  for (const problem of outcome.problems) {
    reporter.warning(`${problem.name} ${problem.status}: ${problem.reason}`);
  }

  const uploads = await reporter.group("Upload results", () => uploadLegs(inputs, outcome, deps));

  if (deps.summary !== null) {
    const summary = deps.summary;
    await reporter.group("Job summary", async () => {
      // The tests ran both legs once for the whole job: said once, before the legs.
      const tests = outcome.results.tests;
      if (tests !== undefined) {
        await summary.write(`### jit-bench: tests\n\n${testsMarkdown(tests, MARKDOWN_STYLE)}\n\n`);
      }
      for (const upload of uploads) {
        const legResults = outcome.results.legs[upload.leg];
        const profiles = legResults ? profileLegLine(legResults) : "";
        await summary.write(
          renderLegSummary({
            results: outcome.results,
            leg: upload.leg,
            shard: inputs.shard,
            image: inputs.image,
            artifact: { name: upload.artifact, size: upload.size },
            resultsPath: relative(deps.workspace, upload.file) || upload.file,
          }) + (profiles ? `${profiles}\n\n` : ""),
        );
      }
    });
  }
  warnFailures(inputs, outcome.results, reporter);
  return { mode: "run", resultsPath: outcome.resultsPath, uploads, problems: outcome.problems };
}

/**
 * Failed benchmarks fail the compare step, which reads them from the results
 * and fails only after its summary and comment are out; failing here would
 * skip that step (and its report) in the usual workflow.
 */
function warnFailures(inputs: RunInputs, results: ResultsFile, reporter: Reporter): void {
  const failed = failedInResults(results);
  if (failed.length === 0 || inputs.settings.allowFailures) return;
  reporter.warning(
    `${failuresMessage(failed, "allow-failures: true")} This step passes so that the compare step can still report; that step will fail.`,
  );
}

function legText(inputs: RunInputs): string {
  const legs = legsOf(inputs.settings.legs)
    .map((leg) => `JIT ${leg}`)
    .join(" and ");
  return inputs.shard ? `${legs}, shard ${inputs.shard.index}/${inputs.shard.count}` : legs;
}

function runDeps(inputs: RunInputs, deps: ActionModeDeps, workers: ImageWorkers | null): RunDeps {
  const base: RunDeps = {
    now: deps.now,
    log: (line) => deps.reporter.info(line),
    warn: (line) => deps.reporter.warning(line),
    signal: deps.signal,
    ...(deps.urgent === undefined ? {} : { urgent: deps.urgent }),
    shard: inputs.shard,
  };
  if (workers === null) return base;
  return {
    ...base,
    worker: workers.worker,
    settle: async () => {
      const stopped = await workers.settle();
      if (stopped.length > 0) {
        deps.reporter.info(
          `Stopped ${stopped.length} container(s) that outlived their worker: ${stopped.join(", ")}.`,
        );
      }
    },
  };
}

/**
 * One artifact per leg, so that a compare job finds each leg under its own
 * name whichever job measured it. A job that ran both legs splits its file.
 */
async function uploadLegs(
  inputs: RunInputs,
  outcome: RunOutcome,
  deps: ActionModeDeps,
): Promise<UploadedLeg[]> {
  const dir = dirname(outcome.resultsPath);
  const legs = legsOf(inputs.settings.legs);
  const uploads: UploadedLeg[] = [];
  for (const leg of legs) {
    const file = legs.length === 1 ? outcome.resultsPath : join(dir, resultsFileName(leg));
    if (legs.length > 1)
      await writeFileAtomic(file, `${JSON.stringify(oneLeg(outcome.results, leg), null, 2)}\n`);
    const name = artifactName({ prefix: inputs.artifactPrefix, leg, shard: inputs.shard });
    const legResults = outcome.results.legs[leg];
    const graphs = legResults ? profileFilesOf(legResults, dir) : [];
    const stored = await deps.store.upload(name, [file, ...graphs], dir);
    deps.reporter.info(
      `Uploaded ${relative(deps.workspace, file) || file}${graphs.length > 0 ? ` and ${graphs.length} profile files` : ""} as artifact ${name} (${stored.size} bytes).`,
    );
    uploads.push({ leg, artifact: name, id: stored.id, size: stored.size, file });
  }
  return uploads;
}

function oneLeg(results: ResultsFile, leg: Leg): ResultsFile {
  return { ...results, legs: leg === "off" ? { off: results.legs.off } : { on: results.legs.on } };
}
