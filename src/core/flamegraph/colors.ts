/**
 * Fill colours. A plain flame graph's colours carry no data: warm hues picked
 * by a hash of the frame name, so one function has one colour in every graph.
 * A differential one's colours are the data: red grew, blue shrank.
 */

/** FNV-1a over UTF-16 code units: small, stable across runs and platforms. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function frameColor(name: string): string {
  const h = hash(name);
  const red = 205 + (h % 50);
  const green = 80 + ((h >>> 8) % 130);
  const blue = 30 + ((h >>> 16) % 40);
  return `rgb(${red},${green},${blue})`;
}

const NEUTRAL = [225, 225, 225] as const;
const GREW = [215, 38, 38] as const;
const SHRANK = [38, 86, 215] as const;

function mix(from: readonly number[], to: readonly number[], t: number): string {
  const channel = (i: number) => Math.round((from[i] ?? 0) + ((to[i] ?? 0) - (from[i] ?? 0)) * t);
  return `rgb(${channel(0)},${channel(1)},${channel(2)})`;
}

/**
 * `delta`: the change in share, JIT on minus JIT off (0.05 = five percentage
 * points more). `scale`: the change drawn at full strength; larger ones saturate.
 */
export function diffColor(delta: number, scale: number): string {
  if (!(scale > 0) || delta === 0) return mix(NEUTRAL, NEUTRAL, 0);
  const strength = Math.min(1, Math.abs(delta) / scale);
  return mix(NEUTRAL, delta > 0 ? GREW : SHRANK, strength);
}

export const LEGEND_COLORS = {
  grew: mix(NEUTRAL, GREW, 1),
  unchanged: mix(NEUTRAL, NEUTRAL, 0),
  shrank: mix(NEUTRAL, SHRANK, 1),
} as const;
