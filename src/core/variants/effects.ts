/**
 * The effects a set of variants separates: where two variants differ in one
 * thing only (the JIT, the version, nothing at all), their comparison is the
 * effect of that thing. compare.ts measures each one.
 */

import type { VariantRecord, VariantsFile } from "./results.js";
import { pythonJitOf } from "./spec.js";
import type { Effect, EffectKind } from "./types.js";

/** What a variant is, for telling two apart: its command, its environment but PYTHON_JIT, and PYTHON_JIT. */
function identity(v: VariantRecord): { build: string; env: string; jit: boolean } {
  const env = v.env
    .filter(([k]) => k !== "PYTHON_JIT")
    .map(([k, value]) => `${k}=${value}`)
    .sort()
    .join(" ");
  const jitValue = pythonJitOf(v.env);
  const jit =
    v.jit !== null ? v.jit.compiled && v.jit.enabled : jitValue !== null && jitValue !== "0";
  const build = v.interpreter?.executable ?? v.python.join(" ");
  return { build: `${build}\u0000${v.python.slice(1).join(" ")}`, env, jit };
}

/**
 * The effects the variants separate. Two variants of one interpreter and
 * environment whose JIT differs give the JIT's effect on that version; the
 * same twice gives an A/A check; a variant without the JIT whose version
 * differs from the baseline's (also without) gives the version's effect.
 */
export function findEffects(file: VariantsFile): Omit<Effect, "result">[] {
  const ids = file.variants.map(identity);
  const effects: Omit<Effect, "result">[] = [];
  const names = file.variants.map((v) => v.name);
  for (let to = 1; to < ids.length; to++) {
    const t = ids[to] as ReturnType<typeof identity>;
    for (let from = 0; from < to; from++) {
      const f = ids[from] as ReturnType<typeof identity>;
      if (f.build !== t.build || f.env !== t.env) continue;
      if (f.jit === t.jit) {
        effects.push({
          kind: "same",
          from,
          to,
          label: `${names[to]} against ${names[from]} (A/A: the same interpreter twice)`,
        });
      } else {
        // Always the JIT variant against the one without, whichever was listed first.
        const [off, on] = t.jit ? [from, to] : [to, from];
        effects.push({ kind: "jit", from: off, to: on, label: `the JIT on ${names[off]}` });
      }
      break;
    }
  }
  const base = file.variants[0] as VariantRecord;
  const baseId = ids[0] as ReturnType<typeof identity>;
  for (let to = 1; to < ids.length; to++) {
    const t = ids[to] as ReturnType<typeof identity>;
    const v = file.variants[to] as VariantRecord;
    if (t.jit || baseId.jit || t.build === baseId.build) continue;
    const kind: EffectKind =
      v.version !== null && base.version !== null && v.version !== base.version
        ? "version"
        : "build";
    effects.push({ kind, from: 0, to, label: `${names[to]} against ${names[0]}` });
  }
  return effects;
}
