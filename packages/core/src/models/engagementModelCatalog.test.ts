import { describe, expect, it } from "vitest";
import * as core from "../index.js";
import { defaultChannels } from "../journey/defaultChannels.js";
import { defaultJourneyStages } from "../journey/defaultJourneyStages.js";
import { defaultModelTouchpoints } from "./defaultModelTouchpoints.js";
import { catalogModel, engagementModelCatalog } from "./engagementModelCatalog.js";
import { validateEngagementModel } from "./validateEngagementModel.js";

/** Each KPI id of the catalog and the core function that computes it. */
const kpiFunctions: Record<string, string> = {
  nps: "netPromoterScore",
  csat: "customerSatisfactionScore",
  ces: "customerEffortScore",
  churnRate: "churnRate",
  retentionRate: "retentionRate",
  repeatPurchaseRate: "repeatPurchaseRate",
  conversionRate: "conversionRate",
  clickThroughRate: "clickThroughRate",
  engagementRate: "engagementRate",
  responseTime: "ticketResponseTimes",
  clv: "historicalClv",
  selfServiceDeflectionRate: "selfServiceDeflectionRate",
};

describe("engagementModelCatalog", () => {
  it("should hold the twelve models of the seeds, version 1 each, with unique ids", () => {
    expect(engagementModelCatalog.map((m) => m.id)).toEqual([
      "high_touch", "low_touch", "csm", "automated_retention", "hybrid", "customer_journey",
      "engagement_ladder", "omnichannel", "self_service", "personalized", "proactive", "community",
    ]);
    for (const m of engagementModelCatalog) expect(m.version).toBe(1);
    expect(new Set(engagementModelCatalog.map((m) => m.kind)).size).toBe(12);
  });

  it("should pass validation, every model, and validation should return it unchanged", () => {
    for (const m of engagementModelCatalog) expect(validateEngagementModel(m)).toEqual(m);
  });

  it("should name only KPI ids that a core function computes", () => {
    const exported = core as unknown as Record<string, unknown>;
    for (const m of engagementModelCatalog) {
      for (const k of m.kpis) {
        const fn = kpiFunctions[k];
        expect(fn, `${m.id}: ${k}`).toBeDefined();
        expect(typeof exported[fn as string], `${m.id}: ${k} → ${fn}`).toBe("function");
      }
    }
  });

  it("should give every model a playbook entry for each of the five default stages", () => {
    const stages = defaultJourneyStages.map((s) => s.id);
    for (const m of engagementModelCatalog) expect(m.playbook.map((p) => p.stage)).toEqual(stages);
  });

  it("should make the seeds' best-for table explicit (002: High-Touch → B2B high-value; Low-Touch → B2C high-volume; Hybrid → diverse)", () => {
    const high = catalogModel("high_touch");
    expect(high?.bestFor.markets).toContain("B2B");
    expect([high?.bestFor.dealSize, high?.bestFor.volume]).toEqual(["high", "low"]);
    const low = catalogModel("low_touch");
    expect(low?.bestFor.markets).toEqual(["B2C"]);
    expect([low?.bestFor.dealSize, low?.bestFor.volume]).toEqual(["low", "high"]);
    expect([catalogModel("hybrid")?.bestFor.dealSize, catalogModel("hybrid")?.bestFor.volume]).toEqual(["any", "any"]);
  });

  it("should cost a CSM account 8,000 / 40 = 200 a month plus tooling, and a CSM cadence of a monthly check-in plus a QBR", () => {
    const csm = catalogModel("csm");
    expect(csm?.cost.components?.[0]?.amount).toBe(200);
    expect(csm?.cost.perCustomer).toBe(220);
    expect(csm?.cadence).toEqual({ period: "quarter", target: 4, cap: 12 });
  });

  it("should order costs as the touch levels say: high-touch above low-touch above tech-touch on average", () => {
    const mean = (level: string) => {
      const ms = engagementModelCatalog.filter((m) => m.touchLevel === level);
      return ms.reduce((s, m) => s + m.cost.perCustomer, 0) / ms.length;
    };
    expect(mean("high")).toBeGreaterThan(mean("low"));
    expect(mean("low")).toBeGreaterThan(mean("tech"));
  });

  it("should use only default channels and default touchpoints, each touchpoint on a default channel and stage", () => {
    const channels = new Set(defaultChannels.map((c) => c.id));
    const stages = new Set(defaultJourneyStages.map((s) => s.id));
    const ids = defaultModelTouchpoints.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of defaultModelTouchpoints) {
      expect(channels.has(t.channel), t.id).toBe(true);
      for (const s of t.stages) expect(stages.has(s), `${t.id}: ${s}`).toBe(true);
    }
  });

  it("should find a model by id with catalogModel, and answer undefined for an unknown id", () => {
    expect(catalogModel("csm")?.kind).toBe("customer_success_manager");
    expect(catalogModel("customer_success_manager")).toBeUndefined();
  });

  it("should be frozen", () => {
    expect(Object.isFrozen(engagementModelCatalog)).toBe(true);
    expect(Object.isFrozen(catalogModel("csm"))).toBe(true);
  });
});
