import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../errors/codes.js";
import { engagementLadder } from "../segments/engagementLadder.js";
import type { Profile } from "../segments/Profile.js";
import { recordInteraction } from "../segments/recordInteraction.js";
import { compileBadges } from "./compileBadges.js";
import { convertReferral } from "./convertReferral.js";
import { createReferral } from "./createReferral.js";
import { earnPoints } from "./earnPoints.js";
import { emptyPointsLedger } from "./emptyPointsLedger.js";
import { pointsBalance } from "./pointsBalance.js";
import { pointsForInteraction } from "./pointsForInteraction.js";
import { REFERRAL_CONVERTED } from "./Referral.js";
import { loyaltySummary } from "./loyaltySummary.js";
import { loyaltyTier } from "./loyaltyTier.js";
import type { PointsLedger } from "./PointsLedger.js";
import { redeemPoints } from "./redeemPoints.js";
import { referralLadderCriteria } from "./referralLadderCriteria.js";

const DAY = 86_400_000;

describe("pointsForInteraction", () => {
  const program = {
    rules: [
      { id: "spend", interaction: "purchase", pointsPerUnit: 1, unit: 10 },
      { id: "order", interaction: "purchase", points: 5 },
      { id: "review", interaction: "review", points: 50, multiplier: 2 },
    ],
    tierMultipliers: { gold: 1.5 },
    validityDays: 365,
  };

  test.prop([fc.double({ min: 0, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 1e5, noNaN: true }), fc.constantFrom(undefined, "bronze", "gold")])(
    "should give whole points that never fall when the spend rises",
    (a, b, tier) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const p = (amount: number) => pointsForInteraction(program, { type: "purchase", at: 0, amount }, tier).points;
      expect(Number.isInteger(p(lo))).toBe(true);
      expect(p(lo)).toBeLessThanOrEqual(p(hi));
    },
  );

  it("should add rules, multiply by the tier and floor", () => {
    // ⌊1.5 · (⌊49 / 10⌋ · 1 + 5)⌋ = ⌊13.5⌋ = 13
    const r = pointsForInteraction(program, { type: "purchase", at: 0, amount: 49 }, "gold");
    expect([r.points, r.expiresAt, r.parts.map((x) => x.rule)]).toEqual([13, 365 * DAY, ["spend", "order"]]);
    expect(pointsForInteraction(program, { type: "review", at: 0 }).points).toBe(100);
    expect(pointsForInteraction(program, { type: "login", at: 0 }).points).toBe(0);
    expect(() => pointsForInteraction(program, { type: "purchase", at: 0, amount: -1 })).toThrow(expect.objectContaining({ code: ErrorCodes.OUT_OF_RANGE, path: ["interaction", "amount"] }));
    expect(() => pointsForInteraction({ rules: [{ id: "x", interaction: "a", unit: 0 }] }, { type: "a", at: 0 })).toThrow(expect.objectContaining({ path: ["program", "rules", 0, "unit"] }));
  });
});

describe("compileBadges", () => {
  const evaluate = compileBadges([
    { id: "first_review", condition: { type: "performed", interaction: "review", op: "atLeast", times: 1 } },
    { id: "regular", condition: { type: "performed", interaction: "purchase", op: "atLeast", times: 3, withinDays: 30 } },
  ]);

  it("should award a badge once, with the evidence, and keep it when activity ages out", () => {
    let p: Profile = { id: "c", traits: {}, interactions: {} };
    for (const d of [1, 2, 3]) p = recordInteraction(p, "purchase", d * DAY);
    const first = evaluate(p, 4 * DAY);
    expect(first.newlyAwarded.map((a) => a.badge)).toEqual(["regular"]);
    expect(first.newlyAwarded[0]?.reason).toContain("\"purchase\"");
    const later = evaluate(p, 100 * DAY, first.awards);
    expect(later.newlyAwarded).toEqual([]);
    expect(later.awards).toEqual(first.awards);
    const reviewed = evaluate(recordInteraction(p, "review", 101 * DAY), 101 * DAY, later.awards);
    expect(reviewed.awards.map((a) => a.badge)).toEqual(["regular", "first_review"]);
  });

  it("should reject duplicate ids and invalid criteria with their paths", () => {
    const c = { type: "performed", interaction: "review", op: "atLeast", times: 1 } as const;
    expect(() => compileBadges([{ id: "a", condition: c }, { id: "a", condition: c }])).toThrow(expect.objectContaining({ code: ErrorCodes.DUPLICATE_ID, path: ["badges", 1, "id"] }));
    expect(() => compileBadges([{ id: "a", condition: { type: "performed", interaction: "review", op: "atLeast", times: -1 } }])).toThrow(expect.objectContaining({ path: expect.arrayContaining(["badges", 0]) }));
  });
});

describe("referrals", () => {
  const program = { referrerPoints: 500, refereePoints: 200, validityDays: 365 };

  it("should reward the referee's first purchase once, with idempotent earn keys, and make the referrer an advocate", () => {
    const r = createReferral({ id: "ref-1", referrerId: "alice", refereeId: "bob", at: 0 });
    expect(convertReferral(r, { customerId: "carol", orderId: "o0", at: DAY }, program).converted).toBe(false);
    expect(convertReferral(r, { customerId: "bob", orderId: "o0", at: -1 }, program).converted).toBe(false);
    const c = convertReferral(r, { customerId: "bob", orderId: "o1", at: 2 * DAY }, program);
    expect([c.converted, c.referral.status, c.referral.orderId]).toEqual([true, "converted", "o1"]);
    expect(c.rewards.map((x) => [x.customerId, x.operation.key, x.operation.points])).toEqual([
      ["alice", "referral:ref-1:referrer", 500],
      ["bob", "referral:ref-1:referee", 200],
    ]);
    const again = convertReferral(c.referral, { customerId: "bob", orderId: "o2", at: 3 * DAY }, program);
    expect([again.converted, again.rewards.length, again.referral]).toEqual([false, 0, c.referral]);

    // Applying the same reward twice (a retry) awards once.
    const op = c.rewards[0]!.operation;
    const ledger = earnPoints(earnPoints(emptyPointsLedger("alice"), op), op);
    expect(pointsBalance(ledger, 2 * DAY).points).toBe(500);

    // The referrer's profile with the recorded interaction is an advocate under referralLadderCriteria, not under the defaults.
    const alice = recordInteraction({ id: "alice", traits: {}, interactions: {} }, REFERRAL_CONVERTED, c.interaction!.at);
    expect(engagementLadder(referralLadderCriteria()).tierOf(alice, 3 * DAY)).toBe("advocate");
    expect(engagementLadder().tierOf(alice, 3 * DAY)).toBe("passive");
    expect(engagementLadder(referralLadderCriteria()).tierOf(alice, 2 * DAY + 366 * DAY)).toBe("passive");
  });

  it("should respect the conversion window and refuse self-referrals", () => {
    const r = createReferral({ id: "ref-2", referrerId: "a", refereeId: "b", at: 0 });
    expect(convertReferral(r, { customerId: "b", orderId: "o", at: 31 * DAY }, { referrerPoints: 1, conversionWindowDays: 30 }).converted).toBe(false);
    expect(() => createReferral({ id: "x", referrerId: "a", refereeId: "a", at: 0 })).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_FIELD, path: ["refereeId"] }));
    expect(() => convertReferral(r, { customerId: "b", orderId: "o", at: 0 }, { referrerPoints: 0 })).toThrow(expect.objectContaining({ path: ["program", "referrerPoints"] }));
  });
});

describe("a member's year (earn rules, tier multipliers, redemption, statement)", () => {
  it("should earn faster once upgraded, keep the tier after spending, and show it all in the statement", () => {
    const program = { rules: [{ id: "spend", interaction: "purchase", pointsPerUnit: 1 }], tierMultipliers: { silver: 1.25, gold: 1.5 }, validityDays: 365 };
    let ledger: PointsLedger = emptyPointsLedger("m");
    const earned: number[] = [];
    for (let month = 0; month < 12; month++) {
      const at = month * 30 * DAY;
      const tier = loyaltyTier(ledger, at).tier;
      const p = pointsForInteraction(program, { type: "purchase", at, amount: 600 }, tier);
      earned.push(p.points);
      ledger = earnPoints(ledger, { key: `order:${month}`, at, points: p.points, expiresAt: p.expiresAt, reason: p.reason });
    }
    // 600 a month: bronze until 1 000 points (month 2 earns at silver ×1.25), gold from 5 000 (×1.5).
    expect(earned).toEqual([600, 600, 750, 750, 750, 750, 750, 750, 900, 900, 900, 900]);
    ledger = redeemPoints(ledger, { key: "reward:1", at: 340 * DAY, points: 5000 });
    const s = loyaltySummary(ledger, 340 * DAY, undefined, 3);
    expect([s.balance.points, s.tier.tier, s.history.map((e) => e.kind)]).toEqual([9300 - 5000, "gold", ["redeem", "earn", "earn"]]);
  });
});
