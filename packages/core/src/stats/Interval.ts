/**
 * A two-sided confidence interval around an estimate.
 *
 * `level` is the nominal coverage (0.95 for a 95% interval) and `method`
 * names how it was computed, so a reader can tell a Wilson interval from a
 * normal approximation without reading the source.
 */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly method: IntervalMethod;
}

/** How an {@link Interval} was computed. */
export type IntervalMethod = "wilson" | "normal" | "t" | "bootstrap" | "order-statistic" | "greenwood";
