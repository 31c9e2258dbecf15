import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import { assertConfidence, assertCount, assertFinite } from "../../_internal/assert.js";
import { meanInterval } from "../../stats/meanInterval.js";
import { wilsonInterval } from "../../stats/wilsonInterval.js";
import type { Interval } from "../../stats/Interval.js";
import type { Response } from "../Response.js";
import type { Scale } from "../Scale.js";

/** Sufficient statistics of answers on an integer scale, with the count in the top boxes. */
export interface ScaleStats {
  readonly n: number;
  readonly top: number;
  readonly sum: number;
  readonly sumOfSquares: number;
  readonly skipped: number;
}

/** The lowest answer in the top `boxes` boxes; INVALID_OPTION when `boxes` does not fit the scale. */
export function topThreshold(fn: string, scale: Scale, boxes: number, option: string): number {
  const width = scale.max - scale.min + 1;
  if (!Number.isInteger(boxes) || boxes < 1 || boxes >= width) {
    throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires ${option} to be an integer in 1–${width - 1}, got ${boxes}`, ["options", option], boxes);
  }
  return scale.max - boxes + 1;
}

/** One pass over raw answers: counts, sums and non-answers; a typed error with the position for anything else. */
export function countScaleAnswers(fn: string, responses: readonly Response[], scale: Scale, threshold: number): ScaleStats {
  let n = 0;
  let top = 0;
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
    if (r >= threshold) top++;
    sum += r;
    sumOfSquares += r * r;
  }
  return { n, top, sum, sumOfSquares, skipped };
}

/** Checks sufficient statistics (named `topField` for the top count) and summarises them: share with Wilson, mean with t. */
export function summarizeScale(
  fn: string,
  stats: ScaleStats,
  topField: string,
  scale: Scale,
  confidence: number,
): { share: number; shareInterval: Interval; mean: number; meanInterval: Interval | null; standardDeviation: number | null } {
  assertConfidence(fn, confidence);
  const { n, top, sum, sumOfSquares, skipped } = stats;
  assertCount(fn, n, ["n"]);
  assertCount(fn, top, [topField]);
  assertCount(fn, skipped, ["skipped"]);
  assertFinite(fn, sum, ["sum"]);
  assertFinite(fn, sumOfSquares, ["sumOfSquares"]);
  if (n === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one valid answer`, ["responses"], n);
  if (top > n) throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires ${topField} ≤ n, got ${top} of ${n}`, [topField], top);
  if (sum < scale.min * n || sum > scale.max * n) throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires a mean on the scale, got sum ${sum} for n ${n}`, ["sum"], sum);
  const m = meanInterval(n, sum, sumOfSquares, confidence);
  return { share: top / n, shareInterval: wilsonInterval(top, n, confidence), mean: m.mean, meanInterval: m.interval, standardDeviation: m.standardDeviation };
}
