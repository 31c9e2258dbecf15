import { checkPValues } from "./_internal/checkPValues.js";

/**
 * Benjamini–Hochberg adjustment (controls the false discovery rate): sorted
 * ascending, p̃₍ᵢ₎ = min_{j ≥ i} min(1, m p₍ⱼ₎ / j), returned in input order.
 *
 * Source: Y. Benjamini & Y. Hochberg (1995), JRSS B 57(1), 289–300.
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE`; `METRIC.OUT_OF_RANGE` for a value outside [0, 1]
 * @category Comparison
 * @example
 * benjaminiHochbergAdjust([0.01, 0.04, 0.03, 0.005, 0.2]) // => [0.025, 0.05, 0.05, 0.025, 0.2] (statsmodels, "fdr_bh")
 */
export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  checkPValues("benjaminiHochbergAdjust", pValues);
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const out = new Array<number>(m);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const idx = order[rank] as number;
    running = Math.min(running, Math.min(1, (m * (pValues[idx] as number)) / (rank + 1)));
    out[idx] = running;
  }
  return out;
}
