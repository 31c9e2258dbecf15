/**
 * The interaction type a converted referral records for the referrer:
 * `"referral_converted"`. Record it on the referrer's profile
 * (`recordInteraction(profile, REFERRAL_CONVERTED, at)`) so ladder criteria,
 * badges and earn rules can count it; {@link referralLadderCriteria} makes it
 * an advocate signal of the engagement ladder.
 *
 * @category Loyalty
 * @example
 * REFERRAL_CONVERTED // => "referral_converted"
 */
export const REFERRAL_CONVERTED = "referral_converted";

/**
 * One referral: a referrer invited a referee. `pending` until the referee's
 * first purchase (see {@link convertReferral}), then `converted` for good.
 *
 * @category Loyalty
 * @example
 * const r: Referral = { id: "ref-1", referrerId: "alice", refereeId: "bob", createdAt: 0, status: "pending" };
 */
export interface Referral {
  readonly id: string;
  readonly referrerId: string;
  readonly refereeId: string;
  /** Epoch ms of the invitation (or of the referee's sign-up with the code). */
  readonly createdAt: number;
  readonly status: "pending" | "converted";
  /** Epoch ms of the referee's first purchase, once converted. */
  readonly convertedAt?: number;
  /** The order that converted it. */
  readonly orderId?: string;
}

/** What a converted referral pays. */
export interface ReferralProgram {
  /** Points for the referrer (a positive integer). */
  readonly referrerPoints: number;
  /** Points for the referee (a positive integer), if the programme rewards both sides. */
  readonly refereePoints?: number;
  /** Days the reward points stay valid; null or absent = never expire. */
  readonly validityDays?: number | null;
  /** Days after `createdAt` within which the first purchase must happen to count; absent = no limit. */
  readonly conversionWindowDays?: number;
}
