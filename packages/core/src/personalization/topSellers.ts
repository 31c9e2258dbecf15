import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { describe } from "../_internal/assert.js";
import type { CooccurrenceModel } from "./itemCooccurrence.js";
import type { ItemRecommendation, RecommendationFilters } from "./ItemRecommendation.js";
import { allowedBy, bestSellers } from "./_internal/recommendationCore.js";

/**
 * Top sellers: the items held by the most baskets, the non-personal default
 * shown to everyone (and to customers without personalization consent). The
 * score is the share of baskets holding the item, c(x) / n, in (0, 1]; ties are
 * broken by item id so the list is deterministic. Filters (exclusions,
 * opt-outs) still apply: they are the customer's stated wishes, not profiling.
 *
 * Edge cases: a model with no baskets gives an empty list.
 *
 * @throws {InputError} `METRIC.INVALID_OPTION` for a limit that is not an integer ≥ 1
 * @category Personalization
 * @example
 * topSellers(itemCooccurrence([["a", "b"], ["a"]]), { limit: 1 }).map((r) => r.item) // => ["a"]
 */
export function topSellers(model: CooccurrenceModel, options: { readonly limit?: number; readonly filters?: RecommendationFilters } = {}): ItemRecommendation[] {
  const limit = options.limit ?? 10;
  if (!(Number.isInteger(limit) && limit >= 1)) throw new InputError(ErrorCodes.INVALID_OPTION, `topSellers requires an integer limit ≥ 1, got ${describe(limit)}`, ["options", "limit"], limit);
  return bestSellers(model, allowedBy(options.filters), "").slice(0, limit);
}
