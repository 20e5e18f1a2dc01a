import { mkdir } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { Command } from "commander";
import { writeFileAtomic } from "../adapters/files.js";
import { renderReport } from "../core/render/report.js";
import { formatComparisonForRun } from "../modes/compare.js";
import { runSuite } from "../modes/run.js";
import { addRunOptions, loadRunSettings } from "./run-options.js";

/** Exit codes for a run stopped by a signal, as a shell reports them. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

export function runCommand(): Command {
  const cmd = new Command("run")
    .description(
      "Measure a suite of bench_* functions with the JIT off and on, in fresh processes.",
    )
    .argument("[suite...]", "files or folders of bench_* functions (same as --suite)");
  addRunOptions(cmd);
  return cmd.action(async (suite: string[], flags: Record<string, unknown>) => {
    const given = [...suite, ...((flags.suite as string[] | undefined) ?? [])];
    const settings = await loadRunSettings(
      { ...flags, ...(given.length > 0 ? { suite: given } : {}) },
      process.cwd(),
    );
    const stop = new AbortController();
    const onSignal = (signal: keyof typeof SIGNAL_EXIT) => () => {
      process.stderr.write(`\n${signal}: stopping; the results measured so far are kept.\n`);
      process.exitCode = SIGNAL_EXIT[signal];
      stop.abort(signal);
    };
    const handlers = { SIGINT: onSignal("SIGINT"), SIGTERM: onSignal("SIGTERM") };
    process.once("SIGINT", handlers.SIGINT);
    process.once("SIGTERM", handlers.SIGTERM);
    try {
      const outcome = await runSuite(settings, {
        now: () => new Date(),
        log: (line) => process.stderr.write(`${line}\n`),
        warn: (line) => process.stderr.write(`warning: ${line}\n`),
        signal: stop.signal,
      });
      const shown = (path: string) => relative(process.cwd(), path) || path;
      // With both legs in one file, the run ends with their comparison, as `jit-bench compare` would print it.
      const both = outcome.results.legs.off && outcome.results.legs.on;
      const source = shown(outcome.resultsPath);
      const compare = (format: "text" | "markdown") =>
        both ? formatComparisonForRun(outcome.results, source, { format }).output : null;
      for (const problem of outcome.problems) {
        process.stderr.write(`${problem.status}: ${problem.name}: ${problem.reason}\n`);
      }
      const text = compare("text");
      if (text) process.stdout.write(`\n${text.trimEnd()}\n\n`);
      process.stderr.write(`Results: ${source}\n`);
      if (settings.report) {
        await mkdir(dirname(settings.report), { recursive: true });
        await writeFileAtomic(settings.report, renderReport(outcome.results, compare("markdown")));
        process.stderr.write(`Report:  ${shown(settings.report)}\n`);
      }
    } finally {
      process.removeListener("SIGINT", handlers.SIGINT);
      process.removeListener("SIGTERM", handlers.SIGTERM);
    }
  });
}
