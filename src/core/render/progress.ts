/** The lines `jit-bench run` prints as it goes: one per leg probed, one per benchmark finished. */

import { pairable } from "../compare/pairs.js";
import { measureRow, usableProcesses } from "../compare/rows.js";
import type { BenchmarkResult, JitState, Leg } from "../results.js";
import { median } from "../stats/median.js";
import { isNonEmpty } from "../stats/types.js";
import { formatDuration, formatSpeedup } from "./format.js";

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
  for (const leg of LEGS) {
    const result = perLeg[leg];
    if (result && result.status !== "ok") {
      return `${head}  ${result.status.toUpperCase()}: ${result.reason ?? "no reason given"}`;
    }
  }
  // The times the report's table will show: the no-JIT median of per-process
  // medians and, with both legs, that divided by the speedup.
  const { off, on } = perLeg;
  const row =
    off && on
      ? measureRow(
          name,
          off,
          on,
          { baseline: "JIT-off", candidate: "JIT-on" },
          0.95,
          pairable(off, on),
        ).row
      : null;
  const parts: string[] = [];
  for (const leg of LEGS) {
    const result = perLeg[leg];
    if (!result) continue;
    const ns =
      row && row.speedup !== null
        ? leg === "off"
          ? row.baselineNs
          : row.candidateNs
        : medianOfMedians(result);
    const rme = result.stats?.rme;
    const spread = rme === undefined ? "" : ` ±${rme.toFixed(1)}%`;
    parts.push(`JIT-${leg} ${formatDuration(ns)}${spread}`);
  }
  if (row && row.speedup !== null) parts.push(`speedup ${formatSpeedup(row.speedup)}`);
  return `${head}  ${parts.join("  ")}`;
}

const LEGS = ["off", "on"] as const;

function medianOfMedians(result: BenchmarkResult): number | null {
  const medians = usableProcesses(result.processes).map((p) => p.medianNs);
  return isNonEmpty(medians) ? median(medians) : null;
}
