import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { durationSummary } from "./durationSummary.js";
import { ticketResponseTimes } from "./ticketResponseTimes.js";

describe("ticketResponseTimes", () => {
  it("should measure first response, each reply wait and resolution (worked example)", () => {
    const r = ticketResponseTimes([
      { ticketId: "1", type: "resolved", at: 1_200_000 },
      { ticketId: "1", type: "opened", at: 0 },
      { ticketId: "1", type: "agent_reply", at: 600_000 },
      { ticketId: "1", type: "customer_reply", at: 700_000 },
      { ticketId: "1", type: "customer_reply", at: 800_000 },
      { ticketId: "1", type: "agent_reply", at: 1_000_000 },
      { ticketId: "2", type: "opened", at: 0 },
      { ticketId: "2", type: "resolved", at: 50 },
      { ticketId: "2", type: "reopened", at: 100 },
    ]);
    // Ticket 1: replies wait 600 s (opened) and 300 s (from the first of two customer messages); resolved at 1200 s.
    // Ticket 2: no agent reply; reopened after resolution, so no resolution time.
    expect(r).toEqual({ firstResponse: [600_000], reply: [600_000, 300_000], resolution: [1_200_000], tickets: 2 });
  });

  it("should refuse an empty log and unknown event types with their position", () => {
    expect(() => ticketResponseTimes([])).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE" }));
    expect(() => ticketResponseTimes([{ ticketId: "1", type: "closed" as never, at: 0 }])).toThrow(expect.objectContaining({ path: ["events", 0, "type"] }));
  });
});

describe("durationSummary", () => {
  it("should match numpy for median and p90 (numpy.percentile(range(1, 11), [50, 90]) = [5.5, 9.1])", () => {
    const s = durationSummary([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(s.median.value).toBeCloseTo(5.5, 12);
    expect(s.p90.value).toBeCloseTo(9.1, 12);
    expect(s.mean).toBeCloseTo(5.5, 12);
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 1e7 }), { minLength: 1, maxLength: 300 })])(
    "should order min ≤ median ≤ p90 ≤ max, with intervals around their estimates",
    (xs) => {
      const s = durationSummary(xs);
      expect(Math.min(...xs)).toBeLessThanOrEqual(s.median.value);
      expect(s.median.value).toBeLessThanOrEqual(s.p90.value + 1e-9);
      expect(s.p90.value).toBeLessThanOrEqual(Math.max(...xs));
      for (const q of [s.median, s.p90]) {
        if (q.interval) {
          expect(q.interval.lower).toBeLessThanOrEqual(q.value + 1e-9);
          expect(q.interval.upper).toBeGreaterThanOrEqual(q.value - 1e-9);
        }
      }
    },
  );

  it("should never score an empty sample as 0", () => {
    expect(() => durationSummary([])).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE" }));
  });
});
