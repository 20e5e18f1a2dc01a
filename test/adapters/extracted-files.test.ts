import { execFileSync } from "node:child_process";
import { link, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  isInside,
  prepareEmptyDir,
  UnsafeArtifactError,
  verifyExtracted,
} from "../../src/adapters/extracted-files.js";

const roomy = { maxBytes: 1_000_000, maxFiles: 100 };
let base: string;
let root: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), "jit-bench-extract-"));
  root = join(base, "root");
  await mkdir(join(root, "sub"), { recursive: true });
  await writeFile(join(root, "a.json"), "{}");
  await writeFile(join(root, "sub", "b.json"), "[]");
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe("verifyExtracted", () => {
  it("lists the regular files, sorted", async () => {
    expect(await verifyExtracted(root, roomy, "x")).toEqual([
      join(root, "a.json"),
      join(root, "sub", "b.json"),
    ]);
  });

  it("refuses a symbolic link, even one pointing inside", async () => {
    await symlink(join(root, "a.json"), join(root, "sub", "again"));
    await expect(verifyExtracted(root, roomy, "leg")).rejects.toThrow(
      new UnsafeArtifactError(
        'Artifact "leg" was refused: "sub/again" is a symbolic link. Its files were removed; re-run the job that uploaded it.',
      ),
    );
  });

  it("refuses a linked folder", async () => {
    await writeFile(join(base, "secret"), "s");
    await symlink(base, join(root, "up"));
    await expect(verifyExtracted(root, roomy, "leg")).rejects.toThrow(/"up" is a symbolic link/);
  });

  it("refuses a hard link, which could lead a write elsewhere", async () => {
    await writeFile(join(base, "elsewhere"), "e");
    await link(join(base, "elsewhere"), join(root, "hard"));
    await expect(verifyExtracted(root, roomy, "leg")).rejects.toThrow(/"hard" is a hard link/);
  });

  it("refuses a named pipe", async () => {
    execFileSync("mkfifo", [join(root, "pipe")]);
    await expect(verifyExtracted(root, roomy, "leg")).rejects.toThrow(
      /"pipe" is not a regular file/,
    );
  });

  it("enforces the byte and file budgets", async () => {
    await expect(verifyExtracted(root, { maxBytes: 3, maxFiles: 100 }, "leg")).rejects.toThrow(
      /brings the artifact over 3 bytes/,
    );
    await expect(verifyExtracted(root, { maxBytes: 100, maxFiles: 1 }, "leg")).rejects.toThrow(
      /makes more than 1 files/,
    );
  });
});

describe("isInside", () => {
  it.each([
    ["/a/b", "/a/b/c", true],
    ["/a/b", "/a/b", false],
    ["/a/b", "/a/bc", false],
    ["/a/b", "/a", false],
    ["/a/b", "/a/b/../c", false],
    ["/a/b", "/a/b/..c", true],
  ])("%s contains %s: %s", (parent, child, expected) => {
    expect(isInside(parent, child)).toBe(expected);
  });
});

describe("prepareEmptyDir", () => {
  it("creates a missing folder with its parents", async () => {
    const dir = join(base, "new", "deeper");
    await prepareEmptyDir(dir);
    expect(await readdir(dir)).toEqual([]);
  });

  it("accepts an empty folder and refuses a full one, a file, or a link", async () => {
    const empty = join(base, "empty");
    await mkdir(empty);
    await expect(prepareEmptyDir(empty)).resolves.toBeUndefined();
    await expect(prepareEmptyDir(root)).rejects.toThrow(/not empty/);
    await expect(prepareEmptyDir(join(root, "a.json"))).rejects.toThrow(/not a folder/);
    await symlink(empty, join(base, "link"));
    await expect(prepareEmptyDir(join(base, "link"))).rejects.toThrow(/not a folder/);
  });
});
