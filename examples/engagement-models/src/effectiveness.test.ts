import { costToServe, engagementModelCatalog, type EngagementModel } from "@engagekit/core";
import { describe, expect, it } from "vitest";
import { effectivenessReport, formatEffectiveness, holdoutWeeks } from "./effectiveness.js";
import { readCdnowSample, runScenario } from "./engagementScenario.js";

const scenario = runScenario(readCdnowSample());
const report = effectivenessReport(scenario);
const weekly = (id: string): number => costToServe(engagementModelCatalog.find((m) => m.id === id) as EngagementModel, "week").perCustomer;

describe("the effectiveness report of the CDNOW assignment", () => {
  it("should report per model the same holdout rates and revenue as the scenario's own table (computed without modelEffectiveness)", () => {
    for (const o of scenario.outcomes) {
      const g = report.models.find((m) => m.model === o.model);
      expect(g?.n).toBe(o.customers);
      expect(g?.repeatPurchase.estimate?.rate).toBe(o.buyerRate);
      expect(g?.repeatPurchase.estimate?.interval).toEqual(o.buyerInterval);
      expect(g?.revenue.estimate?.mean).toBeCloseTo(o.revenue.mean, 9);
      // No NPS or CSAT answers in CDNOW: not scored, never 0.
      expect(g?.nps).toMatchObject({ n: 0, estimate: null });
    }
  });

  it("should compute the CSM's incremental ROI as (Δrevenue − Δcost) / Δcost from the table and the catalog's costs, with an interval around it", () => {
    const revenue = (m: string) => scenario.outcomes.find((o) => o.model === m)?.revenue.mean as number;
    const dRevenue = revenue("csm") - revenue("low_touch");
    const dCost = (weekly("csm") - weekly("low_touch")) * holdoutWeeks;
    const roi = report.roi.find((r) => r.model === "csm");
    expect(roi?.roi).toBeCloseTo((dRevenue - dCost) / dCost, 9);
    expect(roi?.interval?.method).toBe("bootstrap");
    expect(roi?.interval?.lower).toBeLessThanOrEqual(roi?.roi as number);
    expect(roi?.interval?.upper).toBeGreaterThanOrEqual(roi?.roi as number);
    // A cheaper model than the reference has no incremental ROI, and says why.
    expect(report.roi.find((r) => r.model === "automated_retention")).toMatchObject({ roi: null, reason: expect.stringContaining("costs less") });
  });

  it("should warn that the groups differed before the holdout (assignment by value at risk is not random) and advise a holdout", () => {
    const imbalanced = report.balance.filter((b) => b.imbalanced).map((b) => `${b.model}:${b.covariate}`).sort();
    expect(imbalanced).toEqual(["automated_retention:calibrationPurchases", "automated_retention:predictedClv", "csm:calibrationPurchases", "csm:predictedClv"]);
    expect(report.warnings).toHaveLength(4);
    expect(report.recommendation).toMatch(/holdout/);
    expect(formatEffectiveness(report)).toContain("ROI");
  });
});
