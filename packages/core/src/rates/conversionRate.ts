import { proportion } from "./_internal/proportion.js";
import type { Rate } from "./Rate.js";

/**
 * Conversion rate: converted / entered (visitors, leads, trials…), with a Wilson interval.
 *
 * Range: [0, 1].
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for entered = 0; `METRIC.INCONSISTENT` for converted > entered
 * @category Conversion
 * @example
 * conversionRate({ entered: 8000, converted: 842 }).rate // => 0.10525
 */
export function conversionRate(input: { readonly entered: number; readonly converted: number }, confidence = 0.95): Rate {
  return proportion("conversionRate", input.converted, "converted", input.entered, "entered", confidence);
}
