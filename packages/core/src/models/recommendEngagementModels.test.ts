import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import { engagementModelCatalog } from "./engagementModelCatalog.js";
import { recommendEngagementModels, recommendationThresholds } from "./recommendEngagementModels.js";

const top = (r: readonly { model: string }[], k: number) => r.slice(0, k).map((x) => x.model);

describe("recommendEngagementModels (the seeds' guidance, 001 and 002)", () => {
  it("should put csm or high_touch first for B2B, high value, low volume", () => {
    const r = recommendEngagementModels({ customers: 300, averageValue: 4_000, market: "B2B", complexity: "high" });
    expect(["csm", "high_touch"]).toContain(r[0]?.model);
    expect(top(r, 2).sort()).toEqual(["csm", "high_touch"]);
  });

  it("should put high_touch first for luxury B2C at high value and low volume", () => {
    const r = recommendEngagementModels({ customers: 500, averageValue: 2_500, market: "B2C", complexity: "mid" });
    expect(r[0]?.model).toBe("high_touch");
  });

  it("should put low_touch or automated_retention first for the mass market", () => {
    const r = recommendEngagementModels({ customers: 200_000, averageValue: 30, market: "B2C", complexity: "low" });
    expect(["low_touch", "automated_retention"]).toContain(r[0]?.model);
    // and rule the high-touch models out: 30 a month does not pay for 220 or 400 of service
    for (const id of ["csm", "high_touch"]) expect(r.find((x) => x.model === id)?.fit).toBe(0);
  });

  it("should put hybrid first for a diverse base", () => {
    const r = recommendEngagementModels({ customers: 20_000, averageValue: 400, valueSpread: 2.5 });
    expect(r[0]?.model).toBe("hybrid");
    const b2b = recommendEngagementModels({ customers: 300, averageValue: 4_000, market: "B2B", valueSpread: 1.5 });
    expect(b2b[0]?.model).toBe("hybrid");
  });

  it("should cite the input numbers in its reasons", () => {
    const r = recommendEngagementModels({ customers: 300, averageValue: 4_000, market: "B2B", valueSpread: 0.2 });
    const csm = r.find((x) => x.model === "csm");
    const text = csm?.reasons.join("\n") ?? "";
    expect(text).toContain("300 customers is low volume");
    expect(text).toContain("4000 a month is a high deal size");
    expect(text).toContain("costs 220 per customer a month");
    expect(text).toContain("B2B");
    expect(text).toContain("0.2");
    const ruledOut = recommendEngagementModels({ customers: 300, averageValue: 100 }).find((x) => x.model === "high_touch");
    expect(ruledOut?.reasons).toEqual(["costs 400 per customer a month, more than the average value of 100 a month: it does not pay for itself"]);
  });

  it("should use costPerCsmAccount for the high-touch models", () => {
    const cheap = recommendEngagementModels({ customers: 300, averageValue: 150 }, { costPerCsmAccount: 100 });
    expect(cheap.find((x) => x.model === "csm")?.fit).toBeGreaterThan(0);
    expect(recommendEngagementModels({ customers: 300, averageValue: 150 }).find((x) => x.model === "csm")?.fit).toBe(0);
  });

  it("should rank only the given models", () => {
    const models = engagementModelCatalog.filter((m) => m.id === "csm" || m.id === "self_service");
    expect(recommendEngagementModels({ customers: 10, averageValue: 10 }, { models }).map((x) => x.model).sort()).toEqual(["csm", "self_service"]);
  });

  it("should document its thresholds", () => {
    expect(recommendationThresholds).toEqual({ lowVolumeBelow: 1000, highVolumeFrom: 50000, lowValueBelow: 50, highValueFrom: 1000, diverseSpreadFrom: 1, homogeneousSpreadTo: 0.5 });
  });

  it("should reject bad input with a typed error and its path", () => {
    const at = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof InputError ? [e.code, e.path] : e;
      }
      return "no error";
    };
    expect(at(() => recommendEngagementModels({ customers: -1, averageValue: 10 }))).toEqual(["METRIC.OUT_OF_RANGE", ["customers"]]);
    expect(at(() => recommendEngagementModels({ customers: 1.5, averageValue: 10 }))).toEqual(["METRIC.NOT_INTEGER", ["customers"]]);
    expect(at(() => recommendEngagementModels({ customers: 10, averageValue: Number.NaN }))).toEqual(["METRIC.NOT_FINITE", ["averageValue"]]);
    expect(at(() => recommendEngagementModels({ customers: 10, averageValue: 10, valueSpread: -0.1 }))).toEqual(["METRIC.OUT_OF_RANGE", ["valueSpread"]]);
    expect(at(() => recommendEngagementModels({ customers: 10, averageValue: 10, market: "B2G" as "B2B" }))).toEqual(["METRIC.INVALID_OPTION", ["market"]]);
    expect(at(() => recommendEngagementModels({ customers: 10, averageValue: 10 }, { costPerCsmAccount: -5 }))).toEqual(["METRIC.OUT_OF_RANGE", ["options", "costPerCsmAccount"]]);
  });
});

describe("recommendEngagementModels laws", () => {
  const inputArb = fc.record(
    {
      customers: fc.nat({ max: 10_000_000 }),
      averageValue: fc.double({ min: 0, max: 1e6, noNaN: true }),
      market: fc.constantFrom("B2B" as const, "B2C" as const),
      complexity: fc.constantFrom("low" as const, "mid" as const, "high" as const),
      valueSpread: fc.double({ min: 0, max: 10, noNaN: true }),
    },
    { requiredKeys: ["customers", "averageValue"] },
  );

  test.prop([inputArb])("should give every model a fit in [0, 1], ranked by fit then id, the same on every call", (input) => {
    const r = recommendEngagementModels(input);
    expect(r).toHaveLength(engagementModelCatalog.length);
    for (const x of r) {
      expect(x.fit).toBeGreaterThanOrEqual(0);
      expect(x.fit).toBeLessThanOrEqual(1);
      expect(x.reasons.length).toBeGreaterThan(0);
    }
    for (let i = 1; i < r.length; i++) {
      const a = r[i - 1];
      const b = r[i];
      expect(a !== undefined && b !== undefined && (a.fit > b.fit || (a.fit === b.fit && a.model < b.model))).toBe(true);
    }
    expect(recommendEngagementModels(input)).toEqual(r);
    const reversed = recommendEngagementModels(input, { models: [...engagementModelCatalog].reverse() });
    expect(reversed).toEqual(r);
  });

  test.prop([inputArb])("should give fit 0 exactly to the models whose monthly cost exceeds the average value", (input) => {
    for (const x of recommendEngagementModels(input)) {
      const m = engagementModelCatalog.find((c) => c.id === x.model);
      if ((m?.cost.perCustomer ?? 0) > input.averageValue) expect(x.fit).toBe(0);
      else expect(x.fit).toBeGreaterThan(0);
    }
  });
});
