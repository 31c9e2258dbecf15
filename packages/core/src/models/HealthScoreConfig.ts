/**
 * A customer health scorecard, as customer-success teams run their CSM model
 * on it (Gainsight-style scorecards): a handful of measures, each turned into
 * red / yellow / green by two thresholds and into points, then averaged with
 * weights. Scored by {@link healthScore}; {@link defaultHealthScoreConfig} is
 * a starting point.
 */
export interface HealthScoreConfig {
  readonly measures: readonly HealthMeasure[];
  /**
   * Colour of the overall score, with the same rule as a "higher is better"
   * measure: score < red → red, score ≥ green → green, otherwise yellow.
   * Default `{ red: 40, green: 70 }` (on the default 0–100 points).
   */
  readonly colors?: HealthThresholds;
  /** |change| ≤ this many points counts as a flat trend (default 1). */
  readonly flatTolerance?: number;
  /** How many measures the explanation names (default 3). */
  readonly explainTop?: number;
}

/** Which way a measure is good. */
export type HealthDirection = "higher" | "lower";

/** Health colours, worst first. */
export type HealthColor = "red" | "yellow" | "green";

/**
 * How a value becomes points: `"bands"` gives each colour its points (a step
 * function); `"linear"` interpolates linearly from `points.red` at the red
 * threshold to `points.green` at the green threshold (clamped outside them;
 * `points.yellow` is not used), so small moves inside the yellow band count.
 */
export type HealthScoring = "bands" | "linear";

/**
 * Two thresholds on a measure's own scale. For a "higher" measure
 * red ≤ green; for a "lower" measure red ≥ green.
 *
 * Boundaries: reaching the green threshold is green (≥ green for "higher",
 * ≤ green for "lower"); red is strictly worse than the red threshold
 * (< red for "higher", > red for "lower"); everything else, including the red
 * threshold itself, is yellow. With red = green there is no yellow band.
 */
export interface HealthThresholds {
  readonly red: number;
  readonly green: number;
}

/** Points for each colour; must be ordered red ≤ yellow ≤ green so improving a measure never lowers the score. */
export interface HealthPoints {
  readonly red: number;
  readonly yellow: number;
  readonly green: number;
}

/** One measure of a {@link HealthScoreConfig}. */
export interface HealthMeasure {
  /** Key into the values (`"lastNps"`); unique in the config. */
  readonly id: string;
  readonly label: string;
  /** Relative weight (> 0); weights are renormalised over the measures present. */
  readonly weight: number;
  readonly direction: HealthDirection;
  readonly thresholds: HealthThresholds;
  /** Default `{ red: 0, yellow: 50, green: 100 }`. */
  readonly points?: HealthPoints;
  /** Default `"bands"`. */
  readonly scoring?: HealthScoring;
}

/**
 * A customer's measure values for one period, by measure id. `null` /
 * `undefined` (or a missing key) = not measured: left out of the weights,
 * never scored as 0. Keys the config does not name are ignored.
 */
export type HealthMeasureValues = Readonly<Record<string, number | null | undefined>>;

/** One measure's part in a {@link HealthScore}. */
export interface HealthMeasureScore {
  readonly id: string;
  readonly label: string;
  readonly value: number;
  readonly color: HealthColor;
  readonly points: number;
  /** Effective weight: the configured weight divided by the sum of the present measures' weights (they sum to 1). */
  readonly weight: number;
  /** weight × points; the contributions sum to the score. */
  readonly contribution: number;
}

/** Score of the earlier periods and the direction of the latest change. */
export interface HealthTrend {
  /** Score of the last earlier period; `null` without history or when it had no measure. */
  readonly previous: number | null;
  /** score − previous; `null` when either is `null`. */
  readonly change: number | null;
  /** `"flat"` when |change| ≤ flatTolerance; `null` when change is `null`. */
  readonly direction: "up" | "down" | "flat" | null;
  /** Scores of the earlier periods, oldest first, then the current score. */
  readonly series: readonly (number | null)[];
}

/** Output of {@link healthScore}. */
export interface HealthScore {
  /** Σ weight × points over the present measures, full precision; `null` when no measure is present (never 0). */
  readonly score: number | null;
  readonly color: HealthColor | null;
  /** Why `score` is `null`; `null` otherwise. */
  readonly reason: string | null;
  /** The present measures, in config order. */
  readonly measures: readonly HealthMeasureScore[];
  /** Ids of the config's measures with no value, in config order. */
  readonly omitted: readonly string[];
  readonly trend: HealthTrend;
  /** What moved the score: the measures whose contribution changed most vs the previous period, with numbers. */
  readonly explanation: readonly string[];
}
