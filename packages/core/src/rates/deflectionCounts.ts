import { assertFinite, describe } from "../_internal/assert.js";
import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";

/**
 * A support need answered without an agent: a knowledge-base article voted
 * helpful by its reader, a community answer accepted… `customerId` is the
 * customer who was helped, when known (a ticket of theirs right after means
 * the need was not met); without it no ticket can undo the resolution.
 */
export interface SelfServiceResolution {
  readonly customerId?: string;
  /** Epoch ms. */
  readonly at: number;
}

/** A support ticket opened: a need that reached an agent. */
export interface TicketOpening {
  readonly customerId?: string;
  /** Epoch ms. */
  readonly at: number;
}

/** Options of {@link deflectionCounts}. */
export interface DeflectionCountsOptions {
  /**
   * A resolution followed by a ticket of the same customer at most this many
   * hours later (the same instant included) was not deflected. Finite, ≥ 0;
   * default 24.
   */
  readonly ticketWithinHours?: number;
  /** Count resolutions and tickets at or after this epoch ms (default: no bound). Tickets before it still undo resolutions. */
  readonly from?: number;
  /** Count resolutions and tickets strictly before this epoch ms (default: no bound). Tickets after it still undo resolutions. */
  readonly to?: number;
}

/** The counts {@link selfServiceDeflectionRate} takes, and the resolutions a ticket followed. */
export interface DeflectionCounts {
  /** Resolutions in the period not followed by a ticket of the same customer within the window. */
  readonly selfServed: number;
  /** Tickets opened in the period. */
  readonly tickets: number;
  /** Resolutions in the period that a ticket of the same customer followed within the window (counted in neither). */
  readonly followedByTicket: number;
}

const HOUR = 3_600_000;

/**
 * The counts of the self-service deflection rate from events: which
 * self-service resolutions really kept a need away from the agents.
 *
 * Definition: over the period [from, to), `selfServed` = resolutions r with no
 * ticket t of the same customer at r.at ≤ t.at ≤ r.at + ticketWithinHours;
 * `tickets` = tickets opened in the period; `followedByTicket` = the other
 * resolutions of the period (so selfServed + followedByTicket = resolutions
 * in the period). Tickets outside the period still undo resolutions inside it
 * (pass the tickets up to `to + ticketWithinHours` for an exact period end).
 * The rate is then `selfServiceDeflectionRate({ selfServed, tickets })`
 * = selfServed / (selfServed + tickets).
 *
 * Source: the ticket-deflection measure of help-desk practice — a
 * self-service session counts as deflected when no ticket follows it within a
 * window (a day is the usual choice, hence the default).
 *
 * Ranges: counts are non-negative integers; more tickets, or a longer window,
 * never raise `selfServed`. Edge cases: a resolution without a customer always
 * counts; no events gives zeros (the rate then refuses the empty sample, it is
 * never scored 0). Complexity: O((r + t) log t).
 *
 * @throws {InputError} `METRIC.NOT_FINITE` for a non-finite time, window or bound; `METRIC.OUT_OF_RANGE` for
 *   a negative window or `from > to`; `JOURNEY.INVALID_FIELD` for a customer id that is not a string — each with
 *   its path (`["resolutions", i, "at"]`, `["options", "ticketWithinHours"]`…)
 * @category Support
 * @example
 * const h = 3_600_000;
 * deflectionCounts([{ customerId: "a", at: 0 }, { customerId: "b", at: 0 }, { at: 0 }], [{ customerId: "a", at: 2 * h }]) // => { selfServed: 2, tickets: 1, followedByTicket: 1 }
 */
export function deflectionCounts(resolutions: readonly SelfServiceResolution[], tickets: readonly TicketOpening[], options: DeflectionCountsOptions = {}): DeflectionCounts {
  const fn = "deflectionCounts";
  const within = options.ticketWithinHours ?? 24;
  assertFinite(fn, within, ["options", "ticketWithinHours"]);
  if (within < 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires ticketWithinHours ≥ 0, got ${within}`, ["options", "ticketWithinHours"], within);
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  if (options.from !== undefined) assertFinite(fn, from, ["options", "from"]);
  if (options.to !== undefined) assertFinite(fn, to, ["options", "to"]);
  if (from > to) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires from ≤ to, got ${from} > ${to}`, ["options", "to"], to);
  const window = within * HOUR;
  const check = (list: "resolutions" | "tickets", e: SelfServiceResolution | TicketOpening, i: number) => {
    assertFinite(fn, e?.at, [list, i, "at"]);
    if (e.customerId !== undefined && typeof e.customerId !== "string") {
      throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires a string customerId, got ${describe(e.customerId)}`, [list, i, "customerId"], e.customerId);
    }
  };

  // Ticket times per customer, ascending.
  const byCustomer = new Map<string, number[]>();
  let inPeriod = 0;
  tickets.forEach((t, i) => {
    check("tickets", t, i);
    if (t.at >= from && t.at < to) inPeriod++;
    if (t.customerId === undefined) return;
    const list = byCustomer.get(t.customerId);
    if (list) list.push(t.at);
    else byCustomer.set(t.customerId, [t.at]);
  });
  for (const list of byCustomer.values()) list.sort((a, b) => a - b);

  let selfServed = 0;
  let followed = 0;
  resolutions.forEach((r, i) => {
    check("resolutions", r, i);
    if (r.at < from || r.at >= to) return;
    const times = r.customerId === undefined ? undefined : byCustomer.get(r.customerId);
    if (times !== undefined) {
      const k = lowerBound(times, r.at);
      if (k < times.length && (times[k] as number) <= r.at + window) {
        followed++;
        return;
      }
    }
    selfServed++;
  });
  return { selfServed, tickets: inPeriod, followedByTicket: followed };
}

/** First index whose value is ≥ x in an ascending list. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
