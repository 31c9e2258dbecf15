import { checkPValues } from "./_internal/checkPValues.js";

/**
 * Holm's step-down adjustment for many comparisons (controls the family-wise
 * error rate, uniformly more powerful than Bonferroni): sorted ascending,
 * p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1) p₍ⱼ₎), returned in input order.
 *
 * Source: S. Holm (1979), Scandinavian Journal of Statistics 6(2), 65–70.
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE`; `METRIC.OUT_OF_RANGE` for a value outside [0, 1]
 * @category Comparison
 * @example
 * holmAdjust([0.01, 0.04, 0.03, 0.005, 0.2]) // => [0.04, 0.09, 0.09, 0.025, 0.2] (statsmodels multipletests, "holm")
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  checkPValues("holmAdjust", pValues);
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((idx, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * (pValues[idx] as number)));
    out[idx] = running;
  });
  return out;
}
