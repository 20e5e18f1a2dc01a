/**
 * Benjamini–Hochberg adjusted p-values (q-values): calling every row with
 * q < alpha significant keeps the expected share of false discoveries among
 * them at most alpha, however many benchmarks the suite has.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues
    .map((_, i) => i)
    .sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const adjusted = new Array<number>(m).fill(1);
  let running = 1;
  // From the largest p down, so each q is the smallest of p(j) * m / j over j >= its rank.
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1] as number;
    const p = pValues[index] as number;
    if (Number.isNaN(p)) throw new RangeError(`p-value ${index} is NaN`);
    running = Math.min(running, (p * m) / rank);
    adjusted[index] = Math.min(1, running);
  }
  return adjusted;
}
