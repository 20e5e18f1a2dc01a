/**
 * The `variants` setting: a named list of interpreters to measure together,
 * each a command plus environment. The first is the baseline every other is
 * compared with. Files may spell a variant as an object, or as one line in
 * shell order, the form flags and action inputs use:
 *
 *   3.13: python3.13
 *   3.14 + JIT: PYTHON_JIT=1 python3.14
 *
 * Words of the form NAME=value before the command are its environment.
 */
import { z } from "zod";
import { ENV_NAME, VARIANT_LIMITS, VARIANT_NAME } from "./results.js";

export interface VariantSpec {
  readonly name: string;
  /** The interpreter command, one argument per item. */
  readonly python: readonly string[];
  /** Environment for its workers, in the order given. */
  readonly env: readonly (readonly [string, string])[];
  /**
   * A container image to run the command in: each worker is then a
   * `docker run --network none` of it, as in image mode. Null runs it here.
   */
  readonly image: string | null;
}

/** A Docker image reference: "python:3.14-slim", "ghcr.io/aria/app@sha256:…". */
export const IMAGE_REF = /^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,499}$/;

const NAME_RULE = `1 to ${VARIANT_LIMITS.nameLength} letters, digits, spaces and . + - _ ( ), starting with a letter or digit`;
const LINE_SHAPE = '"NAME: [VAR=value ...] COMMAND", such as "3.14 + JIT: PYTHON_JIT=1 python3.14"';

/** One line, or the reason it is not one. */
export function parseVariantLine(line: string): VariantSpec | string {
  const colon = line.indexOf(":");
  if (colon < 0) return `has no "NAME:" in front; write it as ${LINE_SHAPE}`;
  const name = line.slice(0, colon).trim();
  const words = line
    .slice(colon + 1)
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const env: [string, string][] = [];
  while (words.length > 0) {
    const word = words[0] as string;
    const eq = word.indexOf("=");
    if (eq <= 0 || !ENV_NAME.test(word.slice(0, eq))) break;
    env.push([word.slice(0, eq), word.slice(eq + 1)]);
    words.shift();
  }
  let image: string | null = null;
  if (words[0] === "--image") {
    words.shift();
    image = words.shift() ?? "";
  }
  if (words.length === 0)
    return `names no interpreter command after "${name}:"; write it as ${LINE_SHAPE}`;
  return checked({ name, python: words, env, image });
}

function checked(spec: VariantSpec): VariantSpec | string {
  if (spec.name.length > VARIANT_LIMITS.nameLength || !VARIANT_NAME.test(spec.name)) {
    return `has the name "${spec.name.slice(0, 60)}", which must be ${NAME_RULE}`;
  }
  if (spec.python.length === 0) {
    // A line without a command is refused before this; here it is { python: "  " }.
    return `names no interpreter command for "${spec.name}"; give it one, as in { name: "3.13", python: "python3.13" }`;
  }
  if (spec.env.length > VARIANT_LIMITS.envEntries) {
    return `sets ${spec.env.length} environment variables; at most ${VARIANT_LIMITS.envEntries}`;
  }
  if (spec.image !== null && !IMAGE_REF.test(spec.image)) {
    return `has the image "${spec.image.slice(0, 60)}", which is no image reference; write one such as --image python:3.14-slim`;
  }
  return spec;
}

const objectForm = z.strictObject({
  name: z.string({ error: "must be a name" }),
  image: z.string({ error: "must be an image reference" }).optional(),
  python: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
    error: "must be a command string or a list of arguments",
  }),
  env: z
    .record(
      z.string().regex(ENV_NAME),
      z.union([z.string(), z.number(), z.boolean()], {
        error: "must be a string, a number or true/false",
      }),
      {
        // A bad name would otherwise be reported as a bad value, quoting the value.
        error: (issue) =>
          issue.code === "invalid_key"
            ? `has "${String(issue.input)}", which is no environment variable name (letters, digits and _, not starting with a digit)`
            : "must map variable names to values",
      },
    )
    .optional(),
});

/** The setting's schema: false (or null, or []) for none, else 2 to 8 variants with distinct names. */
export const VariantsSettingSchema = z
  .union([z.literal(false), z.null(), z.array(z.union([z.string(), objectForm]))], {
    error: `must be a list of variants, each ${LINE_SHAPE} or { name, python, env }`,
  })
  .transform((value, ctx): VariantSpec[] => {
    if (value === false || value === null) return [];
    const specs: VariantSpec[] = [];
    for (const [i, item] of value.entries()) {
      const spec =
        typeof item === "string"
          ? parseVariantLine(item)
          : checked({
              name: item.name.trim(),
              python:
                typeof item.python === "string"
                  ? item.python.split(/\s+/).filter(Boolean)
                  : item.python,
              env: Object.entries(item.env ?? {}).map(([k, v]) => [k, String(v)] as const),
              image: item.image ?? null,
            });
      if (typeof spec === "string") {
        ctx.addIssue({ code: "custom", message: `item ${i + 1} ${spec}`, path: [i] });
        return z.NEVER;
      }
      specs.push(spec);
    }
    if (specs.length === 0) return specs;
    if (specs.length < VARIANT_LIMITS.min || specs.length > VARIANT_LIMITS.max) {
      ctx.addIssue({
        code: "custom",
        message: `holds ${specs.length} variant${specs.length === 1 ? "" : "s"}; a comparison needs ${VARIANT_LIMITS.min} to ${VARIANT_LIMITS.max}`,
      });
      return z.NEVER;
    }
    const seen = new Set<string>();
    for (const spec of specs) {
      if (seen.has(spec.name)) {
        ctx.addIssue({
          code: "custom",
          message: `names "${spec.name}" twice; every variant needs a name of its own`,
        });
        return z.NEVER;
      }
      seen.add(spec.name);
    }
    return specs;
  });

/** How a variant is written back in one line, for logs and reports. */
export function variantLine(spec: VariantSpec): string {
  const env = spec.env.map(([k, v]) => `${k}=${v}`);
  const image = spec.image === null ? [] : ["--image", spec.image];
  return `${spec.name}: ${[...env, ...image, ...spec.python].join(" ")}`;
}

/** The value the variant gives PYTHON_JIT, or null when it leaves it unset. */
export function pythonJitOf(env: readonly (readonly [string, string])[]): string | null {
  let value: string | null = null;
  for (const [k, v] of env) if (k === "PYTHON_JIT") value = v;
  return value;
}
