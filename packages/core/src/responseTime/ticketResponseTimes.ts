import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertFinite } from "../_internal/assert.js";
import type { BusinessCalendar } from "./BusinessCalendar.js";
import { businessMillisBetween } from "./businessMillisBetween.js";
import type { TicketEvent } from "./TicketEvent.js";

/** Per-ticket durations in milliseconds (wall clock, or business time with a calendar). */
export interface TicketResponseTimes {
  /** Opened → first agent reply, one per ticket that has one. */
  readonly firstResponse: number[];
  /** Every wait for an agent: first customer message not yet answered → next agent reply. */
  readonly reply: number[];
  /** Opened → last resolution, one per ticket whose last event is a resolution. */
  readonly resolution: number[];
  /** Tickets seen. */
  readonly tickets: number;
}

const TYPES = new Set(["opened", "agent_reply", "customer_reply", "resolved", "reopened"]);

/**
 * First response, reply and resolution times from a ticket event log.
 *
 * Definitions (the ones help-desk tools document, e.g. Zendesk's "first reply
 * time" and "full resolution time"): a ticket's clock starts at its earliest
 * event (normally `opened`); first response = first `agent_reply` − start;
 * reply time = for each run of customer messages (`opened`, `customer_reply`,
 * `reopened`) not yet answered, the next `agent_reply` − the run's first
 * message; resolution = the last `resolved` − start, for tickets whose last
 * event is `resolved` (reopened and still open tickets have none). Events are
 * sorted by time per ticket first (ties: input order). With a calendar every
 * duration is business time ({@link businessMillisBetween}).
 *
 * Complexity: O(n log n).
 *
 * @throws {InputError} `METRIC.EMPTY_SAMPLE` for no events; `METRIC.OUT_OF_RANGE` for an unknown type;
 *   `METRIC.NOT_FINITE` for a bad time — each with its position
 * @category Response time
 * @example
 * ticketResponseTimes([
 *   { ticketId: "1", type: "opened", at: 0 }, { ticketId: "1", type: "agent_reply", at: 600_000 },
 *   { ticketId: "1", type: "customer_reply", at: 700_000 }, { ticketId: "1", type: "agent_reply", at: 1_000_000 },
 *   { ticketId: "1", type: "resolved", at: 1_200_000 },
 * ]) // => { firstResponse: [600000], reply: [600000, 300000], resolution: [1200000], tickets: 1 }
 */
export function ticketResponseTimes(events: readonly TicketEvent[], options: { readonly calendar?: BusinessCalendar } = {}): TicketResponseTimes {
  const fn = "ticketResponseTimes";
  if (events.length === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one event`, ["events"], 0);
  const byTicket = new Map<string, { e: TicketEvent; i: number }[]>();
  events.forEach((e, i) => {
    if (!TYPES.has(e.type)) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a known event type at events[${i}].type, got ${JSON.stringify(e.type)}`, ["events", i, "type"], e.type);
    assertFinite(fn, e.at, ["events", i, "at"]);
    const list = byTicket.get(e.ticketId) ?? [];
    list.push({ e, i });
    byTicket.set(e.ticketId, list);
  });
  const span = options.calendar ? (a: number, b: number) => businessMillisBetween(a, b, options.calendar as BusinessCalendar) : (a: number, b: number) => b - a;
  const out: TicketResponseTimes = { firstResponse: [], reply: [], resolution: [], tickets: byTicket.size };
  for (const list of byTicket.values()) {
    list.sort((x, y) => x.e.at - y.e.at || x.i - y.i);
    const start = (list[0] as { e: TicketEvent }).e.at;
    let answered = false;
    let waitingSince: number | null = null;
    for (const { e } of list) {
      if (e.type === "agent_reply") {
        if (!answered) {
          out.firstResponse.push(span(start, e.at));
          answered = true;
        }
        if (waitingSince !== null) out.reply.push(span(waitingSince, e.at));
        waitingSince = null;
      } else if (e.type !== "resolved") {
        waitingSince ??= e.at;
      } else {
        waitingSince = null;
      }
    }
    const last = (list[list.length - 1] as { e: TicketEvent }).e;
    if (last.type === "resolved") out.resolution.push(span(start, last.at));
  }
  return out;
}
