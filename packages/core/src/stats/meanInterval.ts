import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertConfidence, assertCount, assertFinite } from "../_internal/assert.js";
import { tCritical } from "./tCritical.js";
import type { Interval } from "./Interval.js";

/** A sample mean with its spread and Student-t interval. */
export interface MeanEstimate {
  /** Arithmetic mean, full precision. */
  readonly mean: number;
  /** Sample standard deviation (divisor n − 1); `null` when n = 1. */
  readonly standardDeviation: number | null;
  /** Standard error of the mean, s / √n; `null` when n = 1. */
  readonly standardError: number | null;
  /** Student-t interval; `null` when n = 1 (no spread can be estimated from one value). */
  readonly interval: Interval | null;
}

/**
 * Mean with a Student-t confidence interval, from sufficient statistics.
 *
 * Definition: x̄ = Σx / n, s² = (Σx² − (Σx)² / n) / (n − 1), and the
 * interval x̄ ± t₍₁₊c₎/₂,ₙ₋₁ · s / √n.
 *
 * Source: Student (1908), "The probable error of a mean", Biometrika 6(1).
 *
 * Range: the interval contains the mean; with n = 1 spread, standard error
 * and interval are `null` (documented, not NaN). Cancellation in Σx² − (Σx)²/n
 * is clamped at 0, so a constant sample has s = 0 and a zero-width interval.
 *
 * @param n - sample size, positive integer
 * @param sum - Σx
 * @param sumOfSquares - Σx²
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` when n = 0; `METRIC.NOT_FINITE` for non-finite sums
 * @category Statistics
 * @example
 * meanInterval(3, 6, 14) // => { mean: 2, standardDeviation: 1, standardError: 0.577…, interval: { lower: -0.484…, upper: 4.484…, … } }
 */
export function meanInterval(n: number, sum: number, sumOfSquares: number, confidence = 0.95): MeanEstimate {
  assertCount("meanInterval", n, ["n"]);
  assertFinite("meanInterval", sum, ["sum"]);
  assertFinite("meanInterval", sumOfSquares, ["sumOfSquares"]);
  assertConfidence("meanInterval", confidence);
  if (n === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, "meanInterval requires at least one value", ["n"], n);
  const mean = sum / n;
  if (n === 1) return { mean, standardDeviation: null, standardError: null, interval: null };
  const variance = Math.max(0, (sumOfSquares - (sum * sum) / n) / (n - 1));
  const standardDeviation = Math.sqrt(variance);
  const standardError = standardDeviation / Math.sqrt(n);
  const half = tCritical(confidence, n - 1) * standardError;
  return {
    mean,
    standardDeviation,
    standardError,
    interval: { lower: mean - half, upper: mean + half, level: confidence, method: "t" },
  };
}
