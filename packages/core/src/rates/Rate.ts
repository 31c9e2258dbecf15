import type { Interval } from "../stats/Interval.js";

/** A rate as every engagekit rate reports it. */
export interface Rate {
  /** successes / n, in [0, 1], full precision. */
  readonly rate: number;
  /** Wilson interval of `rate`. */
  readonly interval: Interval;
  /** The denominator. */
  readonly n: number;
  /** The numerator. */
  readonly count: number;
}
