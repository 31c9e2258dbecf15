import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertCount, assertFinite, describe } from "../_internal/assert.js";
import type { RfmCustomer } from "./RfmData.js";
import { assertCustomer } from "./_internal/prepareRfm.js";

/** Any purchase model with a conditional expectation (BG/NBD, Pareto/NBD, modified BG/NBD). */
export interface PurchaseModel {
  conditionalExpectedPurchases(t: number, customer: RfmCustomer): number;
}

/** Any spend model with a conditional mean transaction value (Gamma-Gamma). */
export interface SpendModel {
  conditionalExpectedAverageValue(frequency: number, monetaryValue: number): number;
}

/** Customers to value, column-wise: the RFM summary with monetary value. */
export interface ClvCustomers {
  readonly frequency: ArrayLike<number>;
  readonly recency: ArrayLike<number>;
  readonly T: ArrayLike<number>;
  readonly monetaryValue: ArrayLike<number>;
}

/** Options of {@link customerLifetimeValue}. */
export interface ClvOptions {
  /** Horizon in months, a positive integer; default 12. */
  readonly months?: number;
  /** Monthly discount rate, ≥ 0; default 0.01. */
  readonly discountRate?: number;
  /** The models' time unit: `"weeks"` (4.345 per month, default) or `"days"` (30 per month), as lifetimes uses. */
  readonly timeUnit?: "weeks" | "days";
  /** Overrides the units per month implied by `timeUnit`. */
  readonly unitsPerMonth?: number;
}

/**
 * Discounted customer lifetime value per customer over a horizon of whole
 * months, from a purchase model and a spend model.
 *
 * Formula: CLV = Σ_{k=1}^{K} E[Z | x, z̄] · (E[Y(k·u) | x, t_x, T] − E[Y((k−1)·u) | x, t_x, T]) / (1 + d)^k
 * with K months, u time units per month (4.345 weeks or 30 days), d the
 * monthly discount rate, E[Y] the purchase model's conditional expectation
 * and E[Z] the spend model's conditional mean value (margin not applied:
 * multiply by a margin for profit).
 *
 * Source: Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves
 * for customer base analysis", J. Marketing Research 42(4) (discounted
 * expected residual transactions × expected spend); monthly discounting as
 * `lifetimes.GammaGammaFitter.customer_lifetime_value` (v0.11.3).
 *
 * Range: ≥ 0 per customer; 0 for a zero horizon never happens (months ≥ 1).
 * Complexity: O(n · K) model evaluations.
 *
 * @throws {InputError} `METRIC.INCONSISTENT` for columns of unequal length; `METRIC.EMPTY_SAMPLE` for none;
 *   `METRIC.INVALID_OPTION` for a bad horizon, discount rate or time unit; row errors as the models' predictions
 * @category Value
 * @example
 * const bg = bgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
 * const gg = gammaGammaModel({ p: 6.25, q: 3.74, gamma: 15.44 });
 * customerLifetimeValue(bg, gg, { frequency: [2], recency: [30.43], T: [38.86], monetaryValue: [22.35] })[0]
 * // => 36.289… (CDNOW customer 1, 12 months at 1% a month)
 */
export function customerLifetimeValue(purchases: PurchaseModel, spend: SpendModel, customers: ClvCustomers, options: ClvOptions = {}): Float64Array {
  const fn = "customerLifetimeValue";
  const months = options.months ?? 12;
  const discountRate = options.discountRate ?? 0.01;
  const timeUnit = options.timeUnit ?? "weeks";
  if (!Number.isInteger(months) || months < 1) {
    throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires a positive whole number of months, got ${describe(months)}`, ["options", "months"], months);
  }
  if (!(Number.isFinite(discountRate) && discountRate >= 0)) {
    throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires a finite non-negative discount rate, got ${describe(discountRate)}`, ["options", "discountRate"], discountRate);
  }
  if (timeUnit !== "weeks" && timeUnit !== "days") {
    throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires timeUnit "weeks" or "days", got ${describe(timeUnit)}`, ["options", "timeUnit"], timeUnit);
  }
  const unitsPerMonth = options.unitsPerMonth ?? (timeUnit === "weeks" ? 4.345 : 30);
  if (!(Number.isFinite(unitsPerMonth) && unitsPerMonth > 0)) {
    throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires positive unitsPerMonth, got ${describe(unitsPerMonth)}`, ["options", "unitsPerMonth"], unitsPerMonth);
  }
  const n = customers.frequency.length;
  if (customers.recency.length !== n || customers.T.length !== n || customers.monetaryValue.length !== n) {
    throw new InputError(ErrorCodes.INCONSISTENT, `${fn} requires columns of equal length`, ["customers"], n);
  }
  if (n === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one customer`, ["customers"], n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const customer = { frequency: customers.frequency[i] as number, recency: customers.recency[i] as number, T: customers.T[i] as number };
    assertCount(fn, customer.frequency, ["customers", "frequency", i]);
    assertFinite(fn, customer.recency, ["customers", "recency", i]);
    assertFinite(fn, customer.T, ["customers", "T", i]);
    assertCustomer(fn, customer, ["customers", i]);
    const value = spend.conditionalExpectedAverageValue(customer.frequency, customers.monetaryValue[i] as number);
    let total = 0;
    let previous = 0;
    for (let k = 1; k <= months; k++) {
      const cumulative = purchases.conditionalExpectedPurchases(k * unitsPerMonth, customer);
      total += (value * (cumulative - previous)) / Math.pow(1 + discountRate, k);
      previous = cumulative;
    }
    out[i] = total;
  }
  return out;
}
