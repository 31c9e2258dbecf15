import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertConfidence, assertCount, assertFinite } from "../_internal/assert.js";
import { meanInterval, type MeanEstimate } from "../stats/meanInterval.js";
import { wilsonInterval } from "../stats/wilsonInterval.js";
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
  const scale = options.scale ?? DEFAULT_SCALE;
  assertScale("customerSatisfactionScore", scale);
  const threshold = satisfiedThreshold(scale, options.topBoxes ?? 2);
  let n = 0;
  let satisfied = 0;
  let sum = 0;
  let sumOfSquares = 0;
  let skipped = 0;
  for (let i = 0; i < responses.length; i++) {
    const r = responses[i];
    if (r === null || r === undefined) {
      skipped++;
      continue;
    }
    assertFinite("customerSatisfactionScore", r, ["responses", i]);
    if (!Number.isInteger(r)) {
      throw new InputError(ErrorCodes.NOT_INTEGER, `customerSatisfactionScore requires integer answers, got ${r} at responses[${i}]`, ["responses", i], r);
    }
    if (r < scale.min || r > scale.max) {
      throw new InputError(
        ErrorCodes.OUT_OF_RANGE,
        `customerSatisfactionScore requires answers in ${scale.min}–${scale.max}, got ${r} at responses[${i}]`,
        ["responses", i],
        r,
      );
    }
    n++;
    if (r >= threshold) satisfied++;
    sum += r;
    sumOfSquares += r * r;
  }
  return customerSatisfactionScoreFromStats({ n, satisfied, sum, sumOfSquares, skipped }, options);
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
  satisfiedThreshold(scale, topBoxes);
  const confidence = options.confidence ?? 0.95;
  assertConfidence(fn, confidence);
  const { n, satisfied, sum, sumOfSquares } = stats;
  const skipped = stats.skipped ?? 0;
  assertCount(fn, n, ["n"]);
  assertCount(fn, satisfied, ["satisfied"]);
  assertCount(fn, skipped, ["skipped"]);
  assertFinite(fn, sum, ["sum"]);
  assertFinite(fn, sumOfSquares, ["sumOfSquares"]);
  if (n === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one valid answer`, ["responses"], n);
  if (satisfied > n) {
    throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires satisfied ≤ n, got ${satisfied} of ${n}`, ["satisfied"], satisfied);
  }
  if (sum < scale.min * n || sum > scale.max * n) {
    throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires a mean on the scale, got sum ${sum} for n ${n}`, ["sum"], sum);
  }
  const mean: MeanEstimate = meanInterval(n, sum, sumOfSquares, confidence);
  return {
    definition: "csat@1",
    share: satisfied / n,
    shareInterval: wilsonInterval(satisfied, n, confidence),
    mean: mean.mean,
    meanInterval: mean.interval,
    standardDeviation: mean.standardDeviation,
    n,
    satisfied,
    skipped,
    scale,
    topBoxes,
  };
}

/** The lowest answer that counts as satisfied. */
function satisfiedThreshold(scale: Scale, topBoxes: number): number {
  const width = scale.max - scale.min + 1;
  if (!Number.isInteger(topBoxes) || topBoxes < 1 || topBoxes >= width) {
    throw new InputError(
      ErrorCodes.INVALID_OPTION,
      `customerSatisfactionScore requires topBoxes to be an integer in 1–${width - 1}, got ${topBoxes}`,
      ["options", "topBoxes"],
      topBoxes,
    );
  }
  return scale.max - topBoxes + 1;
}
