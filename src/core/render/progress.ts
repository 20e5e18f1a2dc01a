/** The lines `jit-bench run` prints as it goes: one per leg probed, one per benchmark finished. */
import type { BenchmarkResult, JitState, Leg } from "../results.js";
import { formatTime } from "./units.js";

export function jitLine(leg: Leg, jit: JitState, version: string): string {
  const compiled = jit.compiled ? "yes" : "no";
  const enabled = jit.enabled ? "yes" : "no";
  return `JIT-${leg} leg: Python ${version}, JIT compiled in: ${compiled}, enabled: ${enabled}. ${jit.detail}`;
}

export function benchmarkLine(
  position: number,
  total: number,
  name: string,
  perLeg: Record<Leg, BenchmarkResult | undefined>,
): string {
  const head = `[${String(position).padStart(String(total).length)}/${total}] ${name}`;
  const parts: string[] = [];
  for (const leg of ["off", "on"] as const) {
    const result = perLeg[leg];
    if (!result) continue;
    if (result.status !== "ok") {
      return `${head}  ${result.status.toUpperCase()}: ${result.reason ?? "no reason given"}`;
    }
    const median = result.summary?.median_ms;
    const rme = result.stats?.rme;
    const spread = rme === undefined ? "" : ` ±${rme.toFixed(1)}%`;
    parts.push(`JIT-${leg} ${median === undefined ? "n/a" : formatTime(median)}${spread}`);
  }
  return `${head}  ${parts.join("  ")}`;
}
