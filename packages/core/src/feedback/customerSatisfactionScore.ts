import { countScaleAnswers, summarizeScale, topThreshold } from "./_internal/scaleAnswers.js";
import type { Interval } from "../stats/Interval.js";
import { assertScale, type Scale } from "./Scale.js";
import type { Response } from "./Response.js";

/** Sufficient statistics of a CSAT survey, as SQL can aggregate them. */
export interface CsatStats {
  /** Number of valid answers. */
  readonly n: number;
  /** Answers in the top boxes (by default the top two: 4 and 5 on 1–5). */
  readonly satisfied: number;
  /** Σ score over valid answers. */
  readonly sum: number;
  /** Σ score² over valid answers. */
  readonly sumOfSquares: number;
  /** Non-answers; reported, never in the denominator. */
  readonly skipped?: number;
}

/** Customer Satisfaction Score with its sample size and uncertainty. */
export interface CustomerSatisfactionScore {
  /** The versioned definition this was computed with (see metricDefinitions). */
  readonly definition: "csat@1";
  /** Share of valid answers in the top boxes, in [0, 1], full precision. */
  readonly share: number;
  /** Wilson interval of `share`. */
  readonly shareInterval: Interval;
  /** Mean answer on the scale. */
  readonly mean: number;
  /** Student-t interval of the mean; `null` when n = 1. */
  readonly meanInterval: Interval | null;
  readonly standardDeviation: number | null;
  readonly n: number;
  readonly satisfied: number;
  readonly skipped: number;
  readonly scale: Scale;
  /** How many top boxes count as satisfied. */
  readonly topBoxes: number;
}

/** Options of {@link customerSatisfactionScore}. */
export interface CsatOptions {
  /** The answer scale, default 1–5. */
  readonly scale?: Scale;
  /** How many boxes at the top count as satisfied, default 2 (top-2-box). */
  readonly topBoxes?: number;
  /** Nominal coverage of the intervals, default 0.95. */
  readonly confidence?: number;
}

const DEFAULT_SCALE: Scale = { min: 1, max: 5 };

/**
 * Customer Satisfaction Score (CSAT): the share of satisfied answers to
 * "How satisfied were you with …?", reported with the mean answer.
 *
 * Definition: on a scale min–max, an answer is *satisfied* when it lies in
 * the top `topBoxes` boxes (score ≥ max − topBoxes + 1; 4 or 5 on the
 * default 1–5 scale). CSAT = satisfied / n, a proportion in [0, 1] with a
 * Wilson interval; the mean answer is reported with a Student-t interval.
 * Non-answers (`null` / `undefined`) are counted in `skipped` and excluded.
 *
 * Source: the top-2-box convention of the American Customer Satisfaction
 * Index practice and of most CX tools (e.g. Qualtrics, "What is CSAT";
 * Zendesk, "CSAT score"); Wilson (1927) for the interval.
 *
 * Range: share in [0, 1]; mean in [scale.min, scale.max].
 * Complexity: O(n).
 *
 * @param responses - integers on the scale, or null/undefined for non-answers
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` when there is no valid answer (never scored as 0);
 *   `METRIC.OUT_OF_RANGE` for an answer off the scale; `METRIC.NOT_INTEGER`; `METRIC.NOT_FINITE`
 *   — each with the position; `METRIC.INVALID_OPTION` for a malformed scale or topBoxes
 * @category Satisfaction
 * @example
 * const csat = customerSatisfactionScore([5, 4, 3, 5, null]);
 * csat.share // => 0.75  (3 of 4 valid answers are 4 or 5)
 * csat.mean  // => 4.25
 */
export function customerSatisfactionScore(
  responses: readonly Response[],
  options: CsatOptions = {},
): CustomerSatisfactionScore {
  const fn = "customerSatisfactionScore";
  const scale = options.scale ?? DEFAULT_SCALE;
  assertScale(fn, scale);
  const s = countScaleAnswers(fn, responses, scale, topThreshold(fn, scale, options.topBoxes ?? 2, "topBoxes"));
  return customerSatisfactionScoreFromStats({ n: s.n, satisfied: s.top, sum: s.sum, sumOfSquares: s.sumOfSquares, skipped: s.skipped }, options);
}

/**
 * {@link customerSatisfactionScore} from sufficient statistics (n, satisfied,
 * Σx, Σx²), for callers that aggregate in SQL. Agrees exactly with the raw path.
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` when n = 0; `METRIC.INCONSISTENT` when satisfied > n
 *   or the mean falls outside the scale
 * @category Satisfaction
 * @example
 * customerSatisfactionScoreFromStats({ n: 4, satisfied: 3, sum: 17, sumOfSquares: 75 }).share // => 0.75
 */
export function customerSatisfactionScoreFromStats(stats: CsatStats, options: CsatOptions = {}): CustomerSatisfactionScore {
  const fn = "customerSatisfactionScore";
  const scale = options.scale ?? DEFAULT_SCALE;
  assertScale(fn, scale);
  const topBoxes = options.topBoxes ?? 2;
  topThreshold(fn, scale, topBoxes, "topBoxes");
  const skipped = stats.skipped ?? 0;
  const r = summarizeScale(fn, { n: stats.n, top: stats.satisfied, sum: stats.sum, sumOfSquares: stats.sumOfSquares, skipped }, "satisfied", scale, options.confidence ?? 0.95);
  return {
    definition: "csat@1",
    share: r.share,
    shareInterval: r.shareInterval,
    mean: r.mean,
    meanInterval: r.meanInterval,
    standardDeviation: r.standardDeviation,
    n: stats.n,
    satisfied: stats.satisfied,
    skipped,
    scale,
    topBoxes,
  };
}
