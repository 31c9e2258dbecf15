import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { byteHistogram } from "../stats/byteHistogram.js";
import { customerSatisfactionScoreFromStats, type CsatOptions, type CustomerSatisfactionScore } from "./customerSatisfactionScore.js";
import { netPromoterScoreFromCounts, type NetPromoterScore, type NpsOptions } from "./netPromoterScore.js";

/** Counts per answer value of a byte column, refusing values outside [min, max] with the first offending position. */
function countsOn(fn: string, column: Uint8Array | Int8Array, min: number, max: number): Float64Array {
  const h = byteHistogram(column);
  for (let b = 0; b < 256; b++) {
    const value = column instanceof Int8Array && b > 127 ? b - 256 : b;
    if ((h[b] as number) > 0 && (value < min || value > max)) {
      const at = column.findIndex((x) => x === value);
      throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires answers in ${min}–${max}, got ${value} at responses[${at}]`, ["responses", at], value);
    }
  }
  return h;
}

/**
 * {@link netPromoterScore} of a typed column of answers (one byte each, no
 * non-answers), in one histogram pass — for millions of responses already in
 * memory. Same result as the other paths.
 *
 * @throws {InputError} `METRIC.OUT_OF_RANGE` with the first position of an answer outside 0–10; `METRIC.EMPTY_SAMPLE`
 * @category Satisfaction
 * @example
 * netPromoterScoreFromColumn(Uint8Array.of(10, 9, 8, 7, 6)).score // => 20
 */
export function netPromoterScoreFromColumn(column: Uint8Array | Int8Array, options: NpsOptions = {}): NetPromoterScore {
  const h = countsOn("netPromoterScoreFromColumn", column, 0, 10);
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (let v = 0; v <= 10; v++) {
    if (v >= 9) promoters += h[v] as number;
    else if (v >= 7) passives += h[v] as number;
    else detractors += h[v] as number;
  }
  return netPromoterScoreFromCounts({ promoters, passives, detractors }, options);
}

/**
 * {@link customerSatisfactionScore} of a typed column of answers (one byte each,
 * no non-answers), in one histogram pass. Same result as the other paths.
 *
 * @throws {InputError} `METRIC.OUT_OF_RANGE` with the first position off the scale; `METRIC.EMPTY_SAMPLE`
 * @category Satisfaction
 * @example
 * customerSatisfactionScoreFromColumn(Uint8Array.of(5, 4, 3, 5)).share // => 0.75
 */
export function customerSatisfactionScoreFromColumn(column: Uint8Array | Int8Array, options: CsatOptions = {}): CustomerSatisfactionScore {
  const scale = options.scale ?? { min: 1, max: 5 };
  const h = countsOn("customerSatisfactionScoreFromColumn", column, scale.min, scale.max);
  const threshold = scale.max - (options.topBoxes ?? 2) + 1;
  let n = 0;
  let satisfied = 0;
  let sum = 0;
  let sumOfSquares = 0;
  for (let v = scale.min; v <= scale.max; v++) {
    const c = h[v < 0 ? v + 256 : v] as number;
    n += c;
    if (v >= threshold) satisfied += c;
    sum += v * c;
    sumOfSquares += v * v * c;
  }
  return customerSatisfactionScoreFromStats({ n, satisfied, sum, sumOfSquares }, options);
}
