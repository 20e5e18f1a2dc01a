import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Fails the run if a worker, its children, Azurite or a worker container outlives it.
    globalSetup: ["test/faults/leftovers.global.ts"],
    // Real interpreters and processes: measured runs are slow by design, and
    // parallel files on 2 cores would only add noise to each other.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
