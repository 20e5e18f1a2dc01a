/**
 * Runs around the whole test run (vitest globalSetup). At the end it fails
 * the run if a worker process, something a worker started, an Azurite
 * server or a worker container is still there, or if a fault-suite temporary
 * folder was left behind. Temporary folders other tests leave are listed.
 */
import { tmpdir } from "node:os";
import {
  FAULTS_TEMP_PREFIX,
  livePids,
  strayContainers,
  strayProcesses,
  TEST_RUN_VARIABLE,
  tempEntries,
} from "./leftovers.js";

export default function setup(): () => Promise<void> {
  // A nested `vitest list` (the docs cross-check) must not judge the outer run's processes.
  if (process.env.JIT_BENCH_SKIP_LEFTOVER_CHECK === "1") return async () => {};
  // Everything this run starts inherits its name (leftovers.ts: TEST_RUN_VARIABLE).
  process.env[TEST_RUN_VARIABLE] ??= `${process.pid}-${Date.now()}`;
  const pidsBefore = livePids();
  const tempBefore = tempEntries();
  const containersBefore = new Set(strayContainers());
  return async () => {
    // The kernel reaps killed processes a moment after the last test ends.
    let processes = strayProcesses(pidsBefore);
    for (let i = 0; i < 50 && processes.length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      processes = strayProcesses(pidsBefore);
    }
    const containers = strayContainers().filter((id) => !containersBefore.has(id));
    const temp = [...tempEntries()].filter((name) => !tempBefore.has(name));
    const ours = temp.filter((name) => name.startsWith(FAULTS_TEMP_PREFIX));
    const others = temp.filter((name) => !name.startsWith(FAULTS_TEMP_PREFIX));
    if (others.length > 0) {
      process.stderr.write(
        `note: ${others.length} new entries left in ${tmpdir()} by tests: ${others.slice(0, 10).join(", ")}${others.length > 10 ? ", ..." : ""}\n`,
      );
    }
    const problems = [
      ...processes.map((p) => `process ${p.pid} still running: ${p.command.slice(0, 200)}`),
      ...containers.map((id) => `worker container ${id} still there`),
      ...ours.map((name) => `temporary folder ${tmpdir()}/${name} left behind`),
    ];
    if (problems.length > 0) {
      // vitest reports an error thrown here but still exits 0; the exit code is set by hand.
      process.stderr.write(`\nThe test run left things behind:\n${problems.join("\n")}\n`);
      process.exitCode = 1;
    }
  };
}
