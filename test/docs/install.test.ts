/**
 * The README's way to run the CLI from outside the repository works today:
 * the package is not on npm until a release publishes it, so the docs name
 * the GitHub repository (`npx github:aria/jit-bench`), whose committed dist/
 * is the package. Here the package as npm packs it runs from a folder outside
 * the repository, with nothing installed beside it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const REPO = resolve(import.meta.dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));
const work = mkdtempSync(join(tmpdir(), "jit-bench-pack-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("running the CLI from outside the repository", () => {
  it("the docs name a command that works before the package is on npm", () => {
    for (const doc of ["README.md", "docs/getting-a-jit-python.md"]) {
      const text = readFileSync(join(REPO, doc), "utf8");
      expect(text, doc).toContain("npx github:aria/jit-bench probe --python python3.14");
      // A bare `npx jit-bench` answers E404 until a release is published.
      for (const line of text.split("\n").filter((l) => /^\s*npx jit-bench /.test(l))) {
        throw new Error(`${doc} runs the unpublished package by name: ${line}`);
      }
    }
    expect(pkg.repository.url).toBe("git+https://github.com/aria/jit-bench.git");
  });

  it("the packed package runs its bin with nothing installed beside it", () => {
    const pack = spawnSync("npm", ["pack", "--ignore-scripts", "--pack-destination", work], {
      cwd: REPO,
      encoding: "utf8",
    });
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = join(work, pack.stdout.trim().split("\n").at(-1) ?? "");
    const untar = spawnSync("tar", ["-xzf", tarball, "-C", work]);
    expect(untar.status).toBe(0);
    const bin = join(work, "package", pkg.bin["jit-bench"]);
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    const version = spawnSync(process.execPath, [bin, "--version"], {
      cwd: work,
      encoding: "utf8",
    });
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = spawnSync(process.execPath, [bin, "advise", "--help"], {
      cwd: work,
      encoding: "utf8",
    });
    expect(help.status, help.stderr).toBe(0);
  });
});
