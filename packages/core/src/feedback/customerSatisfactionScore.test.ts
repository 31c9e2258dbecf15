import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { InputError } from "../errors/InputError.js";
import { customerSatisfactionScore, customerSatisfactionScoreFromStats } from "./customerSatisfactionScore.js";

const answers = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 300 });

describe("customerSatisfactionScore laws", () => {
  test.prop([answers])("should keep the share in [0, 1] and the mean on the scale, inside their intervals", (xs) => {
    const r = customerSatisfactionScore(xs);
    expect(r.share).toBeGreaterThanOrEqual(0);
    expect(r.share).toBeLessThanOrEqual(1);
    expect(r.shareInterval.lower).toBeLessThanOrEqual(r.share);
    expect(r.shareInterval.upper).toBeGreaterThanOrEqual(r.share);
    expect(r.mean).toBeGreaterThanOrEqual(1);
    expect(r.mean).toBeLessThanOrEqual(5);
    if (r.meanInterval) {
      expect(r.meanInterval.lower).toBeLessThanOrEqual(r.mean + 1e-12);
      expect(r.meanInterval.upper).toBeGreaterThanOrEqual(r.mean - 1e-12);
    } else {
      expect(r.n).toBe(1);
    }
  });

  test.prop([answers])("should agree exactly with the sufficient-statistics path", (xs) => {
    const stats = {
      n: xs.length,
      satisfied: xs.filter((x) => x >= 4).length,
      sum: xs.reduce((a, b) => a + b, 0),
      sumOfSquares: xs.reduce((a, b) => a + b * b, 0),
      skipped: 0,
    };
    expect(customerSatisfactionScoreFromStats(stats)).toEqual(customerSatisfactionScore(xs));
  });

  test.prop([answers])("should narrow the share interval when the same sample is observed twice", (xs) => {
    const once = customerSatisfactionScore(xs).shareInterval;
    const twice = customerSatisfactionScore([...xs, ...xs]).shareInterval;
    expect(twice.upper - twice.lower).toBeLessThan(once.upper - once.lower);
  });

  test.prop([answers, fc.integer({ min: 1, max: 4 })])("should count exactly the top k boxes as satisfied", (xs, k) => {
    const r = customerSatisfactionScore(xs, { topBoxes: k });
    expect(r.satisfied).toBe(xs.filter((x) => x > 5 - k).length);
  });
});

describe("customerSatisfactionScore reference values", () => {
  test("should match statsmodels for share and scipy for the mean interval", () => {
    // 30 answers: 12×5, 9×4, 4×3, 3×2, 2×1 → satisfied 21/30.
    const xs = [...Array(12).fill(5), ...Array(9).fill(4), ...Array(4).fill(3), ...Array(3).fill(2), ...Array(2).fill(1)];
    const r = customerSatisfactionScore(xs);
    expect(r.share).toBeCloseTo(0.7, 15);
    // statsmodels 0.15.0: proportion_confint(21, 30, alpha=0.05, method="wilson") = (0.5212421254128503, 0.833352517317562)
    expect(r.shareInterval.lower).toBeCloseTo(0.5212421254128503, 12);
    expect(r.shareInterval.upper).toBeCloseTo(0.833352517317562, 12);
    // scipy 1.17.1: stats.t.interval(0.95, 29, loc=np.mean(xs), scale=stats.sem(xs)) = (3.3991156454060785, 4.3342176879272545)
    expect(r.mean).toBeCloseTo(116 / 30, 12); // 60 + 36 + 12 + 6 + 2 = 116
    expect(r.meanInterval?.lower).toBeCloseTo(3.3991156454060785, 10);
    expect(r.meanInterval?.upper).toBeCloseTo(4.3342176879272545, 10);
  });

  test("should support other scales (1–7, top-3-box)", () => {
    const r = customerSatisfactionScore([7, 6, 5, 4, 1], { scale: { min: 1, max: 7 }, topBoxes: 3 });
    expect(r.satisfied).toBe(3);
    expect(r.share).toBeCloseTo(0.6, 15);
  });
});

describe("customerSatisfactionScore bad input", () => {
  test("should refuse an empty sample", () => {
    expect(() => customerSatisfactionScore([null])).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE" }));
  });

  test("should name the value and position of an answer off the scale", () => {
    try {
      customerSatisfactionScore([5, 0]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe("METRIC.OUT_OF_RANGE");
      expect((e as InputError).path).toEqual(["responses", 1]);
      expect((e as InputError).message).toContain("got 0 at responses[1]");
    }
  });

  test("should reject inconsistent sufficient statistics", () => {
    expect(() => customerSatisfactionScoreFromStats({ n: 2, satisfied: 3, sum: 8, sumOfSquares: 32 })).toThrow(
      expect.objectContaining({ code: "METRIC.INCONSISTENT" }),
    );
  });
});
