/**
 * refuseForeignFiles on real files: a free path or a file with jit-bench's
 * mark passes; anything else at the path (a file without the mark, a
 * symbolic link, a folder) is an InputError naming it, unless overwrite is set.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { howToSet, refuseForeignFiles, type Target } from "../../src/adapters/own-files.js";
import { InputError } from "../../src/core/errors.js";
import { markReport } from "../../src/core/own-files.js";

const root = mkdtempSync(join(tmpdir(), "jit-bench-own-files-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function target(name: string): Target {
  return {
    path: join(root, name),
    kind: "report",
    input: "--report",
    value: name,
    what: "the markdown report",
    move: "name another report path with --report <path>",
  };
}

const refuse = { overwrite: false, allow: "pass --overwrite", root };

async function problem(name: string): Promise<InputError | null> {
  try {
    await refuseForeignFiles([target(name)], refuse);
    return null;
  } catch (error: unknown) {
    if (error instanceof InputError) return error;
    throw error;
  }
}

describe("refuseForeignFiles", () => {
  it("passes a free path, one under a folder that does not exist yet, and a report of ours", async () => {
    writeFileSync(join(root, "ours.md"), markReport("# Benchmarks\n"));
    expect(await problem("free.md")).toBeNull();
    expect(await problem("new/folder/report.md")).toBeNull();
    expect(await problem("ours.md")).toBeNull();
  });

  it("names the file, the setting, the way to move it and the way to allow it", async () => {
    writeFileSync(join(root, "mine.md"), "# Our notes\n");
    const error = await problem("mine.md");
    expect(error?.input).toBe("--report");
    expect(error?.value).toBe("mine.md");
    expect(error?.message).toBe(
      '--report: would replace mine.md with the markdown report, but that file was not written by jit-bench: it lacks the "<!-- jit-bench report" comment on its first line (got "mine.md"). To keep it, name another report path with --report <path>; to replace it, pass --overwrite.',
    );
  });

  it("refuses a symbolic link, even to a report of ours, and a folder", async () => {
    writeFileSync(join(root, "linked.md"), markReport("# Benchmarks\n"));
    symlinkSync(join(root, "linked.md"), join(root, "link.md"));
    expect((await problem("link.md"))?.problem).toMatch(/that is a symbolic link/);
    mkdirSync(join(root, "folder.md"));
    expect((await problem("folder.md"))?.problem).toMatch(/that is not a regular file/);
  });

  it("lets overwrite replace anything", async () => {
    writeFileSync(join(root, "other.md"), "# Other notes\n");
    mkdirSync(join(root, "other-folder.md"));
    await expect(
      refuseForeignFiles([target("other.md"), target("other-folder.md")], {
        ...refuse,
        overwrite: true,
      }),
    ).resolves.toBeUndefined();
  });
});

describe("howToSet", () => {
  it("speaks the syntax of the input that named the setting", () => {
    expect(howToSet("--overwrite", "true")).toBe("pass --overwrite");
    expect(howToSet("--output-dir", "<folder>")).toBe("pass --output-dir <folder>");
    expect(howToSet("jit-bench.yml: report", "another path")).toBe(
      "set jit-bench.yml: report to another path",
    );
    // The action takes the setting from the file only; nobody set it yet.
    expect(howToSet("overwrite (default)", "true")).toBe("set overwrite: true in jit-bench.yml");
  });
});
