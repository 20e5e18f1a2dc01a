import { mkdir } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { Command, Option } from "commander";
import { writeFileAtomic } from "../adapters/files.js";
import { howToSet, ownershipOf, refuseForeignFiles, type Target } from "../adapters/own-files.js";
import { pyperfFileName, writePyperfLegs } from "../adapters/pyperf-files.js";
import { handleStopSignals, type StopSignal } from "../adapters/signals.js";
import type { RunSettings } from "../core/config/settings.js";
import { EXIT_CODES } from "../core/errors.js";
import { exitCodeWithFailures, failedInResults, failuresMessage } from "../core/failures.js";
import { resultsToPyperf } from "../core/interop/pyperf.js";
import { markReport } from "../core/own-files.js";
import { escapeLogText } from "../core/render/escape.js";
import { headline, PLAIN } from "../core/render/headline.js";
import { renderReport } from "../core/render/report.js";
import type { ResultsFile } from "../core/results.js";
import { DEFAULT_POLICY, type Policy } from "../core/verdict.js";
import { formatComparisonForRun } from "../modes/compare.js";
import { legsOf, resultsFileName, runSuite } from "../modes/run/suite.js";
import {
  checkReportPaths,
  reportTargets,
  writeBenchmarksJson,
  writeProfileSvg,
} from "./docs-files.js";
import { addRunOptions, loadRunSettings } from "./run-options.js";
import { runVariantsCommand } from "./variants.js";

/** The results file is always written; pyperf adds each leg as pyperf JSON beside it. */
export const RUN_FORMATS = ["jit-bench", "pyperf"] as const;
export type RunFormat = (typeof RUN_FORMATS)[number];

/** Exit codes for a run stopped by a signal, as a shell reports them. */
const SIGNAL_EXIT: Readonly<Record<StopSignal, number>> = {
  SIGHUP: 129,
  SIGINT: 130,
  SIGTERM: 143,
};

export function runCommand(): Command {
  const cmd = new Command("run")
    .description(
      "Measure a suite of bench_* functions with the JIT off and on, in fresh processes.",
    )
    .argument("[suite...]", "files or folders of bench_* functions (same as --suite)");
  addRunOptions(cmd);
  cmd.addOption(
    new Option(
      "--format <format>",
      "Also write each leg as pyperf JSON (<leg>.pyperf.json) beside the results, for pyperf's compare_to and hist.",
    )
      .choices(RUN_FORMATS)
      .default("jit-bench"),
  );
  return cmd.action(async (suite: string[], allFlags: Record<string, unknown>) => {
    const { format, ...flags } = allFlags;
    const given = [...suite, ...((flags.suite as string[] | undefined) ?? [])];
    const settings = await loadRunSettings(
      { ...flags, ...(given.length > 0 ? { suite: given } : {}) },
      process.cwd(),
    );
    if (settings.variants.length > 0) {
      const signals = handleStopSignals({
        onSignal: (signal) => {
          process.exitCode = SIGNAL_EXIT[signal];
          process.stderr.write(`\n${signal}: stopping; the sets measured so far are kept.\n`);
        },
        onAgain: (signal) => process.exit(SIGNAL_EXIT[signal]),
      });
      try {
        await runVariantsCommand(settings, signals.stop);
      } finally {
        signals.dispose();
      }
      return;
    }
    // Before anything is measured: a report that would overwrite the results, or a
    // file of the user's, is refused now (the results file's own path: in runSuite).
    checkReportPaths(settings, resultsFileName(settings.legs));
    await refuseForeignFiles(
      [...reportTargets(settings), ...(format === "pyperf" ? pyperfTargets(settings) : [])],
      ownershipOf(settings),
    );
    const signals = handleStopSignals({
      onSignal: (signal, count) => {
        process.exitCode = SIGNAL_EXIT[signal];
        process.stderr.write(
          count === 1
            ? `\n${signal}: stopping; the results measured so far are kept.\n`
            : `\n${signal} again: writing the results measured so far and exiting now.\n`,
        );
      },
      // The results are written by now; the exit hook ends the workers.
      onAgain: (signal) => process.exit(SIGNAL_EXIT[signal]),
    });
    try {
      const outcome = await runSuite(settings, {
        now: () => new Date(),
        log: (line) => say(line),
        warn: (line) => say(`warning: ${line}`),
        signal: signals.stop,
        // Long benchmarks leave a log quiet for a while: say every few seconds that the run goes on.
        heartbeatMs: 5000,
        urgent: signals.urgent,
      });
      const shown = (path: string) => relative(process.cwd(), path) || path;
      // With both legs in one file, the run ends with their comparison, as `jit-bench compare` would print it.
      const both = outcome.results.legs.off && outcome.results.legs.on;
      const source = shown(outcome.resultsPath);
      // The run's own report judges with the slowdown it measured toward (--max-regression).
      const policy = runPolicy(settings);
      const compare = (format: "text" | "markdown") =>
        both ? formatComparisonForRun(outcome.results, source, { format, policy }).output : null;
      for (const problem of outcome.problems) {
        say(`${problem.status}: ${problem.name}: ${problem.reason}`);
      }
      const text = compare("text");
      if (text) process.stdout.write(`\n${text.trimEnd()}\n\n`);
      process.stderr.write(`Results: ${source}\n`);
      if (format === "pyperf") {
        const written = await writePyperfLegs(
          dirname(outcome.resultsPath),
          resultsToPyperf(outcome.results),
          "--output-dir",
        );
        for (const note of written.notes) process.stderr.write(`warning: ${note}\n`);
        process.stderr.write(`pyperf:  ${written.paths.map(shown).join(" ")}\n`);
      }
      if (settings.report) {
        await mkdir(dirname(settings.report), { recursive: true });
        await writeFileAtomic(
          settings.report,
          markReport(renderReport(outcome.results, compare("markdown"))),
        );
        process.stderr.write(`Report:  ${shown(settings.report)}\n`);
        const json = await writeBenchmarksJson(
          settings.report,
          outcome.resultsPath,
          outcome.results,
          both ? compared(outcome.results, source, policy) : null,
        );
        process.stderr.write(`JSON:    ${shown(json)}\n`);
        if (settings.profile) {
          const svg = await writeProfileSvg(settings.report, outcome.resultsPath, outcome.results);
          process.stderr.write(
            svg.kind === "written"
              ? `Profile: ${shown(svg.path)} (${svg.what})\n`
              : `Profile: no suite flame graph: ${svg.note}\n`,
          );
        }
      }
      // Last, with every file written: a failed benchmark fails the run unless allowed.
      const failed = failedInResults(outcome.results);
      const code = exitCodeWithFailures(EXIT_CODES.ok, failed, settings.allowFailures);
      if (code !== EXIT_CODES.ok && process.exitCode === undefined) {
        say(`error: ${failuresMessage(failed, ALLOW_FAILURES)}`);
        process.exitCode = code;
      }
    } finally {
      signals.dispose();
    }
  });
}

/** The pyperf files `--format pyperf` writes beside the results. */
function pyperfTargets(settings: RunSettings): Target[] {
  const input = settings.names["output-dir"];
  return legsOf(settings.legs).map((leg) => ({
    path: join(settings.outputDir, pyperfFileName(leg)),
    kind: "pyperf",
    input,
    value: relative(settings.root, settings.outputDir) || ".",
    what: "a leg's pyperf export",
    move: `${howToSet(input, "<folder>")} for a folder of jit-bench's own`,
  }));
}
/** How the run's failure message names the setting that lets it pass. */
const ALLOW_FAILURES = "--allow-failures (or allow-failures: true in the settings file)";

/** Compare's default policy, with the run's own max-regression. */
function runPolicy(settings: RunSettings): Policy {
  return { ...DEFAULT_POLICY, maxRegression: settings.maxRegression };
}

/** The comparison behind the run's report, for benchmarks.json. */
function compared(results: ResultsFile, source: string, policy: Policy) {
  const { comparison, verdict } = formatComparisonForRun(results, source, {
    format: "json",
    policy,
  });
  return { comparison, verdict, headline: headline(comparison, verdict, PLAIN) };
}

/** Progress to stderr: benchmark names and failure reasons come from the suite, so they are escaped. */
function say(line: string): void {
  process.stderr.write(`${escapeLogText(line)}\n`);
}
