/** What the figures were measured on: they mean little without it. */
import { execFileSync } from "node:child_process";
import { cpus, loadavg, release, totalmem } from "node:os";

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly kernel: string;
  readonly node: string;
  /** Load averages (1, 5, 15 minutes) when the run started. */
  readonly load: readonly number[];
}

export function describeMachine(): Machine {
  const all = cpus();
  return {
    cpu: all[0]?.model.trim() ?? "unknown",
    cores: all.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    load: loadavg().map((l) => Number(l.toFixed(2))),
  };
}

/** "Python 3.13.0", as the interpreter says it. */
export function pythonVersion(python: string): string {
  try {
    return execFileSync(python, ["--version"], { encoding: "utf8" }).trim();
  } catch {
    return "unavailable";
  }
}
