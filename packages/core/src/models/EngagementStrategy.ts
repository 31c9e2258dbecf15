/**
 * The hybrid model made explicit: an ordered list of rules that send the
 * customers of a segment to a cascade of models, and a fallback model for
 * everyone no rule takes. Checked with {@link validateEngagementStrategy};
 * applied by {@link assignEngagementModels}.
 *
 * A customer is taken by the first rule whose segment they are in (rules are
 * ordered; that is how overlaps between segments are resolved). Inside a rule,
 * customers are ranked by expected value at risk and fill the rule's models in
 * order, each up to its capacity; whoever does not fit spills to the next model
 * of the cascade, and finally to the fallback.
 */
export interface EngagementStrategy {
  readonly rules: readonly StrategyRule[];
  /** Model id for customers no rule takes, or who spill past every model of their rule. Unbounded capacity. */
  readonly fallback: string;
}

/** One rule of an {@link EngagementStrategy}. */
export interface StrategyRule {
  /** Segment key; `"*"` matches every customer. */
  readonly segment: string;
  /** Model ids, highest touch first; customers spill from one to the next when capacity is used up. */
  readonly models: readonly string[];
  /** A journey stage or ladder tier the customer must also be at (optional narrowing). */
  readonly journeyStage?: string;
  readonly ladderTier?: string;
}

/** Capacity of a model: how many customers it can serve at once (`undefined` = unbounded). */
export type ModelCapacities = Readonly<Record<string, number>>;
