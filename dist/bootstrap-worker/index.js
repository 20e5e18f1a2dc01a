import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./src/core/stats/resampled-shift.ts
/**
 * The shift of one resample given how often each original process was drawn
 * (counts by original index): what every replicate computes, exposed for
 * checking against a brute-force recomputation.
 */
function resampledShift(sample, countsX, countsY) {
    const scratch = {
        weightsX: new Float64Array(sample.m),
        weightsY: new Float64Array(sample.n),
        tailY: new Float64Array(sample.n + 1),
    };
    let drawnX = 0;
    let drawnY = 0;
    for (let i = 0; i < sample.m; i++) {
        scratch.weightsX[sample.xRank[i]] = countsX[i];
        drawnX += countsX[i];
    }
    for (let j = 0; j < sample.n; j++) {
        scratch.weightsY[sample.yRank[j]] = countsY[j];
        drawnY += countsY[j];
    }
    if (drawnX !== sample.m || drawnY !== sample.n) {
        throw new RangeError(`a resample draws ${sample.m} and ${sample.n} processes, not ${drawnX} and ${drawnY}`);
    }
    return weightedMedian(sample, scratch);
}
/**
 * Positions from the median beyond which weightedMedian jumps rather than
 * walks: a pass over both samples costs about as much as this many steps.
 */
const JUMP_FROM = 64;
/**
 * The median of the resample's m*n differences. A process drawn w times puts
 * each of its differences in w times over, so difference (i, j) weighs
 * weightsX[i] * weightsY[j]. The weight up to the original median comes from
 * one pass over the sorted samples; the replicate's median lies a short walk
 * away from there.
 */
function weightedMedian(sample, scratch) {
    const { diffs, first, second } = sample;
    const { weightsX, weightsY } = scratch;
    const total = sample.m * sample.n;
    const lowTarget = (total - 1) >> 1;
    const highTarget = total >> 1;
    const weightAt = (k) => weightsX[first[k]] * weightsY[second[k]];
    const { tailY } = scratch;
    let tail = 0;
    tailY[sample.n] = 0;
    for (let j = sample.n - 1; j >= 0; j--) {
        tail += weightsY[j];
        tailY[j] = tail;
    }
    // seen = the weight of positions 0..k.
    let k = sample.pivot;
    let seen = weightUpTo(sample, scratch, diffs[k]);
    // The weights average 1 a position (they sum to m*n), so the median lies
    // about (seen - lowTarget) positions away. A long walk costs more than a
    // second pass: jump once, to the end of the jumped-to value's ties.
    const away = seen - lowTarget;
    if (away > JUMP_FROM || away < -JUMP_FROM) {
        k = Math.min(total - 1, Math.max(0, k - Math.round(away)));
        while (k + 1 < total && diffs[k + 1] === diffs[k])
            k++;
        seen = weightUpTo(sample, scratch, diffs[k]);
    }
    // Down to the first position whose running weight still exceeds lowTarget...
    while (k > 0 && seen - weightAt(k) > lowTarget) {
        seen -= weightAt(k);
        k--;
    }
    // ...or up to it.
    while (seen <= lowTarget) {
        k++;
        seen += weightAt(k);
    }
    const low = diffs[k];
    if (seen > highTarget)
        return low;
    while (seen <= highTarget) {
        k++;
        seen += weightAt(k);
    }
    return (low + diffs[k]) / 2;
}
/**
 * The total weight of differences <= t, given tailY[j], the weight of y[j..].
 * With both samples sorted, the y that
 * give x[i] - y[j] <= t are a tail of y that only shrinks as i grows, so one
 * pass finds them all. The test is the same subtraction that made `diffs`.
 */
function weightUpTo(sample, scratch, t) {
    const { x, y, m, n } = sample;
    const { weightsX, tailY } = scratch;
    let weight = 0;
    let j = 0;
    for (let i = 0; i < m; i++) {
        const xi = x[i];
        while (j < n && xi - y[j] > t)
            j++;
        weight += weightsX[i] * tailY[j];
    }
    return weight;
}

;// CONCATENATED MODULE: ./src/core/stats/rng.ts
/**
 * A small seeded PRNG (xoshiro128**, seeded through a 32-bit integer hash), so
 * that every bootstrap is reproducible from `--seed` alone and the same on
 * every platform: only 32-bit integer arithmetic, no Math.random.
 */
const TWO_POW_32 = 4294967296;
/** A 32-bit avalanche hash: nearby seeds give unrelated states. */
function mix32(x) {
    let h = x >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x7feb352d);
    h ^= h >>> 15;
    h = Math.imul(h, 0x846ca68b);
    h ^= h >>> 16;
    return h >>> 0;
}
class Xoshiro128 {
    s0;
    s1;
    s2;
    s3;
    constructor(seed, stream) {
        const base = (mix32(seed) ^ Math.imul(stream >>> 0, 0x9e3779b9)) >>> 0;
        this.s0 = mix32(base + 1);
        this.s1 = mix32(base + 2);
        this.s2 = mix32(base + 3);
        this.s3 = mix32(base + 4);
        // The all-zero state would only ever return zeros.
        if ((this.s0 | this.s1 | this.s2 | this.s3) === 0)
            this.s0 = 1;
    }
    nextUint32() {
        const s1 = this.s1;
        const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
        const t = s1 << 9;
        this.s2 ^= this.s0;
        this.s3 ^= this.s1;
        this.s1 ^= this.s2;
        this.s0 ^= this.s3;
        this.s2 ^= t;
        this.s3 = rotl(this.s3, 11);
        return result;
    }
    nextFloat() {
        return this.nextUint32() / TWO_POW_32;
    }
    nextInt(n) {
        return Math.floor(this.nextFloat() * n);
    }
    skip(count) {
        // The step of nextUint32 without its output, on locals: tens of millions a second.
        let { s0, s1, s2, s3 } = this;
        for (let d = 0; d < count; d++) {
            const t = s1 << 9;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = rotl(s3, 11);
        }
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
    }
}
function rotl(x, k) {
    return (x << k) | (x >>> (32 - k));
}
/**
 * A generator for `seed` (any integer; only its low 32 bits count). `stream`
 * picks an independent sequence for the same seed, so that two consumers can
 * draw without disturbing each other's sequence.
 */
function createRng(seed, stream = 0) {
    return new Xoshiro128(seed, stream);
}

;// CONCATENATED MODULE: ./src/core/stats/bootstrap.ts
/**
 * The bootstrap behind the suite's interval. Within every benchmark and leg it
 * resamples processes, the independent unit, and recomputes the very estimate
 * the report shows: the Hodges–Lehmann shift between the legs' per-process log
 * medians.
 *
 * Values within a process are not resampled a second time. A process's median
 * already carries its within-process noise into the spread between processes,
 * so resampling values again counts that noise twice; on the synthetic noise
 * model it widened the suite interval by a third to a half beyond the real
 * spread of the estimate, which costs the power to see a 2% effect.
 *
 * A bootstrap of n processes spreads a mean over (n - 1) / n of its true
 * variance, which leaves percentile intervals a little short at the 4 to 10
 * processes a run typically has. Each benchmark's replicates are therefore
 * widened around its estimate by the factor that undoes this for a difference
 * of two means; on the synthetic noise model it brings the A/A coverage of the
 * suite interval at 8 processes from about 94.7% to about 97%.
 *
 * Built for large suites: each benchmark's pairwise differences are sorted
 * once; a replicate draws process counts, finds the weight below the original
 * median with one merge-like pass, and walks from there to the replicate's
 * median (after one jump and a second pass, when it is far; resampled-shift.ts).
 * No sorting and no allocation per replicate.
 */



/**
 * Replicates of the mean shift over the samples, sorted ascending. Benchmarks
 * from `computed.from` on take their shifts from `computed`; the replicates
 * are the same to the last bit either way.
 */
function bootstrap_bootstrapMeanShift(samples, options, computed) {
    if (samples.length === 0)
        throw new RangeError("nothing to bootstrap");
    checkResamples(options.resamples);
    const resamples = options.resamples;
    const own = computed?.from ?? samples.length;
    const draw = new ShiftDrawer(samples.slice(0, own), options, { baseline: 0, candidate: 0 });
    const replicates = new Float64Array(resamples);
    const shifts = new Float64Array(resamples);
    let taken = null;
    // Benchmark by benchmark, all replicates at once: one benchmark's differences
    // stay in cache while they are walked a thousand times.
    for (let b = 0; b < samples.length; b++) {
        const sample = samples[b];
        const estimate = shiftEstimate(sample);
        const factor = smallSampleFactor(sample.m, sample.n);
        if (b < own)
            draw.shifts(sample, shifts, 0);
        else {
            taken ??= takeShifts(computed, (samples.length - own) * resamples);
            const at = (b - own) * resamples;
            for (let r = 0; r < resamples; r++)
                shifts[r] = taken[at + r];
        }
        for (let r = 0; r < resamples; r++) {
            replicates[r] =
                replicates[r] + estimate + factor * (shifts[r] - estimate);
        }
    }
    for (let r = 0; r < resamples; r++) {
        replicates[r] = replicates[r] / samples.length;
    }
    replicates.sort();
    return replicates;
}
/**
 * What another thread computes for bootstrapMeanShift: the resampled shifts
 * of `samples`, a slice of the suite, into out[i * resamples + r]. `drawn` is
 * drawsBefore the slice: each stream moves past the draws of the benchmarks
 * before it, so every benchmark gets the draws it would get in one thread.
 */
function bootstrap_bootstrapShifts(samples, options, drawn, out) {
    checkResamples(options.resamples);
    const draw = new ShiftDrawer(samples, options, drawn);
    samples.forEach((sample, i) => {
        draw.shifts(sample, out, i * options.resamples);
    });
}
/** The draws the benchmarks before `from` take: a process per draw, per replicate. */
function bootstrap_drawsBefore(samples, from, resamples) {
    let baseline = 0;
    let candidate = 0;
    for (const sample of samples.slice(0, from)) {
        baseline += sample.m * resamples;
        candidate += sample.n * resamples;
    }
    return { baseline, candidate };
}
function takeShifts(computed, expected) {
    const shifts = computed.take();
    if (shifts.length < expected) {
        throw new RangeError(`${expected} computed shifts expected, got ${shifts.length}`);
    }
    return shifts;
}
function checkResamples(resamples) {
    if (!(Number.isInteger(resamples) && resamples >= 1)) {
        throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
    }
}
/** The two streams, past `drawn`, and scratch space for the largest sample. */
class ShiftDrawer {
    #baseline;
    #candidate;
    #scratch;
    #resamples;
    constructor(samples, options, drawn) {
        this.#baseline = createRng(options.seed, options.streams.baseline);
        this.#candidate = createRng(options.seed, options.streams.candidate);
        this.#baseline.skip(drawn.baseline);
        this.#candidate.skip(drawn.candidate);
        let most = 1;
        for (const s of samples)
            most = Math.max(most, s.m, s.n);
        this.#scratch = {
            weightsX: new Float64Array(most),
            weightsY: new Float64Array(most),
            tailY: new Float64Array(most + 1),
        };
        this.#resamples = options.resamples;
    }
    /** One benchmark's resampled shifts into out[at..at + resamples). */
    shifts(sample, out, at) {
        const scratch = this.#scratch;
        for (let r = 0; r < this.#resamples; r++) {
            drawCounts(scratch.weightsX, sample.xRank, this.#baseline);
            drawCounts(scratch.weightsY, sample.yRank, this.#candidate);
            out[at + r] = weightedMedian(sample, scratch);
        }
    }
}
/**
 * sqrt(true variance / bootstrap variance) of a difference of two means of m
 * and n values: (1/m + 1/n) against ((m - 1)/m^2 + (n - 1)/n^2).
 */
function smallSampleFactor(m, n) {
    const resampled = (m - 1) / (m * m) + (n - 1) / (n * n);
    return resampled > 0 ? Math.sqrt((1 / m + 1 / n) / resampled) : 1;
}
/**
 * Draws len(rank) processes with replacement, by their original index, and
 * counts each draw at the process's sorted position.
 */
function drawCounts(counts, rank, rng) {
    const count = rank.length;
    counts.fill(0, 0, count);
    for (let d = 0; d < count; d++) {
        const at = rank[rng.nextInt(count)];
        counts[at] = counts[at] + 1;
    }
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/adapters/install-paths.ts
/**
 * Where the Python harness folder is. Three layouts reach this code:
 *   src/adapters/install-paths.ts under vitest -> src/harness
 *   dist/index.js (the action bundle)        -> dist/harness
 *   dist/cli/index.js (the CLI bundle)       -> dist/harness
 * so the harness is `harness/` in this module's own folder or in its parent.
 *
 * The module's location is read from `import.meta` at run time through a
 * variable on purpose: ncc's asset relocator rewrites statically analysable
 * `new URL("...", import.meta.url)` expressions (it copies what they point to
 * and substitutes a path), and a bundler may replace a literal
 * `import.meta.url` with the file's path at build time.
 */



const MARKER = "__main__.py";
/** The folders that may hold the harness, nearest first, for a module in `moduleDir`. */
function harnessCandidates(moduleDir) {
    return [join(moduleDir, "harness"), join(dirname(moduleDir), "harness")];
}
/** The first candidate that holds `harness/__main__.py`, or null. */
function findHarness(moduleDir, exists = existsSync) {
    return harnessCandidates(moduleDir).find((dir) => exists(join(dir, MARKER))) ?? null;
}
function install_paths_moduleDir() {
    const meta = import.meta;
    const url = meta.url;
    return dirname(fileURLToPath(url));
}
/** The harness folder of this installation. Throws when it is missing, which is a packaging bug. */
function harnessDir() {
    const here = install_paths_moduleDir();
    const found = findHarness(here);
    if (found === null) {
        throw new Error(`jit-bench's Python harness is missing: looked for ${MARKER} in ${harnessCandidates(here).join(" and ")}. ` +
            "Reinstall jit-bench; a build copies src/harness to dist/harness.");
    }
    return found;
}

;// CONCATENATED MODULE: ./src/adapters/bootstrap-threads.ts
/**
 * The suite bootstrap spread over threads. It is most of compare's time at a
 * thousand benchmarks; each benchmark's replicates are independent once its
 * draws are known, so the benchmarks are cut into contiguous slices, one per
 * thread. This thread takes the first slice; each worker (dist/bootstrap-worker)
 * moves its streams past the draws of the slices before it and writes its
 * shifts into shared memory. The replicates are summed in benchmark order,
 * so they are the same to the last bit as in one thread.
 *
 * Compare stays synchronous: this thread waits on the workers with
 * Atomics.wait. A worker that does not start, fails or takes far too long is
 * left behind and its slice computed here, so a thread problem costs time,
 * never a result.
 */






const JOB_STATE = { waiting: 0, started: 1, done: 2, failed: 3 };
/**
 * Below this many process draws (processes x resamples, both legs) the
 * bootstrap takes a few tens of milliseconds, about what starting a thread costs.
 */
const THREADED_FROM_DRAWS = 5_000_000;
/** The bundled worker beside this bundle (dist/ or dist/cli/), or null when running from source. */
function findBootstrapWorker(dir = moduleDir()) {
    const candidates = [dir, dirname(dir)].map((d) => join(d, "bootstrap-worker", "index.js"));
    return candidates.find((path) => existsSync(path)) ?? null;
}
/** Most threads compare uses: each has a heap of its own, so a large runner does not start dozens. */
const MAX_THREADS = 8;
/** The runner compare uses: every core up to MAX_THREADS, when the bundled worker is there. */
function defaultBootstrapRunner() {
    return threadedBootstrap({
        script: findBootstrapWorker(),
        threads: Math.min(availableParallelism(), MAX_THREADS),
    });
}
function threadedBootstrap(threading) {
    return (samples, options) => {
        const threads = Math.min(threading.threads, samples.length);
        const draws = drawsBefore(samples, samples.length, options.resamples);
        if (threading.script === null ||
            threads < 2 ||
            draws.baseline + draws.candidate < THREADED_FROM_DRAWS) {
            return bootstrapMeanShift(samples, options);
        }
        return spread(samples, options, threading.script, threads, threading.startMs ?? 5_000);
    };
}
function spread(samples, options, script, threads, startMs) {
    const cuts = slices(samples, threads);
    const own = cuts[1];
    const R = options.resamples;
    const shared = new Float64Array(new SharedArrayBuffer((samples.length - own) * R * 8));
    const jobs = [];
    for (let t = 1; t < threads; t++) {
        const from = cuts[t];
        const to = cuts[t + 1];
        const job = {
            samples: samples.slice(from, to),
            options: { resamples: R, seed: options.seed, streams: { ...options.streams } },
            drawn: drawsBefore(samples, from, R),
            shifts: shared.subarray((from - own) * R, (to - own) * R),
            state: new Int32Array(new SharedArrayBuffer(4)),
        };
        jobs.push({ job, worker: start(script, job) });
    }
    const started = performance.now();
    return bootstrapMeanShift(samples, options, {
        from: own,
        take: () => {
            // This thread's slice took `ownMs`; a worker's is about as long.
            const ownMs = performance.now() - started;
            for (const { job, worker } of jobs) {
                if (!finished(job.state, startMs, ownMs * 4 + 10_000)) {
                    worker?.terminate().catch(() => { });
                    bootstrapShifts(job.samples, job.options, job.drawn, job.shifts);
                }
            }
            return shared;
        },
    });
}
/** Boundaries of `threads` slices with about equal draws each: [0, ..., samples.length]. */
function slices(samples, threads) {
    const total = samples.reduce((sum, s) => sum + s.m + s.n, 0);
    const cuts = [0];
    let sum = 0;
    samples.forEach((sample, b) => {
        sum += sample.m + sample.n;
        if (cuts.length < threads && sum >= (total * cuts.length) / threads && b + 1 < samples.length) {
            cuts.push(b + 1);
        }
    });
    while (cuts.length < threads)
        cuts.push(samples.length);
    cuts.push(samples.length);
    return cuts;
}
function start(script, job) {
    try {
        const worker = new Worker(script, { workerData: job });
        // A failure shows in job.state, or as a worker that never finishes.
        worker.on("error", () => { });
        worker.unref();
        return worker;
    }
    catch {
        return null;
    }
}
/** Waits until the worker is done: false if it failed, or did not start or finish in time. */
function finished(state, startMs, runMs) {
    const wait = (from, limitMs) => {
        const deadline = performance.now() + limitMs;
        let now = Atomics.load(state, 0);
        while (now === from) {
            const left = deadline - performance.now();
            if (left <= 0)
                break;
            Atomics.wait(state, 0, from, left);
            now = Atomics.load(state, 0);
        }
        return now;
    };
    if (wait(JOB_STATE.waiting, startMs) === JOB_STATE.waiting)
        return false;
    return wait(JOB_STATE.started, runMs) === JOB_STATE.done;
}

;// CONCATENATED MODULE: ./src/adapters/bootstrap-thread-entry.ts
/**
 * The entry of a bootstrap thread, bundled to dist/bootstrap-worker/: computes
 * the resampled shifts of its slice of benchmarks into shared memory, and
 * says how it went in job.state. src/adapters/bootstrap-threads.ts starts it.
 */



const job = external_node_worker_threads_namespaceObject.workerData;
Atomics.store(job.state, 0, JOB_STATE.started);
Atomics.notify(job.state, 0);
try {
    bootstrap_bootstrapShifts(job.samples, job.options, job.drawn, job.shifts);
    Atomics.store(job.state, 0, JOB_STATE.done);
}
catch {
    Atomics.store(job.state, 0, JOB_STATE.failed);
}
Atomics.notify(job.state, 0);

