/**
 * Discrete-time recency–frequency data: over `periods` n transaction
 * opportunities after the first, `frequency` x transactions, the last at
 * opportunity `recency` t_x (0 when x = 0; x ≤ t_x ≤ n). Column-wise;
 * `weights` counts customers with the same pattern (default 1).
 */
export interface BgBbData {
  readonly frequency: ArrayLike<number>;
  readonly recency: ArrayLike<number>;
  readonly periods: ArrayLike<number>;
  readonly weights?: ArrayLike<number>;
}

/** One customer in discrete time (see {@link BgBbData}). */
export interface BgBbCustomer {
  readonly frequency: number;
  readonly recency: number;
  readonly periods: number;
}
