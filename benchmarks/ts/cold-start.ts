/**
 * Cold start of the bundled action and CLI, each measured as a whole
 * process from spawn to exit, beside Node's own start for reference.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TaskFigure, timeTasks } from "./engine.js";

function run(args: readonly string[], env: NodeJS.ProcessEnv, expected: number): () => void {
  return () => {
    const done = spawnSync(process.execPath, args, { env, encoding: "utf8" });
    if (done.status !== expected) {
      throw new Error(`node ${args.join(" ")} exited ${done.status}: ${done.stderr}`);
    }
  };
}

/** `bundles` holds action/index.js and action/cli/index.js (see bench.mjs). */
export function coldStartFigures(bundles: string): Promise<TaskFigure[]> {
  const workspace = mkdtempSync(join(tmpdir(), "jit-bench-cold-"));
  const base = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? workspace };
  // The action as a runner starts it, asked for a mode it does not have: it loads
  // its entry chunk, reads its inputs, refuses the mode in one line and exits 1.
  const action = {
    ...base,
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    INPUT_MODE: "cold-start",
  };
  const figures = timeTasks(
    {
      "node -e 0 (Node's own start, for reference)": run(["-e", "0"], base, 0),
      "CLI: jit-bench --version": run(
        [join(bundles, "action", "cli", "index.js"), "--version"],
        base,
        0,
      ),
      "action: load, read inputs, refuse an unknown mode": run(
        [join(bundles, "action", "index.js")],
        action,
        1,
      ),
    },
    20,
  );
  return figures.finally(() => rmSync(workspace, { recursive: true, force: true }));
}
