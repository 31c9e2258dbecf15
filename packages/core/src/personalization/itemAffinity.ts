import type { Affinity } from "./Affinity.js";
import type { AffinityEvent, AffinityOptions } from "./AffinityEvent.js";
import { decayedShares } from "./_internal/decayedShares.js";

/**
 * Item affinity: {@link categoryAffinity}'s time-decayed shares computed per
 * item instead of per category, w_i = Σ v(type) · q · 2^(−age / h), s_i = w_i / Σ w.
 * Use it to rank what a customer keeps coming back to (re-order reminders,
 * "your favourites"); the seeds of co-occurrence recommendations are the items bought.
 *
 * Source: Ding & Li (2005), "Time weight collaborative filtering", CIKM.
 * Edge cases as in {@link categoryAffinity}: events without an item are skipped; n = 0 has no shares.
 *
 * @throws {InputError} as {@link categoryAffinity}
 * @category Personalization
 * @example
 * itemAffinity([{ type: "purchase", at: 0, item: "a" }, { type: "product_view", at: 0, item: "b" }], 0).shares[0]?.key // => "a"
 */
export function itemAffinity(events: readonly AffinityEvent[], now: number, options: AffinityOptions = {}): Affinity {
  return decayedShares("itemAffinity", events, now, options, (e) => e.item);
}
