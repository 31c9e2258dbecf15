import type { LadderTier } from "./Profile.js";
import type { SegmentCondition } from "./SegmentDefinition.js";

/**
 * Tiers of the engagement ladder, lowest first; transitions move one step at a time.
 *
 * @category Engagement
 * @example
 * ladderTiers.indexOf("advocate") // => 2
 */
export const ladderTiers: readonly LadderTier[] = ["passive", "active", "advocate"];

/**
 * When a customer is active and when an advocate, as segment conditions (so
 * they are validated, compiled and explained like any segment). Anyone matching
 * neither is passive: aware, with limited interaction.
 */
export interface LadderCriteria {
  readonly active: SegmentCondition;
  readonly advocate: SegmentCondition;
}

/**
 * Default ladder criteria, after the engagement-ladder description in the
 * project's domain notes (passive: aware, limited interaction; active: regular
 * interaction or purchases within a window; advocate: referrals, reviews,
 * community posts or NPS promoter):
 *
 * - active: a purchase in the last 90 days, at least 3 sessions in the last 30
 *   days, a forum post in the last 30 days, or at least 3 knowledge-base
 *   articles read in the last 30 days (self-service use counted like sessions);
 * - advocate: a referral, review or community post in the last 365 days, an
 *   accepted forum answer in the last 365 days, or a last NPS answer of 9–10
 *   (promoter, Reichheld 2003).
 *
 * Community and self-service signals: a `forum_post` (a question or an answer)
 * is participation, so it makes a customer active; an `answer_accepted` (the
 * customer's answer solved someone else's question) is help given to other
 * customers, the advocacy of the top rung — so a customer who posts climbs to
 * active, and one whose answers are accepted to advocate.
 * `kb_article_viewed` counts towards active; `kb_article_helpful` (a vote) is
 * not a ladder signal (it feeds the engagement score and the self-service
 * deflection rate, see `deflectionCounts`).
 *
 * Interaction types are "purchase", "session", "forum_post",
 * "kb_article_viewed", "referral", "review", "community_post" and
 * "answer_accepted", and the standard journey names of a review and a
 * referral ("review_posted", "referral_sent", see standardInteractionTypes)
 * count as "review" and "referral" do, so the journey's advocacy rule and
 * the ladder's advocate rung read the same events; pass your own criteria
 * to use other names or windows.
 *
 * @category Engagement
 * @example
 * defaultLadderCriteria.active.type // => "any"
 */
export const defaultLadderCriteria: LadderCriteria = {
  active: {
    type: "any",
    conditions: [
      { type: "performed", interaction: "purchase", op: "atLeast", times: 1, withinDays: 90 },
      { type: "performed", interaction: "session", op: "atLeast", times: 3, withinDays: 30 },
      { type: "performed", interaction: "forum_post", op: "atLeast", times: 1, withinDays: 30 },
      { type: "performed", interaction: "kb_article_viewed", op: "atLeast", times: 3, withinDays: 30 },
    ],
  },
  advocate: {
    type: "any",
    conditions: [
      { type: "performed", interaction: "referral", op: "atLeast", times: 1, withinDays: 365 },
      { type: "performed", interaction: "review", op: "atLeast", times: 1, withinDays: 365 },
      { type: "performed", interaction: "referral_sent", op: "atLeast", times: 1, withinDays: 365 },
      { type: "performed", interaction: "review_posted", op: "atLeast", times: 1, withinDays: 365 },
      { type: "performed", interaction: "community_post", op: "atLeast", times: 1, withinDays: 365 },
      { type: "performed", interaction: "answer_accepted", op: "atLeast", times: 1, withinDays: 365 },
      { type: "value", metric: "lastNps", op: "gte", value: 9 },
    ],
  },
};
