import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { deflectionCounts, type SelfServiceResolution, type TicketOpening } from "./deflectionCounts.js";
import { selfServiceDeflectionRate } from "./selfServiceDeflectionRate.js";

const HOUR = 3_600_000;
const customerArb = fc.option(fc.constantFrom("a", "b", "c"), { nil: undefined });
const eventArb = fc.record({ customerId: customerArb, at: fc.integer({ min: 0, max: 200 }).map((h) => h * HOUR) }).map(({ customerId, at }) => (customerId === undefined ? { at } : { customerId, at }));
const eventsArb = fc.array(eventArb, { maxLength: 30 });
const optionsArb = fc.record(
  { ticketWithinHours: fc.integer({ min: 0, max: 72 }), from: fc.integer({ min: 0, max: 100 }).map((h) => h * HOUR), span: fc.integer({ min: 0, max: 150 }).map((h) => h * HOUR) },
);

/** The definition, written as a double loop: a resolution in the period is followed when some ticket of its customer falls in [at, at + window]. */
function naive(resolutions: readonly SelfServiceResolution[], tickets: readonly TicketOpening[], within: number, from: number, to: number) {
  const inside = (at: number) => at >= from && at < to;
  let selfServed = 0;
  let followedByTicket = 0;
  for (const r of resolutions) {
    if (!inside(r.at)) continue;
    const followed = r.customerId !== undefined && tickets.some((t) => t.customerId === r.customerId && t.at >= r.at && t.at <= r.at + within * HOUR);
    if (followed) followedByTicket++;
    else selfServed++;
  }
  return { selfServed, tickets: tickets.filter((t) => inside(t.at)).length, followedByTicket };
}

describe("deflectionCounts laws", () => {
  test.prop([eventsArb, eventsArb, optionsArb])("should equal the definition's double loop", (resolutions, tickets, { ticketWithinHours, from, span }) => {
    expect(deflectionCounts(resolutions, tickets, { ticketWithinHours, from, to: from + span })).toEqual(naive(resolutions, tickets, ticketWithinHours, from, from + span));
  });

  test.prop([eventsArb, eventsArb, eventArb, fc.integer({ min: 0, max: 48 })])("should never raise selfServed with one more ticket or a longer window", (resolutions, tickets, extra, within) => {
    const base = deflectionCounts(resolutions, tickets, { ticketWithinHours: within });
    expect(deflectionCounts(resolutions, [...tickets, extra], { ticketWithinHours: within }).selfServed).toBeLessThanOrEqual(base.selfServed);
    expect(deflectionCounts(resolutions, tickets, { ticketWithinHours: within + 1 }).selfServed).toBeLessThanOrEqual(base.selfServed);
    // Every resolution is either self-served or followed by a ticket.
    expect(base.selfServed + base.followedByTicket).toBe(resolutions.length);
  });

  test.prop([eventsArb, eventsArb])("should not depend on the order of the events", (resolutions, tickets) => {
    expect(deflectionCounts([...resolutions].reverse(), [...tickets].reverse())).toEqual(deflectionCounts(resolutions, tickets));
  });

  test.prop([eventsArb, eventsArb])("should give a rate in [0, 1] equal to selfServed / (selfServed + tickets) when there is a sample", (resolutions, tickets) => {
    const c = deflectionCounts(resolutions, tickets);
    if (c.selfServed + c.tickets === 0) {
      // Empty sample: refused, never scored 0.
      expect(() => selfServiceDeflectionRate(c)).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE" }));
      return;
    }
    const r = selfServiceDeflectionRate(c);
    expect(r.rate).toBe(c.selfServed / (c.selfServed + c.tickets));
    expect(r.rate).toBeGreaterThanOrEqual(0);
    expect(r.rate).toBeLessThanOrEqual(1);
  });
});

describe("deflectionCounts reference values", () => {
  it("should do what its example says, and treat the window's ends as inclusive", () => {
    const h = HOUR;
    expect(deflectionCounts([{ customerId: "a", at: 0 }, { customerId: "b", at: 0 }, { at: 0 }], [{ customerId: "a", at: 2 * h }])).toEqual({ selfServed: 2, tickets: 1, followedByTicket: 1 });
    // A ticket at the same instant, or exactly 24 h later, undoes it; one a millisecond after the window does not; one before does not.
    expect(deflectionCounts([{ customerId: "a", at: 10 }], [{ customerId: "a", at: 10 }]).followedByTicket).toBe(1);
    expect(deflectionCounts([{ customerId: "a", at: 10 }], [{ customerId: "a", at: 10 + 24 * h }]).followedByTicket).toBe(1);
    expect(deflectionCounts([{ customerId: "a", at: 10 }], [{ customerId: "a", at: 11 + 24 * h }]).followedByTicket).toBe(0);
    expect(deflectionCounts([{ customerId: "a", at: 10 }], [{ customerId: "a", at: 9 }]).followedByTicket).toBe(0);
    // A ticket after the period still undoes a resolution inside it, without being counted.
    expect(deflectionCounts([{ customerId: "a", at: 0 }], [{ customerId: "a", at: 5 * h }], { from: 0, to: h })).toEqual({ selfServed: 0, tickets: 0, followedByTicket: 1 });
    expect(deflectionCounts([], [])).toEqual({ selfServed: 0, tickets: 0, followedByTicket: 0 });
  });

  it.each([
    ["a non-finite time", () => deflectionCounts([{ at: Number.NaN }], []), "METRIC.NOT_FINITE", ["resolutions", 0, "at"]],
    ["a ticket without a time", () => deflectionCounts([], [{ customerId: "a" } as unknown as TicketOpening]), "METRIC.NOT_FINITE", ["tickets", 0, "at"]],
    ["a negative window", () => deflectionCounts([], [], { ticketWithinHours: -1 }), "METRIC.OUT_OF_RANGE", ["options", "ticketWithinHours"]],
    ["from after to", () => deflectionCounts([], [], { from: 2, to: 1 }), "METRIC.OUT_OF_RANGE", ["options", "to"]],
    ["a customer id that is not a string", () => deflectionCounts([{ customerId: 7 as unknown as string, at: 0 }], []), "JOURNEY.INVALID_FIELD", ["resolutions", 0, "customerId"]],
  ])("should refuse %s with its path", (_what, run, code, path) => {
    expect(run).toThrow(expect.objectContaining({ code, path }));
  });
});
