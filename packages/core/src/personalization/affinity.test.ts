import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../errors/codes.js";
import type { AffinityEvent } from "./AffinityEvent.js";
import { categoryAffinity } from "./categoryAffinity.js";
import { itemAffinity } from "./itemAffinity.js";

const DAY = 86_400_000;
const NOW = 1000 * DAY;
const eventArb: fc.Arbitrary<AffinityEvent> = fc.record({
  type: fc.constantFrom("purchase", "add_to_cart", "product_view", "login"),
  at: fc.integer({ min: 0, max: 1100 * DAY }),
  category: fc.constantFrom("shoes", "bags", "hats", "toString"),
  item: fc.constantFrom("a", "b", "c", "d"),
  quantity: fc.integer({ min: 1, max: 5 }),
});
const halfLifeArb = fc.double({ min: 1, max: 400, noNaN: true });

describe("affinity laws", () => {
  test.prop([fc.array(eventArb, { maxLength: 40 }), halfLifeArb])("should give shares in (0, 1] that sum to 1, or no shares with n = 0", (events, halfLifeDays) => {
    for (const a of [categoryAffinity(events, NOW, { halfLifeDays }), itemAffinity(events, NOW, { halfLifeDays })]) {
      if (a.n === 0) {
        expect(a.shares).toEqual([]);
        continue;
      }
      const sum = a.shares.reduce((s, x) => s + x.share, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
      for (const s of a.shares) {
        expect(s.share).toBeGreaterThan(0);
        expect(s.share).toBeLessThanOrEqual(1);
      }
      expect(a.shares.reduce((s, x) => s + x.events, 0)).toBe(a.n);
    }
  });

  test.prop([fc.array(eventArb, { maxLength: 20 }), eventArb, fc.integer({ min: 0, max: 500 * DAY }), halfLifeArb])(
    "should be monotone in age: making one event older never raises its category's share",
    (others, e, older, halfLifeDays) => {
      const young = { ...e, type: "purchase", at: Math.min(e.at, NOW) };
      const old = { ...young, at: young.at - older };
      const share = (x: AffinityEvent) => categoryAffinity([...others, x], NOW, { halfLifeDays }).shares.find((s) => s.key === e.category)?.share ?? 0;
      expect(share(old)).toBeLessThanOrEqual(share(young) + 1e-12);
      // A single event's weight halves every half-life.
      const w = (x: AffinityEvent) => categoryAffinity([x], NOW, { halfLifeDays }).total;
      expect(w(old)).toBeLessThanOrEqual(w(young));
      expect(w(old) / w(young)).toBeCloseTo(Math.pow(2, -older / (halfLifeDays * DAY)), 10);
    },
  );

  test.prop([fc.array(eventArb, { maxLength: 30 }), fc.integer({ min: -500 * DAY, max: 500 * DAY })])("should not depend on the calendar: shifting every event and now together keeps the shares", (events, shift) => {
    const a = categoryAffinity(events, NOW);
    const b = categoryAffinity(events.map((e) => ({ ...e, at: e.at + shift })), NOW + shift);
    expect(b.shares.map((s) => s.key)).toEqual(a.shares.map((s) => s.key));
    b.shares.forEach((s, i) => expect(s.share).toBeCloseTo(a.shares[i]!.share, 10));
  });
});

describe("affinity examples", () => {
  it("should weigh a purchase one half-life old half as much as today's", () => {
    const a = categoryAffinity([{ type: "purchase", at: 0, category: "shoes" }, { type: "purchase", at: 90 * DAY, category: "bags" }], 90 * DAY);
    expect(a.shares.map((s) => [s.key, s.weight])).toEqual([["bags", 1], ["shoes", 0.5]]);
    expect(a.shares[0]?.share).toBeCloseTo(2 / 3, 15);
  });

  it("should skip future events, unknown types and events without a key; reject bad options", () => {
    const a = categoryAffinity([{ type: "purchase", at: 2, category: "x" }, { type: "login", at: 0, category: "y" }, { type: "purchase", at: 0 }], 1);
    expect([a.n, a.shares]).toEqual([0, []]);
    expect(() => categoryAffinity([], 0, { halfLifeDays: 0 })).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, path: ["options", "halfLifeDays"] }));
    expect(() => categoryAffinity([], 0, { weights: { purchase: -1 } })).toThrow(expect.objectContaining({ path: ["options", "weights", "purchase"] }));
    expect(() => categoryAffinity([{ type: "purchase", at: 0, quantity: 0 }], 0)).toThrow(expect.objectContaining({ code: ErrorCodes.OUT_OF_RANGE, path: ["events", 0, "quantity"] }));
  });
});
