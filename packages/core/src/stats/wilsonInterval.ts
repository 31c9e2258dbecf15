import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertConfidence, assertCount } from "../_internal/assert.js";
import { zCritical } from "./zCritical.js";
import type { Interval } from "./Interval.js";

/**
 * Wilson score interval for a binomial proportion.
 *
 * Definition: the set of proportions p for which the normal test of
 * `successes / n = p` is not rejected at the given level. Closed form, with
 * p̂ = successes / n and z the two-sided normal critical value:
 *
 *     centre    = (p̂ + z² / 2n) / (1 + z² / n)
 *     halfWidth = z / (1 + z² / n) · √(p̂(1 − p̂) / n + z² / 4n²)
 *
 * Unlike the Wald interval p̂ ± z√(p̂(1−p̂)/n) it never leaves [0, 1] and
 * keeps close to nominal coverage at small n and extreme p̂, which is why
 * every rate in engagekit uses it.
 *
 * Source: E. B. Wilson (1927), "Probable inference, the law of succession,
 * and statistical inference", JASA 22(158), 209–212; recommended by Brown,
 * Cai & DasGupta (2001), Statistical Science 16(2), 101–133.
 *
 * Range: 0 ≤ lower ≤ p̂ ≤ upper ≤ 1.
 *
 * @param successes - count of successes, an integer in [0, n]
 * @param n - number of trials, a positive integer
 * @param confidence - nominal coverage, default 0.95
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` when n = 0; `METRIC.INCONSISTENT` when successes > n;
 *   `METRIC.NOT_INTEGER` / `METRIC.OUT_OF_RANGE` for non-integer or negative counts
 * @category Statistics
 * @example
 * wilsonInterval(81, 263) // => { lower: 0.2553…, upper: 0.3662…, level: 0.95, method: "wilson" }
 * // confirmed with statsmodels 0.15.0: proportion_confint(81, 263, method="wilson") = (0.2552885198782742, 0.36620957698280004)
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  assertCount("wilsonInterval", successes, ["successes"]);
  assertCount("wilsonInterval", n, ["n"]);
  assertConfidence("wilsonInterval", confidence);
  if (n === 0) {
    throw new InputError(ErrorCodes.EMPTY_SAMPLE, "wilsonInterval requires at least one trial", ["n"], n);
  }
  if (successes > n) {
    throw new InputError(
      ErrorCodes.INCONSISTENT,
      `wilsonInterval requires successes ≤ n, got ${successes} of ${n}`,
      ["successes"],
      successes,
    );
  }
  const z = zCritical(confidence);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  // At p̂ = 0 or 1 the bound equals p̂ analytically; pin it so rounding cannot exclude the estimate.
  const lower = successes === 0 ? 0 : Math.max(0, Math.min(p, centre - half));
  const upper = successes === n ? 1 : Math.min(1, Math.max(p, centre + half));
  return { lower, upper, level: confidence, method: "wilson" };
}
