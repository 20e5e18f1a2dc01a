/**
 * The entry of a bootstrap thread, bundled to dist/bootstrap-worker/: computes
 * the resampled shifts of its slice of benchmarks into shared memory, and
 * says how it went in job.state. src/adapters/bootstrap-threads.ts starts it.
 */
import { workerData } from "node:worker_threads";
import { bootstrapShifts } from "../core/stats/bootstrap.js";
import { type BootstrapJob, JOB_STATE } from "./bootstrap-threads.js";

const job = workerData as BootstrapJob;
Atomics.store(job.state, 0, JOB_STATE.started);
Atomics.notify(job.state, 0);
try {
  bootstrapShifts(job.samples, job.options, job.drawn, job.shifts);
  Atomics.store(job.state, 0, JOB_STATE.done);
} catch {
  Atomics.store(job.state, 0, JOB_STATE.failed);
}
Atomics.notify(job.state, 0);
