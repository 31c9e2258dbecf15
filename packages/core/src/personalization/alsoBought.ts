import type { CooccurrenceModel } from "./itemCooccurrence.js";
import type { CooccurrenceOptions, ItemRecommendation } from "./ItemRecommendation.js";
import { allowedBy, cooccurring, resolveOptions } from "./_internal/recommendationCore.js";

/**
 * "Customers who bought X also bought Y": the items most associated with
 * `item` in the baskets, ranked by the chosen measure (default cosine, as in
 * Amazon's item-to-item collaborative filtering, Linden, Smith & York 2003; see
 * {@link associationMeasures} for lift, Jaccard and confidence), keeping only
 * pairs seen together in at least `minSupport` baskets (default 2).
 *
 * Not personal (it reads no customer's history), so it needs no consent: use
 * it on product pages. Each result names its evidence: the co-occurrence count
 * and the score. Ties: higher support, then item id.
 *
 * Edge cases: an unknown item or one never bought with another gives [].
 *
 * @throws {InputError} `METRIC.INVALID_OPTION` for an unknown measure, a support or limit that is not an integer ≥ 1
 * @category Personalization
 * @example
 * const m = itemCooccurrence([["a", "b"], ["a", "b"], ["a", "c"]]);
 * alsoBought(m, "a").map((r) => r.item) // => ["b"] (c is below the minimum support of 2)
 */
export function alsoBought(model: CooccurrenceModel, item: string, options: CooccurrenceOptions = {}): ItemRecommendation[] {
  const { measure, minSupport, limit } = resolveOptions("alsoBought", options);
  const allowed = allowedBy(options.filters);
  return cooccurring(model, [item], measure, minSupport, (y) => y !== item && allowed(y)).slice(0, limit);
}
