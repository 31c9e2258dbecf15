import { isAllowed, type ConsentDecision } from "../consent/isAllowed.js";
import type { ConsentState } from "../consent/ConsentState.js";
import { assertFinite } from "../_internal/assert.js";
import type { CooccurrenceModel } from "./itemCooccurrence.js";
import type { CooccurrenceOptions, ItemRecommendation } from "./ItemRecommendation.js";
import { allowedBy, bestSellers, cooccurring, resolveOptions } from "./_internal/recommendationCore.js";

/** The customer a recommendation is for. */
export interface RecommendationCustomer {
  /** Items the customer bought (the seeds), most recent or most liked first: ties between seeds go to the earlier one. */
  readonly purchased: readonly string[];
  /** The customer's consent state (consent/); undefined = none recorded, so no personalization. */
  readonly consent: ConsentState | undefined;
}

/** Options of {@link recommendItems}. */
export interface RecommendItemsOptions extends CooccurrenceOptions {
  /** Leave out items the customer already bought (default true). */
  readonly excludePurchased?: boolean;
  /** Complete a short personal list with top sellers (default true). */
  readonly fillWithTopSellers?: boolean;
}

/** Recommendations for one customer, and whether they are personal. */
export interface ItemRecommendations {
  /** True when the customer's history was used (personalization consent granted). */
  readonly personalized: boolean;
  /** The consent decision that chose between personal and default recommendations. */
  readonly consent: ConsentDecision;
  readonly items: readonly ItemRecommendation[];
}

/**
 * Personal item recommendations, consent-aware: "customers who bought what you
 * bought also bought …".
 *
 * With personalization consent ({@link isAllowed}(consent, "personalization", —, now)),
 * candidates are the items co-occurring with any purchased item in at least
 * `minSupport` baskets, each scored by its best seed (the maximum of the
 * measure over the customer's items, so every recommendation has one piece of
 * evidence: the item it was bought with, the count and the score), as in
 * item-to-item collaborative filtering (Linden, Smith & York 2003). Without it,
 * the history is not used: the result is the non-personal top sellers, and each
 * reason says that personalization consent was not granted and why.
 *
 * Never recommended, in either case: the filters' exclusions and the items and
 * categories the customer opted out of, and — when `excludePurchased` (default)
 * — the items already bought (a suppression list, not profiling, so it applies
 * without consent too). A short personal list is filled with top sellers
 * (`fillWithTopSellers`, default true), labelled as such.
 *
 * @throws {InputError} `METRIC.NOT_FINITE` for a bad `now`; `METRIC.INVALID_OPTION` for bad options
 * @category Personalization
 * @example
 * const m = itemCooccurrence([["a", "b"], ["a", "b"], ["c"]]);
 * const granted = { customerId: "c1", entries: { personalization: { status: "granted", at: 0, source: "form" } } } as const;
 * recommendItems(m, { purchased: ["a"], consent: granted }, 1).items.map((r) => r.basis) // => ["cooccurrence", "top_seller"]
 * recommendItems(m, { purchased: ["a"], consent: undefined }, 1).personalized // => false
 */
export function recommendItems(model: CooccurrenceModel, customer: RecommendationCustomer, now: number, options: RecommendItemsOptions = {}): ItemRecommendations {
  const fn = "recommendItems";
  assertFinite(fn, now, ["now"]);
  const { measure, minSupport, limit } = resolveOptions(fn, options);
  const bought = new Set(customer.purchased);
  const filtered = allowedBy(options.filters);
  const allowed = options.excludePurchased === false ? filtered : (item: string) => !bought.has(item) && filtered(item);
  const consent = isAllowed(customer.consent, "personalization", undefined, now);
  if (!consent.allowed) {
    return { personalized: false, consent, items: bestSellers(model, allowed, `; non-personal default: ${consent.reason}`).slice(0, limit) };
  }
  const personal = cooccurring(model, customer.purchased, measure, minSupport, allowed).slice(0, limit);
  if (personal.length < limit && options.fillWithTopSellers !== false) {
    const taken = new Set(personal.map((r) => r.item));
    const fill = bestSellers(model, (item) => !taken.has(item) && allowed(item), "; fills a short personal list").slice(0, limit - personal.length);
    return { personalized: true, consent, items: [...personal, ...fill] };
  }
  return { personalized: true, consent, items: personal };
}
