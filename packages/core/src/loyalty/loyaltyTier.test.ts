import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../errors/codes.js";
import { earnPoints } from "./earnPoints.js";
import { emptyPointsLedger } from "./emptyPointsLedger.js";
import type { LoyaltyTierConfig } from "./LoyaltyTierConfig.js";
import { loyaltyTier } from "./loyaltyTier.js";
import type { PointsLedger } from "./PointsLedger.js";
import { pointsEarnedInWindow } from "./pointsEarnedInWindow.js";
import { redeemPoints } from "./redeemPoints.js";

const DAY = 86_400_000;

/**
 * The rules stated in loyaltyTier's documentation, simulated day by day (earns on whole days, windows and
 * grace in whole days, so a daily simulation sees every change): a second, independent computation.
 */
function oracle(earns: { day: number; points: number }[], today: number, config: LoyaltyTierConfig): { tier: number; changes: { day: number; to: number }[] } {
  const q = (s: number): number => config.tiers.reduce((k, t, i) => (t.threshold <= s ? i : k), 0);
  let tier = 0;
  let below: number | null = null;
  const changes: { day: number; to: number }[] = [];
  for (let d = 0; d <= today; d++) {
    const s = earns.filter((e) => e.day > d - config.windowDays && e.day <= d).reduce((a, e) => a + e.points, 0);
    const k = q(s);
    if (k > tier) {
      tier = k;
      below = null;
      changes.push({ day: d, to: k });
    } else if (k === tier) below = null;
    else {
      if (below === null) below = d;
      if (d - below >= config.graceDays) {
        tier = k;
        below = null;
        changes.push({ day: d, to: k });
      }
    }
  }
  return { tier, changes };
}

const configArb: fc.Arbitrary<LoyaltyTierConfig> = fc
  .record({ steps: fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 3 }), windowDays: fc.integer({ min: 1, max: 60 }), graceDays: fc.integer({ min: 0, max: 30 }) })
  .map(({ steps, windowDays, graceDays }) => {
    let t = 0;
    return { tiers: [{ id: "t0", threshold: 0 }, ...steps.map((s, i) => ({ id: `t${i + 1}`, threshold: (t += s) }))], windowDays, graceDays };
  });

describe("loyaltyTier laws", () => {
  test.prop([configArb, fc.array(fc.record({ gap: fc.integer({ min: 0, max: 25 }), points: fc.integer({ min: 1, max: 400 }) }), { maxLength: 15 }), fc.integer({ min: 0, max: 120 })], { numRuns: 300 })(
    "should follow the thresholds exactly: upgrade at once, downgrade after the grace period (day-by-day simulation)",
    (config, gaps, extra) => {
      let ledger: PointsLedger = emptyPointsLedger("c");
      let day = 0;
      const earns: { day: number; points: number }[] = [];
      gaps.forEach((g, i) => {
        day += g.gap;
        earns.push({ day, points: g.points });
        ledger = earnPoints(ledger, { key: `e${i}`, at: day * DAY, points: g.points });
      });
      const today = day + extra;
      const status = loyaltyTier(ledger, today * DAY, config);
      const o = oracle(earns, today, config);
      expect(status.tier).toBe(`t${o.tier}`);
      expect(status.changes.map((c) => ({ day: c.at / DAY, to: Number(c.to.slice(1)) }))).toEqual(o.changes);
      expect(status.qualifyingPoints).toBe(pointsEarnedInWindow(ledger, today * DAY, config.windowDays));
      // The held tier is never below the qualified one; above it only during a grace period.
      const held = Number(status.tier.slice(1));
      const qualified = Number(status.qualifiedTier.slice(1));
      expect(held).toBeGreaterThanOrEqual(qualified);
      if (held > qualified) expect(status.grace?.downgradeAt).toBeGreaterThan(today * DAY);
      else expect(status.grace).toBeNull();
      for (const c of status.changes) expect(c.direction).toBe(Number(c.to.slice(1)) > Number(c.from.slice(1)) ? "upgrade" : "downgrade");
    },
  );

  test.prop([configArb, fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 400 })])(
    "should not lower status when points are redeemed (status counts points earned)",
    (config, points, spend) => {
      let l = emptyPointsLedger("c");
      points.forEach((p, i) => (l = earnPoints(l, { key: `e${i}`, at: i * DAY, points: p })));
      const now = points.length * DAY;
      const before = loyaltyTier(l, now, config);
      const total = points.reduce((a, b) => a + b, 0);
      const after = loyaltyTier(redeemPoints(l, { key: "r", at: now, points: Math.min(spend, total) }), now, config);
      expect(after.tier).toBe(before.tier);
    },
  );
});

describe("loyaltyTier examples", () => {
  it("should keep silver through the 90-day grace after the points leave the 365-day window (default tiers)", () => {
    const l = earnPoints(emptyPointsLedger("c1"), { key: "a", at: 0, points: 1200 });
    expect(loyaltyTier(l, 10 * DAY).tier).toBe("silver");
    const lapsed = loyaltyTier(l, 400 * DAY);
    expect([lapsed.tier, lapsed.qualifiedTier, lapsed.grace]).toEqual(["silver", "bronze", { belowSince: 365 * DAY, downgradeAt: 455 * DAY }]);
    expect(loyaltyTier(l, 455 * DAY - 1).tier).toBe("silver");
    expect(loyaltyTier(l, 455 * DAY).tier).toBe("bronze");
  });

  it("should cancel the downgrade when the member earns back the threshold within the grace period", () => {
    let l = earnPoints(emptyPointsLedger("c1"), { key: "a", at: 0, points: 1200 });
    l = earnPoints(l, { key: "b", at: 420 * DAY, points: 1000 });
    const s = loyaltyTier(l, 500 * DAY);
    expect([s.tier, s.grace, s.changes.length]).toEqual(["silver", null, 1]);
  });

  it("should jump straight to gold when one earn crosses two thresholds", () => {
    const s = loyaltyTier(earnPoints(emptyPointsLedger("c1"), { key: "a", at: 0, points: 6000 }), 0);
    expect(s.changes.map((c) => [c.from, c.to])).toEqual([["bronze", "gold"]]);
    expect(s.next).toBeNull();
  });

  it("should reject tier configurations it cannot apply", () => {
    const l = emptyPointsLedger("c");
    const bad = (config: LoyaltyTierConfig) => () => loyaltyTier(l, 0, config);
    expect(bad({ tiers: [{ id: "a", threshold: 5 }], windowDays: 1, graceDays: 0 })).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, path: ["config", "tiers", 0, "threshold"] }));
    expect(bad({ tiers: [{ id: "a", threshold: 0 }, { id: "b", threshold: 0 }], windowDays: 1, graceDays: 0 })).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }));
    expect(bad({ tiers: [{ id: "a", threshold: 0 }, { id: "a", threshold: 1 }], windowDays: 1, graceDays: 0 })).toThrow(expect.objectContaining({ code: ErrorCodes.DUPLICATE_ID }));
    expect(bad({ tiers: [{ id: "a", threshold: 0 }], windowDays: 0, graceDays: 0 })).toThrow(expect.objectContaining({ path: ["config", "windowDays"] }));
    expect(bad({ tiers: [{ id: "a", threshold: 0 }], windowDays: 1, graceDays: -1 })).toThrow(expect.objectContaining({ path: ["config", "graceDays"] }));
  });
});
