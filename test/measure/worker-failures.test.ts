/**
 * A benchmark that raises, exits, crashes or hangs fails with a reason a
 * person understands, and leaves no process behind.
 */
import { describe, expect, it } from "vitest";
import { calibrate, MeasureSession, WorkerFailure } from "../../src/measure/worker/calls.js";
import { eventually, groupGone, options, PY, pidGone } from "../harness/support.js";

const ref = (file: string, name: string) => ({ file: `failures/${file}`, name, async: false });

async function failureOf(promise: Promise<unknown>): Promise<WorkerFailure> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof WorkerFailure) return error;
    throw error;
  }
  throw new Error("expected a WorkerFailure, but it succeeded");
}

/** Starts a session and asks for values until it fails; returns the failure and the pid. */
async function measureUntilFailure(
  bench: { file: string; name: string; async: boolean },
  timeoutMs = 30_000,
): Promise<{ failure: WorkerFailure; pid: number; values: number }> {
  const session = await MeasureSession.start(options(PY.default, { timeoutMs }), bench, 1);
  const pid = session.pid ?? 0;
  let values = 0;
  const failure = await failureOf(
    (async () => {
      for (;;) {
        await session.next();
        values++;
      }
    })(),
  );
  return { failure, pid, values };
}

describe("a benchmark that fails", () => {
  it("by raising is reported with the exception and where it was raised", async () => {
    const { failure, pid } = await measureUntilFailure(ref("bench_raise.py", "bench_raise"));
    expect(failure.reason).toBe("raised ValueError: boom (at failures/bench_raise.py:2 in _inner)");
    expect(failure.kind).toBe("exception");
    expect(failure.skipped).toBe(false);
    expect(await eventually(() => pidGone(pid))).toBe(true);
  });

  it("by raising during calibration is reported the same way", async () => {
    const failure = await failureOf(
      calibrate(options(PY.py39), ref("bench_raise.py", "bench_raise"), 100_000),
    );
    expect(failure.reason).toBe("raised ValueError: boom (at failures/bench_raise.py:2 in _inner)");
  });

  it("by raising unittest.SkipTest is skipped, with the benchmark's own reason", async () => {
    const failure = await failureOf(
      calibrate(options(PY.default), ref("bench_skiptest.py", "bench_not_here"), 100_000),
    );
    expect(failure.skipped).toBe(true);
    expect(failure.reason).toBe("needs an interpreter this one is not");
  });

  it("by needing a module that is not installed is skipped, with the module named", async () => {
    const failure = await failureOf(
      calibrate(
        options(PY.default),
        ref("bench_missing_module.py", "bench_needs_missing_module"),
        100_000,
      ),
    );
    expect(failure.skipped).toBe(true);
    expect(failure.reason).toContain("No module named 'definitely_missing_module'");
  });

  it("by calling sys.exit(3) exited with code 3 before finishing", async () => {
    const { failure } = await measureUntilFailure(ref("bench_exit.py", "bench_exit"));
    expect(failure.reason).toBe(
      "exited with code 3 before finishing: the benchmark raised SystemExit (at failures/bench_exit.py:5 in bench_exit)",
    );
    expect(failure.kind).toBe("exit");
  });

  it("by calling os._exit(0) halfway keeps the values before it and reports the early exit", async () => {
    const { failure, values } = await measureUntilFailure(
      ref("bench_os_exit.py", "bench_os_exit_on_third_call"),
    );
    expect(values).toBe(2);
    expect(failure.reason).toBe("exited with code 0 before finishing");
    expect(failure.kind).toBe("exit-code");
  });

  it("by calling os.abort() was killed by SIGABRT", async () => {
    const { failure, pid } = await measureUntilFailure(ref("bench_abort.py", "bench_abort"));
    expect(failure.reason).toMatch(/^killed by SIGABRT \(abort\)/);
    expect(failure.kind).toBe("signal");
    expect(await eventually(() => pidGone(pid))).toBe(true);
  });

  it("by crashing in C code was killed by SIGSEGV, with the Python traceback from stderr", async () => {
    const { failure } = await measureUntilFailure(ref("bench_segfault.py", "bench_segfault"));
    expect(failure.reason).toMatch(
      /^killed by SIGSEGV \(segmentation fault\); last lines on stderr:\n/,
    );
    expect(failure.reason).toContain("bench_segfault");
  });

  it("by hanging is killed at the time limit, and nothing it started survives", async () => {
    const { failure, pid } = await measureUntilFailure(
      ref("bench_hang.py", "bench_hang_with_child"),
      1500,
    );
    expect(failure.reason).toMatch(/^timed out after 1\.5 s and was killed/);
    expect(failure.kind).toBe("timeout");
    const grandchild = Number(/grandchild pid (\d+)/.exec(failure.stderr)?.[1]);
    expect(grandchild).toBeGreaterThan(0);
    expect(await eventually(() => pidGone(pid) && pidGone(grandchild) && groupGone(pid))).toBe(
      true,
    );
  });

  it("by hanging in calibration is killed at the time limit too", async () => {
    const failure = await failureOf(
      calibrate(
        options(PY.default, { timeoutMs: 1000 }),
        ref("bench_hang.py", "bench_hang"),
        100_000,
      ),
    );
    expect(failure.reason).toBe("timed out after 1 s and was killed");
  });

  it("after writing megabytes to stderr keeps only the end of it", async () => {
    const { failure } = await measureUntilFailure(
      ref("bench_noisy_exit.py", "bench_noisy_then_exit"),
    );
    expect(failure.reason).toMatch(/^exited with code 5 before finishing; last lines on stderr:\n/);
    expect(failure.reason).toContain("the last words");
    expect(failure.reason.length).toBeLessThan(1000);
    expect(failure.stderr.length).toBeLessThanOrEqual(64 * 1024);
    expect(failure.stderr.length).toBeGreaterThan(60 * 1024);
    expect(failure.stderr).toMatch(/the last words\n$/);
  });

  it("because its function is not in the file names the function", async () => {
    const failure = await failureOf(
      MeasureSession.start(options(PY.default), ref("bench_raise.py", "bench_not_there"), 1),
    );
    expect(failure.reason).toBe("failures/bench_raise.py has no function bench_not_there");
    expect(failure.kind).toBe("missing");
  });
});

describe("kill()", () => {
  it("ends a session's process group at once, and may be called again", async () => {
    const session = await MeasureSession.start(
      options(PY.default),
      ref("bench_raise.py", "bench_raise"),
      1,
    );
    const pid = session.pid ?? 0;
    session.kill();
    session.kill();
    await session.closed;
    expect(await eventually(() => groupGone(pid))).toBe(true);
    await expect(session.next()).rejects.toMatchObject({
      reason: "killed by SIGKILL (killed, for example by the out-of-memory killer)",
    });
  });
});
