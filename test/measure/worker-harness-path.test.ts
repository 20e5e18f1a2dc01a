import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findHarness, harnessCandidates, harnessDir } from "../../src/adapters/install-paths.js";
import { HARNESS } from "../harness/support.js";

/** A file system that holds exactly these files. */
const only =
  (...files: string[]) =>
  (path: string) =>
    files.includes(path);

describe("the harness folder", () => {
  it("is src/harness when running from the sources", () => {
    expect(harnessDir()).toBe(HARNESS);
    expect(existsSync(join(harnessDir(), "__main__.py"))).toBe(true);
  });

  it("is dist/harness beside the action bundle (dist/index.js)", () => {
    expect(findHarness("/action/dist", only("/action/dist/harness/__main__.py"))).toBe(
      "/action/dist/harness",
    );
  });

  it("is dist/harness above the CLI bundle (dist/cli/index.js)", () => {
    expect(findHarness("/pkg/dist/cli", only("/pkg/dist/harness/__main__.py"))).toBe(
      "/pkg/dist/harness",
    );
  });

  it("prefers the module's own folder over its parent", () => {
    const both = only("/a/b/harness/__main__.py", "/a/harness/__main__.py");
    expect(harnessCandidates("/a/b")).toEqual(["/a/b/harness", "/a/harness"]);
    expect(findHarness("/a/b", both)).toBe("/a/b/harness");
  });

  it("is not found where no candidate holds __main__.py", () => {
    expect(findHarness("/nowhere/dist", only("/nowhere/dist/harness/other.py"))).toBeNull();
  });
});
