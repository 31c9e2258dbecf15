/**
 * Repeat-purchase spend per customer: `frequency` x (repeat purchases) and
 * `monetaryValue` (mean value of those x purchases), column-wise. Customers
 * with x = 0 carry no spend information and are ignored by the spend model.
 */
export interface SpendData {
  readonly frequency: ArrayLike<number>;
  readonly monetaryValue: ArrayLike<number>;
}
