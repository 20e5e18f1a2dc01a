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
  // A variant repeated for an A/A check has its version effect through its first listing.
  const repeats = new Set(effects.filter((e) => e.kind === "same").map((e) => e.to));
  for (let to = 1; to < ids.length; to++) {
    const t = ids[to] as ReturnType<typeof identity>;
    const v = file.variants[to] as VariantRecord;
    if (t.jit || baseId.jit || t.build === baseId.build || repeats.has(to)) continue;
    const kind: EffectKind =
      v.version !== null && base.version !== null && v.version !== base.version
        ? "version"
        : "build";
    effects.push({ kind, from: 0, to, label: `${names[to]} against ${names[0]}` });
  }
  return effects;
}

/**
 * What differs between the variants, in words: the things this run
 * measures, where a comparison of two legs would have warned about them.
 */
export function differences(file: VariantsFile): string[] {
  const out: string[] = [];
  const versions = [...new Set(file.variants.map((v) => v.version ?? "unknown"))];
  if (versions.length > 1) out.push(`version (${versions.join(", ")})`);
  const builds = new Map<string, string[]>();
  for (const v of file.variants) {
    const key = `${v.interpreter?.version ?? ""}\u0000${v.interpreter?.build ?? ""}\u0000${v.interpreter?.configArgs ?? ""}`;
    builds.set(key, [...(builds.get(key) ?? []), v.name]);
  }
  if (builds.size > versions.length) out.push(`build (${builds.size} different builds)`);
  const on = file.variants.filter((v) => v.jit?.compiled && v.jit.enabled).map((v) => v.name);
  if (on.length > 0 && on.length < file.variants.length) {
    out.push(`JIT (on in ${on.join(", ")})`);
  }
  const envKeys = new Set<string>();
  for (const v of file.variants) for (const [k] of v.env) envKeys.add(k);
  const varying = [...envKeys].filter((k) => {
    const values = new Set(file.variants.map((v) => v.env.find(([key]) => key === k)?.[1] ?? ""));
    return values.size > 1;
  });
  if (varying.length > 0) out.push(`environment (${varying.join(", ")})`);
  return out;
}
