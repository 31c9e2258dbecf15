import { describe, formatPath } from "../_internal/assert.js";
import { ErrorCodes } from "../errors/codes.js";
import { InputError, type InputPath } from "../errors/InputError.js";
import { periodDays } from "./costToServe.js";
import type { CadencePeriod, EngagementModel } from "./EngagementModel.js";

const DAY_MS = 86_400_000;

/** A moment: epoch milliseconds, an ISO 8601 string or a `Date`. */
export type CadenceTimestamp = number | string | Date;

/** One customer's contacts in the window, for {@link contactCadenceReport}. */
export interface CadenceCustomer {
  readonly customer: string;
  /** Id of the model the customer is assigned to. */
  readonly model: string;
  /** Version of that model the assignment used; default: the highest version of the id in `models`. */
  readonly version?: number;
  /** The contacts' timestamps (those outside the window are not counted), or their count in the window. */
  readonly contacts: readonly CadenceTimestamp[] | number;
}

/** How a customer's contact rate compares with their model's cadence. */
export type CadenceStatus = "under-served" | "within" | "over-contacted";

/** One customer's line of a {@link ContactCadenceReport}. */
export interface CadenceLine {
  readonly customer: string;
  readonly model: string;
  readonly version: number;
  /** Contacts counted in the window. */
  readonly contacts: number;
  /** The model's cadence period. */
  readonly period: CadencePeriod;
  /** `contacts / periods`, periods = window length / period length (fractional). */
  readonly perPeriod: number;
  readonly status: CadenceStatus;
}

/** Counts per model of a {@link ContactCadenceReport}. */
export interface CadenceModelCounts {
  readonly model: string;
  readonly customers: number;
  readonly underServed: number;
  readonly within: number;
  readonly overContacted: number;
}

/** Output of {@link contactCadenceReport}. */
export interface ContactCadenceReport {
  readonly window: { readonly start: number; readonly end: number; readonly days: number };
  /** Number of customers reported. */
  readonly n: number;
  readonly customers: readonly CadenceLine[];
  /** One entry per model with at least one customer, in the order of `models`. */
  readonly byModel: readonly CadenceModelCounts[];
}

/**
 * Compares each customer's contacts in a window with the cadence of the model
 * they are assigned to (engagement frequency, a component of every engagement
 * model): `under-served` when contacts per period fall below the cadence's
 * `target`, `over-contacted` when they exceed its `cap`, `within` otherwise
 * (`target ≤ rate ≤ cap`).
 *
 * Rate: `perPeriod = contacts / periods`, where `periods = (end − start) /
 * days(period)` counts periods fractionally over the window
 * (see {@link periodDays}: a 45-day window is 1.478… months, so 2 contacts are
 * 1.353… a month). Timestamps are counted when `start ≤ t < end` (the window
 * is half-open); a count is taken as the count inside the window. Short
 * windows make rates noisy: 1 contact in a 7-day window is 4.35 a month, so
 * prefer windows of at least one period of the slowest cadence.
 *
 * Each customer is judged by the cadence of the model version they name
 * (default: the highest version of the id); counts per model are per id,
 * all versions together.
 *
 * Empty input: no customers gives n = 0 and empty lists; an empty or reversed
 * window (`end ≤ start`) throws.
 *
 * @throws {InputError} `MODEL.INVALID` at `["window"]` for `end ≤ start`; `JOURNEY.INVALID_TIMESTAMP` for a bad window end or contact timestamp; `METRIC.NOT_INTEGER`/`METRIC.OUT_OF_RANGE` for a bad count; `MODEL.UNKNOWN_REFERENCE` at `["customers", i, "model"]` (or `"version"`) for a model not in `models`
 * @category Models
 * @example
 * const r = contactCadenceReport({
 *   window: { start: "2024-01-01", end: "2024-04-01" },
 *   customers: [{ customer: "a", model: "csm", contacts: 2 }, { customer: "b", model: "csm", contacts: 5 }],
 *   models: engagementModelCatalog,
 * });
 * r.customers.map((c) => c.status) // => ["under-served", "within"]
 */
export function contactCadenceReport(input: {
  readonly window: { readonly start: CadenceTimestamp; readonly end: CadenceTimestamp };
  readonly customers: readonly CadenceCustomer[];
  readonly models: readonly EngagementModel[];
}): ContactCadenceReport {
  const FN = "contactCadenceReport";
  const start = toMillis(FN, input.window.start, ["window", "start"]);
  const end = toMillis(FN, input.window.end, ["window", "end"]);
  if (!(end > start)) {
    throw new InputError(ErrorCodes.MODEL_INVALID, `${FN} requires a window whose end is after its start, got ${describe(start)} to ${describe(end)}`, ["window"], input.window);
  }
  const days = (end - start) / DAY_MS;
  const byId = new Map<string, EngagementModel>();
  const exact = new Map<string, EngagementModel>();
  for (const m of input.models) {
    exact.set(`${m.id}@${m.version}`, m);
    const seen = byId.get(m.id);
    if (seen === undefined || seen.version < m.version) byId.set(m.id, m);
  }
  const counts = new Map<string, { underServed: number; within: number; overContacted: number }>();
  const lines: CadenceLine[] = input.customers.map((c, i) => {
    const m = c.version === undefined ? byId.get(c.model) : exact.get(`${c.model}@${c.version}`);
    if (m === undefined) {
      const field = c.version !== undefined && byId.has(c.model) ? "version" : "model";
      const path = ["customers", i, field];
      const value = field === "version" ? c.version : c.model;
      throw new InputError(ErrorCodes.MODEL_UNKNOWN_REFERENCE, `${FN} requires a known model ${field} at ${formatPath(path)}, got ${describe(value)}`, path, value);
    }
    let contacts = 0;
    if (typeof c.contacts === "number") {
      const path = ["customers", i, "contacts"];
      if (!Number.isInteger(c.contacts)) throw new InputError(ErrorCodes.NOT_INTEGER, `${FN} requires an integer count at ${formatPath(path)}, got ${describe(c.contacts)}`, path, c.contacts);
      if (c.contacts < 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${FN} requires a non-negative count at ${formatPath(path)}, got ${c.contacts}`, path, c.contacts);
      contacts = c.contacts;
    } else {
      c.contacts.forEach((t, j) => {
        const ms = toMillis(FN, t, ["customers", i, "contacts", j]);
        if (ms >= start && ms < end) contacts++;
      });
    }
    const { period, target, cap } = m.cadence;
    const perPeriod = contacts / (days / periodDays[period]);
    const status: CadenceStatus = perPeriod < target ? "under-served" : perPeriod > cap ? "over-contacted" : "within";
    const k = counts.get(m.id) ?? { underServed: 0, within: 0, overContacted: 0 };
    if (status === "under-served") k.underServed++;
    else if (status === "within") k.within++;
    else k.overContacted++;
    counts.set(m.id, k);
    return { customer: c.customer, model: m.id, version: m.version, contacts, period, perPeriod, status };
  });
  const byModel: CadenceModelCounts[] = [];
  for (const id of byId.keys()) {
    const k = counts.get(id);
    if (k !== undefined) byModel.push({ model: id, customers: k.underServed + k.within + k.overContacted, ...k });
  }
  return { window: { start, end, days }, n: lines.length, customers: lines, byModel };
}

function toMillis(fn: string, t: unknown, path: InputPath): number {
  const ms = t instanceof Date ? t.getTime() : typeof t === "number" ? t : typeof t === "string" ? Date.parse(t) : Number.NaN;
  if (!Number.isFinite(ms)) throw new InputError(ErrorCodes.INVALID_TIMESTAMP, `${fn} requires a valid timestamp at ${formatPath(path)}, got ${describe(t)}`, path, t);
  return ms;
}
