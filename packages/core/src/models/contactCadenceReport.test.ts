import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import { contactCadenceReport } from "./contactCadenceReport.js";
import type { EngagementModel } from "./EngagementModel.js";
import { catalogModel, engagementModelCatalog } from "./engagementModelCatalog.js";
import { reviseEngagementModel } from "./reviseEngagementModel.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const models = engagementModelCatalog;

function failure(f: () => unknown): [string, readonly (string | number)[]] | "no error" {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return [e.code, e.path];
    throw e;
  }
  return "no error";
}

describe("contactCadenceReport", () => {
  it("should classify against the model's target and cap, counting periods fractionally", () => {
    // low_touch: 2 to 8 a month. Window: 2 × 30.436875 days = exactly 2 months.
    const window = { start: T0, end: T0 + 2 * 30.436875 * DAY };
    const r = contactCadenceReport({
      window,
      models,
      customers: [
        { customer: "a", model: "low_touch", contacts: 3 }, // 1.5 a month < 2
        { customer: "b", model: "low_touch", contacts: 4 }, // 2 a month = target
        { customer: "c", model: "low_touch", contacts: 16 }, // 8 = cap
        { customer: "d", model: "low_touch", contacts: 17 }, // 8.5 > 8
      ],
    });
    expect(r.customers.map((c) => [c.perPeriod, c.status])).toEqual([
      [1.5, "under-served"],
      [2, "within"],
      [8, "within"],
      [8.5, "over-contacted"],
    ]);
    expect(r.byModel).toEqual([{ model: "low_touch", customers: 4, underServed: 1, within: 2, overContacted: 1 }]);
    expect(r.n).toBe(4);
  });

  it("should count timestamps in the half-open window [start, end) and accept ISO strings and Dates", () => {
    const r = contactCadenceReport({
      window: { start: "2024-01-01T00:00:00Z", end: new Date("2024-04-01T00:00:00Z") },
      models,
      customers: [{ customer: "a", model: "csm", contacts: ["2023-12-31T23:59:59Z", "2024-01-01T00:00:00Z", T0 + 10 * DAY, new Date("2024-02-15"), "2024-03-31T12:00:00Z", "2024-04-01T00:00:00Z"] }],
    });
    expect(r.customers[0]?.contacts).toBe(4);
    // csm: 4 to 12 a quarter; 91 days / 91.310625 = 0.99660 quarters → 4.0137 a quarter
    expect(r.customers[0]?.perPeriod).toBeCloseTo(4 / (91 / 91.310625), 12);
    expect(r.customers[0]?.status).toBe("within");
    expect(r.window.days).toBe(91);
  });

  it("should judge a customer by the model version they name, else by the latest version", () => {
    const v2 = reviseEngagementModel(catalogModel("low_touch") as EngagementModel, { cadence: { period: "month", target: 0, cap: 1 } });
    const window = { start: T0, end: T0 + 30.436875 * DAY };
    const r = contactCadenceReport({
      window,
      models: [...models, v2],
      customers: [
        { customer: "a", model: "low_touch", version: 1, contacts: 3 },
        { customer: "b", model: "low_touch", contacts: 3 },
      ],
    });
    expect(r.customers.map((c) => [c.version, c.status])).toEqual([[1, "within"], [2, "over-contacted"]]);
    expect(r.byModel).toEqual([{ model: "low_touch", customers: 2, underServed: 0, within: 1, overContacted: 1 }]);
    expect(failure(() => contactCadenceReport({ window, models, customers: [{ customer: "a", model: "low_touch", version: 3, contacts: 1 }] }))).toEqual(["MODEL.UNKNOWN_REFERENCE", ["customers", 0, "version"]]);
  });

  it("should report no customers as n = 0 with empty lists", () => {
    expect(contactCadenceReport({ window: { start: T0, end: T0 + DAY }, models, customers: [] })).toEqual({ window: { start: T0, end: T0 + DAY, days: 1 }, n: 0, customers: [], byModel: [] });
  });

  it("should reject an empty or reversed window", () => {
    expect(failure(() => contactCadenceReport({ window: { start: T0, end: T0 }, models, customers: [] }))).toEqual(["MODEL.INVALID", ["window"]]);
    expect(failure(() => contactCadenceReport({ window: { start: T0, end: T0 - DAY }, models, customers: [] }))).toEqual(["MODEL.INVALID", ["window"]]);
    expect(failure(() => contactCadenceReport({ window: { start: "not a date", end: T0 }, models, customers: [] }))).toEqual(["JOURNEY.INVALID_TIMESTAMP", ["window", "start"]]);
  });

  it("should reject an unknown model, a bad count and a bad timestamp with their paths", () => {
    const window = { start: T0, end: T0 + 30 * DAY };
    expect(failure(() => contactCadenceReport({ window, models, customers: [{ customer: "a", model: "concierge", contacts: 1 }] }))).toEqual(["MODEL.UNKNOWN_REFERENCE", ["customers", 0, "model"]]);
    expect(failure(() => contactCadenceReport({ window, models, customers: [{ customer: "a", model: "csm", contacts: -1 }] }))).toEqual(["METRIC.OUT_OF_RANGE", ["customers", 0, "contacts"]]);
    expect(failure(() => contactCadenceReport({ window, models, customers: [{ customer: "a", model: "csm", contacts: 1.5 }] }))).toEqual(["METRIC.NOT_INTEGER", ["customers", 0, "contacts"]]);
    expect(failure(() => contactCadenceReport({ window, models, customers: [{ customer: "a", model: "csm", contacts: [T0, "yesterday"] }] }))).toEqual(["JOURNEY.INVALID_TIMESTAMP", ["customers", 0, "contacts", 1]]);
  });
});

describe("contactCadenceReport laws", () => {
  const ids = engagementModelCatalog.map((m) => m.id);
  const customersArb = fc.array(fc.record({ model: fc.constantFrom(...ids), contacts: fc.nat({ max: 60 }) }), { maxLength: 40 });
  const daysArb = fc.integer({ min: 1, max: 400 });

  test.prop([customersArb, daysArb])("should make the counts per model sum to the customers", (cs, days) => {
    const r = contactCadenceReport({ window: { start: T0, end: T0 + days * DAY }, models, customers: cs.map((c, i) => ({ customer: `c${i}`, ...c })) });
    expect(r.byModel.reduce((s, k) => s + k.customers, 0)).toBe(cs.length);
    for (const k of r.byModel) expect(k.underServed + k.within + k.overContacted).toBe(k.customers);
    for (const k of r.byModel) expect(k.customers).toBe(cs.filter((c) => c.model === k.model).length);
  });

  test.prop([fc.constantFrom(...ids), fc.nat({ max: 60 }), daysArb])("should never move a customer towards under-served when they get one more contact", (model, n, days) => {
    const rank = { "under-served": 0, within: 1, "over-contacted": 2 } as const;
    const window = { start: T0, end: T0 + days * DAY };
    const one = contactCadenceReport({ window, models, customers: [{ customer: "a", model, contacts: n }] }).customers[0];
    const more = contactCadenceReport({ window, models, customers: [{ customer: "a", model, contacts: n + 1 }] }).customers[0];
    expect(rank[more?.status ?? "within"]).toBeGreaterThanOrEqual(rank[one?.status ?? "within"]);
  });

  test.prop([fc.array(fc.integer({ min: -10 * DAY, max: 40 * DAY }), { maxLength: 30 })])("should count the same from timestamps as from their count inside the window", (offsets) => {
    const window = { start: T0, end: T0 + 30 * DAY };
    const inside = offsets.filter((o) => o >= 0 && o < 30 * DAY).length;
    const a = contactCadenceReport({ window, models, customers: [{ customer: "a", model: "proactive", contacts: offsets.map((o) => T0 + o) }] });
    const b = contactCadenceReport({ window, models, customers: [{ customer: "a", model: "proactive", contacts: inside }] });
    expect(a.customers).toEqual(b.customers);
  });
});
