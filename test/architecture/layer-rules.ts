/**
 * The house rule for imports inside src/, as a check: they run downhill
 * only. Entries (the action, the CLI) use the shared flows in modes/, which
 * drive the Python workers in measure/, which use the I/O in adapters/,
 * which serves the pure core/. A layer may import itself and any layer below
 * it, never one above. `import type` counts: it is a dependency all the same.
 * Packages are not checked here (core-rules.ts keeps those out of the core).
 */
import { dirname, relative, resolve, sep } from "node:path";
import { importedSpecifiers } from "./core-rules.js";

/** Top to bottom. */
export const LAYERS = ["entries", "modes", "measure", "adapters", "core"] as const;
export type Layer = (typeof LAYERS)[number];

/** Where each part of src/ sits: a folder (ending in /) or one module (no extension). */
const PLACES: readonly [string, Layer][] = [
  ["index", "entries"],
  ["action/", "entries"],
  ["cli/", "entries"],
  ["modes/", "modes"],
  ["measure/", "measure"],
  ["adapters/", "adapters"],
  ["core/", "core"],
];

/** The layer of a file under `srcDir`, or null for a file no layer holds. */
export function layerOf(file: string, srcDir: string): Layer | null {
  const inside = relative(srcDir, file).split(sep).join("/");
  const module = inside.replace(/\.[jt]s$/, "");
  for (const [place, layer] of PLACES) {
    if (place.endsWith("/") ? inside.startsWith(place) : module === place) return layer;
  }
  return null;
}

/** What is wrong with the imports of one file under `srcDir`, in words; empty when they run downhill. */
export function layerViolations(file: string, source: string, srcDir: string): string[] {
  const from = layerOf(file, srcDir);
  if (from === null) return [`is in no layer; place it in ${LAYERS.join(", ")}`];
  const found: string[] = [];
  for (const spec of importedSpecifiers(source)) {
    if (!spec.startsWith(".")) continue;
    const target = resolve(dirname(file), spec);
    const to = layerOf(target, srcDir);
    if (to === null) found.push(`imports ${spec}, which is in no layer`);
    else if (LAYERS.indexOf(to) < LAYERS.indexOf(from))
      found.push(`imports ${spec}: ${from} may not import ${to}, which is above it`);
  }
  return found;
}
