import type { AssociationMeasure } from "./associationMeasures.js";

/**
 * One recommended item, explainable: what it is, its score, and the evidence
 * (the item it was bought with and how often, or its sales rank).
 *
 * @category Personalization
 * @example
 * const r: ItemRecommendation = { item: "b", score: 0.8, basis: "cooccurrence", reason: "bought with a in 4 baskets (cosine 0.8)", seed: "a", support: 4 };
 */
export interface ItemRecommendation {
  readonly item: string;
  /** The association measure with `seed` (co-occurrence), or the share of baskets holding the item (top seller). */
  readonly score: number;
  /** `cooccurrence`: personal or item-to-item; `top_seller`: the non-personal default. */
  readonly basis: "cooccurrence" | "top_seller";
  /** The evidence in words, e.g. `"bought with sku-1 in 12 baskets (cosine 0.41)"`. */
  readonly reason: string;
  /** The item it was bought with (co-occurrence only). */
  readonly seed?: string;
  /** Baskets behind the score: c(seed, item) for co-occurrence, c(item) for top sellers. */
  readonly support: number;
}

/**
 * What must never be recommended: items excluded by the caller, items and
 * categories the customer opted out of. An item matches an opted-out category
 * through `categoryOf`; an item without a known category matches none.
 *
 * @category Personalization
 * @example
 * const f: RecommendationFilters = { optedOutCategories: ["alcohol"], categoryOf: { "sku-9": "alcohol" } };
 */
export interface RecommendationFilters {
  readonly exclude?: readonly string[];
  readonly optedOutItems?: readonly string[];
  readonly optedOutCategories?: readonly string[];
  readonly categoryOf?: Readonly<Record<string, string>>;
}

/** Options of co-occurrence recommendations. */
export interface CooccurrenceOptions {
  /** Ranking score (default `"cosine"`, Linden et al. 2003). */
  readonly measure?: AssociationMeasure;
  /** Minimum c(x, y): pairs seen together in fewer baskets are ignored (integer ≥ 1, default 2: one basket is a coincidence). */
  readonly minSupport?: number;
  /** Maximum number of items returned (integer ≥ 1, default 10). */
  readonly limit?: number;
  readonly filters?: RecommendationFilters;
}
