import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertCount } from "../_internal/assert.js";
import { proportion } from "./_internal/proportion.js";
import type { Rate } from "./Rate.js";

/**
 * Customer retention rate over a period: CRR = (E − N) / S, where S is the
 * number of customers at the start, E at the end and N acquired during the period.
 *
 * E − N is the number of starting customers still there, so CRR is a
 * proportion of S with a Wilson interval. Source: the CRR formula of customer
 * success practice (e.g. HubSpot, Gainsight: "(E − N) / S × 100").
 *
 * Range: [0, 1]; retention + churn = 1 on the same cohort when N counts every acquisition.
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for S = 0; `METRIC.INCONSISTENT` when E − N is negative or exceeds S
 * @category Retention
 * @example
 * retentionRate({ customersAtStart: 200, customersAtEnd: 180, newCustomers: 40 }).rate // => 0.7
 */
export function retentionRate(
  input: { readonly customersAtStart: number; readonly customersAtEnd: number; readonly newCustomers: number },
  confidence = 0.95,
): Rate {
  const fn = "retentionRate";
  assertCount(fn, input.customersAtEnd, ["customersAtEnd"]);
  assertCount(fn, input.newCustomers, ["newCustomers"]);
  const kept = input.customersAtEnd - input.newCustomers;
  if (kept < 0) {
    throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires newCustomers ≤ customersAtEnd, got ${input.newCustomers} > ${input.customersAtEnd}`, ["newCustomers"], input.newCustomers);
  }
  return proportion(fn, kept, "customersAtEnd", input.customersAtStart, "customersAtStart", confidence);
}
