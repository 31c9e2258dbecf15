import { proportion } from "./_internal/proportion.js";
import type { Rate } from "./Rate.js";

/**
 * Engagement rate: engaged / reached — the share of the customers a channel
 * or campaign reached who engaged. What counts as "engaged" (a click, a reply,
 * any interaction of given types) is the caller's definition; count it once
 * per customer so the rate stays a proportion. Wilson interval.
 *
 * Range: [0, 1].
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for reached = 0; `METRIC.INCONSISTENT` for engaged > reached
 * @category Engagement
 * @example
 * engagementRate({ reached: 500, engaged: 60 }).rate // => 0.12
 */
export function engagementRate(input: { readonly reached: number; readonly engaged: number }, confidence = 0.95): Rate {
  return proportion("engagementRate", input.engaged, "engaged", input.reached, "reached", confidence);
}
