import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";

/**
 * Sample quantile of an ascending-sorted array by linear interpolation
 * between order statistics (Hyndman & Fan 1996 definition 7, the default of
 * R's `quantile`, NumPy's `percentile` and Excel's `PERCENTILE.INC`).
 *
 * Definition: h = (n − 1) · p; Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋) · (x₍⌊h⌋₊₁₎ − x₍⌊h⌋₎), 0-based.
 *
 * Source: R. J. Hyndman & Y. Fan (1996), "Sample quantiles in statistical
 * packages", The American Statistician 50(4), 361–365.
 *
 * Range: min(x) ≤ Q(p) ≤ max(x); Q is non-decreasing in p. O(1) on sorted input.
 *
 * @param sorted - finite numbers in ascending order (not checked: sort first)
 * @param p - probability in [0, 1]
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for an empty array; `METRIC.OUT_OF_RANGE` for p outside [0, 1]
 * @category Statistics
 * @example
 * quantileSorted([1, 2, 3, 4], 0.5) // => 2.5
 * quantileSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) // => 9.1 (numpy.percentile(range(1, 11), 90) = 9.1)
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, "quantileSorted requires at least one value", ["values"], n);
  if (!(p >= 0 && p <= 1)) throw new InputError(ErrorCodes.OUT_OF_RANGE, `quantileSorted requires p in [0, 1], got ${p}`, ["p"], p);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  if (lo + 1 >= n) return a;
  const b = sorted[lo + 1] as number;
  return a + (h - lo) * (b - a);
}
