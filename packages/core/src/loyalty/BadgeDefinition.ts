import type { SegmentCondition } from "../segments/SegmentDefinition.js";

/**
 * A badge and its criteria, written as a segment condition (validated,
 * compiled and explained like any segment), e.g. "Reviewer: 5 reviews" is
 * `{ type: "performed", interaction: "review", op: "atLeast", times: 5 }`.
 *
 * @category Loyalty
 * @example
 * const firstReview: BadgeDefinition = { id: "first_review", name: "First review", condition: { type: "performed", interaction: "review", op: "atLeast", times: 1 } };
 */
export interface BadgeDefinition {
  /** Stable id, unique among the badges. */
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  readonly condition: SegmentCondition;
}

/** A badge a customer holds: when it was earned and why. */
export interface BadgeAward {
  readonly badge: string;
  /** Epoch ms of the evaluation that awarded it. */
  readonly at: number;
  /** The evidence: the matched condition leaves and the values they saw. */
  readonly reason: string;
}
