import type { InteractionFilter } from "./InteractionFilter.js";

/**
 * Configurable rules that place each customer in a journey stage from their
 * interactions (see {@link inferJourneyStages}).
 */
export interface StageRules {
  /** Stage ids from first to last; a move to a later stage is a promotion, to an earlier one a demotion. */
  readonly stages: readonly string[];
  /** Checked on every interaction, in time order. */
  readonly rules: readonly StageRule[];
  /** Inactivity rules that move a customer back (a lapsed customer falls out of retention). */
  readonly lapse?: readonly LapseRule[];
}

/**
 * Moves a customer to `to` when an interaction matches `when` and at least
 * `minCount` matching interactions (this one included) have occurred since
 * the customer's last demotion. Only promotes, unless `allowDemotion`.
 */
export interface StageRule {
  readonly to: string;
  readonly when: InteractionFilter;
  /** Default 1. */
  readonly minCount?: number;
  /** Only from these stages (ids); default any stage, or no stage yet. */
  readonly from?: readonly string[];
  readonly allowDemotion?: boolean;
  /** Why, in words; copied to the transition. */
  readonly reason: string;
}

/**
 * Moves a customer in one of `from` to `to` once `afterMs` have passed
 * without an interaction matching `activity` (default: any interaction),
 * counted from the later of that last activity and the entry into the stage.
 * The transition is dated at the moment the customer lapsed.
 */
export interface LapseRule {
  readonly from: readonly string[];
  readonly to: string;
  readonly afterMs: number;
  readonly activity?: InteractionFilter;
  readonly reason: string;
}
