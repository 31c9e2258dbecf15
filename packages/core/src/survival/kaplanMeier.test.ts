import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { kaplanMeier } from "./kaplanMeier.js";

// 6-MP arm of the Freireich et al. (1963) leukaemia trial; 0 = censored.
const times = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35];
const events = [1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0];

describe("kaplanMeier", () => {
  it("should reproduce the published 6-MP example (Klein & Moeschberger 2003, §4.2; the same as R survival::survfit)", () => {
    const km = kaplanMeier(times, events);
    // time, at risk, events, Ŝ, Greenwood SE (the table's 3 decimals; recomputed with numpy to full precision)
    const table = [
      [6, 21, 3, 0.8571428571428572, 0.07636035483212125],
      [7, 17, 1, 0.8067226890756303, 0.0869352851800572],
      [10, 15, 1, 0.7529411764705882, 0.09634965299432051],
      [13, 12, 1, 0.6901960784313725, 0.10681470777500983],
      [16, 11, 1, 0.6274509803921569, 0.11405386525675254],
      [22, 7, 1, 0.5378151260504203, 0.12823375169303403],
      [23, 6, 1, 0.44817927170868355, 0.13459145675576048],
    ];
    expect(km.steps.map((s) => [s.time, s.atRisk, s.events])).toEqual(table.map((r) => r.slice(0, 3)));
    km.steps.forEach((s, i) => {
      expect(s.survival).toBeCloseTo(table[i]?.[3] as number, 12);
      expect(s.standardError).toBeCloseTo(table[i]?.[4] as number, 12);
    });
    expect(km.medianSurvival).toBe(23);
    expect(km.survivalAt(12)).toBeCloseTo(0.7529411764705882, 12);
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 200 })])(
    "should equal the plain share still surviving when nothing is censored",
    (ts) => {
      const km = kaplanMeier(ts, ts.map(() => 1));
      for (const t of new Set(ts)) expect(km.survivalAt(t)).toBeCloseTo(ts.filter((x) => x > t).length / ts.length, 12);
    },
  );

  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { minLength: 1, maxLength: 200 })])(
    "should be non-increasing within [0, 1], with intervals around the estimate",
    (rows) => {
      const km = kaplanMeier(rows.map((r) => r[0]), rows.map((r) => r[1]));
      let prev = 1;
      for (const s of km.steps) {
        expect(s.survival).toBeLessThanOrEqual(prev + 1e-12);
        expect(s.survival).toBeGreaterThanOrEqual(0);
        if (s.interval) {
          expect(s.interval.lower).toBeLessThanOrEqual(s.survival + 1e-12);
          expect(s.interval.upper).toBeGreaterThanOrEqual(s.survival - 1e-12);
          expect(s.interval.lower).toBeGreaterThanOrEqual(0);
          expect(s.interval.upper).toBeLessThanOrEqual(1);
        }
        prev = s.survival;
      }
    },
  );

  it("should refuse empty and mismatched input", () => {
    expect(() => kaplanMeier([], [])).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE" }));
    expect(() => kaplanMeier([1, 2], [1])).toThrow(expect.objectContaining({ code: "METRIC.INCONSISTENT" }));
    expect(() => kaplanMeier([1, -2], [1, 1])).toThrow(expect.objectContaining({ path: ["times", 1] }));
  });
});
