import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import { assertConfidence } from "../_internal/assert.js";
import { wilsonInterval } from "../stats/wilsonInterval.js";
import type { Interval } from "../stats/Interval.js";
import { proportion } from "../rates/_internal/proportion.js";

/** Successes out of trials in one group. */
export interface ProportionSample {
  readonly successes: number;
  readonly n: number;
}

/** B − A for two proportions. */
export interface ProportionDifference {
  readonly rateA: number;
  readonly rateB: number;
  /** rateB − rateA. */
  readonly difference: number;
  /** Newcombe hybrid-score interval of the difference. */
  readonly interval: Interval;
  /** Pooled two-proportion z statistic. */
  readonly z: number;
  /** Two-sided p-value of H₀: rateA = rateB. */
  readonly pValue: number;
}

/**
 * Difference between two proportions (B − A): conversion of model B vs
 * model A, churn of a segment vs the rest.
 *
 * Interval: Newcombe's hybrid score interval (method 10), built from the two
 * Wilson intervals — good coverage at small n and extreme rates, unlike the
 * Wald interval. Test: the pooled two-proportion z-test,
 * z = (p̂B − p̂A) / √(p̄(1 − p̄)(1/nA + 1/nB)), two-sided.
 *
 * Source: R. G. Newcombe (1998), "Interval estimation for the difference
 * between independent proportions", Statistics in Medicine 17, 873–890.
 *
 * Range: difference in [−1, 1], interval within [−1, 1]; p in [0, 1].
 *
 * @throws {InputError} as the rates: empty groups, successes > n, non-integer counts (path names the group)
 * @category Comparison
 * @example
 * differenceInProportions({ successes: 120, n: 1000 }, { successes: 150, n: 1000 }).pValue // => 0.0496… (statsmodels proportions_ztest)
 */
export function differenceInProportions(a: ProportionSample, b: ProportionSample, confidence = 0.95): ProportionDifference {
  const fn = "differenceInProportions";
  assertConfidence(fn, confidence);
  const A = proportion(fn, a.successes, "a.successes", a.n, "a.n", confidence);
  const B = proportion(fn, b.successes, "b.successes", b.n, "b.n", confidence);
  const wa = wilsonInterval(a.successes, a.n, confidence);
  const wb = wilsonInterval(b.successes, b.n, confidence);
  const d = B.rate - A.rate;
  const lower = d - Math.sqrt((B.rate - wb.lower) ** 2 + (wa.upper - A.rate) ** 2);
  const upper = d + Math.sqrt((wb.upper - B.rate) ** 2 + (A.rate - wa.lower) ** 2);
  const pooled = (a.successes + b.successes) / (a.n + b.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  const z = se === 0 ? 0 : d / se;
  return {
    rateA: A.rate,
    rateB: B.rate,
    difference: d,
    interval: { lower: Math.max(-1, lower), upper: Math.min(1, upper), level: confidence, method: "wilson" },
    z,
    pValue: se === 0 ? 1 : 2 * (1 - normalCdf(Math.abs(z), 0, 1)),
  };
}
