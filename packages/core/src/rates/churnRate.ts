import { proportion } from "./_internal/proportion.js";
import type { Rate } from "./Rate.js";

/**
 * Churn rate over a period: the share of the customers present at its start
 * who were lost during it.
 *
 * Definition: churned / customersAtStart, with a Wilson interval. Customers
 * acquired during the period are not in the denominator (they were not at
 * risk from the start); count their losses in the next period.
 * Source: the standard subscription definition (e.g. Fader & Hardie, "Customer-Base Valuation in a Contractual Setting", 2010).
 *
 * Range: [0, 1]; churnRate + retentionRate = 1 on the same cohort with no acquisitions.
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for customersAtStart = 0; `METRIC.INCONSISTENT` for churned > customersAtStart
 * @category Retention
 * @example
 * churnRate({ customersAtStart: 3150, churned: 495 }).rate // => 0.15714285714285714
 */
export function churnRate(input: { readonly customersAtStart: number; readonly churned: number }, confidence = 0.95): Rate {
  return proportion("churnRate", input.churned, "churned", input.customersAtStart, "customersAtStart", confidence);
}
