import type { Command } from "commander";

/** Each subcommand is defined in its own file in this folder and added here. */
export function registerCommands(program: Command): void {
  void program;
}
