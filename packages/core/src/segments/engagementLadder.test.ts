import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { DAY, T0 } from "../../test/segmentArbitraries.js";
import { defaultLadderCriteria, ladderTiers } from "./defaultLadderCriteria.js";
import { definePersona } from "./definePersona.js";
import { engagementLadder, type LadderState } from "./engagementLadder.js";
import type { Profile } from "./Profile.js";
import { recordInteraction } from "./recordInteraction.js";

const TYPES = ["purchase", "session", "referral", "review", "community_post", "email_open", "forum_post", "answer_accepted", "kb_article_viewed", "kb_article_helpful"] as const;
const eventArb = fc.record({ dt: fc.integer({ min: 0, max: 200 * 24 }).map((h) => h * 3_600_000), type: fc.constantFrom(...TYPES), nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }) });

describe("engagementLadder laws", () => {
  test.prop([fc.array(eventArb, { minLength: 1, maxLength: 40 })])("should move only along passive ↔ active ↔ advocate, chaining steps from the previous tier to the qualifying one", (events) => {
    const ladder = engagementLadder();
    let p: Profile = { id: "c", traits: {}, interactions: {} };
    let state: LadderState | undefined;
    let now = T0;
    for (const e of events) {
      now += e.dt;
      p = recordInteraction(p, e.type, now);
      if (e.nps !== undefined) p = { ...p, values: { lastNps: e.nps } };
      const before = state?.tier ?? "passive";
      const { state: next, transitions } = ladder.update(state, p, now);
      let at = before;
      for (const t of transitions) {
        expect(t.from).toBe(at);
        expect(Math.abs(ladderTiers.indexOf(t.to) - ladderTiers.indexOf(t.from))).toBe(1);
        expect(t.direction).toBe(ladderTiers.indexOf(t.to) > ladderTiers.indexOf(t.from) ? "promotion" : "demotion");
        expect(t.at).toBe(now);
        expect(t.reason.length).toBeGreaterThan(0);
        at = t.to;
      }
      expect(at).toBe(next.tier);
      expect(next.tier).toBe(ladder.tierOf(p, now));
      if (transitions.length === 0) expect(next).toEqual(state ?? { tier: "passive", since: now });
      state = next;
    }
  });
});

describe("engagementLadder defaults", () => {
  const ladder = engagementLadder();
  const empty: Profile = { id: "c", traits: {}, interactions: {} };

  test("should promote on a purchase and demote when it ages out of the 90-day window, with reasons", () => {
    const p = recordInteraction(empty, "purchase", T0);
    const up = ladder.update(undefined, p, T0);
    expect(up.transitions).toEqual([{ from: "passive", to: "active", direction: "promotion", reason: expect.stringContaining('"interaction":"purchase"') as string, at: T0 }]);
    expect(ladder.update(up.state, p, T0 + 89 * DAY).transitions).toEqual([]);
    const down = ladder.update(up.state, p, T0 + 90 * DAY);
    expect(down.transitions).toMatchObject([{ from: "active", to: "passive", direction: "demotion", at: T0 + 90 * DAY }]);
    expect(down.transitions[0]?.reason).toMatch(/^active criterion no longer met/);
  });

  test("should make an NPS promoter an advocate in two steps, and back", () => {
    const promoter: Profile = { ...empty, values: { lastNps: 9 } };
    const up = ladder.update(undefined, promoter, T0);
    expect(up.transitions.map((t) => [t.from, t.to])).toEqual([["passive", "active"], ["active", "advocate"]]);
    const down = ladder.update(up.state, { ...empty, values: { lastNps: 8 } }, T0 + DAY);
    expect(down.transitions.map((t) => [t.from, t.to, t.direction])).toEqual([["advocate", "active", "demotion"], ["active", "passive", "demotion"]]);
  });

  test("should count referrals, reviews and community posts as advocacy", () => {
    for (const type of ["referral", "review", "community_post"]) expect(ladder.tierOf(recordInteraction(empty, type, T0), T0 + 364 * DAY)).toBe("advocate");
    // The journey's standard names of a review and a referral (its advocacy rule's types) count too, for the same 365 days.
    for (const type of ["review_posted", "referral_sent"]) {
      expect(ladder.tierOf(recordInteraction(empty, type, T0), T0 + 364 * DAY), type).toBe("advocate");
      expect(ladder.tierOf(recordInteraction(empty, type, T0), T0 + 366 * DAY), type).toBe("passive");
    }
    expect(ladder.tierOf(recordInteraction(empty, "session", T0), T0)).toBe("passive");
    expect(defaultLadderCriteria.advocate.type).toBe("any");
  });

  test("should make a forum poster active and a customer with an accepted answer an advocate (community signals)", () => {
    const posted = recordInteraction(empty, "forum_post", T0);
    expect(ladder.update(undefined, posted, T0).transitions.map((t) => [t.to, t.reason.includes('"interaction":"forum_post"')])).toEqual([["active", true]]);
    // The post ages out of the 30-day window.
    expect(ladder.tierOf(posted, T0 + 30 * DAY)).toBe("passive");
    // Climbing: posted (active), then an accepted answer (advocate, citing it), kept for 365 days.
    const up = ladder.update(undefined, posted, T0);
    const accepted = recordInteraction(posted, "answer_accepted", T0 + DAY);
    const top = ladder.update(up.state, accepted, T0 + DAY);
    expect(top.transitions.map((t) => [t.from, t.to])).toEqual([["active", "advocate"]]);
    expect(top.transitions[0]?.reason).toContain('"interaction":"answer_accepted"');
    expect(ladder.tierOf(accepted, T0 + 365 * DAY)).toBe("advocate");
    expect(ladder.tierOf(accepted, T0 + 366 * DAY)).toBe("passive");
  });

  test("should count three knowledge-base reads in 30 days as activity, and not a helpful vote alone", () => {
    let p = empty;
    for (let i = 0; i < 2; i++) p = recordInteraction(p, "kb_article_viewed", T0 + i * DAY);
    expect(ladder.tierOf(p, T0 + 2 * DAY)).toBe("passive");
    p = recordInteraction(p, "kb_article_viewed", T0 + 2 * DAY);
    expect(ladder.tierOf(p, T0 + 2 * DAY)).toBe("active");
    // The first read leaves the window 30 days after it: two remain.
    expect(ladder.tierOf(p, T0 + 30 * DAY)).toBe("passive");
    expect(ladder.tierOf(recordInteraction(empty, "kb_article_helpful", T0), T0)).toBe("passive");
  });

  test("should take custom criteria and reject invalid ones", () => {
    const custom = engagementLadder({ active: { type: "trait", field: "plan", op: "equals", value: "pro" }, advocate: { type: "any", conditions: [] } });
    expect(custom.tierOf({ ...empty, traits: { plan: "pro" } }, 0)).toBe("active");
    expect(() => engagementLadder({ active: { type: "nope" } as never, advocate: { type: "all", conditions: [] } })).toThrow(/condition type/);
  });
});

describe("definePersona", () => {
  const persona = { id: "busy-pro", name: "Busy professional", goals: ["save time"], needs: ["self-service"], preferredChannels: ["email", "chat"] };
  test("should link a journey persona to its segment definition", () => {
    const r = definePersona(persona, { id: "pros", condition: { type: "trait", field: "plan", op: "equals", value: "pro" } });
    expect(r.persona).toEqual({ ...persona, segmentId: "pros" });
    expect(r.segment.id).toBe("pros");
  });
  test("should reject a mismatched segment id and an invalid segment", () => {
    expect(() => definePersona({ ...persona, segmentId: "other" }, { id: "pros", condition: { type: "all", conditions: [] } })).toThrow(expect.objectContaining({ code: "SEGMENT.INVALID", path: ["persona", "segmentId"] }));
    expect(() => definePersona(persona, { id: "x", condition: { type: "trait", field: "a", op: "older" } as never })).toThrow(expect.objectContaining({ code: "SEGMENT.UNKNOWN_OPERATOR" }));
  });
});
