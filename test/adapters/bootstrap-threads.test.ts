/**
 * The suite bootstrap over real threads, with the bundled worker from dist/:
 * the same replicates to the last bit as one thread, whatever the number of
 * threads, and still the same when a worker fails or never starts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  findBootstrapWorker,
  THREADED_FROM_DRAWS,
  threadedBootstrap,
} from "../../src/adapters/bootstrap-threads.js";
import { bootstrapMeanShift } from "../../src/core/stats/bootstrap.js";
import { prepareShift } from "../../src/core/stats/differences.js";
import { createRng } from "../../src/core/stats/rng.js";

const WORKER = resolve("dist/bootstrap-worker/index.js");
let scratch = "";
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "jit-bench-threads-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A stand-in worker script: `body` runs with `job` (the workerData) in scope. */
function fakeWorker(name: string, body: string): string {
  const path = join(scratch, `${name}.mjs`);
  writeFileSync(
    path,
    `import { workerData as job } from "node:worker_threads";\n${body}\nAtomics.notify(job.state, 0);\n`,
  );
  return path;
}

// 120 benchmarks of 20 to 30 processes a leg: above the threshold at 1,000 resamples.
const rng = createRng(3, 0);
const values = (count: number, shift: number) =>
  Array.from({ length: count }, () => shift + rng.nextFloat() * 0.2);
const suite = Array.from({ length: 120 }, (_, b) =>
  prepareShift(values(20 + (b % 11), 4.6), values(20 + (b % 7), 4.55)),
);
const options = { resamples: 1000, seed: 17, streams: { baseline: 1, candidate: 2 } };
const oneThread = Array.from(bootstrapMeanShift(suite, options));

describe("the threaded bootstrap", () => {
  it("has enough work here to start threads at all", () => {
    const draws = suite.reduce((sum, s) => sum + (s.m + s.n) * options.resamples, 0);
    expect(draws).toBeGreaterThanOrEqual(THREADED_FROM_DRAWS);
  });

  it("gives the one-thread replicates with the bundled worker, on 2 and 3 threads", () => {
    for (const threads of [2, 3]) {
      const run = threadedBootstrap({ script: WORKER, threads });
      expect(Array.from(run(suite, options))).toEqual(oneThread);
    }
  });

  it("takes the workers' shifts: a worker that reports zeros changes the replicates", () => {
    const zeros = fakeWorker("zeros", "job.shifts.fill(0);\nAtomics.store(job.state, 0, 2);");
    const run = threadedBootstrap({ script: zeros, threads: 2 });
    expect(Array.from(run(suite, options))).not.toEqual(oneThread);
  });

  it("computes a failed worker's slice itself", () => {
    const fails = fakeWorker("fails", "Atomics.store(job.state, 0, 3);");
    const run = threadedBootstrap({ script: fails, threads: 2 });
    expect(Array.from(run(suite, options))).toEqual(oneThread);
  });

  it("computes the slice of a worker that never starts, or cannot load, itself", () => {
    const stuck = fakeWorker("stuck", "for (;;) {}");
    const missing = join(scratch, "no-such-worker.mjs");
    for (const script of [stuck, missing]) {
      const run = threadedBootstrap({ script, threads: 2, startMs: 200 });
      expect(Array.from(run(suite, options))).toEqual(oneThread);
    }
  });

  it("stays in this thread with one thread, no worker script or little work", () => {
    // A worker that would zero everything shows whether it was used.
    const zeros = fakeWorker("zeros-small", "job.shifts.fill(0);\nAtomics.store(job.state, 0, 2);");
    expect(Array.from(threadedBootstrap({ script: zeros, threads: 1 })(suite, options))).toEqual(
      oneThread,
    );
    expect(Array.from(threadedBootstrap({ script: null, threads: 4 })(suite, options))).toEqual(
      oneThread,
    );
    const small = suite.slice(0, 5);
    expect(Array.from(threadedBootstrap({ script: zeros, threads: 2 })(small, options))).toEqual(
      Array.from(bootstrapMeanShift(small, options)),
    );
  });

  it("finds the bundled worker beside the action and the CLI, and none beside the source", () => {
    expect(findBootstrapWorker(resolve("dist"))).toBe(WORKER);
    expect(findBootstrapWorker(resolve("dist/cli"))).toBe(WORKER);
    expect(findBootstrapWorker(resolve("src/adapters"))).toBeNull();
  });
});
