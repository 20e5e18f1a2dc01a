/**
 * Runs around the whole test run (vitest globalSetup): registers the run,
 * and at its end, passed or failed, stops the Docker engine that `npm test`'s
 * setup started, unless JIT_BENCH_KEEP_DOCKER=1 or another test run still
 * uses it (docker-engine.ts has the rules). Listed before the leftover check
 * in vitest.config.ts, so it ends after it: that check asks the engine for
 * stray containers.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import {
  decide,
  engineMessage,
  KEEP_VARIABLE,
  markedEngine,
  otherRuns,
  registerRun,
  STATE_DIR,
  unregisterRun,
} from "./docker-engine.js";

const STOP_DOCKER = resolve(import.meta.dirname, "../../.ci/stop-docker");

export default function setup(): () => void {
  // A nested `vitest list` (the docs cross-check) runs inside this run: the outer run decides.
  if (process.env.JIT_BENCH_SKIP_LEFTOVER_CHECK === "1") return () => {};
  const registered = registerRun(STATE_DIR);
  return () => {
    if (registered) unregisterRun(STATE_DIR);
    const decision = decide({
      enginePid: markedEngine(STATE_DIR),
      keep: process.env[KEEP_VARIABLE] === "1",
      npmTest: process.env.npm_lifecycle_event === "test",
      otherRuns: otherRuns(STATE_DIR),
    });
    const message = engineMessage(decision);
    if (message !== null) process.stderr.write(`${message}\n`);
    if (decision.action !== "stop") return;
    const stop = spawnSync("bash", [STOP_DOCKER], { stdio: ["ignore", "inherit", "inherit"] });
    if (stop.status !== 0) {
      process.stderr.write(
        `docker: ${STOP_DOCKER} failed (exit ${stop.status}); the engine may still run\n`,
      );
      process.exitCode = 1;
    }
  };
}
