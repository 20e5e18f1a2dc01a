/**
 * docs/getting-a-jit-python.md shows what `jit-bench probe` prints for each
 * kind of build, most of which this machine does not have. Each sample is
 * recomputed here the way the probe computes it: canned build facts go
 * through the harness's own decision (its hidden `probe-parse` command, a
 * real Python process) and the resulting JIT states through the probe's
 * renderer. The doc also has to agree with the one-line hint the probe and
 * the not-applicable verdict print.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { JIT_BUILDS_DOC, JIT_BUILDS_HINT } from "../../src/core/jit-builds.js";
import { renderProbe } from "../../src/core/render/probe.js";
import type { Interpreter, JitState } from "../../src/core/results.js";
import { JitMessageSchema } from "../../src/measure/protocol.js";
import { HARNESS } from "../harness/support.js";

interface Facts {
  version: [number, number, number];
  configVars?: Record<string, string>;
  env?: Record<string, string>;
  sysJit?: { available: boolean; enabled: boolean } | null;
  executors?: number | null;
}

function decide(facts: Facts): JitState {
  const run = spawnSync("python3", [HARNESS, "probe-parse", "{}"], {
    input: JSON.stringify(facts),
    encoding: "utf8",
  });
  expect(run.status, run.stderr).toBe(0);
  const lines = run.stdout.trim().split("\n");
  return JitMessageSchema.parse(JSON.parse(lines[lines.length - 1] ?? "")).jit;
}

function interpreter(version: string, executable: string): Interpreter {
  return { implementation: "CPython", version, build: "", executable, configArgs: null };
}

const CFLAGS = "-fno-strict-overflow -DNDEBUG -g -O3 -Wall";

/** The probe runs the interpreter twice, with PYTHON_JIT=1 (after a warm-up) and PYTHON_JIT=0. */
const SAMPLES: Record<string, { interpreter: Interpreter; on: Facts; off: Facts }> = {
  "uv-3.14": {
    interpreter: interpreter(
      "3.14.0",
      "/opt/python/cpython-3.14.0-linux-x86_64-gnu/bin/python3.14",
    ),
    on: {
      version: [3, 14, 0],
      sysJit: { available: true, enabled: true },
      env: { PYTHON_JIT: "1" },
      executors: 4,
    },
    off: {
      version: [3, 14, 0],
      sysJit: { available: true, enabled: false },
      env: { PYTHON_JIT: "0" },
    },
  },
  "uv-3.13": {
    interpreter: interpreter(
      "3.13.9",
      "/opt/python/cpython-3.13.9-linux-x86_64-gnu/bin/python3.13",
    ),
    on: {
      version: [3, 13, 9],
      configVars: { PY_CORE_CFLAGS: `${CFLAGS} -D_Py_TIER2=3 -D_Py_JIT -DPy_BUILD_CORE` },
      env: { PYTHON_JIT: "1" },
      executors: 4,
    },
    off: {
      version: [3, 13, 9],
      configVars: { PY_CORE_CFLAGS: `${CFLAGS} -D_Py_TIER2=3 -D_Py_JIT -DPy_BUILD_CORE` },
      env: { PYTHON_JIT: "0" },
    },
  },
  "docker-3.14": {
    interpreter: interpreter("3.14.0", "/usr/local/bin/python3"),
    on: {
      version: [3, 14, 0],
      sysJit: { available: false, enabled: false },
      env: { PYTHON_JIT: "1" },
    },
    off: {
      version: [3, 14, 0],
      sysJit: { available: false, enabled: false },
      env: { PYTHON_JIT: "0" },
    },
  },
  "docker-3.13": {
    interpreter: interpreter("3.13.9", "/usr/local/bin/python3"),
    on: { version: [3, 13, 9], configVars: { PY_CORE_CFLAGS: CFLAGS }, env: { PYTHON_JIT: "1" } },
    off: { version: [3, 13, 9], configVars: { PY_CORE_CFLAGS: CFLAGS }, env: { PYTHON_JIT: "0" } },
  },
  "bookworm-3.11": {
    interpreter: interpreter("3.11.2", "/usr/bin/python3"),
    on: { version: [3, 11, 2], env: { PYTHON_JIT: "1" } },
    off: { version: [3, 11, 2], env: { PYTHON_JIT: "0" } },
  },
};

const doc = readFileSync(JIT_BUILDS_DOC, "utf8");

/** The fenced block right after `<!-- probe-sample: NAME -->`. */
function sample(name: string): string | null {
  const marker = `<!-- probe-sample: ${name} -->`;
  const at = doc.indexOf(marker);
  if (at < 0) return null;
  const match = /```text\n([\s\S]*?)```/.exec(doc.slice(at + marker.length));
  return match?.[1] ?? null;
}

describe(JIT_BUILDS_DOC, () => {
  for (const [name, { interpreter: py, on, off }] of Object.entries(SAMPLES)) {
    it(`shows what jit-bench probe prints for ${name}`, () => {
      const expected = renderProbe({ interpreter: py, jitOn: decide(on), jitOff: decide(off) });
      expect(sample(name)).toBe(expected);
    });
  }

  it("has no sample that is not checked here", () => {
    const names = [...doc.matchAll(/<!-- probe-sample: ([\w.-]+) -->/g)].map((m) => m[1]);
    expect(names.sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it("names every source of the probe's one-line hint, and the ones without a JIT", () => {
    for (const source of [
      "uv",
      "python-build-standalone",
      "Fedora",
      "Debian's 3.14",
      "python.org",
      "--enable-experimental-jit=yes-off",
      "python:3.x",
      "deadsnakes",
      "actions/setup-python",
      "bookworm",
      "trixie",
    ]) {
      expect(doc, source).toContain(source);
      if (!["bookworm", "trixie"].includes(source)) expect(JIT_BUILDS_HINT).toContain(source);
    }
  });

  it("has a Dockerfile stage for the uv route that checks the JIT is really there", () => {
    const stage = /```dockerfile\n([\s\S]*?)```/.exec(doc)?.[1] ?? "";
    expect(stage).toMatch(/^FROM ghcr\.io\/astral-sh\/uv:\$\{UV_VERSION\} AS uv$/m);
    expect(stage).toMatch(/uv python install 3\.14/);
    expect(stage).toMatch(/sys\._jit\.is_available\(\)/);
    // The JIT stays off in the image until the benchmarks say otherwise.
    expect(stage).not.toMatch(/ENV PYTHON_JIT=1/);
  });
});
