/**
 * A --python that cannot run the harness is the user's to fix: InputError
 * for the setting that named it, the command and what to do.
 */

import { describe, expect, it } from "vitest";
import { discover, probe } from "../../src/measure/worker/calls.js";
import { options, PY } from "../harness/support.js";
import { inputErrorOf } from "../input-error.js";
import { pyenvVersion } from "../pythons.js";

const FIX = "Install Python 3.9 or newer, or pass --python with the path to one.";
/** As the CLI names the interpreter setting. */
const AS_FLAG = { pythonInput: "--python" };

describe("a python command that cannot run the harness", () => {
  it("is named as the setting that chose it: an action input, a file key", async () => {
    const input = await inputErrorOf(probe(options("python9", { pythonInput: "python" })));
    expect(input.message).toBe(
      'python: command not found (got "python9"). Install Python 3.9 or newer, or set python with the path to one.',
    );
    const key = await inputErrorOf(
      probe(options("python9", { pythonInput: "jit-bench.yml: python" })),
    );
    expect(key.input).toBe("jit-bench.yml: python");
    expect(key.fix).toBe(
      "Install Python 3.9 or newer, or set jit-bench.yml: python with the path to one.",
    );
  });

  it("is not found", async () => {
    const error = await inputErrorOf(probe(options("python9", AS_FLAG)));
    expect(error.input).toBe("--python");
    expect(error.message).toBe(`--python: command not found (got "python9"). ${FIX}`);
  });

  it("is not Python at all and exits quietly", async () => {
    const error = await inputErrorOf(probe(options("/bin/true", AS_FLAG)));
    expect(error.message).toBe(
      `--python: is not a working Python: it exited with code 0 without starting the harness (got "/bin/true"). ${FIX}`,
    );
  });

  it("is not Python and prints something else", async () => {
    const error = await inputErrorOf(
      discover(options("/bin/echo", AS_FLAG), ["basic"], { include: [], exclude: [] }),
    );
    expect(error.input).toBe("--python");
    expect(error.message).toMatch(
      /^--python: is not a working Python: it exited with code 0 without starting the harness, saying ".*harness discover/,
    );
  });

  it.each([
    [PY.py38, pyenvVersion(PY.py38)],
    [PY.py27, pyenvVersion(PY.py27)],
  ])("is too old (%s)", async (python, version) => {
    const error = await inputErrorOf(probe(options(python, AS_FLAG)));
    expect(error.message).toBe(
      `--python: is too old (${version}); the harness needs 3.9 or newer (got ${JSON.stringify(python)}). ${FIX}`,
    );
  });

  it("takes its arguments from the prefix, and a bad interpreter flag is reported as not working", async () => {
    const error = await inputErrorOf(probe(options([PY.default, "--no-such-flag"], AS_FLAG)));
    expect(error.message).toMatch(
      /^--python: is not a working Python: it exited with code 2 without starting the harness, saying ".*no-such-flag/,
    );
  });

  it("is a project root the interpreter cannot enter", async () => {
    const error = await inputErrorOf(
      probe(options(PY.default, { ...AS_FLAG, root: "/no/such/root" })),
    );
    expect(error.message).toBe(
      'root: cannot be entered by the Python that runs the benchmarks (No such file or directory) (got "/no/such/root"). Pass the project root as a folder that exists where that Python runs.',
    );
  });
});
