import { describe, formatPath } from "../_internal/assert.js";
import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import type { CadencePeriod, CostToServe, EngagementModel } from "./EngagementModel.js";

/** Days in a mean Gregorian year (365 + 1/4 − 1/100 + 1/400). */
const YEAR_DAYS = 365.2425;

/**
 * Length of each {@link CadencePeriod} in days: week = 7, month = 1/12 of a
 * mean Gregorian year (30.436875), quarter = 3 months (91.310625),
 * year = 365.2425. Conversions between periods are ratios of these lengths.
 *
 * @category Models
 * @example
 * periodDays.month // => 30.436875
 */
export const periodDays: Readonly<Record<CadencePeriod, number>> = Object.freeze({
  week: 7,
  month: YEAR_DAYS / 12,
  quarter: YEAR_DAYS / 4,
  year: YEAR_DAYS,
});

const PERIODS = Object.keys(periodDays);

/**
 * A model's cost to serve one customer, expressed for another period:
 * `perCustomer · days(period) / days(model.cost.period)`, components scaled
 * alike (see {@link periodDays}: week = 7 days, month = 365.2425 / 12 days,
 * quarter = 3 months, year = 365.2425 days). A cost is a rate, so converting
 * is proportional: 200 a month is 2,400 a year and 200 · 7 / 30.436875 ≈ 46.0
 * a week. Converting to the model's own period returns the same numbers.
 *
 * @throws {InputError} `MODEL.INVALID` at `["period"]` for an unknown period
 * @category Models
 * @example
 * costToServe(catalogModel("csm"), "year").perCustomer // => 2640
 */
export function costToServe(model: EngagementModel, period: CadencePeriod): CostToServe {
  checkPeriod("costToServe", period);
  const c = model.cost;
  if (c.period === period) return c;
  const f = periodDays[period] / periodDays[c.period];
  const scaled = { period, perCustomer: c.perCustomer * f };
  return c.components === undefined ? scaled : { ...scaled, components: c.components.map((k) => ({ label: k.label, amount: k.amount * f })) };
}

/** One model's share of {@link expectedAssignmentCost}. */
export interface ModelCostLine {
  readonly model: string;
  readonly version: number;
  readonly customers: number;
  /** Cost to serve one customer for the period. */
  readonly perCustomer: number;
  /** `customers · perCustomer`. */
  readonly total: number;
}

/** Output of {@link expectedAssignmentCost}. */
export interface AssignmentCost {
  readonly period: CadencePeriod;
  /** Number of assignments costed. */
  readonly n: number;
  /** Σ over models of their totals. */
  readonly total: number;
  /** One line per model version with at least one customer, in the order the models are given. */
  readonly perModel: readonly ModelCostLine[];
}

/**
 * The expected cost, for one `period`, of serving customers as assigned:
 * each assignment costs its model's {@link costToServe} for the period, and
 * the totals are summed per model version and overall.
 *
 * An assignment names its model by id and optionally the version it used;
 * without a version, the highest version of that id among `models` is used.
 * The total of no assignments is 0 (a sum over nobody, reported with n = 0):
 * it is a budget, not an estimate from a sample.
 *
 * @throws {InputError} `MODEL.UNKNOWN_REFERENCE` at `["assignments", i, "model"]` (or `"version"`) for a model not in `models`; `MODEL.INVALID` at `["period"]`
 * @category Models
 * @example
 * expectedAssignmentCost([{ model: "csm" }, { model: "csm" }, { model: "low_touch" }], engagementModelCatalog, "month").total // => 440.72
 */
export function expectedAssignmentCost(
  assignments: readonly { readonly model: string; readonly version?: number }[],
  models: readonly EngagementModel[],
  period: CadencePeriod,
): AssignmentCost {
  const FN = "expectedAssignmentCost";
  checkPeriod(FN, period);
  const latest = new Map<string, EngagementModel>();
  const exact = new Map<string, EngagementModel>();
  for (const m of models) {
    exact.set(`${m.id}@${m.version}`, m);
    const seen = latest.get(m.id);
    if (seen === undefined || seen.version < m.version) latest.set(m.id, m);
  }
  const counts = new Map<EngagementModel, number>();
  assignments.forEach((a, i) => {
    const m = a.version === undefined ? latest.get(a.model) : exact.get(`${a.model}@${a.version}`);
    if (m === undefined) {
      const field = a.version !== undefined && latest.has(a.model) ? "version" : "model";
      const path = ["assignments", i, field];
      const value = field === "version" ? a.version : a.model;
      throw new InputError(ErrorCodes.MODEL_UNKNOWN_REFERENCE, `${FN} requires a known model ${field} at ${formatPath(path)}, got ${describe(value)}`, path, value);
    }
    counts.set(m, (counts.get(m) ?? 0) + 1);
  });
  const perModel: ModelCostLine[] = [];
  let total = 0;
  for (const m of models) {
    const customers = counts.get(m);
    if (customers === undefined) continue;
    counts.delete(m); // a model object listed twice counts once
    const perCustomer = costToServe(m, period).perCustomer;
    perModel.push({ model: m.id, version: m.version, customers, perCustomer, total: customers * perCustomer });
    total += customers * perCustomer;
  }
  return { period, n: assignments.length, total, perModel };
}

function checkPeriod(fn: string, period: unknown): asserts period is CadencePeriod {
  if (typeof period !== "string" || !PERIODS.includes(period)) {
    throw new InputError(ErrorCodes.MODEL_INVALID, `${fn} requires a period week, month, quarter or year, got ${describe(period)}`, ["period"], period);
  }
}
