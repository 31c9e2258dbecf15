import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertFinite } from "../_internal/assert.js";

/** Inputs of {@link historicalClv}, all per customer (or per average customer of a segment). */
export interface HistoricalClvInput {
  /** Average order value (revenue per purchase), ≥ 0. */
  readonly averageOrderValue: number;
  /** Purchases per period (e.g. per year), ≥ 0. */
  readonly purchaseFrequency: number;
  /** Gross margin as a proportion in [0, 1]. */
  readonly grossMargin: number;
  /** Expected customer lifetime in periods, ≥ 0 (e.g. 1 / churn rate). */
  readonly expectedLifetime: number;
  /** Discount rate per period, ≥ 0; default 0 (undiscounted). */
  readonly discountRate?: number;
}

/**
 * Historical (traditional) customer lifetime value: the margin a customer
 * yields per period, received at the end of each period for her expected
 * lifetime, discounted.
 *
 * Formula: V = AOV × purchase frequency × gross margin per period;
 * CLV = V · Σ_{k=1}^{L} (1+d)^{−k} = V · (1 − (1+d)^{−L}) / d for d > 0
 * (the annuity factor, also used for a fractional L), and V · L for d = 0.
 *
 * Source: P. D. Berger, N. I. Nasr (1998), "Customer lifetime value:
 * marketing models and applications", J. Interactive Marketing 12(1), case 1;
 * S. Gupta, D. R. Lehmann (2005), "Managing Customers as Investments".
 *
 * Range: ≥ 0; non-increasing in d, non-decreasing in L, linear in AOV, frequency and margin.
 *
 * @throws {InputError} `METRIC.NOT_FINITE` for a non-finite input; `METRIC.OUT_OF_RANGE` for a negative input or a margin above 1
 * @category Value
 * @example
 * historicalClv({ averageOrderValue: 50, purchaseFrequency: 4, grossMargin: 0.3, expectedLifetime: 3 }) // => 180
 * historicalClv({ averageOrderValue: 50, purchaseFrequency: 4, grossMargin: 0.3, expectedLifetime: 3, discountRate: 0.1 }) // => 149.21…
 */
export function historicalClv(input: HistoricalClvInput): number {
  const fn = "historicalClv";
  const discountRate = input.discountRate ?? 0;
  const fields: readonly (readonly [string, number])[] = [
    ["averageOrderValue", input.averageOrderValue],
    ["purchaseFrequency", input.purchaseFrequency],
    ["grossMargin", input.grossMargin],
    ["expectedLifetime", input.expectedLifetime],
    ["discountRate", discountRate],
  ];
  for (const [name, value] of fields) {
    assertFinite(fn, value, [name]);
    if (value < 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a non-negative ${name}, got ${value}`, [name], value);
  }
  if (input.grossMargin > 1) {
    throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a gross margin in [0, 1], got ${input.grossMargin}`, ["grossMargin"], input.grossMargin);
  }
  const perPeriod = input.averageOrderValue * input.purchaseFrequency * input.grossMargin;
  const L = input.expectedLifetime;
  const annuity = discountRate === 0 ? L : -Math.expm1(-L * Math.log1p(discountRate)) / discountRate;
  return perPeriod * annuity;
}
