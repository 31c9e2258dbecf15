import tCdf from "@stdlib/stats-base-dists-t-cdf";
import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertConfidence, assertCount, assertFinite } from "../_internal/assert.js";
import { tCritical } from "../stats/tCritical.js";
import type { Interval } from "../stats/Interval.js";

/** A sample's sufficient statistics. */
export interface MeanSample {
  readonly n: number;
  readonly sum: number;
  readonly sumOfSquares: number;
}

/** B − A for two means (Welch). */
export interface MeanDifference {
  readonly meanA: number;
  readonly meanB: number;
  /** meanB − meanA. */
  readonly difference: number;
  readonly standardError: number;
  /** Welch–Satterthwaite degrees of freedom. */
  readonly df: number;
  readonly t: number;
  readonly pValue: number;
  readonly interval: Interval;
}

/**
 * Welch's two-sample t comparison of means (B − A), which does not assume
 * equal variances: t = (x̄B − x̄A) / √(s²A/nA + s²B/nB), with
 * Welch–Satterthwaite df = (s²A/nA + s²B/nB)² / ((s²A/nA)²/(nA−1) + (s²B/nB)²/(nB−1)).
 *
 * Source: B. L. Welch (1947), Biometrika 34(1–2), 28–35.
 *
 * @param a - { n, sum, sumOfSquares } of group A (n ≥ 2)
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` when a group has fewer than 2 values; `METRIC.INCONSISTENT` when both variances are 0
 * @category Comparison
 * @example
 * differenceInMeans({ n: 8, sum: 27.1, sumOfSquares: 93.17 }, { n: 7, sum: 28.6, sumOfSquares: 117.4 }).pValue // => 0.00345… (scipy ttest_ind, equal_var=False)
 */
export function differenceInMeans(a: MeanSample, b: MeanSample, confidence = 0.95): MeanDifference {
  const fn = "differenceInMeans";
  assertConfidence(fn, confidence);
  const stats = (s: MeanSample, g: string) => {
    assertCount(fn, s.n, [g, "n"]);
    assertFinite(fn, s.sum, [g, "sum"]);
    assertFinite(fn, s.sumOfSquares, [g, "sumOfSquares"]);
    if (s.n < 2) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least 2 values in group ${g}, got ${s.n}`, [g, "n"], s.n);
    const mean = s.sum / s.n;
    const variance = Math.max(0, (s.sumOfSquares - (s.sum * s.sum) / s.n) / (s.n - 1));
    return { mean, v: variance / s.n, n: s.n };
  };
  const A = stats(a, "a");
  const B = stats(b, "b");
  const se2 = A.v + B.v;
  if (se2 === 0) throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires some spread in at least one group`, ["a", "sumOfSquares"], 0);
  const se = Math.sqrt(se2);
  const d = B.mean - A.mean;
  const df = (se2 * se2) / ((A.v * A.v) / (A.n - 1) + (B.v * B.v) / (B.n - 1));
  const t = d / se;
  const half = tCritical(confidence, df) * se;
  return {
    meanA: A.mean,
    meanB: B.mean,
    difference: d,
    standardError: se,
    df,
    t,
    pValue: 2 * (1 - tCdf(Math.abs(t), df)),
    interval: { lower: d - half, upper: d + half, level: confidence, method: "t" },
  };
}
