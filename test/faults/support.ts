/**
 * Shared by the fault suite: processes found by what their command line
 * holds (every worker's request names its project root, so a unique root
 * finds a run's workers), and temporary folders that are always removed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eventually, pidGone } from "../harness/support.js";

export { eventually, pidGone };

/** Live (not zombie) processes whose command line contains `text`. */
export function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
    } catch {
      continue;
    }
    if (cmdline.includes(text) && !pidGone(Number(entry))) found.push(Number(entry));
  }
  return found;
}

/** A new folder under the system temp dir; `cleanup` removes it and all in it. */
export async function scratchDir(
  prefix: string,
): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/**
 * Runs `work` while sampling this process's resident memory, and returns how
 * far above its starting point it went: what `work` held at once, at most.
 */
export async function rssGrowthDuring<T>(
  work: () => Promise<T>,
): Promise<{ result: T; growth: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 5);
  try {
    const result = await work();
    sample();
    return { result, growth: peak - start };
  } finally {
    clearInterval(timer);
  }
}
