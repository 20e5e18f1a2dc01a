/**
 * The compare mode: load both legs, compare them, decide, render. It returns
 * the outcome and writes nothing; the CLI and the action decide where it goes.
 */
import { defaultBootstrapRunner } from "../adapters/bootstrap-threads.js";
import { loadComparisonInputs } from "../adapters/results-files.js";
import {
  type CompareOptions,
  compareLegs,
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
} from "../core/compare/compare.js";
import type { Comparison, LegInput } from "../core/compare/types.js";
import { InputError } from "../core/errors.js";
import {
  allowedByRuns,
  exitCodeWithFailures,
  type FailedBenchmark,
  failedInComparison,
} from "../core/failures.js";
import { fitMarkdown } from "../core/fit-markdown.js";
import { compareImported } from "../core/interop/compare-imported.js";
import { legsToPyperf, type PyperfExport } from "../core/interop/pyperf.js";
import { renderJson } from "../core/render/json.js";
import { COMMENT_LIMIT_CHARS } from "../core/render/limits.js";
import { renderMarkdown } from "../core/render/markdown.js";
import { renderText } from "../core/render/text.js";
import type { Leg, ResultsFile } from "../core/results.js";
import { compareSeedFiles } from "../core/seed-format.js";
import {
  DEFAULT_POLICY,
  decideVerdict,
  exitCodeFor,
  type Policy,
  type Verdict,
} from "../core/verdict.js";
import { TOOL_VERSION } from "../core/version.js";

export const OUTPUT_FORMATS = ["text", "markdown", "json"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface CompareSettings {
  readonly format: OutputFormat;
  readonly policy: Policy;
  /** Exit 1 on a regression verdict. */
  readonly failOnRegression: boolean;
  /**
   * Report failed benchmarks without exiting 3 (`--allow-failures`). Without
   * it, failures are still allowed when every results file says its run allowed them.
   */
  readonly allowFailures?: boolean;
  /** Refuse legs measured on different machines, interpreters or loop counts (`--strict`). */
  readonly strict?: CompareOptions["strict"];
  /** Bootstrap seed: the same seed gives the same report. */
  readonly seed: number;
  readonly resamples: number;
  /** Markdown only: put first, e.g. a hidden comment that finds a PR comment again. */
  readonly marker?: string | undefined;
  /** The clock to compare on (`--timer`); by default the one the legs were timed with. */
  readonly timer?: CompareOptions["timer"];
}

export const DEFAULT_COMPARE_SETTINGS: CompareSettings = {
  format: "text",
  policy: DEFAULT_POLICY,
  failOnRegression: false,
  seed: DEFAULT_SEED,
  resamples: DEFAULT_RESAMPLES,
};

export interface CompareRequest extends CompareSettings {
  /** A results file or folder; with no candidate it must hold both legs. */
  readonly baseline: string;
  readonly candidate?: string | undefined;
}

export interface CompareOutcome {
  readonly format: OutputFormat;
  /** The rendered report, ending in a newline. */
  readonly output: string;
  /** 0 for any decision, 1 for a regression under failOnRegression, 3 for failures not allowed. */
  readonly exitCode: number;
  readonly comparison: Comparison;
  readonly verdict: Verdict;
  /** Benchmarks that failed in either leg, and whether that is allowed (by the request or by the runs). */
  readonly failures: { readonly failed: readonly FailedBenchmark[]; readonly allowed: boolean };
}

export async function runCompare(request: CompareRequest): Promise<CompareOutcome> {
  const paths =
    request.candidate === undefined ? [request.baseline] : [request.baseline, request.candidate];
  const inputs = await loadComparisonInputs(paths);
  switch (inputs.kind) {
    case "results":
      return conclude(
        compareResults(inputs.baseline, inputs.candidate, request, inputs.warnings),
        request,
        allowedByRuns([inputs.baseline.settings, inputs.candidate.settings]),
      );
    case "seed":
      return conclude(compareSeedFiles(inputs.baseline, inputs.candidate, request), request);
    case "imported":
      return conclude(
        compareImported(inputs.baseline, inputs.candidate, {
          seed: request.seed,
          resamples: request.resamples,
          strict: request.strict,
          warnings: inputs.warnings,
        }),
        request,
      );
  }
}

export type PyperfLegs = Partial<Record<Leg, PyperfExport>>;

/**
 * Both legs as pyperf JSON, for `jit-bench compare --format pyperf`: the legs
 * exactly as compare reads them (shards merged, other tools' files converted).
 */
export async function exportPyperf(request: {
  readonly baseline: string;
  readonly candidate?: string | undefined;
}): Promise<PyperfLegs> {
  const paths =
    request.candidate === undefined ? [request.baseline] : [request.baseline, request.candidate];
  const inputs = await loadComparisonInputs(paths);
  if (inputs.kind === "seed") {
    throw new InputError(
      paths.join(" and "),
      "seed files",
      "hold only summary numbers, which pyperf cannot use: it needs the values of each run",
      "Measure the suite with jit-bench run --format pyperf instead.",
    );
  }
  // The loader always puts the JIT-off leg first.
  return legsToPyperf(
    { off: inputs.baseline, on: inputs.candidate },
    { createdAt: null, toolVersion: TOOL_VERSION },
  );
}

/**
 * For `jit-bench run --legs both`: the comparison of the file it has just
 * written, in memory. `source` names the file in the report.
 */
export function formatComparisonForRun(
  file: ResultsFile,
  source: string,
  settings: Partial<CompareSettings> = {},
): CompareOutcome {
  const full = { ...DEFAULT_COMPARE_SETTINGS, ...settings };
  const { off, on } = file.legs;
  if (!off || !on) {
    throw new InputError(
      source,
      off ? "off" : "on",
      "holds only one leg",
      "Run with --legs both to compare the legs.",
    );
  }
  const leg = (results: typeof off): LegInput => ({
    results,
    environment: file.environment,
    settings: file.settings,
    sources: [source],
    tests: file.tests,
  });
  const warnings = file.partial
    ? [
        {
          kind: "partial" as const,
          message: `${source} is partial: the run stopped before every benchmark finished${file.partialReason ? ` (${file.partialReason})` : ""}`,
        },
      ]
    : [];
  return conclude(
    compareResults(leg(off), leg(on), full, warnings),
    full,
    allowedByRuns([file.settings]),
  );
}

function compareResults(
  baseline: LegInput,
  candidate: LegInput,
  settings: CompareSettings,
  warnings: CompareOptions["warnings"],
): Comparison {
  const comparison = compareLegs(baseline, candidate, {
    seed: settings.seed,
    resamples: settings.resamples,
    strict: settings.strict,
    warnings,
    bootstrap: defaultBootstrapRunner(),
    ...(settings.timer === undefined ? {} : { timer: settings.timer }),
  });
  // The tests are no statistics: they travel beside the comparison, to the verdict.
  const tests = baseline.tests ?? candidate.tests;
  return tests === undefined ? comparison : { ...comparison, tests };
}

function conclude(
  comparison: Comparison,
  settings: CompareSettings,
  allowedByRun = false,
): CompareOutcome {
  const verdict = decideVerdict(comparison, settings.policy);
  const failed = failedInComparison(comparison);
  const allowed = settings.allowFailures === true || allowedByRun;
  return {
    format: settings.format,
    output: render(settings.format, comparison, verdict, settings.marker),
    exitCode: exitCodeWithFailures(
      exitCodeFor(verdict, settings.failOnRegression),
      failed,
      allowed,
    ),
    comparison,
    verdict,
    failures: { failed, allowed },
  };
}

/**
 * Markdown output is meant for a pull request comment (--marker finds it
 * again), so it is cut to GitHub's limit here, once, when leaving rows out
 * was not enough.
 */
function markdownForComment(comparison: Comparison, verdict: Verdict, marker?: string): string {
  const report = renderMarkdown(comparison, verdict, marker === undefined ? {} : { marker });
  return fitMarkdown(report, COMMENT_LIMIT_CHARS, "chars", () => CUT_NOTE).text;
}

const CUT_NOTE = "\n\n_Report cut short to fit GitHub's size limit; see the JSON output._\n";

export function render(
  format: OutputFormat,
  comparison: Comparison,
  verdict: Verdict,
  marker?: string,
): string {
  switch (format) {
    case "text":
      return renderText(comparison, verdict);
    case "markdown":
      return markdownForComment(comparison, verdict, marker);
    case "json":
      return renderJson(comparison, verdict);
  }
}
