import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { customerEffortScore, customerEffortScoreFromStats } from "./customerEffortScore.js";

const answers = fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 300 });

describe("customerEffortScore laws", () => {
  test.prop([answers])("should keep the mean on the scale and the easy share in [0, 1], inside their intervals", (xs) => {
    const r = customerEffortScore(xs);
    expect(r.mean).toBeGreaterThanOrEqual(1);
    expect(r.mean).toBeLessThanOrEqual(7);
    expect(r.easyShareInterval.lower).toBeLessThanOrEqual(r.easyShare);
    expect(r.easyShareInterval.upper).toBeGreaterThanOrEqual(r.easyShare);
  });

  test.prop([answers])("should agree exactly with the sufficient-statistics path", (xs) => {
    const stats = { n: xs.length, easy: xs.filter((x) => x >= 5).length, sum: xs.reduce((a, b) => a + b, 0), sumOfSquares: xs.reduce((a, b) => a + b * b, 0), skipped: 0 };
    expect(customerEffortScoreFromStats(stats)).toEqual(customerEffortScore(xs));
  });

  test.prop([answers, fc.integer({ min: 1, max: 7 })])("should never lower the mean when a higher-than-mean answer is added", (xs, x) => {
    const before = customerEffortScore(xs).mean;
    fc.pre(x >= before);
    expect(customerEffortScore([...xs, x]).mean).toBeGreaterThanOrEqual(before - 1e-12);
  });
});

describe("customerEffortScore reference values", () => {
  it("should match scipy and statsmodels on a worked sample", () => {
    // 20 answers: 7×6, 6×5, 5×4, 4×2, 3×1, 2×1, 1×1 → easy (5–7) = 15.
    const xs = [...Array(6).fill(7), ...Array(5).fill(6), ...Array(4).fill(5), 4, 4, 3, 2, 1];
    const r = customerEffortScore(xs);
    expect(r.easy).toBe(15);
    expect(r.mean).toBeCloseTo(106 / 20, 12); // 42 + 30 + 20 + 8 + 3 + 2 + 1 = 106
    // scipy 1.17.1: stats.t.interval(0.95, 19, loc=np.mean(xs), scale=stats.sem(xs)) = (4.480886820856479, 6.119113179143521)
    expect(r.meanInterval?.lower).toBeCloseTo(4.480886820856479, 10);
    expect(r.meanInterval?.upper).toBeCloseTo(6.119113179143521, 10);
    // statsmodels 0.15.0: proportion_confint(15, 20, alpha=0.05, method="wilson") = (0.5312991223812559, 0.8881382985923344)
    expect(r.easyShareInterval.lower).toBeCloseTo(0.5312991223812559, 12);
    expect(r.easyShareInterval.upper).toBeCloseTo(0.8881382985923344, 12);
  });

  it("should refuse an empty sample and answers off the scale with their position", () => {
    expect(() => customerEffortScore([null])).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE" }));
    expect(() => customerEffortScore([7, 8])).toThrow(expect.objectContaining({ code: "METRIC.OUT_OF_RANGE", path: ["responses", 1] }));
  });
});
