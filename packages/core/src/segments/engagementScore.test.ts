import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { addEngagementEvent, engagementScoreAt, type EngagementAccumulator } from "./engagementAccumulator.js";
import { engagementScore } from "./engagementScore.js";
import type { EngagementEvent, EngagementScoreConfig } from "./EngagementScoreConfig.js";

const DAY = 86_400_000;
const config: EngagementScoreConfig = { weights: { purchase: 5, session: 1, review: 3 }, halfLifeDaysByType: { purchase: 60 }, halfLifeDaysByChannel: { email: 7 }, defaultHalfLifeDays: 30 };
const eventArb: fc.Arbitrary<EngagementEvent> = fc.record(
  { type: fc.constantFrom("purchase", "session", "review", "other"), channel: fc.constantFrom("email", "web"), at: fc.integer({ min: 0, max: 365 }).map((d) => d * DAY) },
  { requiredKeys: ["type", "at"] },
);
const eventsArb = fc.array(eventArb, { maxLength: 40 });

describe("engagementScore laws", () => {
  test.prop([eventsArb, fc.integer({ min: 365, max: 800 }), fc.integer({ min: 1, max: 200 })])("should decay with time when nothing happens", (events, d, wait) => {
    const a = engagementScore(events, d * DAY, config).score;
    const b = engagementScore(events, (d + wait) * DAY, config).score;
    expect(b).toBeLessThanOrEqual(a);
    if (events.length > 0) expect(b).toBeLessThan(a);
  });

  test.prop([eventsArb, fc.integer({ min: 365, max: 800 })])("should have per-type contributions that sum to the score", (events, d) => {
    const r = engagementScore(events, d * DAY, config);
    expect(Object.values(r.contributions).reduce((s, x) => s + x, 0)).toBeCloseTo(r.score, 9);
  });

  test.prop([eventsArb, fc.integer({ min: 0, max: 100 })])("should agree with the running accumulator fed in time order", (events, extra) => {
    const sorted = [...events].sort((a, b) => a.at - b.at);
    let acc: EngagementAccumulator | undefined;
    for (const e of sorted) acc = addEngagementEvent(acc, e, config);
    const now = 365 * DAY + extra * DAY;
    const batch = engagementScore(sorted, now, config);
    if (acc === undefined) expect(batch.score).toBe(0);
    else {
      const running = engagementScoreAt(acc, now);
      expect(running.score).toBeCloseTo(batch.score, 9);
      for (const [type, c] of Object.entries(batch.contributions)) expect(running.contributions[type]).toBeCloseTo(c, 9);
    }
  });
});

describe("engagementScore reference values", () => {
  test("should halve an event's points every half-life (N₀ · 2^(−t/h))", () => {
    expect(engagementScore([{ type: "purchase", at: 0 }], 30 * DAY).score).toBeCloseTo(2.5, 12);
    expect(engagementScore([{ type: "purchase", at: 0 }], 120 * DAY, config).score).toBeCloseTo(5 / 4, 12);
    // Type half-life wins over channel; channel over default.
    expect(engagementScore([{ type: "purchase", channel: "email", at: 0 }], 60 * DAY, config).score).toBeCloseTo(2.5, 12);
    expect(engagementScore([{ type: "session", channel: "email", at: 0 }], 7 * DAY, config).score).toBeCloseTo(0.5, 12);
    expect(engagementScore([{ type: "other", at: 0, weight: 4 }], 30 * DAY, config).score).toBeCloseTo(2, 12);
    expect(engagementScoreAt(addEngagementEvent(undefined, { type: "session", at: 0 }), 60 * DAY).score).toBeCloseTo(0.25, 12);
  });

  test("should score community and self-service signals by their default weights (EngagementScoreConfig's table)", () => {
    // At age 0 each event scores its weight; one default half-life (30 days) later, half of it.
    const weights: [string, number][] = [["forum_post", 3], ["answer_accepted", 6], ["kb_article_viewed", 0.5], ["kb_article_helpful", 1]];
    for (const [type, w] of weights) {
      expect(engagementScore([{ type, at: 0 }], 0).score).toBe(w);
      expect(engagementScore([{ type, at: 0 }], 30 * DAY).score).toBeCloseTo(w / 2, 12);
    }
    // A helper who answers and gets accepted outscores one who only reads.
    const helper = engagementScore([{ type: "forum_post", at: 0 }, { type: "answer_accepted", at: 0 }], DAY);
    const reader = engagementScore([{ type: "kb_article_viewed", at: 0 }, { type: "kb_article_helpful", at: 0 }], DAY);
    expect(helper.contributions).toEqual({ forum_post: expect.any(Number), answer_accepted: expect.any(Number) });
    expect(helper.score).toBeGreaterThan(reader.score);
  });

  test("should weigh the journey's standard names of a review, a referral and a ticket as their short names (EngagementScoreConfig's table)", () => {
    for (const [standard, short, w] of [["review_posted", "review", 6], ["referral_sent", "referral", 8], ["ticket_opened", "support_contact", 1]] as const) {
      expect(engagementScore([{ type: standard, at: 0 }], 0).score, standard).toBe(w);
      expect(engagementScore([{ type: standard, at: 0 }], 10 * DAY).score).toBe(engagementScore([{ type: short, at: 0 }], 10 * DAY).score);
    }
  });

  test("should ignore future events and reject bad input", () => {
    expect(engagementScore([{ type: "purchase", at: 10 * DAY }], 0).score).toBe(0);
    expect(() => engagementScore([{ type: "x", at: Number.NaN }], 0)).toThrow(expect.objectContaining({ code: "METRIC.NOT_FINITE", path: ["events", 0, "at"] }));
    expect(() => engagementScore([{ type: "x", at: 0 }], 0, { defaultHalfLifeDays: 0 })).toThrow(expect.objectContaining({ code: "METRIC.INVALID_OPTION" }));
    const acc = addEngagementEvent(undefined, { type: "x", at: 10 });
    expect(() => addEngagementEvent(acc, { type: "x", at: 5 })).toThrow(expect.objectContaining({ code: "METRIC.INCONSISTENT" }));
    expect(() => engagementScoreAt(acc, 5)).toThrow(expect.objectContaining({ code: "METRIC.INCONSISTENT" }));
  });
});
