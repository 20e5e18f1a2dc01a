/**
 * Benchmarks that failed: raised, could not be imported, crashed or timed
 * out. Each one silently shrinks the suite a verdict rests on, so a failure
 * fails the command (EXIT_CODES.broken) and the action's compare step unless
 * the user allowed failures. A benchmark that skipped itself (unittest.SkipTest)
 * chose not to run here and is no failure; neither is a row with nothing to
 * compare that no side failed (a clock too coarse, a stopped run).
 */
import { LEG_LABELS } from "./compare/legs.js";
import type { Comparison } from "./compare/types.js";
import { EXIT_CODES } from "./errors.js";
import { LEGS, type ResultsFile, type SettingsRecord } from "./results.js";
import type { VariantsFile } from "./variants/results.js";

export interface FailedBenchmark {
  readonly name: string;
  /** Why, as the results file or the comparison's row says it. */
  readonly reason: string;
}

/** A run's failed benchmarks, once each: a benchmark that failed in both legs says why per leg only when the legs differ. */
export function failedInResults(results: ResultsFile): FailedBenchmark[] {
  const reasons = new Map<string, { leg: string; reason: string }[]>();
  for (const leg of LEGS) {
    for (const bench of results.legs[leg]?.benchmarks ?? []) {
      if (bench.status !== "failed") continue;
      const list = reasons.get(bench.name) ?? [];
      list.push({ leg: LEG_LABELS[leg], reason: bench.reason ?? "no reason given" });
      reasons.set(bench.name, list);
    }
  }
  return [...reasons].map(([name, list]) => {
    const same = list.every((entry) => entry.reason === list[0]?.reason);
    const reason =
      same && list.length > 1
        ? (list[0]?.reason ?? "")
        : list.map((entry) => `${entry.leg}: ${entry.reason}`).join("; ");
    return { name, reason };
  });
}

/** A variants run's failed benchmarks, each with the variant whose worker failed. */
export function failedInVariants(file: VariantsFile): FailedBenchmark[] {
  return file.benchmarks
    .filter((bench) => bench.status === "failed")
    .map((bench) => {
      const variant = bench.failedVariant === null ? undefined : file.variants[bench.failedVariant];
      const reason = bench.reason ?? "no reason given";
      return { name: bench.name, reason: variant ? `${variant.name}: ${reason}` : reason };
    });
}

/** The failed rows of a comparison (which already name the side that failed). */
export function failedInComparison(comparison: Comparison): FailedBenchmark[] {
  return comparison.rows
    .filter((row) => row.class === "failed" && !row.skipped && !row.unmeasured)
    .map((row) => ({ name: row.name, reason: row.note ?? "failed" }));
}

/** Whether every run behind a comparison allowed failures when it measured (absent: it did not). */
export function allowedByRuns(settings: readonly (SettingsRecord | null)[]): boolean {
  return settings.length > 0 && settings.every((s) => s?.allowFailures === true);
}

/** EXIT_CODES.broken when a benchmark failed and failures were not allowed; else the verdict's code. */
export function exitCodeWithFailures(
  verdictCode: number,
  failed: readonly FailedBenchmark[],
  allowed: boolean,
): number {
  return failed.length > 0 && !allowed ? EXIT_CODES.broken : verdictCode;
}

/** Names shown in one message before "and N more". */
const MESSAGE_NAMES = 10;
/** Characters of each reason in the message; the report has the whole of it. */
const MESSAGE_REASON_CHARS = 160;

/**
 * One paragraph for a log line or a failed step: which benchmarks failed and
 * why (cut short), and how to let the run pass anyway, as `allowWith` names
 * the setting (`--allow-failures`, `allow-failures: true`). Outside text: the
 * caller escapes it for its sink.
 */
export function failuresMessage(failed: readonly FailedBenchmark[], allowWith: string): string {
  const shown = failed.slice(0, MESSAGE_NAMES).map((f) => `${flat(f.name)} (${cut(f.reason)})`);
  const more = failed.length - shown.length;
  const list = more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
  const count = `${failed.length} benchmark${failed.length === 1 ? "" : "s"}`;
  return (
    `${count} failed, so the suite measured is smaller than the suite written: ${list}. ` +
    `Fix ${failed.length === 1 ? "it" : "them"} (the report has each reason in full), or set ${allowWith} to report failures without failing.`
  );
}

/** One line, whatever the text held. */
function flat(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function cut(text: string): string {
  const line = flat(text);
  return line.length > MESSAGE_REASON_CHARS ? `${line.slice(0, MESSAGE_REASON_CHARS - 1)}…` : line;
}
