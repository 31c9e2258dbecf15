/**
 * mulberry32: a small, fast, seeded pseudo-random number generator, for
 * results that must be reproducible (bootstrap intervals, synthetic data).
 *
 * Definition: a 32-bit state advanced by the Weyl increment 0x6D2B79F5 and
 * mixed by xor-shift-multiply steps; each call returns the mixed state / 2³²,
 * a float in [0, 1) with 32 random bits. Period 2³². Not cryptographic.
 *
 * Source: T. Ettinger (2017), "mulberry32", public domain, as collected in
 * bryc/code "PRNGs" (github.com/bryc/code/blob/master/jshash/PRNGs.md); it
 * passes gjrand's tests up to 2³² outputs.
 *
 * Range: [0, 1). The same seed gives the same sequence on every platform
 * (only 32-bit integer arithmetic, `Math.imul`).
 *
 * @param seed - any number; reduced to an unsigned 32-bit integer (`seed >>> 0`)
 * @category Statistics
 * @example
 * const next = mulberry32(42);
 * next() // => 0.6011037519201636 (and the same on every run)
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
