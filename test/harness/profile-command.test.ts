/**
 * The harness's `profile` command through the worker, on the oldest and the
 * newest interpreter here: a known workload's helper dominates the stacks,
 * bad requests are refused with the field named, a benchmark that raises
 * fails like a timed one would, and nothing is left beside the harness.
 * Also the other side of the promise that timed processes never sample:
 * their `done` message says whether a sampler could have run, and it says so
 * when one could.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  MeasureSession,
  type ProfileRequest,
  profileBenchmark,
  WorkerFailure,
} from "../../src/measure/worker/calls.js";
import { HARNESS, options, PY, REPO } from "./support.js";

const PROFILE_ROOT = join(REPO, "test", "fixtures", "profile");
const RUN_ROOT = join(REPO, "test", "fixtures", "profile-run");
const known = { name: "bench_known", file: "known_workload.py", async: false };
const HEAVY = "known_workload:heavy_helper";
const SHORT: ProfileRequest = { seconds: 0.3, intervalS: 0.001 };

function share(stacks: Record<string, number>, frame: string): number {
  let hits = 0;
  let total = 0;
  for (const [stack, count] of Object.entries(stacks)) {
    total += count;
    if (stack.split(";").includes(frame)) hits += count;
  }
  return total === 0 ? 0 : hits / total;
}

async function refusal(request: unknown): Promise<WorkerFailure> {
  const error = await profileBenchmark(
    options(PY.default, { root: PROFILE_ROOT }),
    known,
    request as ProfileRequest,
  ).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WorkerFailure);
  return error as WorkerFailure;
}

describe.each([PY.py39, PY.py313])("the profile command (%s)", (python) => {
  it("samples a known workload: stacks start at the benchmark and its helper dominates", async () => {
    const answer = await profileBenchmark(options(python, { root: PROFILE_ROOT }), known, SHORT);
    expect(answer.method).toBe("sys._current_frames");
    expect(answer.async).toBe(false);
    expect(answer.calls).toBeGreaterThan(0);
    expect(answer.samples).toBeGreaterThanOrEqual(50);
    expect(Object.values(answer.stacks).reduce((a, b) => a + b, 0)).toBe(answer.samples);
    for (const stack of Object.keys(answer.stacks)) {
      expect(stack.split(";")[0]).toBe("known_workload:bench_known");
    }
    expect(share(answer.stacks, HEAVY)).toBeGreaterThan(0.7);
    // The profiling process reports its JIT like a timed one; no interpreter here has a JIT build.
    expect(answer.jit).toMatchObject({ compiled: false, enabled: false });
  });

  it("fails like a timed process when the benchmark raises", async () => {
    const bench = { name: "bench_fails", file: "known_workload.py", async: false };
    const error = await profileBenchmark(
      options(python, { root: PROFILE_ROOT }),
      bench,
      SHORT,
    ).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(WorkerFailure);
    expect((error as WorkerFailure).kind).toBe("exception");
    expect((error as WorkerFailure).reason).toMatch(
      /^raised ValueError: this benchmark always fails/,
    );
  });
});

describe("profile requests the harness refuses", () => {
  it.each([
    [{ seconds: 0, intervalS: 0.001 }, "seconds"],
    [{ seconds: "1", intervalS: 0.001 }, "seconds"],
    [{ seconds: true, intervalS: 0.001 }, "seconds"],
    [{ seconds: 0.2, intervalS: 0.5 }, "intervalS"],
    [{ seconds: 0.2 }, "intervalS"],
  ])("%j (names %s)", async (request, field) => {
    const error = await refusal(request);
    expect(error.kind).toBe("harness");
    expect(error.reason).toContain(`${field} must be a number above 0`);
  });

  it("leaves no bytecode beside the harness after loading the sampler", async () => {
    await profileBenchmark(options(PY.py313, { root: PROFILE_ROOT }), known, {
      seconds: 0.05,
      intervalS: 0.001,
    });
    expect(existsSync(join(HARNESS, "__pycache__"))).toBe(false);
    expect(readdirSync(HARNESS).filter((name) => name.endsWith(".pyc"))).toEqual([]);
  });
});

describe("a timed process reports whether a sampler could have run", () => {
  async function timedReport(name: string): Promise<boolean> {
    const bench = { name, file: "sampler_lookalike.py", async: false };
    const session = await MeasureSession.start(options(PY.default, { root: RUN_ROOT }), bench, 4);
    await session.next();
    return (await session.finish()).sampler;
  }

  it("says false for an ordinary benchmark", async () => {
    expect(await timedReport("bench_plain")).toBe(false);
  });

  it("says true when a thread like the sampler's runs in it, so the check can fail", async () => {
    expect(await timedReport("bench_with_lookalike")).toBe(true);
  });
});
