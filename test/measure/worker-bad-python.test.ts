/**
 * A --python that cannot run the harness is the user's to fix: InputError
 * for --python, naming the command and what to do.
 */

import { describe, expect, it } from "vitest";
import { discover, probe } from "../../src/measure/worker/calls.js";
import { options, PY } from "../harness/support.js";
import { inputErrorOf } from "../input-error.js";
import { pyenvVersion } from "../pythons.js";

const FIX = "Install Python 3.9 or newer, or pass --python with the path to one.";

describe("a python command that cannot run the harness", () => {
  it("is not found", async () => {
    const error = await inputErrorOf(probe(options("python9")));
    expect(error.input).toBe("--python");
    expect(error.message).toBe(`--python: command not found (got "python9"). ${FIX}`);
  });

  it("is not Python at all and exits quietly", async () => {
    const error = await inputErrorOf(probe(options("/bin/true")));
    expect(error.message).toBe(
      `--python: is not a working Python: it exited with code 0 without starting the harness (got "/bin/true"). ${FIX}`,
    );
  });

  it("is not Python and prints something else", async () => {
    const error = await inputErrorOf(
      discover(options("/bin/echo"), ["basic"], { include: [], exclude: [] }),
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
    const error = await inputErrorOf(probe(options(python)));
    expect(error.message).toBe(
      `--python: is too old (${version}); the harness needs 3.9 or newer (got ${JSON.stringify(python)}). ${FIX}`,
    );
  });

  it("takes its arguments from the prefix, and a bad interpreter flag is reported as not working", async () => {
    const error = await inputErrorOf(probe(options([PY.default, "--no-such-flag"])));
    expect(error.message).toMatch(
      /^--python: is not a working Python: it exited with code 2 without starting the harness, saying ".*no-such-flag/,
    );
  });

  it("is a project root the interpreter cannot enter", async () => {
    const error = await inputErrorOf(probe(options(PY.default, { root: "/no/such/root" })));
    expect(error.message).toBe(
      'root: cannot be entered by the Python that runs the benchmarks (No such file or directory) (got "/no/such/root"). Pass the project root as a folder that exists where that Python runs.',
    );
  });
});
