import type { Command } from "commander";
import { adviseCommand } from "./advise.js";
import { compareCommand } from "./compare.js";
import { probeCommand } from "./probe.js";
import { runCommand } from "./run.js";
import { testCommand } from "./test.js";

/**
 * Each subcommand is defined in its own file in this folder and added here.
 * `addCommand` does not pass the program's settings down, so each subcommand
 * gets them here: a usage error throws (exit 2 in cli.ts) instead of exiting 1,
 * the code that means a regression.
 */
export function registerCommands(program: Command): void {
  program.addCommand(inheritSettings(runCommand().addHelpText("after", RUN_EXIT_CODES)));
  program.addCommand(inheritSettings(compareCommand()));
  program.addCommand(inheritSettings(probeCommand().addHelpText("after", PROBE_EXIT_CODES)));
  program.addCommand(inheritSettings(testCommand().addHelpText("after", TEST_EXIT_CODES)));
  program.addCommand(inheritSettings(adviseCommand()));
}

const RUN_EXIT_CODES = `
Exit codes:
  0  the run finished; with both legs, whatever the verdict
  1  never: to fail on a regression, run compare --fail-on-regression
  2  bad input: flags, settings files, the suite or the interpreter
  3  a benchmark failed (raised, could not be imported, crashed or timed
     out), unless --allow-failures; the results and the report are
     written first
  70 an internal error in jit-bench: please report it
  130, 143  stopped by SIGINT or SIGTERM`;

const TEST_EXIT_CODES = `
Exit codes:
  0  no test fails, crashes or hangs only with the JIT (or the JIT could not be on: said on stderr)
  1  a test fails, crashes or hangs in every run with the JIT and in none without it
  2  bad input: flags, settings files or the interpreter
  70 an internal error in jit-bench: please report it`;

const PROBE_EXIT_CODES = `
Exit codes:
  0  the interpreter answered (whatever it said about its JIT)
  1  never: probe makes no decision
  2  bad input: flags, or an interpreter that cannot be run
  70 an internal error in jit-bench: please report it`;

function inheritSettings(command: Command): Command {
  command.exitOverride().configureOutput({
    outputError: (text, write) => write(`${text.trimEnd()}\n`),
  });
  for (const sub of command.commands) inheritSettings(sub);
  return command;
}
