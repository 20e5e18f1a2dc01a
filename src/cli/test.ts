import { Command, Option } from "commander";
import { handleStopSignals } from "../adapters/signals.js";
import { EXIT_CODES, InputError } from "../core/errors.js";
import { escapeLogText, escapeTerminal } from "../core/render/escape.js";
import { testsText } from "../core/render/tests.js";
import { runTests } from "../modes/tests.js";
import { addRunOptions, loadRunSettings } from "./run-options.js";

export const TEST_FORMATS = ["text", "json"] as const;

/**
 * `jit-bench test`: only the team's tests, with the JIT off and on, compared
 * test by test; no benchmarks. Exit 1 when a test fails, crashes or hangs
 * only with the JIT.
 */
export function testCommand(): Command {
  const cmd = new Command("test")
    .description(
      "Run the team's tests with the JIT off and on (the tests setting) and report any test that fails, crashes or hangs only with the JIT.",
    )
    .argument("[command]", 'the test command, e.g. "pytest -q" (same as --tests)');
  addRunOptions(cmd);
  cmd.addOption(
    new Option(
      "--format <format>",
      "text for people, json for programs (the results file's tests section)",
    )
      .choices(TEST_FORMATS)
      .default("text"),
  );
  return cmd.action(async (command: string | undefined, allFlags: Record<string, unknown>) => {
    const { format, ...flags } = allFlags;
    const settings = await loadRunSettings(
      { ...flags, ...(command === undefined ? {} : { tests: command }) },
      process.cwd(),
    );
    if (settings.tests === null) {
      throw new InputError(
        "jit-bench test",
        "no command",
        "needs the test command",
        'Pass it, e.g. jit-bench test "pytest -q", or set tests in jit-bench.yml.',
      );
    }
    const signals = handleStopSignals({
      onSignal: (signal) => {
        process.stderr.write(`\n${signal}: stopping the test run under way.\n`);
      },
      onAgain: () => process.exit(130),
    });
    try {
      const tests = await runTests(settings, {
        log: (line) => process.stderr.write(`${escapeLogText(line)}\n`),
        warn: (line) => process.stderr.write(`warning: ${escapeLogText(line)}\n`),
        signal: signals.stop,
      });
      process.stdout.write(
        format === "json"
          ? `${JSON.stringify(tests, null, 2)}\n`
          : `${escapeLogText(testsText(tests, escapeTerminal).join("\n"))}\n`,
      );
      if (tests.status === "failed") process.exitCode = EXIT_CODES.regression;
    } finally {
      signals.dispose();
    }
  });
}
