import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertConfidence, assertCount, assertFinite } from "../_internal/assert.js";
import { meanInterval } from "../stats/meanInterval.js";
import { wilsonInterval } from "../stats/wilsonInterval.js";
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
  const threshold = easyThreshold(scale, options.easyBoxes ?? 3);
  let n = 0;
  let easy = 0;
  let sum = 0;
  let sumOfSquares = 0;
  let skipped = 0;
  for (let i = 0; i < responses.length; i++) {
    const r = responses[i];
    if (r === null || r === undefined) {
      skipped++;
      continue;
    }
    assertFinite(fn, r, ["responses", i]);
    if (!Number.isInteger(r)) throw new InputError(ErrorCodes.NOT_INTEGER, `${fn} requires integer answers, got ${r} at responses[${i}]`, ["responses", i], r);
    if (r < scale.min || r > scale.max) {
      throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires answers in ${scale.min}–${scale.max}, got ${r} at responses[${i}]`, ["responses", i], r);
    }
    n++;
    if (r >= threshold) easy++;
    sum += r;
    sumOfSquares += r * r;
  }
  return customerEffortScoreFromStats({ n, easy, sum, sumOfSquares, skipped }, options);
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
  easyThreshold(scale, easyBoxes);
  const confidence = options.confidence ?? 0.95;
  assertConfidence(fn, confidence);
  const { n, easy, sum, sumOfSquares } = stats;
  const skipped = stats.skipped ?? 0;
  assertCount(fn, n, ["n"]);
  assertCount(fn, easy, ["easy"]);
  assertCount(fn, skipped, ["skipped"]);
  assertFinite(fn, sum, ["sum"]);
  assertFinite(fn, sumOfSquares, ["sumOfSquares"]);
  if (n === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one valid answer`, ["responses"], n);
  if (easy > n) throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires easy ≤ n, got ${easy} of ${n}`, ["easy"], easy);
  if (sum < scale.min * n || sum > scale.max * n) throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires a mean on the scale, got sum ${sum} for n ${n}`, ["sum"], sum);
  const m = meanInterval(n, sum, sumOfSquares, confidence);
  return {
    definition: "ces@1",
    mean: m.mean,
    meanInterval: m.interval,
    standardDeviation: m.standardDeviation,
    easyShare: easy / n,
    easyShareInterval: wilsonInterval(easy, n, confidence),
    n,
    easy,
    skipped,
    scale,
    easyBoxes,
  };
}

function easyThreshold(scale: Scale, easyBoxes: number): number {
  const width = scale.max - scale.min + 1;
  if (!Number.isInteger(easyBoxes) || easyBoxes < 1 || easyBoxes >= width) {
    throw new InputError(ErrorCodes.INVALID_OPTION, `customerEffortScore requires easyBoxes to be an integer in 1–${width - 1}, got ${easyBoxes}`, ["options", "easyBoxes"], easyBoxes);
  }
  return scale.max - easyBoxes + 1;
}
