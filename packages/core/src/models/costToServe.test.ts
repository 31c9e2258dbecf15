import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import type { CadencePeriod, EngagementModel } from "./EngagementModel.js";
import { catalogModel, engagementModelCatalog } from "./engagementModelCatalog.js";
import { costToServe, expectedAssignmentCost, periodDays } from "./costToServe.js";
import { reviseEngagementModel } from "./reviseEngagementModel.js";

const csm = catalogModel("csm") as EngagementModel;
const periods: readonly CadencePeriod[] = ["week", "month", "quarter", "year"];

describe("costToServe", () => {
  it("should use week = 7 days, month = 365.2425 / 12 days, quarter = 3 months, year = 365.2425 days", () => {
    expect(periodDays).toEqual({ week: 7, month: 30.436875, quarter: 91.310625, year: 365.2425 });
  });

  it("should convert the CSM model's 220 a month to a year, a quarter and a week", () => {
    expect(costToServe(csm, "month")).toBe(csm.cost);
    expect(costToServe(csm, "year").perCustomer).toBeCloseTo(2640, 9);
    expect(costToServe(csm, "quarter").perCustomer).toBeCloseTo(660, 9);
    expect(costToServe(csm, "week").perCustomer).toBeCloseTo((220 * 7) / 30.436875, 12);
    expect(costToServe(csm, "year").components?.map((c) => c.amount)).toEqual([200 * 12, 20 * 12].map((x) => expect.closeTo(x, 9)));
  });

  it("should reject an unknown period", () => {
    expect(() => costToServe(csm, "day" as CadencePeriod)).toThrow(expect.objectContaining({ code: "MODEL.INVALID", path: ["period"] }));
  });
});

describe("costToServe laws", () => {
  const modelArb = fc.constantFrom(...engagementModelCatalog);
  const periodArb = fc.constantFrom(...periods);

  test.prop([modelArb, periodArb, periodArb])("should round-trip between periods", (m, a, b) => {
    const there = { ...m, cost: costToServe(m, a) };
    const back = costToServe(there, m.cost.period);
    expect(back.perCustomer).toBeCloseTo(m.cost.perCustomer, 9);
    const viaB = costToServe({ ...m, cost: costToServe(m, b) }, a);
    expect(viaB.perCustomer).toBeCloseTo(there.cost.perCustomer, 9);
  });

  test.prop([modelArb, periodArb])("should keep the components summing to perCustomer, so the converted model still validates", (m, p) => {
    const c = costToServe(m, p);
    const sum = (c.components ?? []).reduce((s, k) => s + k.amount, 0);
    expect(Math.abs(sum - c.perCustomer)).toBeLessThanOrEqual(1e-9 * c.perCustomer);
    expect(reviseEngagementModel(m, { cost: c }).cost).toEqual(c);
  });

  test.prop([modelArb, periodArb, periodArb])("should be proportional to period length", (m, a, b) => {
    expect(costToServe(m, a).perCustomer * periodDays[b]).toBeCloseTo(costToServe(m, b).perCustomer * periodDays[a], 6);
  });
});

describe("expectedAssignmentCost", () => {
  it("should total per model and overall", () => {
    const r = expectedAssignmentCost([{ model: "csm" }, { model: "low_touch" }, { model: "csm" }], engagementModelCatalog, "month");
    expect(r.n).toBe(3);
    expect(r.perModel.map((l) => [l.model, l.customers])).toEqual([["low_touch", 1], ["csm", 2]]);
    expect(r.perModel[1]?.total).toBe(440);
    expect(r.total).toBeCloseTo(440 + (catalogModel("low_touch") as EngagementModel).cost.perCustomer, 12);
  });

  it("should cost an assignment at the version it names, else at the latest version", () => {
    const v2 = reviseEngagementModel(csm, { cost: { period: "month", perCustomer: 300 } });
    const models = [...engagementModelCatalog, v2];
    const r = expectedAssignmentCost([{ model: "csm", version: 1 }, { model: "csm" }], models, "month");
    expect(r.perModel.map((l) => [l.version, l.total])).toEqual([[1, 220], [2, 300]]);
    expect(r.total).toBe(520);
  });

  it("should report no assignments as n = 0 and a total of 0 (a budget for nobody)", () => {
    expect(expectedAssignmentCost([], engagementModelCatalog, "year")).toEqual({ period: "year", n: 0, total: 0, perModel: [] });
  });

  it("should reject an assignment to an unknown model or version with its path", () => {
    const at = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof InputError ? [e.code, e.path] : e;
      }
      return "no error";
    };
    expect(at(() => expectedAssignmentCost([{ model: "csm" }, { model: "concierge" }], engagementModelCatalog, "month"))).toEqual(["MODEL.UNKNOWN_REFERENCE", ["assignments", 1, "model"]]);
    expect(at(() => expectedAssignmentCost([{ model: "csm", version: 9 }], engagementModelCatalog, "month"))).toEqual(["MODEL.UNKNOWN_REFERENCE", ["assignments", 0, "version"]]);
  });

  test.prop([fc.array(fc.constantFrom(...engagementModelCatalog.map((m) => m.id)), { maxLength: 50 }), fc.constantFrom(...periods)])(
    "should make the per-model lines sum to the total and the customers to n",
    (ids, p) => {
      const r = expectedAssignmentCost(ids.map((model) => ({ model })), engagementModelCatalog, p);
      expect(r.perModel.reduce((s, l) => s + l.customers, 0)).toBe(ids.length);
      expect(r.perModel.reduce((s, l) => s + l.total, 0)).toBeCloseTo(r.total, 9);
    },
  );
});
