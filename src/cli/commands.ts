import type { Command } from "commander";
import { compareCommand } from "./compare.js";
import { probeCommand } from "./probe.js";
import { runCommand } from "./run.js";

/** Each subcommand is defined in its own file in this folder and added here. */
export function registerCommands(program: Command): void {
  program.addCommand(runCommand());
  program.addCommand(compareCommand());
  program.addCommand(probeCommand());
}
