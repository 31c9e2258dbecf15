import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { benjaminiHochbergAdjust } from "./benjaminiHochbergAdjust.js";
import { holmAdjust } from "./holmAdjust.js";
import { chanceToBeat } from "./chanceToBeat.js";
import { differenceInMeans } from "./differenceInMeans.js";
import { differenceInProportions } from "./differenceInProportions.js";
import { npsDifference } from "./npsDifference.js";
import { sampleRatioMismatch } from "./sampleRatioMismatch.js";

const stats = (xs: number[]) => ({ n: xs.length, sum: xs.reduce((a, b) => a + b, 0), sumOfSquares: xs.reduce((a, b) => a + b * b, 0) });

describe("comparisons against statsmodels 0.15.0 and scipy 1.17.1", () => {
  it("differenceInProportions: Newcombe interval and pooled z-test", () => {
    const r = differenceInProportions({ successes: 120, n: 1000 }, { successes: 150, n: 1000 });
    expect(r.difference).toBeCloseTo(0.03, 15);
    // confint_proportions_2indep(150, 1000, 120, 1000, method="newcomb", compare="diff") = (1.3782434204051563e-05, 0.06000825857012657)
    expect(r.interval.lower).toBeCloseTo(1.3782434204051563e-5, 12);
    expect(r.interval.upper).toBeCloseTo(0.06000825857012657, 12);
    // proportions_ztest([150, 120], [1000, 1000]) = (1.963049807622355, 0.04964038686536878)
    expect(r.z).toBeCloseTo(1.963049807622355, 10);
    expect(r.pValue).toBeCloseTo(0.04964038686536878, 10);
  });

  it("differenceInMeans: Welch t-test", () => {
    const a = [3.1, 2.9, 3.5, 4.0, 3.3, 2.8, 3.9, 3.6];
    const b = [3.9, 4.2, 3.8, 4.5, 4.1, 3.7, 4.4];
    const r = differenceInMeans(stats(a), stats(b));
    // stats.ttest_ind(b, a, equal_var=False): statistic 3.605409779567195, pvalue 0.003450218679667049, df 12.361824323086427,
    // confidence_interval(0.95) = (0.27763673224923585, 1.1187918391793363)
    expect(r.t).toBeCloseTo(3.605409779567195, 9);
    expect(r.pValue).toBeCloseTo(0.003450218679667049, 9);
    expect(r.df).toBeCloseTo(12.361824323086427, 9);
    expect(r.interval.lower).toBeCloseTo(0.27763673224923585, 8);
    expect(r.interval.upper).toBeCloseTo(1.1187918391793363, 8);
  });

  it("sampleRatioMismatch: chi-square goodness of fit", () => {
    // stats.chisquare([5100, 4900], [5000, 5000]) = (4.0, 0.04550026389635857)
    const r = sampleRatioMismatch([5100, 4900]);
    expect(r.chiSquare).toBeCloseTo(4, 12);
    expect(r.pValue).toBeCloseTo(0.04550026389635857, 10);
    expect(r.mismatch).toBe(false); // not below 0.001
    // stats.chisquare([3300, 3350, 3100], [3250, 3250, 3250]) = (10.76923076923077, 0.004586604061523324)
    const three = sampleRatioMismatch([3300, 3350, 3100], [1, 1, 1]);
    expect(three.pValue).toBeCloseTo(0.004586604061523324, 10);
  });

  it("chanceToBeat: exact sum equals numeric integration of the posteriors", () => {
    // integrate.quad(lambda x: beta.pdf(x, 151, 851) * beta.cdf(x, 121, 881), 0, 1) = 0.9750678368121443
    expect(chanceToBeat({ successes: 120, n: 1000 }, { successes: 150, n: 1000 })).toBeCloseTo(0.9750678368121443, 8);
  });

  it("holm and Benjamini–Hochberg adjustments", () => {
    const p = [0.01, 0.04, 0.03, 0.005, 0.2];
    // multipletests(p, method="holm")[1] and method="fdr_bh"
    holmAdjust(p).forEach((x, i) => expect(x).toBeCloseTo([0.04, 0.09, 0.09, 0.025, 0.2][i] as number, 12));
    benjaminiHochbergAdjust(p).forEach((x, i) => expect(x).toBeCloseTo([0.025, 0.05, 0.05, 0.025, 0.2][i] as number, 12));
  });

  it("npsDifference: SE of independent estimates", () => {
    const r = npsDifference({ promoters: 60, passives: 25, detractors: 15 }, { promoters: 64, passives: 22, detractors: 14 });
    expect(r.difference).toBeCloseTo(5, 12);
    // SE_A = 7.399324293474372 (see netPromoterScore); SE_B = 100·√((0.64 + 0.14 − 0.5²)/100) = 7.280109889280518
    expect(r.standardError).toBeCloseTo(Math.sqrt(7.399324293474372 ** 2 + 7.280109889280518 ** 2), 10);
  });
});

const group = fc.integer({ min: 1, max: 5000 }).chain((n) => fc.record({ n: fc.constant(n), successes: fc.integer({ min: 0, max: n }) }));

describe("comparison laws", () => {
  test.prop([group, group])("chance to beat should be in [0, 1] and swap to 1 − P", (a, b) => {
    const p = chanceToBeat(a, b);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
    expect(p + chanceToBeat(b, a)).toBeCloseTo(1, 6);
  });

  test.prop([group, group])("the difference should lie in its interval and p in [0, 1]", (a, b) => {
    const r = differenceInProportions(a, b);
    expect(r.interval.lower).toBeLessThanOrEqual(r.difference + 1e-12);
    expect(r.interval.upper).toBeGreaterThanOrEqual(r.difference - 1e-12);
    expect(r.pValue).toBeGreaterThanOrEqual(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
  });

  test.prop([fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 50 })])(
    "adjusted p-values should be ≥ raw, ≤ 1, with BH ≤ Holm, and keep the order of the raw ones",
    (p) => {
      const h = holmAdjust(p);
      const bh = benjaminiHochbergAdjust(p);
      p.forEach((x, i) => {
        expect(h[i]).toBeGreaterThanOrEqual(x - 1e-15);
        expect(bh[i]).toBeGreaterThanOrEqual(x - 1e-15);
        expect(h[i]).toBeLessThanOrEqual(1);
        expect(bh[i]).toBeLessThanOrEqual((h[i] as number) + 1e-12);
      });
      for (let i = 0; i < p.length; i++) for (let j = 0; j < p.length; j++) if ((p[i] as number) < (p[j] as number)) expect(h[i]).toBeLessThanOrEqual((h[j] as number) + 1e-15);
    },
  );

  it("should refuse empty groups instead of comparing zeros", () => {
    expect(() => differenceInProportions({ successes: 0, n: 0 }, { successes: 1, n: 2 })).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE", path: ["a.n"] }));
    expect(() => differenceInMeans({ n: 1, sum: 1, sumOfSquares: 1 }, stats([1, 2]))).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE" }));
    expect(() => holmAdjust([])).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE" }));
  });
});
