/**
 * The variants file, schema `jit-bench/variants@1`: what a run with the
 * `variants` setting measured, every raw value kept so that it can be
 * compared again. docs/variants.md describes it.
 *
 * A variant is an interpreter command plus environment ("3.13", "3.14 + JIT").
 * Each benchmark is measured in sets: one live worker process per variant,
 * all pinned to one CPU, asked for values in a rotating order
 * (measure/variant-sets.ts). Value k of every variant in a set was taken in
 * the same round, next to the others, so their ratios share the machine's
 * state of that moment. Everything indexed by variant is an array in the
 * order of `variants`; the first variant is the baseline.
 *
 * The compare job reads these files from artifacts a fork may have made:
 * every field is bounded here, once, and nothing in it names a path.
 */
import { z } from "zod";
import { JitStateSchema } from "../jit-state.js";
import {
  BENCHMARK_STATUSES,
  EngagementSchema,
  FingerprintSchema,
  InterpreterSchema,
  NanosecondsSchema,
  PEAK_RSS_MAX_KIB,
  TIMERS,
} from "../results.js";

export const VARIANTS_SCHEMA_ID = "jit-bench/variants@1";

/** Two to compare, and more than eight would take a run more than four times as long. */
export const VARIANT_LIMITS = { min: 2, max: 8, nameLength: 40, envEntries: 20 } as const;

/**
 * Letters, digits, spaces and . + - _ ( ): "3.14 + JIT", "3.14t", "pypy (3.10)".
 * The name is shown in every report; nothing else may choose how it renders.
 */
export const VARIANT_NAME = /^[A-Za-z0-9][A-Za-z0-9 .+_()-]*$/;
/** An environment variable name as POSIX shells write it. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const variantName = z
  .string()
  .min(1)
  .max(VARIANT_LIMITS.nameLength)
  .regex(VARIANT_NAME, "must be letters, digits, spaces and . + - _ ( )");

/** Environment as [name, value] pairs: an object keyed by outside names could hold __proto__. */
export const EnvPairsSchema = z
  .array(z.tuple([z.string().max(200).regex(ENV_NAME), z.string().max(4096)]))
  .max(VARIANT_LIMITS.envEntries);

export const VariantRecordSchema = z.object({
  name: variantName,
  /** The interpreter command as given, one argument per item. */
  python: z.array(z.string().max(4096)).min(1).max(100),
  env: EnvPairsSchema,
  /** The container image its workers ran in; null or absent when they ran on the machine itself. */
  image: z.string().max(500).nullable().optional(),
  /** What the interpreter said about itself; null when it could not be asked. */
  interpreter: InterpreterSchema.nullable(),
  /** "3.13.0": from the interpreter's own version. */
  version: z.string().max(100).nullable(),
  /** The JIT as a worker of this variant (its environment applied) reported it before any benchmark. */
  jit: JitStateSchema.nullable(),
});
export type VariantRecord = z.infer<typeof VariantRecordSchema>;

/** One set: a live worker per variant, measured together. */
export const VariantSetSchema = z.object({
  index: z.number().int().nonnegative().max(100_000),
  /** The CPU all its workers were pinned to; null when unpinned. */
  cpu: z.number().int().nonnegative().max(100_000).nullable(),
  /** Why it was not pinned; null when it was. */
  unpinned: z.string().max(500).nullable(),
  /** The variants' order in the set's first round (indexes into `variants`). */
  order: z.array(
    z
      .number()
      .int()
      .nonnegative()
      .max(VARIANT_LIMITS.max - 1),
  ),
  /** Per variant: its timed values, ns per call; value k of each was taken in round k. */
  values: z.array(z.array(NanosecondsSchema).max(100_000)).max(VARIANT_LIMITS.max),
  /** Per variant: the worker's peak resident memory, KiB; null when unknown. */
  peakRssKb: z.array(z.number().int().nonnegative().max(PEAK_RSS_MAX_KIB).nullable()),
  /** Per variant: where the JIT compiled code, after the values; null when not scanned. */
  engagement: z.array(EngagementSchema.nullable()),
  /** Per variant: the JIT as the worker saw it after the values. */
  jit: z.array(JitStateSchema.nullable()),
});
export type VariantSet = z.infer<typeof VariantSetSchema>;

export const VariantBenchmarkSchema = z.object({
  name: z.string().min(1).max(500),
  file: z.string().max(4096),
  status: z.enum(BENCHMARK_STATUSES),
  reason: z.string().max(5000).nullable(),
  /** The variant whose worker failed or skipped, when one did. */
  failedVariant: z
    .number()
    .int()
    .nonnegative()
    .max(VARIANT_LIMITS.max - 1)
    .nullable(),
  /** Inner loop count per value, the same for every variant (calibrated on the baseline). */
  loops: z.number().int().positive().nullable(),
  sets: z.array(VariantSetSchema).max(10_000),
  /** Why sampling stopped: "precise", "noisy", "budget", or "fixed" (a set count). */
  stop: z.enum(["precise", "noisy", "budget", "fixed", "failed", "skipped"]),
});
export type VariantBenchmark = z.infer<typeof VariantBenchmarkSchema>;

export const VariantsFileSchema = z
  .object({
    schema: z.literal(VARIANTS_SCHEMA_ID),
    tool: z.object({ name: z.literal("jit-bench"), version: z.string().max(100) }),
    createdAt: z.string().max(100),
    partial: z.boolean(),
    partialReason: z.string().max(2000).nullable(),
    settings: z.object({
      timer: z.enum(TIMERS),
      warmups: z.number().int().nonnegative().max(100_000),
      /** A count, or "auto": as many as filled a time per worker (core/schedule.ts). */
      values: z.union([z.number().int().positive().max(100_000), z.literal("auto")]),
      minTimeMs: z.number().positive().max(86_400_000),
      /** Sets per benchmark without precision; the minimum with it. */
      sets: z.number().int().min(2).max(10_000),
      precision: z.number().positive().max(1).nullable(),
      budgetMs: z.number().positive().nullable(),
      /** The run allowed failed benchmarks (`allow-failures`): compare then reports them without failing. */
      allowFailures: z.boolean().optional(),
    }),
    fingerprint: FingerprintSchema,
    variants: z.array(VariantRecordSchema).min(VARIANT_LIMITS.min).max(VARIANT_LIMITS.max),
    benchmarks: z.array(VariantBenchmarkSchema).max(100_000),
  })
  .superRefine((file, ctx) => {
    const n = file.variants.length;
    const names = new Set<string>();
    for (const [i, v] of file.variants.entries()) {
      if (names.has(v.name)) {
        ctx.addIssue({ code: "custom", message: "names must differ", path: ["variants", i] });
      }
      names.add(v.name);
    }
    for (const [b, bench] of file.benchmarks.entries()) {
      if (bench.failedVariant !== null && bench.failedVariant >= n) {
        ctx.addIssue({ code: "custom", message: "no such variant", path: ["benchmarks", b] });
      }
      for (const [s, set] of bench.sets.entries()) {
        const lengths = [set.values, set.peakRssKb, set.engagement, set.jit].map((a) => a.length);
        const orderOk =
          set.order.length === n && new Set(set.order).size === n && set.order.every((i) => i < n);
        // Value k of every variant was taken in round k: every variant has as many.
        const rounds = new Set(set.values.map((v) => v.length)).size <= 1;
        if (lengths.some((length) => length !== n) || !orderOk || !rounds) {
          ctx.addIssue({
            code: "custom",
            message: `each set holds one entry per variant (${n}), and as many values for each`,
            path: ["benchmarks", b, "sets", s],
          });
        }
      }
    }
  });
export type VariantsFile = z.infer<typeof VariantsFileSchema>;
