/**
 * One customer as {@link assignEngagementModels} sees them: an id, a value
 * score, how likely they are to be lost, the segments they belong to and,
 * optionally, where they are in the journey and on the engagement ladder and
 * which model served them last time.
 *
 * Expected value at risk, the assignment's priority, is `value × risk`.
 */
export interface AssignmentCustomer {
  /** Unique among the customers of one assignment. */
  readonly id: string;
  /** Predicted CLV or any other value score in one currency or unit; finite, ≥ 0. */
  readonly value: number;
  /** P(alive): probability that the customer is still active (e.g. BG/NBD), in [0, 1]. */
  readonly pAlive?: number;
  /**
   * Probability of losing the customer, in [0, 1]. Default `1 − pAlive`; with
   * neither field, 1 (the whole value is at risk, so priority = value).
   */
  readonly risk?: number;
  /** Keys of the segments the customer is a member of (matched against `StrategyRule.segment`). */
  readonly segments: readonly string[];
  /** Current journey stage id, for rules narrowed with `journeyStage`. */
  readonly journeyStage?: string;
  /** Current engagement-ladder tier, for rules narrowed with `ladderTier`. */
  readonly ladderTier?: string;
  /** The model (and version) that served the customer before this assignment; its incumbent gets the hysteresis bonus. */
  readonly previous?: { readonly model: string; readonly version?: number };
}
