/**
 * The standard normal distribution, for the large-sample rank test and
 * interval. Accurate to about 1e-14 absolute, well past what a p-value needs.
 */

const SQRT_PI = Math.sqrt(Math.PI);

/** The complementary error function for z >= 0. */
function erfcNonNegative(z: number): number {
  if (z < 2) {
    // Maclaurin series of erf: converges fast and without much cancellation below 2.
    let term = z;
    let sum = z;
    const z2 = z * z;
    for (let n = 1; n < 100; n++) {
      term *= -z2 / n;
      const next = term / (2 * n + 1);
      sum += next;
      if (Math.abs(next) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / SQRT_PI) * sum;
  }
  // Laplace's continued fraction, evaluated from the tail; for z >= 2 a fixed
  // depth converges to full double precision.
  let tail = z;
  for (let k = 120; k >= 1; k--) tail = z + k / 2 / tail;
  return Math.exp(-z * z) / (SQRT_PI * tail);
}

/** P(Z <= x) for a standard normal Z. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const z = Math.abs(x) / Math.SQRT2;
  const upperTail = 0.5 * erfcNonNegative(z);
  return x >= 0 ? 1 - upperTail : upperTail;
}

/** P(Z > x), without the cancellation of 1 - normalCdf(x) for large x. */
export function normalSf(x: number): number {
  return normalCdf(-x);
}

/** The x with P(Z <= x) = p, for 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normal quantile of ${p}: p must be in (0, 1)`);
  if (p === 0.5) return 0;
  // A rough start from the tail's logarithm, then Newton steps on the exact CDF.
  const tailP = Math.min(p, 1 - p);
  const t = Math.sqrt(-2 * Math.log(tailP));
  let x = t - (2.30753 + 0.27061 * t) / (1 + 0.99229 * t + 0.04481 * t * t);
  if (p < 0.5) x = -x;
  for (let i = 0; i < 50; i++) {
    const density = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    const step = (p < 0.5 ? normalCdf(x) - p : 1 - p - normalSf(x)) / density;
    x -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}
