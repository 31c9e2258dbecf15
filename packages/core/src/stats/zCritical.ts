import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";

const cache = new Map<number, number>();

/**
 * Two-sided standard-normal critical value: z such that P(|Z| ≤ z) = confidence
 * (1.959963984540054 for 0.95). Cached, because every interval asks for it.
 *
 * @category Statistics
 * @example
 * zCritical(0.95) // => 1.959963984540054
 */
export function zCritical(confidence: number): number {
  let z = cache.get(confidence);
  if (z === undefined) {
    z = normalQuantile(0.5 + confidence / 2, 0, 1);
    cache.set(confidence, z);
  }
  return z;
}
