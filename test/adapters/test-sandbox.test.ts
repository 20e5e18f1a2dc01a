/** The copy the team's tests run in: what is copied, linked and left out, and the shims on PATH. */
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { changes, makeSandbox, resolveCommand, snapshot } from "../../src/adapters/test-sandbox.js";
import { DEBIAN_PYTHON } from "../pythons.js";

const root = mkdtempSync(join(tmpdir(), "jit-bench-sandbox-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(path: string, text = "x\n"): void {
  mkdirSync(join(root, path, ".."), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe("makeSandbox", () => {
  it("copies the project without version control or the output folder, and links its environments", async () => {
    file("app/core.py");
    file("tests/test_core.py");
    file(".git/HEAD");
    file(".venv/bin/activate");
    file(".jit-bench/results.json");
    const sandbox = await makeSandbox({
      root,
      exclude: [join(root, ".jit-bench")],
      python: [DEBIAN_PYTHON, "-X", "dev"],
    });
    try {
      const { project } = sandbox;
      expect(existsSync(join(project, "app/core.py"))).toBe(true);
      expect(existsSync(join(project, "tests/test_core.py"))).toBe(true);
      expect(existsSync(join(project, ".git"))).toBe(false);
      expect(existsSync(join(project, ".jit-bench"))).toBe(false);
      expect(lstatSync(join(project, ".venv")).isSymbolicLink()).toBe(true);
      expect(await readlink(join(project, ".venv"))).toBe(join(root, ".venv"));
      // The shims run the run's interpreter, with its options, whatever the command calls it.
      const flags = (shim: string) =>
        execFileSync(
          join(sandbox.bin, shim),
          ["-c", "import sys; print(sys.executable, sys.flags.dev_mode)"],
          {
            encoding: "utf8",
          },
        );
      expect(flags("python")).toBe(`${DEBIAN_PYTHON} True\n`);
      expect(flags("python3")).toBe(`${DEBIAN_PYTHON} True\n`);
      expect(flags("python3.11")).toBe(`${DEBIAN_PYTHON} True\n`);
      expect(
        execFileSync(join(sandbox.bin, "pytest"), ["--version"], {
          encoding: "utf8",
          stdio: "pipe",
        }),
      ).toMatch(/^pytest \d+\.\d+/);
      // What a run writes is found by comparing snapshots; caches are not worth a word.
      writeFileSync(join(project, "app/new.txt"), "new\n");
      mkdirSync(join(project, "app/__pycache__"));
      writeFileSync(join(project, "app/__pycache__/core.pyc"), "");
      expect(changes(sandbox.before, await snapshot(project, []))).toEqual(["app/new.txt"]);
    } finally {
      await sandbox.dispose();
    }
    expect(existsSync(sandbox.project)).toBe(false);
  });
});

describe("resolveCommand", () => {
  it("makes the program absolute through PATH, so that a shim never runs itself", async () => {
    const bin = mkdtempSync(join(root, "bin-"));
    writeFileSync(join(bin, "python9"), "#!/bin/sh\n", { mode: 0o755 });
    expect(await resolveCommand(["python9", "-X", "dev"], root, `/nonexistent:${bin}`)).toEqual([
      join(bin, "python9"),
      "-X",
      "dev",
    ]);
    expect(await resolveCommand(["./venv/bin/python"], root, "")).toEqual([
      join(root, "venv/bin/python"),
    ]);
    expect(await resolveCommand(["no-such-python"], root, bin)).toEqual(["no-such-python"]);
  });
});
