import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { DAY, conditionArb, nowArb, profileArb, referencedSegments } from "../../test/segmentArbitraries.js";
import { createConditionRegistry, registerConditionKind } from "./ConditionRegistry.js";
import type { ConditionKind } from "./ConditionKind.js";
import { createSegmentMembership } from "./createSegmentMembership.js";
import { engagementLadder } from "./engagementLadder.js";
import { conditionHistoryWindows, coversHistoryWindows, historyWindowOf, mergeHistoryWindows } from "./historyWindows.js";
import type { InteractionHistory, Profile } from "./Profile.js";
import type { SegmentDefinition } from "./SegmentDefinition.js";

/** The profile with each type's times older than its window (as of `at`) dropped; count, first and last kept. */
function pruned(p: Profile, window: (type: string) => number, at: number): Profile {
  const interactions: Record<string, InteractionHistory> = {};
  for (const [type, h] of Object.entries(p.interactions)) interactions[type] = { ...h, times: (h.times ?? []).filter((t) => t > at - window(type)) };
  return { ...p, interactions };
}

describe("historyWindows", () => {
  it("should report the longest window per type, following inSegment, and none for count, first and last", () => {
    const m = createSegmentMembership(
      [
        { id: "a", condition: { type: "performed", interaction: "purchase", op: "atLeast", times: 1, withinDays: 30 } },
        { id: "b", condition: { type: "any", conditions: [{ type: "inSegment", segmentId: "c" }, { type: "lastPerformed", interaction: "session", op: "withinLast", days: 400 }] } },
      ],
      { segments: [{ id: "c", condition: { type: "not", condition: { type: "performed", interaction: "purchase", op: "atMost", times: 2, withinDays: 90 } } }] },
    );
    expect([...m.historyWindows.byType]).toEqual([["purchase", 90 * DAY]]);
    expect(m.historyWindows.any).toBe(0);
    expect(historyWindowOf(m.historyWindows, "session")).toBe(0);
    // The default ladder: purchases 90 days, sessions 30, referrals, reviews (both names of each) and community posts 365.
    expect(Object.fromEntries(engagementLadder().historyWindows.byType)).toEqual({ purchase: 90 * DAY, session: 30 * DAY, forum_post: 30 * DAY, kb_article_viewed: 30 * DAY, referral: 365 * DAY, review: 365 * DAY, referral_sent: 365 * DAY, review_posted: 365 * DAY, community_post: 365 * DAY, answer_accepted: 365 * DAY });
  });

  it("should assume a kind without declared windows reads every time of its interaction types, or of all with *", () => {
    const kind = (type: string, deps: string[]): ConditionKind => ({ type, schemas: [], compile: () => () => true, observe: () => null, dependencies: () => deps });
    const registry = registerConditionKind(registerConditionKind(createConditionRegistry(), kind("streak", ["interaction:login"])), kind("anything", ["*"]));
    const one = conditionHistoryWindows([{ type: "streak" } as never], registry);
    expect(historyWindowOf(one, "login")).toBe(Infinity);
    expect(historyWindowOf(one, "purchase")).toBe(0);
    expect(historyWindowOf(conditionHistoryWindows([{ type: "anything" } as never], registry), "purchase")).toBe(Infinity);
  });

  it("should merge by the larger window and tell when kept windows cover needed ones", () => {
    const a = { byType: new Map([["purchase", 10]]), any: 0 };
    const b = { byType: new Map([["purchase", 30], ["session", 5]]), any: 0 };
    const m = mergeHistoryWindows(a, b);
    expect([historyWindowOf(m, "purchase"), historyWindowOf(m, "session")]).toEqual([30, 5]);
    expect(coversHistoryWindows(m, a)).toBe(true);
    expect(coversHistoryWindows(a, b)).toBe(false); // widened: the kept times are too short
    expect(coversHistoryWindows(a, { byType: new Map(), any: 1 })).toBe(false);
  });

  // The law that makes pruning safe: dropping times older than the reported window, as of any
  // time not after the evaluation, changes no membership, due time or ladder tier.
  const definitionsArb = fc.array(conditionArb, { minLength: 1, maxLength: 5 }).map((cs) => cs.map((condition, i): SegmentDefinition => ({ id: `s${i}`, condition })));
  test.prop([definitionsArb, profileArb, nowArb, fc.integer({ min: 0, max: 400 })], { numRuns: 300 })(
    "should leave every evaluation at or after the pruning time unchanged",
    (definitions, profile, now, back) => {
      const m = createSegmentMembership(definitions, { segments: referencedSegments });
      const at = now - back * DAY; // pruned earlier, evaluated now
      const small = pruned(profile, (t) => historyWindowOf(m.historyWindows, t), at);
      const full = m.evaluate(profile, now);
      const part = m.evaluate(small, now);
      expect(Array.from(part.member)).toEqual(Array.from(full.member));
      expect(part.nextCheckAt).toBe(full.nextCheckAt);
      const ladder = engagementLadder();
      expect(ladder.tierOf(pruned(profile, (t) => historyWindowOf(ladder.historyWindows, t), at), now)).toBe(ladder.tierOf(profile, now));
    },
  );
});
