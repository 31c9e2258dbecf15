import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertConfidence, assertFinite } from "../_internal/assert.js";
import { meanInterval } from "../stats/meanInterval.js";
import { quantileSorted } from "../stats/quantile.js";
import { zCritical } from "../stats/zCritical.js";
import type { Interval } from "../stats/Interval.js";

/** A quantile with its distribution-free interval. */
export interface QuantileEstimate {
  readonly value: number;
  /** Order-statistic interval; `null` when n is too small for the level. */
  readonly interval: Interval | null;
}

/** Median, p90 and mean of durations, each with an interval. */
export interface DurationStats {
  readonly n: number;
  readonly median: QuantileEstimate;
  readonly p90: QuantileEstimate;
  readonly mean: number;
  readonly meanInterval: Interval | null;
}

/**
 * Order-statistic confidence interval for the p-quantile of a sorted sample:
 * [x₍ₗ₎, x₍ᵤ₎] with ranks from the normal approximation to the binomial,
 * l = ⌊np − z√(np(1−p))⌋, u = ⌈np + z√(np(1−p))⌉ + 1 (1-based), which holds
 * whatever the distribution (Conover, Practical Nonparametric Statistics,
 * 3rd ed., §3.2). `null` when the ranks fall outside 1…n.
 */
export function quantileInterval(sorted: ArrayLike<number>, p: number, confidence = 0.95): Interval | null {
  const n = sorted.length;
  const z = zCritical(confidence);
  const sd = Math.sqrt(n * p * (1 - p));
  const l = Math.floor(n * p - z * sd);
  const u = Math.ceil(n * p + z * sd) + 1;
  if (l < 1 || u > n) return null;
  return { lower: sorted[l - 1] as number, upper: sorted[u - 1] as number, level: confidence, method: "order-statistic" };
}

/**
 * Response-time summary: median and p90 (Hyndman–Fan type 7, as support
 * dashboards should report instead of a bare mean) with order-statistic
 * intervals, and the mean with a Student-t interval.
 *
 * Range: min ≤ median ≤ p90 ≤ max; intervals contain their estimates when not null.
 * Complexity: O(n log n).
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for no durations; `METRIC.NOT_FINITE` / `METRIC.OUT_OF_RANGE` (negative) with the position
 * @category Response time
 * @example
 * durationSummary([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).median.value // => 5.5
 */
export function durationSummary(durations: readonly number[], confidence = 0.95): DurationStats {
  const fn = "durationSummary";
  assertConfidence(fn, confidence);
  if (durations.length === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one duration`, ["durations"], 0);
  let sum = 0;
  let sumSq = 0;
  durations.forEach((d, i) => {
    assertFinite(fn, d, ["durations", i]);
    if (d < 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires non-negative durations, got ${d} at durations[${i}]`, ["durations", i], d);
    sum += d;
    sumSq += d * d;
  });
  const sorted = Float64Array.from(durations).sort();
  const mean = meanInterval(sorted.length, sum, sumSq, confidence);
  return {
    n: sorted.length,
    median: { value: quantileSorted(sorted, 0.5), interval: quantileInterval(sorted, 0.5, confidence) },
    p90: { value: quantileSorted(sorted, 0.9), interval: quantileInterval(sorted, 0.9, confidence) },
    mean: mean.mean,
    meanInterval: mean.interval,
  };
}
