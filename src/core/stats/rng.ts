/**
 * A small seeded PRNG (xoshiro128**, seeded through a 32-bit integer hash), so
 * that every bootstrap is reproducible from `--seed` alone and the same on
 * every platform: only 32-bit integer arithmetic, no Math.random.
 */

export interface Rng {
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** A uniform float in [0, 1), with 32 bits of resolution. */
  nextFloat(): number;
  /** A uniform integer in [0, n) for 0 < n <= 2^32. */
  nextInt(n: number): number;
  /** Moves past the next `count` outputs, as if they had been drawn. */
  skip(count: number): void;
}

const TWO_POW_32 = 4294967296;

/** A 32-bit avalanche hash: nearby seeds give unrelated states. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

class Xoshiro128 implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number, stream: number) {
    const base = (mix32(seed) ^ Math.imul(stream >>> 0, 0x9e3779b9)) >>> 0;
    this.s0 = mix32(base + 1);
    this.s1 = mix32(base + 2);
    this.s2 = mix32(base + 3);
    this.s3 = mix32(base + 4);
    // The all-zero state would only ever return zeros.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  nextFloat(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }

  skip(count: number): void {
    // The step of nextUint32 without its output, on locals: tens of millions a second.
    let { s0, s1, s2, s3 } = this;
    for (let d = 0; d < count; d++) {
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A generator for `seed` (any integer; only its low 32 bits count). `stream`
 * picks an independent sequence for the same seed, so that two consumers can
 * draw without disturbing each other's sequence.
 */
export function createRng(seed: number, stream = 0): Rng {
  return new Xoshiro128(seed, stream);
}
