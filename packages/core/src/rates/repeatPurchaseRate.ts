import { proportion } from "./_internal/proportion.js";
import type { Rate } from "./Rate.js";

/**
 * Repeat-purchase rate: the share of customers with a purchase who bought
 * more than once in the period (purchases on different days or orders; say
 * which when you count). Wilson interval.
 *
 * Range: [0, 1].
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for customers = 0; `METRIC.INCONSISTENT` for repeatCustomers > customers
 * @category Retention
 * @example
 * repeatPurchaseRate({ customers: 2357, repeatCustomers: 946 }).rate // => 0.4013576580398812
 */
export function repeatPurchaseRate(input: { readonly customers: number; readonly repeatCustomers: number }, confidence = 0.95): Rate {
  return proportion("repeatPurchaseRate", input.repeatCustomers, "repeatCustomers", input.customers, "customers", confidence);
}
