import { defineConfig } from "vitest/config";
import { REPORTERS } from "./test/reporters/index.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Ends the run with one line saying whether it passed; a test that did not run fails it.
    reporters: REPORTERS,
    // Fails the run if a worker, its children, Azurite or a worker container outlives it;
    // then stops the Docker engine `npm test` started. Teardowns run in reverse order.
    globalSetup: ["test/ci/docker-engine.global.ts", "test/faults/leftovers.global.ts"],
    // Real interpreters and processes: measured runs are slow by design, and
    // parallel files on 2 cores would only add noise to each other.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
