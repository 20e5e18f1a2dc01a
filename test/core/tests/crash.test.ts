/** A crashed test command: the fatal signal, and the test faulthandler names. */
import { describe, expect, it } from "vitest";
import { crashSignal, fatalError, testFrame } from "../../../src/core/tests/crash.js";

describe("crashSignal", () => {
  it("reads a signal directly, or from a shell's exit code 128 + n", () => {
    expect(crashSignal(null, "SIGSEGV")).toBe("SIGSEGV");
    expect(crashSignal(134, null)).toBe("SIGABRT");
    expect(crashSignal(139, null)).toBe("SIGSEGV");
    expect(crashSignal(1, null)).toBeNull();
    // SIGTERM is how a run is stopped, not how an interpreter crashes.
    expect(crashSignal(null, "SIGTERM")).toBeNull();
    expect(crashSignal(143, null)).toBeNull();
  });
});

describe("fatalError", () => {
  it("finds the message behind pytest's progress dots, and the test's frame in the stack", () => {
    const output = [
      "..Fatal Python error: Segmentation fault",
      "",
      "Current thread 0x00007f09b7875040 (most recent call first):",
      '  File "tests/test_crash.py", line 11 in helper',
      '  File "tests/test_crash.py", line 15 in test_crash',
      '  File "/usr/lib/python3/dist-packages/_pytest/python.py", line 195 in pytest_pyfunc_call',
      "",
      "Extension modules: _cffi_backend (total: 1)",
    ].join("\n");
    const fatal = fatalError(output);
    expect(fatal?.message).toBe("Fatal Python error: Segmentation fault");
    expect(fatal?.frames).toHaveLength(3);
    expect(fatal === null ? null : testFrame(fatal)).toEqual({
      file: "tests/test_crash.py",
      line: 15,
      function: "test_crash",
    });
    expect(fatal?.lines.split("\n")[1]).toBe('File "tests/test_crash.py", line 11 in helper');
  });

  it("is null for output without a fatal error", () => {
    expect(fatalError("1 failed, 3 passed in 0.1s")).toBeNull();
  });
});
