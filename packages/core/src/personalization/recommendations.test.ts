import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { ConsentState } from "../consent/ConsentState.js";
import { ErrorCodes } from "../errors/codes.js";
import { alsoBought } from "./alsoBought.js";
import { associationMeasures } from "./associationMeasures.js";
import { itemCooccurrence } from "./itemCooccurrence.js";
import { recommendItems } from "./recommendItems.js";
import { topSellers } from "./topSellers.js";

const ITEMS = ["a", "b", "c", "d", "e", "f", "g", "constructor"];
const CATEGORY: Record<string, string> = { a: "x", b: "x", c: "y", d: "y", e: "z", f: "z", g: "z", constructor: "x" };
const basketsArb = fc.array(fc.array(fc.constantFrom(...ITEMS), { maxLength: 6 }), { maxLength: 40 });
const granted: ConsentState = { customerId: "c", entries: { personalization: { status: "granted", at: 0, source: "form" } } };
const withdrawn: ConsentState = { customerId: "c", entries: { personalization: { status: "withdrawn", at: 5, source: "preference_centre" } } };
const consentArb = fc.constantFrom<ConsentState | undefined>(granted, withdrawn, undefined);

describe("co-occurrence laws", () => {
  test.prop([basketsArb])("should count each pair as the naive scan of every basket does, symmetric", (baskets) => {
    const m = itemCooccurrence(baskets);
    for (const x of ITEMS) {
      const cx = baskets.filter((b) => b.includes(x)).length;
      expect(Object.hasOwn(m.items, x) ? m.items[x] : 0).toBe(cx);
      for (const y of ITEMS) {
        if (x === y) continue;
        const cxy = baskets.filter((b) => b.includes(x) && b.includes(y)).length;
        const row = Object.hasOwn(m.pairs, x) ? m.pairs[x] : undefined;
        expect(row !== undefined && Object.hasOwn(row, y) ? row[y] : 0).toBe(cxy);
      }
    }
  });

  test.prop([fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true })])(
    "should keep confidence, cosine and Jaccard in [0, 1], Jaccard ≤ cosine, lift = confidence / P(y)",
    (a, b, c, f) => {
      const [cx, cy, n] = [Math.min(a, c), Math.min(b, c), Math.max(a, b, c)];
      const cxy = Math.floor(f * Math.min(cx, cy));
      const m = associationMeasures(n, cx, cy, cxy);
      for (const v of [m.confidence, m.cosine, m.jaccard]) expect(v >= 0 && v <= 1).toBe(true);
      expect(m.jaccard).toBeLessThanOrEqual(m.cosine + 1e-15);
      expect(m.lift).toBeCloseTo(m.confidence / (cy / n), 10);
      expect(associationMeasures(n, cy, cx, cxy).cosine).toBe(m.cosine);
    },
  );

  test.prop([
    basketsArb,
    fc.subarray(ITEMS),
    fc.subarray(ITEMS),
    fc.subarray(["x", "y", "z"]),
    consentArb,
    fc.boolean(),
    fc.constantFrom("cosine" as const, "lift" as const, "jaccard" as const, "confidence" as const),
    fc.integer({ min: 1, max: 3 }),
  ])(
    "should never recommend opted-out items or categories, nor bought items when configured so, with or without consent",
    (baskets, purchased, optedOutItems, optedOutCategories, consent, excludePurchased, measure, minSupport) => {
      const m = itemCooccurrence(baskets);
      const r = recommendItems(m, { purchased, consent }, 10, { measure, minSupport, excludePurchased, limit: 20, filters: { optedOutItems, optedOutCategories, categoryOf: CATEGORY } });
      for (const rec of r.items) {
        expect(optedOutItems).not.toContain(rec.item);
        expect(optedOutCategories).not.toContain(CATEGORY[rec.item]);
        if (excludePurchased) expect(purchased).not.toContain(rec.item);
        if (rec.basis === "cooccurrence") {
          expect(purchased).toContain(rec.seed);
          expect(rec.support).toBeGreaterThanOrEqual(minSupport);
        }
      }
      expect(new Set(r.items.map((x) => x.item)).size).toBe(r.items.length);
      expect(r.personalized).toBe(consent === granted);
      if (!r.personalized) {
        for (const rec of r.items) {
          expect(rec.basis).toBe("top_seller");
          expect(rec.reason).toContain("non-personal default");
        }
      }
    },
  );
});

describe("recommendation examples", () => {
  const m = itemCooccurrence([["a", "b"], ["a", "b"], ["a", "c"], ["b", "c"], ["d"], ["d"], ["d"]]);

  it("should say customers who bought a also bought b, with the evidence", () => {
    const r = alsoBought(m, "a");
    expect(r.map((x) => x.item)).toEqual(["b"]);
    // c(a, b) = 2, c(a) = 3, c(b) = 3: cosine 2 / 3, lift 7 · 2 / 9
    expect(r[0]?.score).toBeCloseTo(2 / 3, 15);
    expect(r[0]?.reason).toBe("bought with a in 2 of 7 baskets (cosine 0.667, lift 1.556)");
    expect(alsoBought(m, "a", { minSupport: 1, measure: "lift" }).map((x) => x.item)).toEqual(["b", "c"]);
  });

  it("should fall back to top sellers without personalization consent and say so", () => {
    const personal = recommendItems(m, { purchased: ["a"], consent: granted }, 10, { limit: 2 });
    expect(personal.items.map((x) => [x.item, x.basis])).toEqual([["b", "cooccurrence"], ["d", "top_seller"]]);
    const fallback = recommendItems(m, { purchased: ["a"], consent: withdrawn }, 10, { limit: 2 });
    expect(fallback.personalized).toBe(false);
    expect(fallback.consent.rule).toBe("withdrawn");
    expect(fallback.items.map((x) => x.item)).toEqual(topSellers(m, { limit: 2, filters: { exclude: ["a"] } }).map((x) => x.item));
    expect(fallback.items[0]?.reason).toContain("personalization consent was withdrawn");
  });

  it("should reject bad options with typed errors", () => {
    expect(() => alsoBought(m, "a", { minSupport: 0 })).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, path: ["options", "minSupport"] }));
    expect(() => topSellers(m, { limit: 0 })).toThrow(expect.objectContaining({ path: ["options", "limit"] }));
    expect(() => associationMeasures(3, 1, 1, 2)).toThrow(expect.objectContaining({ code: ErrorCodes.INCONSISTENT }));
    expect(() => associationMeasures(3, 0, 1, 0)).toThrow(expect.objectContaining({ code: ErrorCodes.EMPTY_SAMPLE }));
    expect(() => itemCooccurrence([["a", ""]])).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_FIELD, path: ["baskets", 0, 1] }));
  });
});
