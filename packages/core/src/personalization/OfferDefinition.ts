import type { SegmentCondition } from "../segments/SegmentDefinition.js";

/**
 * One offer of a next-best-offer playbook: who is eligible (a segment
 * condition), what it promotes, how it ranks, and whether it may be shown
 * without personalization consent. Plain data; ranked by {@link compileNextBestOffer}.
 *
 * @category Personalization
 * @example
 * const shoesPromo: OfferDefinition = { id: "shoes_promo", category: "shoes", minCategoryShare: 0.3, priority: 5 };
 */
export interface OfferDefinition {
  /** Stable id, unique in the playbook. */
  readonly id: string;
  readonly name?: string;
  /** Eligibility (validated and explained like a segment); absent = everyone. */
  readonly condition?: SegmentCondition;
  /** The category the offer promotes; the customer's affinity share of it ranks the offer. */
  readonly category?: string;
  /** With `category`: eligible only when the category's affinity share is at least this (in (0, 1]). */
  readonly minCategoryShare?: number;
  /** Higher first (finite, default 0). */
  readonly priority?: number;
  /** A generic offer that may be shown to customers without personalization consent (its condition is then not read). */
  readonly nonPersonalDefault?: boolean;
  /** The channel it is meant for; sending it is the contact policy's and marketing consent's decision, not this one's. */
  readonly channel?: string;
}

/**
 * engagekit's default ladder playbook (the engagement-ladder model's plays):
 * a passive customer gets an awareness campaign (also the non-personal
 * default), an active one a loyalty offer, an advocate a referral invitation.
 * Conditions read `profile.tier`, so set it from `engagementLadder().tierOf`
 * (with {@link referralLadderCriteria} to count converted referrals).
 *
 * @category Personalization
 * @example
 * defaultLadderOffers.map((o) => o.id) // => ["awareness_campaign", "loyalty_offer", "referral_invitation"]
 */
export const defaultLadderOffers: readonly OfferDefinition[] = [
  { id: "awareness_campaign", name: "Awareness campaign", condition: { type: "ladderTier", op: "is", tier: "passive" }, priority: 1, nonPersonalDefault: true },
  { id: "loyalty_offer", name: "Loyalty offer", condition: { type: "ladderTier", op: "is", tier: "active" }, priority: 1 },
  { id: "referral_invitation", name: "Referral invitation", condition: { type: "ladderTier", op: "is", tier: "advocate" }, priority: 1 },
];
