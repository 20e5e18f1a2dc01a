/** Imports in src/ run downhill: every file keeps the rule, and the check itself catches a break of it. */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { layerOf, layerViolations } from "./layer-rules.js";

const SRC = resolve("src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // The harness is Python: it imports nothing of ours.
    if (entry.isDirectory()) return path === join(SRC, "harness") ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("imports in src run downhill", () => {
  const files = sourceFiles(SRC);

  it("has files to check", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(files.map((file) => [file.slice(SRC.length + 1), file]))("%s", (_name, file) => {
    expect(layerViolations(file, readFileSync(file, "utf8"), SRC)).toEqual([]);
  });
});

describe("the layer check", () => {
  it("places the entries and the layers, and nothing else", () => {
    expect(layerOf(join(SRC, "index.ts"), SRC)).toBe("entries");
    expect(layerOf(join(SRC, "cli", "main.ts"), SRC)).toBe("entries");
    expect(layerOf(join(SRC, "modes", "run", "suite.ts"), SRC)).toBe("modes");
    expect(layerOf(join(SRC, "measure", "worker", "calls.js"), SRC)).toBe("measure");
    expect(layerOf(join(SRC, "adapters", "files.ts"), SRC)).toBe("adapters");
    expect(layerOf(join(SRC, "core", "stats", "bootstrap.ts"), SRC)).toBe("core");
    expect(layerOf(join(SRC, "version.ts"), SRC)).toBeNull();
    expect(layerOf(join(SRC, "extra.ts"), SRC)).toBeNull();
  });

  it("catches an adapter that imports measure/, a type import too", () => {
    const file = join(SRC, "adapters", "example.ts");
    const source = [
      'import type { WorkerOptions } from "../measure/worker/calls.js";',
      'import { runSuite } from "../modes/run/suite.js";',
      'export { main } from "../cli/main.js";',
      'const later = import("../measure/profile.js");',
    ].join("\n");
    expect(layerViolations(file, source, SRC)).toEqual([
      "imports ../measure/worker/calls.js: adapters may not import measure, which is above it",
      "imports ../modes/run/suite.js: adapters may not import modes, which is above it",
      "imports ../cli/main.js: adapters may not import entries, which is above it",
      "imports ../measure/profile.js: adapters may not import measure, which is above it",
    ]);
  });

  it("catches the core reaching up, and a file or import in no layer", () => {
    const core = join(SRC, "core", "compare", "example.ts");
    expect(layerViolations(core, 'import { x } from "../../adapters/files.js";', SRC)).toEqual([
      "imports ../../adapters/files.js: core may not import adapters, which is above it",
    ]);
    expect(layerViolations(core, 'import "../../extra.js";', SRC)).toEqual([
      "imports ../../extra.js, which is in no layer",
    ]);
    expect(layerViolations(join(SRC, "extra.ts"), "", SRC)).toEqual([
      "is in no layer; place it in entries, modes, measure, adapters, core",
    ]);
  });

  it("lets a layer import itself and every layer below, and packages pass", () => {
    const file = join(SRC, "modes", "run", "example.ts");
    const source = [
      'import { ensureWritableDir } from "../../adapters/files.js";',
      'import type { RunSettings } from "../../core/config/settings.js";',
      'import { measureBenchmark } from "../../measure/fixed-sampler.js";',
      'import { orderedLines } from "./ordered-lines.js";',
      'import { RunRecord } from "./record.js";',
      'import { TOOL_VERSION } from "../../core/version.js";',
      'import * as core from "@actions/core";',
    ].join("\n");
    expect(layerViolations(file, source, SRC)).toEqual([]);
  });
});
