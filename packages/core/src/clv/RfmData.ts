/**
 * One customer's recency–frequency summary, the input of every
 * buy-till-you-die prediction: `frequency` x = number of repeat purchases
 * (purchase occasions after the first), `recency` t_x = age at the last
 * purchase, `T` = age at the end of calibration (both measured from the
 * first purchase, in one time unit). x = 0 implies t_x = 0; 0 ≤ t_x ≤ T.
 */
export interface RfmCustomer {
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
}

/**
 * Recency–frequency data of many customers, column-wise (the shape
 * {@link rfmSummary} returns). `weights` (optional) counts identical
 * customers, as in the compressed tables of the literature (e.g. BG/BB's
 * donations table); default 1 each.
 */
export interface RfmData {
  readonly frequency: ArrayLike<number>;
  readonly recency: ArrayLike<number>;
  readonly T: ArrayLike<number>;
  readonly weights?: ArrayLike<number>;
}
