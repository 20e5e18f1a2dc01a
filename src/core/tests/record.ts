/**
 * The `tests` section of a results file: what the team's own tests did with
 * the JIT off and on (docs/tests.md). The run job writes it beside the
 * benchmarks; the compare job reads it into the verdict. Old files have no
 * such section and stay valid.
 */
import { z } from "zod";
import { JitStateSchema } from "../jit-state.js";

/** The legs of core/results.ts (LEGS), spelt here so that the two schemas need not import each other. */
const LEGS = ["off", "on"] as const;

/** How one run of the test command ended. */
export const RUN_OUTCOMES = ["passed", "failed", "crashed", "hung"] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

/**
 * The `tests-with-jit` output: failed when a test fails, crashes or hangs
 * only with the JIT; not-run when no tests ran, or the JIT could not be on.
 */
export const TESTS_STATUSES = ["passed", "failed", "not-run"] as const;
export type TestsStatus = (typeof TESTS_STATUSES)[number];

/**
 * What a test that did not always pass is:
 * - jit-failure: failed in every run with the JIT and in none without it, reruns included;
 * - flaky: failed in some runs and passed in others (or was not rerun);
 * - fails-without-jit: failed in every run without the JIT (not the JIT's doing).
 */
export const FINDING_KINDS = ["jit-failure", "flaky", "fails-without-jit"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** Per test from JUnit XML, or only the whole command's exit status without it. */
export const COMPARED_BY = ["per-test", "whole-run"] as const;
export type ComparedBy = (typeof COMPARED_BY)[number];

/** The name a finding carries when no test could be named: the whole command. */
export const WHOLE_RUN = "(the whole test command)";

const count = z.number().int().nonnegative().max(10_000_000);

export const TestsRunRecordSchema = z.object({
  leg: z.enum(LEGS),
  /** 1 for the first run of the leg; reruns count on. */
  attempt: z.number().int().positive().max(100),
  outcome: z.enum(RUN_OUTCOMES),
  exitCode: z.number().int().nullable(),
  signal: z.string().max(20).nullable(),
  durationMs: z.number().finite().nonnegative(),
  /** Test cases the run's JUnit XML held, and how many of them failed; null without one. */
  tests: count.nullable(),
  failed: count.nullable(),
});
export type TestsRunRecord = z.infer<typeof TestsRunRecordSchema>;

const legRuns = z.object({ failed: count, runs: count });

export const TestFindingSchema = z.object({
  /** The test's id (`classname::name` from JUnit XML), or WHOLE_RUN. */
  test: z.string().min(1).max(1000),
  kind: z.enum(FINDING_KINDS),
  /** The worst way it ended in the runs that count for its kind. */
  outcome: z.enum(["failed", "crashed", "hung"]),
  withJit: legRuns,
  withoutJit: legRuns,
  /** The first lines of its failure, crash traceback or hang traceback. */
  detail: z.string().max(4000),
});
export type TestFinding = z.infer<typeof TestFindingSchema>;

export const TestsRecordSchema = z.object({
  /** The command as the settings gave it. */
  command: z.string().max(4096),
  status: z.enum(TESTS_STATUSES),
  /** Why the status is not-run, in words; null otherwise. */
  reason: z.string().max(2000).nullable(),
  comparedBy: z.enum(COMPARED_BY),
  /** The JIT leg's interpreter, as the probe found it before the tests ran. */
  jit: JitStateSchema.nullable(),
  /** Per test only: every test seen, those that passed every run of both legs, those always skipped. */
  counts: z.object({ tests: count, passedBoth: count, skipped: count }).nullable(),
  runs: z.array(TestsRunRecordSchema).max(200),
  findings: z.array(TestFindingSchema).max(1000),
  /** What the runs left behind: processes still alive, files written into the copy. */
  leftBehind: z.array(z.string().max(2000)).max(100),
});
export type TestsRecord = z.infer<typeof TestsRecordSchema>;
