import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertCount, assertFinite } from "../_internal/assert.js";

/** A sample-ratio-mismatch check. */
export interface SampleRatioMismatch {
  readonly chiSquare: number;
  readonly df: number;
  readonly pValue: number;
  /** Expected counts under the intended split. */
  readonly expected: readonly number[];
  /** pValue < threshold: the split is broken; do not read the experiment. */
  readonly mismatch: boolean;
}

/**
 * Sample-ratio mismatch (SRM): do the groups of an experiment have the sizes
 * its split intended? Pearson's chi-square goodness-of-fit test,
 * χ² = Σ (Oᵢ − Eᵢ)² / Eᵢ with Eᵢ = N · rᵢ / Σr, df = k − 1.
 *
 * Source: Fabijan et al. (2019), "Diagnosing Sample Ratio Mismatch in Online
 * Controlled Experiments", KDD; the usual threshold is p < 0.001.
 *
 * @param observed - group sizes (integers)
 * @param ratios - intended split, same length, positive (default equal)
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for no units; `METRIC.INCONSISTENT` for fewer than 2 groups or lengths that differ
 * @category Comparison
 * @example
 * sampleRatioMismatch([5100, 4900]).pValue // => 0.0455… (scipy.stats.chisquare([5100, 4900]))
 */
export function sampleRatioMismatch(observed: readonly number[], ratios?: readonly number[], threshold = 0.001): SampleRatioMismatch {
  const fn = "sampleRatioMismatch";
  const k = observed.length;
  const r = ratios ?? observed.map(() => 1);
  if (k < 2 || r.length !== k) throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires at least 2 groups and one ratio per group`, ["ratios"], r.length);
  observed.forEach((o, i) => assertCount(fn, o, ["observed", i]));
  r.forEach((x, i) => {
    assertFinite(fn, x, ["ratios", i]);
    if (x <= 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires positive ratios, got ${x} at ratios[${i}]`, ["ratios", i], x);
  });
  const total = observed.reduce((a, b) => a + b, 0);
  if (total === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one unit`, ["observed"], 0);
  const rs = r.reduce((a, b) => a + b, 0);
  const expected = r.map((x) => (total * x) / rs);
  let chi = 0;
  for (let i = 0; i < k; i++) chi += ((observed[i] as number) - (expected[i] as number)) ** 2 / (expected[i] as number);
  const pValue = 1 - chisquareCdf(chi, k - 1);
  return { chiSquare: chi, df: k - 1, pValue, expected, mismatch: pValue < threshold };
}
