/** One move of a customer between journey stages. */
export interface StageTransition {
  /** Stage before (null on entry into the journey). */
  readonly from: string | null;
  readonly to: string;
  /** Epoch ms: the triggering interaction's time, or the moment a lapse took effect. */
  readonly at: number;
  readonly kind: "entry" | "promotion" | "demotion";
  /** The rule's or lapse rule's `reason`. */
  readonly reason: string;
  /** Id of the triggering interaction (absent for a lapse). */
  readonly interactionId?: string;
}

/** A customer's inferred stage and how they got there. */
export interface CustomerStageHistory {
  readonly customer: string;
  /** Current stage (null if no rule ever fired). */
  readonly stage: string | null;
  /** When the current stage was entered. */
  readonly since: number | null;
  readonly transitions: readonly StageTransition[];
}
