/**
 * `jit-bench run` with the `variants` setting: measures the variants
 * together (modes/variants/run.ts), prints the answer, and writes the
 * variants file, the comparison JSON beside it and the report.
 */
import { mkdir } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { writeFileAtomic } from "../adapters/files.js";
import { ownershipOf, refuseForeignFiles } from "../adapters/own-files.js";
import type { RunSettings } from "../core/config/settings.js";
import { EXIT_CODES } from "../core/errors.js";
import { markReport } from "../core/own-files.js";
import { escapeLogText } from "../core/render/escape.js";
import { renderVariantsMarkdown } from "../core/render/variants.js";
import { renderVariantsText } from "../core/render/variants-text.js";
import { compareRun } from "../modes/variants/comparison.js";
import { runVariants } from "../modes/variants/run.js";
import { reportTargets } from "./docs-files.js";

export async function runVariantsCommand(
  settings: RunSettings,
  signal: AbortSignal,
): Promise<void> {
  await refuseForeignFiles(
    reportTargets(settings).filter((t) => t.kind === "report"),
    ownershipOf(settings),
  );
  const outcome = await runVariants(settings, {
    now: () => new Date(),
    log: (line) => say(line),
    warn: (line) => say(`warning: ${line}`),
    signal,
  });
  const { comparison, path: comparisonPath } = await compareRun(outcome.file, outcome.path);
  const shown = (path: string) => relative(process.cwd(), path) || path;
  process.stdout.write(`\n${renderVariantsText(comparison, outcome.file)}\n\n`);
  process.stderr.write(`Results: ${shown(outcome.path)}\n`);
  process.stderr.write(`JSON:    ${shown(comparisonPath)}\n`);
  if (settings.report) {
    await mkdir(dirname(settings.report), { recursive: true });
    await writeFileAtomic(
      settings.report,
      markReport(renderVariantsMarkdown(comparison, outcome.file)),
    );
    process.stderr.write(`Report:  ${shown(settings.report)}\n`);
  }
  const failed = outcome.file.benchmarks.filter((b) => b.status === "failed");
  if (failed.length > 0 && !settings.allowFailures && process.exitCode === undefined) {
    say(
      `error: ${failed.length} benchmark${failed.length === 1 ? "" : "s"} failed (${failed
        .slice(0, 3)
        .map((b) => b.name)
        .join(", ")}); pass --allow-failures (or allow-failures: true) to let the run pass.`,
    );
    process.exitCode = EXIT_CODES.broken;
  }
}

function say(line: string): void {
  process.stderr.write(`${escapeLogText(line)}\n`);
}
