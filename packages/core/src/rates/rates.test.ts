import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { churnRate } from "./churnRate.js";
import { clickThroughRate } from "./clickThroughRate.js";
import { conversionRate } from "./conversionRate.js";
import { engagementRate } from "./engagementRate.js";
import { repeatPurchaseRate } from "./repeatPurchaseRate.js";
import { retentionRate } from "./retentionRate.js";
import { selfServiceDeflectionRate } from "./selfServiceDeflectionRate.js";

const counts = fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n })));

describe("rates laws", () => {
  test.prop([counts])("should add churn and retention to 1 on the same cohort (no acquisitions)", ([s, churned]) => {
    const churn = churnRate({ customersAtStart: s, churned });
    const retention = retentionRate({ customersAtStart: s, customersAtEnd: s - churned, newCustomers: 0 });
    expect(churn.rate + retention.rate).toBeCloseTo(1, 12);
  });

  test.prop([counts])("should stay in [0, 1] with the rate inside its Wilson interval, for every rate", ([n, k]) => {
    for (const r of [
      churnRate({ customersAtStart: n, churned: k }),
      repeatPurchaseRate({ customers: n, repeatCustomers: k }),
      conversionRate({ entered: n, converted: k }),
      clickThroughRate({ impressions: n, clicks: k }),
      engagementRate({ reached: n, engaged: k }),
      selfServiceDeflectionRate({ selfServed: k, tickets: n - k }),
    ]) {
      expect(r.rate).toBe(k / n);
      expect(r.interval.lower).toBeLessThanOrEqual(r.rate);
      expect(r.interval.upper).toBeGreaterThanOrEqual(r.rate);
      expect(r.interval.lower).toBeGreaterThanOrEqual(0);
      expect(r.interval.upper).toBeLessThanOrEqual(1);
    }
  });

  test.prop([counts])("should narrow the interval as n grows at the same proportion", ([n, k]) => {
    const a = conversionRate({ entered: n, converted: k }).interval;
    const b = conversionRate({ entered: 4 * n, converted: 4 * k }).interval;
    expect(b.upper - b.lower).toBeLessThan(a.upper - a.lower);
  });
});

describe("rates on real data and bad input", () => {
  it("should compute churn by tariff plan on the Iranian churn set, matching a direct count (SOURCE.md: 495 of 3,150 churned)", () => {
    const text = readFileSync(resolve(import.meta.dirname, "../../../../datasets/iranian_churn/iranian_churn.csv"), "utf8").replace(/^\uFEFF/, "");
    const [header, ...rows] = text.trim().split(/\r?\n/);
    const cols = (header as string).split(",");
    const plan = cols.indexOf("Tariff Plan");
    const churn = cols.indexOf("Churn");
    const by = new Map<string, { n: number; churned: number }>();
    for (const row of rows) {
      const f = row.split(",");
      const g = by.get(f[plan] as string) ?? { n: 0, churned: 0 };
      g.n++;
      g.churned += f[churn] === "1" ? 1 : 0;
      by.set(f[plan] as string, g);
    }
    const all = [...by.values()].reduce((a, g) => ({ n: a.n + g.n, churned: a.churned + g.churned }), { n: 0, churned: 0 });
    expect(all).toEqual({ n: 3150, churned: 495 });
    expect(churnRate({ customersAtStart: all.n, churned: all.churned }).rate).toBeCloseTo(495 / 3150, 15);
    for (const g of by.values()) {
      const r = churnRate({ customersAtStart: g.n, churned: g.churned });
      expect(r.rate).toBe(g.churned / g.n);
      expect(r.n).toBe(g.n);
    }
  });

  it("should refuse an empty denominator instead of reporting 0, and impossible counts", () => {
    expect(() => churnRate({ customersAtStart: 0, churned: 0 })).toThrow(expect.objectContaining({ code: "METRIC.EMPTY_SAMPLE", path: ["customersAtStart"] }));
    expect(() => conversionRate({ entered: 3, converted: 4 })).toThrow(expect.objectContaining({ code: "METRIC.INCONSISTENT" }));
    expect(() => retentionRate({ customersAtStart: 10, customersAtEnd: 5, newCustomers: 6 })).toThrow(expect.objectContaining({ path: ["newCustomers"] }));
    expect(() => clickThroughRate({ impressions: 10, clicks: 1.5 })).toThrow(expect.objectContaining({ code: "METRIC.NOT_INTEGER" }));
  });
});
