/**
 * Faults around `jit-bench run` itself, through the bundled CLI as users run
 * it: a signal halfway through, a full disk and a read-only output folder.
 * Results files are written whole or not at all (a temporary file, then a
 * rename), so a file from an earlier run is never damaged.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseResultsFile } from "../../src/core/results.js";
import { CLI, runCli } from "../cli/support.js";
import { eventually, processesMentioning, scratchDir } from "./support.js";

/** Each benchmark takes a few hundred milliseconds over its processes: slow enough to interrupt. */
const SLOW_SUITE = ["bench_first", "bench_second", "bench_third", "bench_fourth"]
  .map((name) => `import time\n\n\ndef ${name}():\n    time.sleep(0.002)\n`)
  .join("\n\n");
const FAST = ["--processes", "2", "--values", "2", "--warmups", "0", "--min-time", "30ms"];

let dir: Awaited<ReturnType<typeof scratchDir>>;
const mounts: string[] = [];

beforeAll(async () => {
  dir = await scratchDir("jit-bench-faults-cli-");
  mkdirSync(join(dir.path, "suite"));
  writeFileSync(join(dir.path, "suite", "bench_slow.py"), SLOW_SUITE);
});

afterAll(async () => {
  for (const mount of mounts.splice(0)) execFileSync("umount", [mount]);
  await dir?.cleanup();
});

/** A small tmpfs of its own, unmounted after the file's tests. */
function tmpfs(name: string, sizeKb: number): string {
  const path = join(dir.path, name);
  mkdirSync(path);
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKb}k`, "tmpfs", path]);
  mounts.push(path);
  return path;
}

/** Starts `jit-bench run` and sends `signal` once the first benchmark is done. */
function runAndInterrupt(
  signal: "SIGTERM" | "SIGINT",
  out: string,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [CLI, "run", "suite", "--root", dir.path, "--output-dir", out, ...FAST],
      { cwd: dir.path, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    let sent = false;
    child.stdout.resume();
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && /\[1\/4\]/.test(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on("error", fail);
    child.on("close", (code) => done({ code, stderr }));
  });
}

describe("jit-bench run stopped by a signal halfway", () => {
  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)(
    "on %s ends its workers, keeps a valid partial results file and exits %i",
    async (signal, exitCode) => {
      const out = join(dir.path, `out-${signal}`);
      const { code, stderr } = await runAndInterrupt(signal, out);
      expect(code, stderr).toBe(exitCode);
      expect(stderr).toContain(`${signal}: stopping; the results measured so far are kept.`);
      const results = parseResultsFile(
        JSON.parse(readFileSync(join(out, "results.json"), "utf8")),
        "results.json",
      );
      expect(results.partial).toBe(true);
      expect(results.partialReason).toContain(signal);
      const names = results.legs.off?.benchmarks.map((b) => b.name) ?? [];
      expect(names[0]).toBe("bench_first");
      expect(names.length).toBeLessThan(4);
      expect(results.legs.off?.benchmarks[0]?.status).toBe("ok");
      // No temporary file beside it, and no worker left behind.
      expect(readdirSync(out)).toEqual(["results.json"]);
      expect(await eventually(() => processesMentioning(dir.path).length === 0)).toBe(true);
    },
  );
});

describe("jit-bench run with an output folder it cannot write", () => {
  const EARLIER = '{"an earlier run": true}\n';

  it("on a full disk fails with one clear line and leaves the earlier results file intact", async () => {
    const out = tmpfs("full", 64);
    writeFileSync(join(out, "results.json"), EARLIER);
    // Fill the rest of the file system, so that the new results cannot fit.
    const filler = Buffer.alloc(4096, 120);
    for (let i = 0; i < 64; i++) {
      try {
        writeFileSync(join(out, "filler"), filler, { flag: "a" });
      } catch {
        break;
      }
    }
    const result = await runCli([
      "run",
      "suite",
      "--root",
      dir.path,
      "--output-dir",
      out,
      ...FAST,
      "--legs",
      "off",
    ]);
    expect(result.code, result.stderr).toBe(2);
    const last = result.stderr.trimEnd().split("\n").at(-1) ?? "";
    expect(last).toMatch(
      /^jit-bench: output file: cannot be written: no space is left on the device \(ENOSPC\); any earlier file at that path is unchanged \(got ".*results-off\.json"\)\. Free some space/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(out, "results.json"), "utf8")).toBe(EARLIER);
    expect(readdirSync(out).sort()).toEqual(["filler", "results.json"]);
  });

  it("on a read-only folder refuses before measuring anything, and leaves the earlier file intact", async () => {
    const out = tmpfs("read-only", 64);
    writeFileSync(join(out, "results-off.json"), EARLIER);
    execFileSync("mount", ["-o", "remount,ro", out]);
    const result = await runCli([
      "run",
      "suite",
      "--root",
      dir.path,
      "--output-dir",
      out,
      ...FAST,
      "--legs",
      "off",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      `jit-bench: --output-dir: cannot be written (EROFS) (got ${JSON.stringify(out)}). Pass a folder you can write to, or create it with the right permissions first.`,
    ]);
    expect(readFileSync(join(out, "results-off.json"), "utf8")).toBe(EARLIER);
    expect(readdirSync(out)).toEqual(["results-off.json"]);
  });
});
