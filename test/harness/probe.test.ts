import { cpus } from "node:os";
import { describe, expect, it } from "vitest";
import { probe } from "../../src/measure/worker/calls.js";
import { pyenvVersion } from "../pythons.js";
import { options, PY } from "./support.js";

describe("probe", () => {
  it.each([
    [
      PY.py39,
      pyenvVersion(PY.py39),
      "CPython 3.9 has no JIT; the JIT first shipped, experimental, in CPython 3.13.",
    ],
    [
      PY.debian311,
      "3.11.2",
      "CPython 3.11 has no JIT; the JIT first shipped, experimental, in CPython 3.13.",
    ],
  ])("says in plain words that %s has no JIT", async (python, version, detail) => {
    const result = await probe(options(python, { env: { PYTHON_JIT: "1" } }));
    expect(result.jit).toEqual({
      compiled: false,
      tier2: false,
      enabled: false,
      active: false,
      method: "unsupported",
      detail,
    });
    expect(result.interpreter).toMatchObject({
      implementation: "CPython",
      version,
      executable: python,
    });
    expect(result.pythonVersion).toEqual(version.split(".").map(Number));
  });

  it("reads 3.13's build flags and finds no JIT in a build without one, even with PYTHON_JIT=1", async () => {
    const result = await probe(options(PY.py313, { env: { PYTHON_JIT: "1" } }));
    expect(result.jit).toMatchObject({
      compiled: false,
      tier2: false,
      enabled: false,
      active: false,
    });
    expect(result.jit.method).toBe("sysconfig");
    expect(result.jit.detail).toContain(
      `CPython ${pyenvVersion(PY.py313)} was built without the JIT`,
    );
    expect(result.pythonVersion).toEqual([3, 13, 0]);
    expect(result.interpreter.build).toContain(pyenvVersion(PY.py313));
    expect(result.interpreter.configArgs).toContain("--prefix=");
  });

  it("fingerprints the machine and names the container image it is told about", async () => {
    const result = await probe(
      options(PY.default, { env: { JIT_BENCH_IMAGE: "python:3.13-slim" } }),
    );
    expect(result.fingerprint.cores).toBe(cpus().length);
    const unameMachine: Record<string, string> = { x64: "x86_64", arm64: "aarch64" };
    expect(result.fingerprint.machine).toBe(unameMachine[process.arch] ?? process.arch);
    expect(result.fingerprint.containerImage).toBe("python:3.13-slim");
    expect(result.fingerprint.platform).toMatch(/^Linux-/);
    expect(result.fingerprint.kernel).toBeTruthy();
    const withoutImage = await probe(options(PY.default, { env: { JIT_BENCH_IMAGE: "" } }));
    expect(withoutImage.fingerprint.containerImage).toBeNull();
  });
});
