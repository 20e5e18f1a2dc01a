import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileJobSummary, jobSummaryFromEnv } from "../../src/adapters/job-summary.js";
import { JOB_SUMMARY_LIMIT_BYTES } from "../../src/core/render/limits.js";

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "jit-bench-summary-"));
  path = join(dir, "step_summary");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("job summary", () => {
  it("appends markdown, ending each write with a newline", async () => {
    const summary = new FileJobSummary(path);
    await summary.write("# One");
    await summary.write("two\n");
    expect(await readFile(path, "utf8")).toBe("# One\ntwo\n");
  });

  it("cuts a report over 1 MiB at a line break, with a note", async () => {
    const row = `| bench_${"x".repeat(80)} | 1.23 ms | 1.01× |\n`;
    const report = `# Report\n\n${row.repeat(Math.ceil((JOB_SUMMARY_LIMIT_BYTES * 1.5) / row.length))}`;
    await new FileJobSummary(path).write(report);
    const written = await readFile(path, "utf8");
    expect((await stat(path)).size).toBeLessThanOrEqual(JOB_SUMMARY_LIMIT_BYTES);
    expect((await stat(path)).size).toBeGreaterThan(JOB_SUMMARY_LIMIT_BYTES - 2 * row.length - 400);
    const [kept, noteText] = written.split("\n\n> [!NOTE]\n");
    expect(kept?.endsWith(row)).toBe(true);
    const omitted = Number(/\((\d+) bytes\)/.exec(noteText ?? "")?.[1]);
    expect(omitted).toBe(Buffer.byteLength(report) - Buffer.byteLength(kept ?? ""));
  });

  it("counts what earlier steps wrote against the limit", async () => {
    await writeFile(path, "e".repeat(3_000));
    await new FileJobSummary(path, { limitBytes: 5_000 }).write("ü".repeat(2_000));
    const written = await readFile(path, "utf8");
    expect(Buffer.byteLength(written)).toBeLessThanOrEqual(5_000);
    expect(written.startsWith("e".repeat(3_000))).toBe(true);
    expect(written).toContain("was left out");
    expect(written).not.toContain("\ufffd");
  });

  it("adds nothing when the summary is already full", async () => {
    await writeFile(path, "e".repeat(4_990));
    await new FileJobSummary(path, { limitBytes: 5_000 }).write("x".repeat(100));
    expect((await stat(path)).size).toBe(4_990);
  });

  it("exists only where GitHub names a summary file", async () => {
    expect(jobSummaryFromEnv({})).toBeNull();
    await jobSummaryFromEnv({ GITHUB_STEP_SUMMARY: path })?.write("hi");
    expect(await readFile(path, "utf8")).toBe("hi\n");
  });
});
