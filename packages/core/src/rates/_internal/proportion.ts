import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import { assertConfidence, assertCount } from "../../_internal/assert.js";
import { wilsonInterval } from "../../stats/wilsonInterval.js";
import type { Rate } from "../Rate.js";

/**
 * The shared core of every rate: checks the counts (named as the caller
 * names them), refuses an empty denominator, and attaches a Wilson interval.
 */
export function proportion(fn: string, count: number, countField: string, n: number, nField: string, confidence = 0.95): Rate {
  assertCount(fn, count, [countField]);
  assertCount(fn, n, [nField]);
  assertConfidence(fn, confidence);
  if (n === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires ${nField} > 0 (an empty denominator is not a rate of 0)`, [nField], n);
  if (count > n) throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires ${countField} ≤ ${nField}, got ${count} > ${n}`, [countField], count);
  return { rate: count / n, interval: wilsonInterval(count, n, confidence), n, count };
}
