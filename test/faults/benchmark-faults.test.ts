/**
 * One run of a suite where most benchmarks misbehave: they crash, hang, hog
 * memory, flood the output, abuse the harness's channel, or change the
 * process around them. The well-behaved benchmarks' results must survive,
 * each bad one must be reported with a reason a person understands, the
 * results file must validate, and nothing may be left running.
 */
import { cp, readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/core/config/settings.js";
import {
  type BenchmarkResult,
  parseResultsFile,
  type ResultsFile,
} from "../../src/core/results.js";
import { runSuite } from "../../src/modes/run/suite.js";
import {
  eventually,
  pidGone,
  processesMentioning,
  rssGrowthDuring,
  scratchDir,
} from "./support.js";

const FIXTURE = resolve("test/faults/fixtures/hostile");
const TIMEOUT_MS = 4000;
/** Written by each flooding process; two benchmarks, five processes each (calibration + 2 per leg). */
const FLOOD_BYTES = 128 * 1024 * 1024;
const FLOOD_TOTAL = 2 * 5 * FLOOD_BYTES;

/** No sequential sampling: every benchmark gets exactly `processes` per leg. */
const EXACTLY_THE_PROCESSES_ASKED = { precision: null };

let dir: Awaited<ReturnType<typeof scratchDir>>;
let onDisk: ResultsFile;
let log: string[];
let rssGrowthBytes: number;

beforeAll(async () => {
  dir = await scratchDir("jit-bench-faults-run-");
  await cp(FIXTURE, join(dir.path, "hostile"), { recursive: true });
  log = [];
  const { result: outcome, growth } = await rssGrowthDuring(() =>
    runSuite(
      {
        ...DEFAULT_SETTINGS,
        ...EXACTLY_THE_PROCESSES_ASKED,
        suite: ["hostile"],
        include: [],
        exclude: [],
        root: dir.path,
        python: ["python3"],
        legs: "both",
        processes: 2,
        warmups: 0,
        values: 2,
        minTimeMs: 1,
        timeoutMs: TIMEOUT_MS,
        outputDir: join(dir.path, "out"),
        report: null,
      },
      {
        now: () => new Date("2025-01-01T00:00:00Z"),
        log: (line) => log.push(line),
        warn: (line) => log.push(`warning: ${line}`),
        signal: new AbortController().signal,
        env: { JIT_BENCH_FAULTS_FLOOD_BYTES: String(FLOOD_BYTES) },
      },
    ),
  );
  rssGrowthBytes = growth;
  onDisk = parseResultsFile(JSON.parse(await readFile(outcome.resultsPath, "utf8")), "results");
}, 180_000);

afterAll(async () => {
  await dir?.cleanup();
});

function result(name: string): { off: BenchmarkResult; on: BenchmarkResult } {
  const off = onDisk.legs.off?.benchmarks.find((b) => b.name === name);
  const on = onDisk.legs.on?.benchmarks.find((b) => b.name === name);
  if (!off || !on) throw new Error(`${name} is missing from the results file`);
  return { off, on };
}

/** A benchmark that failed: the same status and reason in both legs, and no made-up values. */
function failedWith(name: string): string {
  const { off, on } = result(name);
  expect(off.status).toBe("failed");
  expect(on.status).toBe("failed");
  expect(on.reason).toBe(off.reason);
  expect(log.some((line) => line.includes(`${name}  FAILED: `))).toBe(true);
  return off.reason ?? "";
}

/** A benchmark measured in full: every process of both legs, with its peak memory. */
function measuredInFull(name: string): void {
  for (const leg of Object.values(result(name))) {
    expect(leg.status).toBe("ok");
    expect(leg.reason).toBeNull();
    expect(leg.processes).toHaveLength(2);
    for (const process of leg.processes) {
      expect(process.values).toHaveLength(2);
      expect(process.peakRssKb).toBeGreaterThan(0);
    }
  }
}

describe("a run whose suite holds hostile benchmarks", () => {
  it("keeps the well-behaved benchmarks' results, before and after the hostile ones", () => {
    measuredInFull("bench_control_first");
    measuredInFull("bench_control_last");
  });

  it("writes a results file that validates and lists every benchmark in both legs", async () => {
    const defined: string[] = [];
    for (const file of await readdir(FIXTURE)) {
      const text = await readFile(join(FIXTURE, file), "utf8");
      defined.push(...[...text.matchAll(/^def (bench_\w+)\(/gm)].map((m) => m[1] as string));
    }
    expect(defined.length).toBeGreaterThan(15);
    expect(onDisk.partial).toBe(false);
    expect(onDisk.legs.off?.benchmarks.map((b) => b.name).sort()).toEqual(defined.sort());
    expect(onDisk.legs.on?.benchmarks.map((b) => b.name).sort()).toEqual(defined.sort());
  });

  it("leaves no worker process running", async () => {
    expect(await eventually(() => processesMentioning(dir.path).length === 0)).toBe(true);
  });

  it("reports a benchmark that raises with the exception and the line", () => {
    expect(failedWith("bench_raises")).toMatch(
      /^raised RuntimeError: the benchmark broke \(at hostile\/bench_crashes\.py:\d+ in bench_raises\) \(in calibration\)$/,
    );
  });

  it("reports a benchmark that calls os.abort() as killed by SIGABRT, with its Python traceback", () => {
    const reason = failedWith("bench_aborts");
    expect(reason).toMatch(/^killed by SIGABRT \(abort\); last lines on stderr:\n/);
    expect(reason).toContain("in bench_aborts");
  });

  it("reports a benchmark that segfaults as killed by SIGSEGV, with its Python traceback", () => {
    const reason = failedWith("bench_segfaults");
    expect(reason).toMatch(/^killed by SIGSEGV \(segmentation fault\); last lines on stderr:\n/);
    expect(reason).toContain("in bench_segfaults");
  });

  it("reports a benchmark that calls sys.exit(3) with its exit code", () => {
    expect(failedWith("bench_exits_3")).toMatch(
      /^exited with code 3 before finishing: the benchmark raised SystemExit \(at hostile\/bench_crashes\.py:\d+ in bench_exits_3\)/,
    );
  });

  it("reports a benchmark that calls os._exit(0) halfway as an early exit", () => {
    expect(failedWith("bench_os_exit_halfway")).toBe(
      "exited with code 0 before finishing (in calibration)",
    );
  });

  it("kills a hanging benchmark at its timeout, with its children, even one that left the process group", async () => {
    const reason = failedWith("bench_hangs");
    expect(reason).toMatch(/^timed out after 4 s and was killed; last lines on stderr:\n/);
    const [stays, leaves] = (/child pids (\d+) (\d+)/.exec(reason)?.slice(1) ?? []).map(Number);
    expect(stays).toBeGreaterThan(0);
    expect(leaves).toBeGreaterThan(0);
    expect(await eventually(() => pidGone(stays as number) && pidGone(leaves as number))).toBe(
      true,
    );
  });

  it("reports a benchmark that allocates until its memory runs out", () => {
    expect(failedWith("bench_hogs_memory")).toMatch(
      /^raised MemoryError \(at hostile\/bench_resources\.py:\d+ in bench_hogs_memory\)/,
    );
  });

  it("measures benchmarks that write gigabytes to stdout and stderr, holding only the end of it", () => {
    measuredInFull("bench_floods_stdout");
    measuredInFull("bench_floods_stderr");
    // Keeping what they wrote would have taken FLOOD_TOTAL bytes at least.
    expect(FLOOD_TOTAL).toBeGreaterThan(1024 ** 3);
    expect(rssGrowthBytes).toBeLessThan(FLOOD_TOTAL / 4);
  });

  it("fails a benchmark that closes the harness's message channel, saying so", () => {
    expect(failedWith("bench_closes_channel")).toMatch(
      /^exited with code 3 before finishing; last lines on stderr:\njit-bench harness: its message channel was closed or broken, most likely by the benchmark \(\[Errno 9\] Bad file descriptor\) \(in calibration\)$/,
    );
  });

  it("fails a benchmark that writes garbage to the message channel", () => {
    expect(failedWith("bench_writes_garbage_to_channel")).toMatch(
      /^sent a line that is not JSON: ".*not a message" \(in calibration\)$/,
    );
  });

  it("fails a benchmark that forges a harness message", () => {
    expect(failedWith("bench_forges_a_message")).toBe(
      'sent a "value" message where "calibration" was expected (in calibration)',
    );
  });

  it("measures a benchmark that changes the working directory", () => {
    measuredInFull("bench_changes_cwd");
  });

  it("measures a benchmark that empties sys.path, peak memory included", () => {
    measuredInFull("bench_clears_sys_path");
  });

  it("measures a benchmark that clears the environment and sets PYTHON_JIT itself, recording the leg's own setting", () => {
    measuredInFull("bench_changes_environment");
    const { off, on } = result("bench_changes_environment");
    expect(onDisk.legs.off?.pythonJit).toBe("0");
    expect(off.processes.every((p) => p.jit.enabled === false)).toBe(true);
    expect(on.processes).toHaveLength(2);
  });

  it("reports a benchmark that deletes its own file, and measures the rest", () => {
    expect(failedWith("bench_deletes_own_file")).toMatch(
      /^hostile\/bench_deletes_itself\.py does not exist under .* \(in process 1 of the JIT-off leg\)$/,
    );
  });
});
