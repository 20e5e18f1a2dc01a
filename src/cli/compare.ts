/**
 * `jit-bench compare BASELINE [CANDIDATE]`: flags in, report out. The work is
 * in modes/compare.ts; this file parses flags and writes the result.
 */
import { Command, Option } from "commander";
import { writeFileAtomic } from "../adapters/files.js";
import { writePyperfLegs } from "../adapters/pyperf-files.js";
import { opensAsVariantsFile, readVariantsFile } from "../adapters/variants-files.js";
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from "../core/compare/compare.js";
import { parsePercent } from "../core/compare/policy.js";
import { EXIT_CODES, InputError } from "../core/errors.js";
import { failuresMessage } from "../core/failures.js";
import { escapeLogText } from "../core/render/escape.js";
import { VERDICT_TITLES } from "../core/render/headline.js";
import { renderVariantsMarkdown } from "../core/render/variants.js";
import { renderVariantsJson } from "../core/render/variants-json.js";
import { renderVariantsText } from "../core/render/variants-text.js";
import { TIMERS, type Timer } from "../core/results.js";
import { compareVariants } from "../core/variants/compare.js";
import { DEFAULT_POLICY, type Policy } from "../core/verdict.js";
import { exportPyperf, OUTPUT_FORMATS, runCompare } from "../modes/compare.js";

/** The report formats, and pyperf: both legs as pyperf JSON files, for pyperf's own tools. */
export const COMPARE_FORMATS = [...OUTPUT_FORMATS, "pyperf"] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/** Where the command's output goes; tests pass their own. */
export interface CompareIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly setExitCode: (code: number) => void;
}

const PROCESS_IO: CompareIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

interface Flags {
  readonly format: CompareFormat;
  readonly output?: string;
  readonly threshold: string;
  readonly maxRegression: string;
  readonly maxMemoryGrowth: string;
  readonly failOnRegression?: boolean;
  readonly allowFailures?: boolean;
  readonly strict?: boolean;
  readonly seed: string;
  readonly resamples: string;
  readonly timer?: Timer;
}

const EXIT_CODES_HELP = `
Percentages: "5" and "5%" both mean five percent; a bare fraction such as
"0.05" is refused as ambiguous. The report states the values it used.

Exit codes:
  0  a decision was made: enable, keep-off, inconclusive, not-applicable,
     or regression without --fail-on-regression
  1  tests-fail (a speed-up, but the results' tests fail only with the JIT),
     or regression with --fail-on-regression
  2  bad input: flags, or files that are missing, not JSON, of the wrong
     schema, from the same leg, or without benchmarks in common
  3  a benchmark failed in either leg (raised, could not be imported,
     crashed or timed out), unless --allow-failures or the run that wrote
     the results allowed failures; the report is written first, and 3
     goes before 1
  70 an internal error in jit-bench: please report it`;

export function compareCommand(io: CompareIo = PROCESS_IO): Command {
  return new Command("compare")
    .description(
      "Compare the JIT-off leg (baseline) with the JIT-on leg (candidate) and give a verdict on PYTHON_JIT=1.",
    )
    .argument(
      "<baseline>",
      "results file or folder; alone, it must hold both legs (run --legs both), or be the variants.json of run --variants",
    )
    .argument("[candidate]", "results file or folder with the other leg")
    .addOption(
      new Option(
        "--format <format>",
        "report format; pyperf writes each leg as pyperf JSON into the --output folder",
      )
        .choices(COMPARE_FORMATS)
        .default("text"),
    )
    .option(
      "--output <path>",
      "write the report to this file instead of standard output (a folder with --format pyperf)",
    )
    .option("--threshold <percent>", "enable only if the suite is surely faster than this", "5%")
    .option(
      "--max-regression <percent>",
      "a benchmark (or the suite) whose interval lies wholly past this slowdown is a regression",
      "10%",
    )
    .option(
      "--max-memory-growth <percent>",
      "enable only if peak memory grows less than this",
      "20%",
    )
    .addOption(
      new Option(
        "--timer <clock>",
        "compare on this clock's values (both are recorded since the timer setting); default: the clock the legs were timed with",
      ).choices(TIMERS),
    )
    .option("--fail-on-regression", "exit with code 1 when the verdict is regression")
    .option(
      "--allow-failures",
      "report failed benchmarks without exiting with code 3 (also allowed when the run that wrote the results allowed them)",
    )
    .option("--strict", "refuse legs from different machines, interpreters or loop counts")
    .option("--seed <n>", "seed of the bootstrap, for reproducible intervals", String(DEFAULT_SEED))
    .option(
      "--resamples <n>",
      "bootstrap resamples for the suite interval",
      String(DEFAULT_RESAMPLES),
    )
    .addHelpText("after", EXIT_CODES_HELP)
    .action(async (baseline: string, candidate: string | undefined, flags: Flags) => {
      const format = flags.format;
      // One variants file (jit-bench run --variants) compares its variants, not two legs.
      if (candidate === undefined && (await opensAsVariantsFile(baseline))) {
        if (format === "pyperf") {
          throw new InputError(
            "--format",
            format,
            `cannot export ${baseline}, a variants file: pyperf files hold two legs`,
            "Use --format text, markdown or json for a variants file.",
          );
        }
        const file = await readVariantsFile(baseline);
        const comparison = compareVariants(file, {
          seed: parseInteger("--seed", flags.seed, 0, 2 ** 32 - 1),
          resamples: parseInteger("--resamples", flags.resamples, 100, 1_000_000),
        });
        const output =
          format === "json"
            ? renderVariantsJson(comparison, file)
            : format === "markdown"
              ? renderVariantsMarkdown(comparison, file)
              : `${renderVariantsText(comparison, file)}\n`;
        if (flags.output === undefined) io.stdout(output);
        else {
          await writeFileAtomic(flags.output, output, { input: "--output", createFolder: true });
          io.stderr(`jit-bench: variants compared; report written to ${flags.output}\n`);
        }
        const failed = file.benchmarks.filter((b) => b.status === "failed");
        if (
          failed.length > 0 &&
          flags.allowFailures !== true &&
          file.settings.allowFailures !== true
        ) {
          io.stderr(
            `jit-bench: ${escapeLogText(
              `${failed.length} benchmark${failed.length === 1 ? "" : "s"} failed (${failed
                .map((b) => b.name)
                .slice(0, 3)
                .join(", ")}); pass --allow-failures to let the comparison pass.`,
            )}\n`,
          );
          io.setExitCode(EXIT_CODES.broken);
        }
        return;
      }
      if (format === "pyperf") {
        if (flags.output === undefined) {
          throw new InputError(
            "--output",
            undefined,
            "is needed with --format pyperf, which writes one file per leg",
            "Name a folder, e.g. --output pyperf.",
          );
        }
        const legs = await exportPyperf({ baseline, candidate });
        const written = await writePyperfLegs(flags.output, legs, "--output");
        for (const note of written.notes) io.stderr(`warning: ${note}\n`);
        io.stderr(
          `jit-bench: wrote ${written.paths.join(" and ")}; compare them with: python3 -m pyperf compare_to ${written.paths.join(" ")}\n`,
        );
        return;
      }
      const outcome = await runCompare({
        baseline,
        candidate,
        format,
        policy: policyFromFlags(flags),
        failOnRegression: flags.failOnRegression === true,
        allowFailures: flags.allowFailures === true,
        strict: flags.strict === true ? { input: "--strict" } : undefined,
        seed: parseInteger("--seed", flags.seed, 0, 2 ** 32 - 1),
        resamples: parseInteger("--resamples", flags.resamples, 100, 1_000_000),
        timer: flags.timer === undefined ? undefined : { clock: flags.timer, input: "--timer" },
      });
      if (flags.output === undefined) {
        io.stdout(outcome.output);
      } else {
        await writeFileAtomic(flags.output, outcome.output, {
          input: "--output",
          createFolder: true,
        });
        io.stderr(
          `jit-bench: ${VERDICT_TITLES[outcome.verdict.kind]}; report written to ${flags.output}\n`,
        );
      }
      const { failed, allowed } = outcome.failures;
      if (failed.length > 0 && !allowed) {
        io.stderr(`jit-bench: ${escapeLogText(failuresMessage(failed, "--allow-failures"))}\n`);
      }
      if (outcome.exitCode !== 0) io.setExitCode(outcome.exitCode);
    });
}

export function parseInteger(flag: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(Number.isSafeInteger(value) && value >= min && value <= max)) {
    throw new InputError(
      flag,
      text,
      `must be a whole number from ${min} to ${max}`,
      `Use, e.g., ${flag} ${min}.`,
    );
  }
  return value;
}

/** The policy flags as percentages; a flag left out keeps its default. */
export interface PolicyFlags {
  readonly threshold?: string | undefined;
  readonly maxRegression?: string | undefined;
  readonly maxMemoryGrowth?: string | undefined;
}

export function policyFromFlags(flags: PolicyFlags): Policy {
  return {
    threshold:
      flags.threshold === undefined
        ? DEFAULT_POLICY.threshold
        : parsePercent("--threshold", flags.threshold),
    maxRegression:
      flags.maxRegression === undefined
        ? DEFAULT_POLICY.maxRegression
        : parsePercent("--max-regression", flags.maxRegression),
    maxMemoryGrowth:
      flags.maxMemoryGrowth === undefined
        ? DEFAULT_POLICY.maxMemoryGrowth
        : parsePercent("--max-memory-growth", flags.maxMemoryGrowth),
  };
}
