import { countScaleAnswers, summarizeScale, topThreshold } from "./_internal/scaleAnswers.js";
import type { Interval } from "../stats/Interval.js";
import { assertScale, type Scale } from "./Scale.js";
import type { Response } from "./Response.js";

/** Sufficient statistics of a CES survey. */
export interface CesStats {
  readonly n: number;
  /** Answers in the "easy" boxes. */
  readonly easy: number;
  readonly sum: number;
  readonly sumOfSquares: number;
  readonly skipped?: number;
}

/** Customer Effort Score with its sample size and uncertainty. */
export interface CustomerEffortScore {
  /** The versioned definition this was computed with (see metricDefinitions). */
  readonly definition: "ces@1";
  /** Mean answer on the scale (higher = easier with the default wording). */
  readonly mean: number;
  /** Student-t interval of the mean; `null` when n = 1. */
  readonly meanInterval: Interval | null;
  readonly standardDeviation: number | null;
  /** Share of answers in the easy boxes, in [0, 1]. */
  readonly easyShare: number;
  /** Wilson interval of `easyShare`. */
  readonly easyShareInterval: Interval;
  readonly n: number;
  readonly easy: number;
  readonly skipped: number;
  readonly scale: Scale;
  /** How many top boxes count as easy. */
  readonly easyBoxes: number;
}

/** Options of {@link customerEffortScore}. */
export interface CesOptions {
  /** The answer scale, default 1–7. */
  readonly scale?: Scale;
  /** How many boxes at the top count as "easy", default 3 (5, 6, 7 on 1–7). */
  readonly easyBoxes?: number;
  readonly confidence?: number;
}

const DEFAULT_SCALE: Scale = { min: 1, max: 7 };

/**
 * Customer Effort Score (CES 2.0): answers to "The company made it easy for
 * me to handle my issue" on a 1–7 agreement scale (7 = strongly agree).
 *
 * Definition: CES = the mean answer, with a Student-t interval; also the
 * share of "easy" answers (the top `easyBoxes` boxes, 5–7 by default) with a
 * Wilson interval. Non-answers (`null` / `undefined`) are counted in `skipped`
 * and excluded. If your question is worded the other way round ("how much
 * effort…", low = good), read the mean accordingly: the formula is the same.
 *
 * Source: M. Dixon, K. Freeman & N. Toman (2010), "Stop Trying to Delight
 * Your Customers", Harvard Business Review 88(7); CEB's CES 2.0 (2013) with
 * the 1–7 agreement scale.
 *
 * Range: mean in [scale.min, scale.max]; easyShare in [0, 1]. Complexity: O(n).
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` when there is no valid answer (never scored as 0);
 *   `METRIC.OUT_OF_RANGE`, `METRIC.NOT_INTEGER`, `METRIC.NOT_FINITE` with the position;
 *   `METRIC.INVALID_OPTION` for a malformed scale or easyBoxes
 * @category Satisfaction
 * @example
 * const ces = customerEffortScore([7, 6, 5, 2, null]);
 * ces.mean      // => 5
 * ces.easyShare // => 0.75
 */
export function customerEffortScore(responses: readonly Response[], options: CesOptions = {}): CustomerEffortScore {
  const fn = "customerEffortScore";
  const scale = options.scale ?? DEFAULT_SCALE;
  assertScale(fn, scale);
  const s = countScaleAnswers(fn, responses, scale, topThreshold(fn, scale, options.easyBoxes ?? 3, "easyBoxes"));
  return customerEffortScoreFromStats({ n: s.n, easy: s.top, sum: s.sum, sumOfSquares: s.sumOfSquares, skipped: s.skipped }, options);
}

/**
 * {@link customerEffortScore} from sufficient statistics (n, easy, Σx, Σx²),
 * for callers that aggregate in SQL. Agrees exactly with the raw path.
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` when n = 0; `METRIC.INCONSISTENT` when easy > n or the mean is off the scale
 * @category Satisfaction
 * @example
 * customerEffortScoreFromStats({ n: 4, easy: 3, sum: 20, sumOfSquares: 114 }).mean // => 5
 */
export function customerEffortScoreFromStats(stats: CesStats, options: CesOptions = {}): CustomerEffortScore {
  const fn = "customerEffortScore";
  const scale = options.scale ?? DEFAULT_SCALE;
  assertScale(fn, scale);
  const easyBoxes = options.easyBoxes ?? 3;
  topThreshold(fn, scale, easyBoxes, "easyBoxes");
  const skipped = stats.skipped ?? 0;
  const r = summarizeScale(fn, { n: stats.n, top: stats.easy, sum: stats.sum, sumOfSquares: stats.sumOfSquares, skipped }, "easy", scale, options.confidence ?? 0.95);
  return {
    definition: "ces@1",
    mean: r.mean,
    meanInterval: r.meanInterval,
    standardDeviation: r.standardDeviation,
    easyShare: r.share,
    easyShareInterval: r.shareInterval,
    n: stats.n,
    easy: stats.easy,
    skipped,
    scale,
    easyBoxes,
  };
}
