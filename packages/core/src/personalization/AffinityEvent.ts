/**
 * One purchase or interaction that tells what a customer likes: an item and/or
 * its category, the interaction type (weighted by {@link AffinityOptions}) and
 * the time. Purchases usually carry a quantity; views and carts do not.
 *
 * @category Personalization
 * @example
 * const e: AffinityEvent = { type: "purchase", at: Date.parse("2026-03-01"), item: "sku-1", category: "shoes", quantity: 2 };
 */
export interface AffinityEvent {
  /** `"purchase"`, `"add_to_cart"`, `"product_view"`, … */
  readonly type: string;
  /** Epoch ms. */
  readonly at: number;
  readonly item?: string;
  readonly category?: string;
  /** Units (> 0, default 1): the event counts `quantity` times its weight. */
  readonly quantity?: number;
}

/** How affinity weighs and ages events. */
export interface AffinityOptions {
  /** Half-life h in days (> 0, default 90): an event's weight halves every h days. */
  readonly halfLifeDays?: number;
  /** Weight by interaction type (≥ 0; default {@link defaultAffinityWeights}); types absent weigh `defaultWeight`. */
  readonly weights?: Readonly<Record<string, number>>;
  /** Weight of types not in `weights` (≥ 0, default 0: unknown interactions say nothing about taste). */
  readonly defaultWeight?: number;
}

/**
 * Default affinity weights: a purchase says most about taste, a cart less, a
 * view least (implicit-feedback confidence grows with commitment, as in Hu,
 * Koren & Volinsky 2008, "Collaborative filtering for implicit feedback
 * datasets"). engagekit's documented starting points, not a standard.
 *
 * @category Personalization
 * @example
 * defaultAffinityWeights.purchase // => 1
 */
export const defaultAffinityWeights: Readonly<Record<string, number>> = {
  purchase: 1,
  add_to_cart: 0.3,
  wishlist: 0.3,
  product_view: 0.05,
};
