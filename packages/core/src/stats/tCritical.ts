import tQuantile from "@stdlib/stats-base-dists-t-quantile";

/**
 * Two-sided Student-t critical value with `df` degrees of freedom:
 * t such that P(|T| ≤ t) = confidence (12.706204736174694 for df = 1 at 0.95).
 *
 * @category Statistics
 * @example
 * tCritical(0.95, 10) // => 2.2281388519649385
 */
export function tCritical(confidence: number, df: number): number {
  return tQuantile(0.5 + confidence / 2, df);
}
