/**
 * Where {@link assignEngagementModels} put one customer, and why.
 *
 * `reason` is a sentence for people (numbers rounded and grouped, rules
 * counted from 1); every other field keeps full precision.
 */
export interface EngagementAssignment {
  /** The customer's id. */
  readonly customer: string;
  /** Id of the model the customer is assigned to. */
  readonly model: string;
  /** Version of that model at assignment time (from the models passed in). */
  readonly version: number;
  /**
   * Index (from 0) of the strategy rule that took the customer; `null` when no
   * rule matched and the customer went straight to the fallback. A customer who
   * spilled past every model of their rule to the fallback keeps their rule's index.
   */
  readonly rule: number | null;
  /** 1-based rank by expected value at risk among all customers (ties by id); 1 = most value at risk. */
  readonly rank: number;
  /** Number of customers ranked (the `of` in "rank 12 of 4,338"). */
  readonly of: number;
  /** Expected value at risk, value × risk, full precision (before any hysteresis bonus). */
  readonly priority: number;
  /** Why, in one sentence, e.g. `"assigned to csm because value-at-risk rank 12 of 4,338 (…), rule 1 (segment high_value), capacity 320/320 used"`. */
  readonly reason: string;
}

/** How many seats of a model an assignment used, out of its capacity (`null` = unbounded). */
export interface ModelUsage {
  readonly used: number;
  readonly capacity: number | null;
}

/** The result of {@link assignEngagementModels}. */
export interface EngagementAssignmentResult {
  /**
   * One per customer, in the order of the input. Array-like and built on first read of each index
   * (see {@link assignEngagementModels}); copy with `[...assignments]` or `Array.from` for a plain array.
   */
  readonly assignments: readonly EngagementAssignment[];
  /** Per model id of the models passed in: seats used and capacity. */
  readonly usage: Readonly<Record<string, ModelUsage>>;
}
