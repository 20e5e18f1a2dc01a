/**
 * JIT states for builds this machine does not have, from canned build facts
 * given to the harness's hidden `probe-parse` command. The expectations follow
 * CPython's own rules (configure.ac and pylifecycle.c), written out here.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { JitState } from "../../src/core/results.js";
import { JitMessageSchema } from "../../src/measure/protocol.js";
import { HARNESS, PY } from "./support.js";

interface Facts {
  implementation?: string;
  version: [number, number, number];
  configVars?: Record<string, string>;
  env?: Record<string, string>;
  ignoreEnvironment?: boolean;
  xoptions?: string[];
  perfTrampolineActive?: boolean | null;
  sysJit?: { available: boolean; enabled: boolean } | null;
  executors?: number | null;
}

function parse(facts: Facts): JitState {
  const run = spawnSync(PY.py39, [HARNESS, "probe-parse", "{}"], {
    input: JSON.stringify(facts),
    encoding: "utf8",
  });
  expect(run.status, run.stderr).toBe(0);
  const lines = run.stdout.trim().split("\n");
  return JitMessageSchema.parse(JSON.parse(lines[lines.length - 1] ?? "")).jit;
}

const CFLAGS = "-fno-strict-overflow -DNDEBUG -g -O3 -Wall -std=c11";
const build313 = (
  flags: string,
  env: Record<string, string> = {},
  extra: Partial<Facts> = {},
): Facts => ({
  version: [3, 13, 2],
  configVars: { PY_CORE_CFLAGS: `${CFLAGS} ${flags} -DPy_BUILD_CORE` },
  env,
  ...extra,
});
const YES = "-D_Py_TIER2=1 -D_Py_JIT";
const YES_OFF = "-D_Py_TIER2=3 -D_Py_JIT";
const INTERPRETER = "-D_Py_TIER2=4";

describe("a 3.13 build configured with --enable-experimental-jit=yes", () => {
  it("has the JIT on by default", () => {
    expect(parse(build313(YES))).toMatchObject({
      compiled: true,
      tier2: true,
      enabled: true,
      method: "sysconfig",
    });
  });
  it("turns it off with PYTHON_JIT=0", () => {
    expect(parse(build313(YES, { PYTHON_JIT: "0" }))).toMatchObject({
      compiled: true,
      enabled: false,
    });
  });
  it("keeps it off while perf profiling support is active, whatever PYTHON_JIT says", () => {
    const state = parse(build313(YES, { PYTHON_JIT: "1" }, { perfTrampolineActive: true }));
    expect(state).toMatchObject({ compiled: true, enabled: false });
    expect(state.detail).toContain("perf profiling support is active");
    expect(parse(build313(YES, { PYTHONPERFSUPPORT: "1" })).enabled).toBe(false);
    expect(parse(build313(YES, {}, { xoptions: ["perf"] })).enabled).toBe(false);
  });
});

describe("a 3.13 build configured with --enable-experimental-jit=yes-off", () => {
  it.each([
    ["unset", {}, false],
    ["empty", { PYTHON_JIT: "" }, false],
    ['"1"', { PYTHON_JIT: "1" }, true],
    ['"0"', { PYTHON_JIT: "0" }, false],
    ['"00"', { PYTHON_JIT: "00" }, false],
    ['"yes" (anything not starting with 0 turns it on)', { PYTHON_JIT: "yes" }, true],
  ])("with PYTHON_JIT %s is enabled=%s", (_label, env, enabled) => {
    expect(parse(build313(YES_OFF, env))).toMatchObject({ compiled: true, tier2: true, enabled });
  });

  it("ignores PYTHON_JIT=1 under -E or -I", () => {
    const state = parse(build313(YES_OFF, { PYTHON_JIT: "1" }, { ignoreEnvironment: true }));
    expect(state.enabled).toBe(false);
    expect(state.detail).toContain("-E or -I");
  });

  it("is read from the configure arguments when the compiler flags are not recorded", () => {
    const facts: Facts = {
      version: [3, 13, 1],
      configVars: { CONFIG_ARGS: "'--prefix=/usr/local' '--enable-experimental-jit=yes-off'" },
      env: { PYTHON_JIT: "1" },
    };
    expect(parse(facts)).toMatchObject({ compiled: true, tier2: true, enabled: true });
    expect(parse({ ...facts, env: {} })).toMatchObject({ compiled: true, enabled: false });
  });
});

describe("a 3.13 build configured with --enable-experimental-jit=interpreter", () => {
  it("has the tier-2 interpreter, on by default, and no machine-code JIT", () => {
    const state = parse(build313(INTERPRETER));
    expect(state).toMatchObject({ compiled: false, tier2: true, enabled: true });
    expect(state.detail).toContain("tier-2 micro-op interpreter (no machine-code JIT)");
    expect(parse(build313(INTERPRETER, { PYTHON_JIT: "0" })).enabled).toBe(false);
  });
});

describe("a 3.13 build configured with --enable-experimental-jit=no", () => {
  it("has nothing for PYTHON_JIT to switch", () => {
    const facts: Facts = {
      version: [3, 13, 0],
      configVars: { PY_CORE_CFLAGS: CFLAGS, CONFIG_ARGS: "'--enable-experimental-jit=no'" },
      env: { PYTHON_JIT: "1" },
      executors: 0,
    };
    expect(parse(facts)).toMatchObject({
      compiled: false,
      tier2: false,
      enabled: false,
      active: false,
    });
  });
});

describe("3.14 and newer, with sys._jit", () => {
  it("believes sys._jit when the JIT is available and enabled", () => {
    const state = parse({
      version: [3, 14, 0],
      sysJit: { available: true, enabled: true },
      env: { PYTHON_JIT: "1" },
    });
    expect(state).toMatchObject({ compiled: true, tier2: true, enabled: true, method: "sys._jit" });
  });
  it("reports an available JIT that is switched off", () => {
    const state = parse({
      version: [3, 14, 0],
      sysJit: { available: true, enabled: false },
      env: {},
    });
    expect(state).toMatchObject({ compiled: true, enabled: false, method: "sys._jit" });
    expect(state.detail).toContain("PYTHON_JIT is not set");
  });
  it("reports a build without the JIT", () => {
    const state = parse({
      version: [3, 14, 2],
      sysJit: { available: false, enabled: false },
      env: { PYTHON_JIT: "1" },
    });
    expect(state).toMatchObject({
      compiled: false,
      tier2: false,
      enabled: false,
      method: "sys._jit",
    });
    expect(state.detail).toContain("built without the JIT");
  });
  it("falls back to the build flags when sys._jit is missing", () => {
    const state = parse({
      version: [3, 14, 0],
      sysJit: null,
      configVars: { PY_CORE_CFLAGS: YES_OFF },
      env: {},
    });
    expect(state).toMatchObject({ compiled: true, enabled: false, method: "sysconfig" });
  });
});

describe("the proof", () => {
  it("is active when executors were found on code that ran hot", () => {
    expect(parse(build313(YES, {}, { executors: 3 })).active).toBe(true);
    expect(parse(build313(YES, {}, { executors: 0 })).active).toBe(false);
    expect(parse(build313(YES, {}, { executors: null })).active).toBeNull();
  });
  it("overrides the settings when executors show the JIT ran although they said it was off", () => {
    const state = parse(build313(YES_OFF, {}, { executors: 2 }));
    expect(state).toMatchObject({ enabled: true, active: true });
    expect(state.detail).toContain("even though the settings suggested it was off");
  });
});

describe("interpreters without a JIT", () => {
  it("says CPython before 3.13 has none", () => {
    expect(parse({ version: [3, 12, 1], configVars: { PY_CORE_CFLAGS: YES } })).toEqual({
      compiled: false,
      tier2: false,
      enabled: false,
      active: false,
      method: "unsupported",
      detail: "CPython 3.12 has no JIT; the JIT first shipped, experimental, in CPython 3.13.",
    });
  });
  it("says another implementation is not CPython", () => {
    const state = parse({ implementation: "PyPy", version: [3, 10, 14] });
    expect(state).toMatchObject({
      compiled: false,
      enabled: false,
      active: false,
      method: "unsupported",
    });
    expect(state.detail).toBe(
      "PyPy 3.10.14 is not CPython; PYTHON_JIT only means something to CPython 3.13 and newer.",
    );
  });
});
