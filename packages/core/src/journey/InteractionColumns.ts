/**
 * Interactions stored column-wise in typed arrays, rows sorted by customer
 * then time (stable), strings replaced by codes into `dictionaries`. This is
 * the layout the fast funnel and stage-inference paths read; build it with
 * {@link toInteractionColumns} or fill the arrays directly.
 */
export interface InteractionColumns {
  readonly length: number;
  /** Customer code per row, index into `dictionaries.customer`. */
  readonly customer: Int32Array;
  /** Epoch milliseconds per row. */
  readonly timestamp: Float64Array;
  readonly type: Int32Array;
  readonly touchpoint: Int32Array;
  readonly channel: Int32Array;
  readonly dictionaries: {
    readonly customer: readonly string[];
    readonly type: readonly string[];
    readonly touchpoint: readonly string[];
    readonly channel: readonly string[];
  };
}
