/**
 * A stage of the customer journey. `next` lists the stages a customer
 * normally moves on to; the stage graph must be acyclic (a demotion such as
 * a lapsed customer falling back is a transition, not an edge).
 */
export interface JourneyStage {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** Ids of the stages that follow this one. */
  readonly next: readonly string[];
}
