/**
 * Output of {@link inferJourneyStagesColumnar}: per customer block the final
 * stage (index into `stages`, −1 = none) and since when, and every
 * transition in parallel arrays. `cause` ≥ 0 is the index of the stage rule
 * that fired; a negative cause −k−1 is lapse rule k.
 */
export interface StageColumns {
  readonly stages: readonly string[];
  /** Customer key of each block. */
  readonly customers: readonly string[];
  readonly stage: Int8Array;
  readonly since: Float64Array;
  readonly transitions: {
    readonly customer: Int32Array;
    readonly from: Int8Array;
    readonly to: Int8Array;
    readonly at: Float64Array;
    readonly cause: Int16Array;
  };
}
