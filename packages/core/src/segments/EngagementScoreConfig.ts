/** One interaction counted by the engagement score. */
export interface EngagementEvent {
  readonly type: string;
  readonly channel?: string;
  /** Epoch ms. */
  readonly at: number;
  /** Overrides the type's weight for this event. */
  readonly weight?: number;
}

/** Weights and half-lives of the engagement score. */
export interface EngagementScoreConfig {
  /** Points per interaction type at age 0 (default {@link defaultEngagementWeights}). */
  readonly weights?: Readonly<Record<string, number>>;
  /** Weight of types not in `weights` (default 1). */
  readonly defaultWeight?: number;
  /** Half-life in days by interaction type; takes precedence over `halfLifeDaysByChannel`. */
  readonly halfLifeDaysByType?: Readonly<Record<string, number>>;
  /** Half-life in days by channel. */
  readonly halfLifeDaysByChannel?: Readonly<Record<string, number>>;
  /** Half-life when neither type nor channel has one (default 30 days). */
  readonly defaultHalfLifeDays?: number;
}

/**
 * Default weights: deeper commitment scores more (a purchase or a referral is
 * worth more than a session or an opened e-mail). These are engagekit's
 * documented starting points, not an industry standard: tune them per business.
 *
 * Community and self-service: a forum post (3) is a little less than a
 * community post (4), as it may be a question; an accepted answer (6) counts
 * like a review (help given to others); reading a knowledge-base article
 * (0.5) like opening an e-mail, voting it helpful (1) like a click.
 *
 * The standard journey names of the same acts weigh the same:
 * "review_posted" as "review", "referral_sent" as "referral",
 * "ticket_opened" as "support_contact" (see standardInteractionTypes).
 *
 * @category Engagement
 * @example
 * defaultEngagementWeights["referral"] // => 8
 */
export const defaultEngagementWeights: Readonly<Record<string, number>> = {
  session: 1,
  email_open: 0.5,
  email_click: 1,
  support_contact: 1,
  purchase: 5,
  review: 6,
  community_post: 4,
  referral: 8,
  forum_post: 3,
  answer_accepted: 6,
  kb_article_viewed: 0.5,
  kb_article_helpful: 1,
  review_posted: 6,
  referral_sent: 8,
  ticket_opened: 1,
};
