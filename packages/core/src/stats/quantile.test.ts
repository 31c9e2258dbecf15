import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { quantileSorted } from "./quantile.js";

const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }).map((xs) => Float64Array.from(xs).sort());

describe("quantileSorted", () => {
  test.prop([sample, fc.double({ min: 0, max: 1, noNaN: true })])("should lie between the minimum and the maximum", (xs, p) => {
    const q = quantileSorted(xs, p);
    expect(q).toBeGreaterThanOrEqual(xs[0] as number);
    expect(q).toBeLessThanOrEqual(xs[xs.length - 1] as number);
  });

  test.prop([sample, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })])(
    "should be non-decreasing in p",
    (xs, p1, p2) => {
      const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
      expect(quantileSorted(xs, lo)).toBeLessThanOrEqual(quantileSorted(xs, hi) + 1e-9);
    },
  );

  test("should match numpy.percentile (linear method)", () => {
    // numpy 2.4.6: np.percentile(np.arange(1, 11), [50, 90, 25]) = [5.5, 9.1, 3.25]
    const xs = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantileSorted(xs, 0.5)).toBeCloseTo(5.5, 12);
    expect(quantileSorted(xs, 0.9)).toBeCloseTo(9.1, 12);
    expect(quantileSorted(xs, 0.25)).toBeCloseTo(3.25, 12);
  });

  test("should refuse an empty sample", () => {
    expect(() => quantileSorted([], 0.5)).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE" }));
  });
});
