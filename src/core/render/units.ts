/** Times for people: the unit that keeps 3 significant digits readable, never "0.000 ms". */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return "n/a";
  const abs = Math.abs(ms);
  if (abs >= 1000) return `${sig(ms / 1000)} s`;
  if (abs >= 1) return `${sig(ms)} ms`;
  if (abs >= 1e-3) return `${sig(ms * 1e3)} µs`;
  return `${sig(ms * 1e6)} ns`;
}

function sig(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toFixed(digits);
}
