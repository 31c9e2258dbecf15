import type { Affinity } from "./Affinity.js";
import type { AffinityEvent, AffinityOptions } from "./AffinityEvent.js";
import { decayedShares } from "./_internal/decayedShares.js";

/**
 * Category affinity: which categories a customer's history leans to, with
 * recent behaviour counting more than old.
 *
 * Definition: for each category c,
 * w_c = Σ_{events e of c, t_e ≤ now} v(type_e) · q_e · 2^(−(now − t_e) / h),
 * where v is the type's weight ({@link defaultAffinityWeights}), q the quantity
 * and h the half-life (default 90 days); the share is s_c = w_c / Σ_k w_k.
 * Shares sum to 1; an event's weight is monotone decreasing in its age and
 * halves every half-life, so an older event moves its category's share less.
 * The same decay cancels out of the shares when every event is equally old.
 *
 * Source: exponential time decay for recommendation, Ding & Li (2005), "Time
 * weight collaborative filtering", CIKM; the half-life form N(t) = N₀ · 2^(−t/h).
 *
 * Edge cases: events after `now`, without a category or with weight 0 are not
 * counted; with none counted the result has n = 0 and no shares (never a share of 0).
 * Complexity: O(events + categories · log categories).
 *
 * @throws {InputError} `METRIC.NOT_FINITE` for a bad time or quantity, `METRIC.OUT_OF_RANGE` for a quantity ≤ 0,
 *   `METRIC.INVALID_OPTION` for a half-life ≤ 0 or a negative weight
 * @category Personalization
 * @example
 * const day = 86400000;
 * const a = categoryAffinity([
 *   { type: "purchase", at: 0, category: "shoes" },
 *   { type: "purchase", at: 90 * day, category: "bags" },
 * ], 90 * day);
 * a.shares.map((s) => [s.key, s.share]) // => [["bags", 0.666…], ["shoes", 0.333…]] (weights 1 and 0.5)
 */
export function categoryAffinity(events: readonly AffinityEvent[], now: number, options: AffinityOptions = {}): Affinity {
  return decayedShares("categoryAffinity", events, now, options, (e) => e.category);
}
