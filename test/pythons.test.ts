/** The tests find their interpreters by series, whatever patch release pyenv installed. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pyenvPython, pyenvVersion } from "./pythons.js";

const versions = mkdtempSync(join(tmpdir(), "jit-bench-pyenv-"));
afterAll(() => rmSync(versions, { recursive: true, force: true }));

function install(name: string, bin: string): void {
  mkdirSync(join(versions, name, "bin"), { recursive: true });
  writeFileSync(join(versions, name, "bin", bin), "");
}

describe("pyenvPython", () => {
  install("3.13.2", "python3.13");
  install("3.13.10", "python3.13");
  install("3.13.11t", "python3.13t");
  install("3.9.18", "python3.9");
  install("3.10.0", "README");

  it("takes the newest patch release of the series, compared as numbers", () => {
    expect(pyenvPython("3.13", versions)).toBe(join(versions, "3.13.10", "bin", "python3.13"));
    expect(pyenvVersion(pyenvPython("3.13", versions))).toBe("3.13.10");
    expect(pyenvPython("3.9", versions)).toBe(join(versions, "3.9.18", "bin", "python3.9"));
  });

  it("names the series and the command that installs it when none is there", () => {
    expect(() => pyenvPython("3.8", versions)).toThrow(/No CPython 3\.8\.x .*`pyenv install 3\.8`/);
    expect(() => pyenvPython("3.10", versions)).toThrow(/pyenv install 3\.10/);
  });
});
