#!/usr/bin/env node
/**
 * CLI entry (bin: jit-bench). Subcommands live in src/cli/, one file each;
 * this file only wires them up and turns errors into exit codes.
 */
import { Command, CommanderError } from "commander";
import { EXIT_CODES, InputError } from "../core/errors.js";
import { escapeLogText } from "../core/render/escape.js";
import { TOOL_VERSION } from "../core/version.js";
import { registerCommands } from "./commands.js";

const program = new Command()
  .name("jit-bench")
  .description("Does CPython's JIT make your Python code faster? Measure it, with evidence.")
  .version(TOOL_VERSION)
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`${text.trimEnd()}\n`) });
registerCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.exitCode = exitCodeFor(error);
});

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version land here with exit code 0; usage errors were printed by commander.
    return error.exitCode === 0 ? 0 : EXIT_CODES.usage;
  }
  if (error instanceof InputError) {
    process.stderr.write(`jit-bench: ${escapeLogText(error.message)}\n`);
    return EXIT_CODES.usage;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`jit-bench: internal error, please report it: ${text}\n`);
  return EXIT_CODES.internal;
}
