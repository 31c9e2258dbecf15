import { proportion } from "./_internal/proportion.js";
import type { Rate } from "./Rate.js";

/**
 * Click-through rate: clicks / impressions (or unique clickers / unique
 * recipients — count both sides the same way), with a Wilson interval.
 *
 * Range: [0, 1].
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for impressions = 0; `METRIC.INCONSISTENT` for clicks > impressions
 * @category Conversion
 * @example
 * clickThroughRate({ impressions: 1000, clicks: 23 }).rate // => 0.023
 */
export function clickThroughRate(input: { readonly impressions: number; readonly clicks: number }, confidence = 0.95): Rate {
  return proportion("clickThroughRate", input.clicks, "clicks", input.impressions, "impressions", confidence);
}
