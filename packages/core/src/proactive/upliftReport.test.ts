import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { differenceInMeans } from "../compare/differenceInMeans.js";
import { differenceInProportions } from "../compare/differenceInProportions.js";
import { upliftReport, type UpliftOutcome } from "./upliftReport.js";

const group = (g: "treated" | "holdout", n: number, conversions: number): UpliftOutcome[] => Array.from({ length: n }, (_, i) => ({ group: g, converted: i < conversions }));

describe("upliftReport", () => {
  it("should report treated − holdout conversion as differenceInProportions does (statsmodels proportions_ztest p = 0.0496 for 150/1000 vs 120/1000)", () => {
    const r = upliftReport([...group("treated", 1000, 150), ...group("holdout", 1000, 120)]);
    expect(r.conversion.estimate).toEqual(differenceInProportions({ successes: 120, n: 1000 }, { successes: 150, n: 1000 }));
    expect(r.conversion.estimate?.difference).toBeCloseTo(0.03, 12);
    expect(r.conversion.estimate?.pValue).toBeCloseTo(0.0496, 3);
    if (r.conversion.estimate !== null) expect(r.conversion.relativeLift).toBeCloseTo(0.25, 12);
    expect(r.treated).toMatchObject({ n: 1000, conversions: 150, conversionN: 1000 });
  });

  it("should compare revenue with Welch's t, exactly as differenceInMeans (holdout = A, treated = B)", () => {
    const holdout = [2.1, 3.4, 1.9, 5.6, 4.4, 2.7, 3.8, 3.2];
    const treated = [4.9, 3.1, 5.8, 4.7, 3.6, 2.9, 3.6];
    const outcomes: UpliftOutcome[] = [...holdout.map((revenue) => ({ group: "holdout" as const, revenue })), ...treated.map((revenue) => ({ group: "treated" as const, revenue }))];
    const stats = (xs: number[]) => ({ n: xs.length, sum: xs.reduce((a, b) => a + b, 0), sumOfSquares: xs.reduce((a, b) => a + b * b, 0) });
    const r = upliftReport(outcomes);
    expect(r.revenue.estimate).toEqual(differenceInMeans(stats(holdout), stats(treated)));
    expect(r.conversion).toEqual({ estimate: null, reason: "no treated customer has a measured conversion" });
  });

  it("should answer null with a reason, never 0, for empty groups", () => {
    const r = upliftReport(group("treated", 10, 3));
    expect(r.conversion).toEqual({ estimate: null, reason: "no holdout customer has a measured conversion" });
    expect(r.retention.estimate).toBeNull();
    expect(r.revenue).toEqual({ estimate: null, reason: "revenue needs at least 2 values per group, got 0 treated and 0 holdout" });
    expect(r.holdout.meanRevenue).toBeNull();
    const empty = upliftReport([], { holdoutShare: 0.1 });
    expect(empty.sampleRatio).toBeNull();
    expect(empty.conversion.estimate).toBeNull();
    const flat = upliftReport([0, 0, 0, 0].map((revenue, i) => ({ group: i < 2 ? "treated" : "holdout", revenue })));
    expect(flat.revenue).toEqual({ estimate: null, reason: "revenue has no spread in either group" });
  });

  it("should flag a split far from the configured holdout share", () => {
    expect(upliftReport([...group("treated", 900, 0), ...group("holdout", 100, 0)], { holdoutShare: 0.1 }).sampleRatio?.mismatch).toBe(false);
    expect(upliftReport([...group("treated", 700, 0), ...group("holdout", 300, 0)], { holdoutShare: 0.1 }).sampleRatio?.mismatch).toBe(true);
  });

  it("should reject a bad group, revenue or option with typed errors", () => {
    expect(() => upliftReport([{ group: "control" as "holdout" }])).toThrow(expect.objectContaining({ code: "JOURNEY.INVALID_FIELD", path: ["outcomes", 0, "group"] }));
    expect(() => upliftReport([{ group: "treated", revenue: Number.NaN }])).toThrow(expect.objectContaining({ code: "METRIC.NOT_FINITE", path: ["outcomes", 0, "revenue"] }));
    expect(() => upliftReport([], { holdoutShare: 1 })).toThrow(expect.objectContaining({ code: "METRIC.INVALID_OPTION" }));
  });

  test.prop([fc.array(fc.record({ group: fc.constantFrom("treated" as const, "holdout" as const), converted: fc.boolean(), retained: fc.boolean() }), { maxLength: 60 })])(
    "should swap the sign of every difference when the groups swap",
    (outcomes) => {
      const a = upliftReport(outcomes);
      const b = upliftReport(outcomes.map((o) => ({ ...o, group: o.group === "treated" ? ("holdout" as const) : ("treated" as const) })));
      if (a.conversion.estimate === null) expect(b.conversion.estimate).toBeNull();
      else {
        expect(b.conversion.estimate?.difference).toBeCloseTo(-a.conversion.estimate.difference, 12);
        expect(b.conversion.estimate?.pValue).toBeCloseTo(a.conversion.estimate.pValue, 12);
        expect(a.conversion.estimate.interval.lower).toBeLessThanOrEqual(a.conversion.estimate.difference);
        expect(a.conversion.estimate.interval.upper).toBeGreaterThanOrEqual(a.conversion.estimate.difference);
      }
      expect(a.treated.n + a.holdout.n).toBe(outcomes.length);
    },
  );
});
