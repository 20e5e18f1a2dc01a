import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  fileStem,
  flameGraphFileName,
  writeFlameGraphs,
} from "../../src/adapters/flamegraph-files.js";
import { flameGraphsFor, parseCollapsed } from "../../src/core/flamegraph/index.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "jit-bench-flame-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const off = parseCollapsed("m:bench;m:slow 60\nm:bench;m:fast 40", "off");
const on = parseCollapsed("m:bench;m:slow 30\nm:bench;m:fast 70", "on");

describe("fileStem", () => {
  it("keeps a plain benchmark name as it is", () => {
    expect(fileStem("bench_json_serialization")).toBe("bench_json_serialization");
    expect(flameGraphFileName("bench_x", "diff")).toBe("bench_x.diff.svg");
  });

  it("makes any name safe, and two names that clean up alike stay apart", () => {
    const a = fileStem("tests/a.py::bench_x");
    const b = fileStem("tests/a_py::bench_x");
    for (const stem of [a, b, fileStem("../../etc/passwd"), fileStem("<>|*?"), fileStem("CON")]) {
      expect(stem).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
    }
    expect(a).not.toBe(b);
    expect(fileStem("x".repeat(500)).length).toBeLessThanOrEqual(109);
  });
});

describe("writeFlameGraphs", () => {
  it("writes one SVG per leg and the differential graph, and nothing else", async () => {
    const dir = join(tempDir(), "nested", "graphs");
    const written = await writeFlameGraphs(dir, flameGraphsFor("bench_x", { off, on }));
    expect(written.notes).toEqual([]);
    expect(written.files.map((f) => f.kind)).toEqual(["off", "on", "diff"]);
    expect(readdirSync(dir).sort()).toEqual([
      "bench_x.diff.svg",
      "bench_x.off.svg",
      "bench_x.on.svg",
    ]);
    const diff = readFileSync(join(dir, "bench_x.diff.svg"), "utf8");
    expect(diff.startsWith("<?xml")).toBe(true);
    expect(diff).toContain("JIT on against JIT off");
  });

  it("writes a name with path characters inside the folder only", async () => {
    const dir = tempDir();
    const written = await writeFlameGraphs(dir, flameGraphsFor("../../escape/bench", { on }));
    expect(written.files).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([flameGraphFileName("../../escape/bench", "on")]);
  });

  it("returns a note and writes no file for a profile too short to draw", async () => {
    const dir = tempDir();
    const short = parseCollapsed("m:bench 4", "on");
    const graphs = flameGraphsFor("bench_short", { off, on: short });
    const written = await writeFlameGraphs(dir, graphs);
    expect(readdirSync(dir)).toEqual(["bench_short.off.svg"]);
    expect(written.notes).toHaveLength(2);
    expect(written.notes[0]).toContain("bench_short: JIT on (PYTHON_JIT=1): only 4 stack samples");
    expect(graphs.grew).toEqual([]);
  });

  it("replaces an older graph whole", async () => {
    const dir = tempDir();
    await writeFlameGraphs(dir, flameGraphsFor("bench_x", { on: off }));
    await writeFlameGraphs(dir, flameGraphsFor("bench_x", { on }));
    expect(readdirSync(dir)).toEqual(["bench_x.on.svg"]);
    expect(readFileSync(join(dir, "bench_x.on.svg"), "utf8")).toContain("m:fast: 70 samples");
  });
});

describe("flameGraphsFor", () => {
  it("names the frames that grew under the JIT when both legs were profiled", () => {
    expect(flameGraphsFor("bench_x", { off, on }).grew.map((c) => c.frame)).toEqual(["m:fast"]);
    expect(flameGraphsFor("bench_x", { on }).grew).toEqual([]);
  });
});
