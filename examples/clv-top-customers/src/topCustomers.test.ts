import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bgNbdModel, customerLifetimeValue, fitBgNbd, fitGammaGamma, gammaGammaModel, rfmSummary } from "@engagekit/core";
import { formatTable, monthlyDiscountRate, readCdnowSample, topCustomers } from "./topCustomers.js";

const transactions = readCdnowSample();
const { summary, top } = topCustomers(transactions, 10);

describe("top CDNOW customers by 52-week CLV", () => {
  it("should list 10 customers, sorted by CLV, with P(alive) in [0, 1]", () => {
    expect(summary.customerIds).toHaveLength(2357);
    expect(top).toHaveLength(10);
    top.forEach((row, k) => {
      expect(row.rank).toBe(k + 1);
      expect(row.probabilityAlive).toBeGreaterThanOrEqual(0);
      expect(row.probabilityAlive).toBeLessThanOrEqual(1);
      expect(row.clv52Weeks).toBeGreaterThan(0);
      if (k > 0) expect(row.clv52Weeks).toBeLessThanOrEqual((top[k - 1] as (typeof top)[number]).clv52Weeks);
    });
    expect(new Set(top.map((r) => r.customerId)).size).toBe(10);
  });

  it("should give the same numbers as calling the core directly", () => {
    const s = rfmSummary(transactions, { timeUnit: "weeks" });
    const bg = fitBgNbd(s);
    const repeat = Array.from(s.frequency.keys()).filter((i) => (s.frequency[i] as number) > 0 && (s.monetaryValue[i] as number) > 0);
    const gg = fitGammaGamma({ frequency: repeat.map((i) => s.frequency[i] as number), monetaryValue: repeat.map((i) => s.monetaryValue[i] as number) });
    // Rebuild the models from their parameters, so the check also covers bgNbdModel / gammaGammaModel.
    const purchases = bgNbdModel(bg.params);
    const spend = gammaGammaModel(gg.params);
    for (const row of top) {
      const i = s.customerIds.indexOf(row.customerId);
      const one = { frequency: [s.frequency[i] as number], recency: [s.recency[i] as number], T: [s.T[i] as number], monetaryValue: [s.monetaryValue[i] as number] };
      const clv = customerLifetimeValue(purchases, spend, one, { months: 12, unitsPerMonth: 52 / 12, discountRate: monthlyDiscountRate })[0] as number;
      expect(row.clv52Weeks).toBeCloseTo(clv, 9);
      expect(row.probabilityAlive).toBeCloseTo(purchases.probabilityAlive({ frequency: row.frequency, recency: row.recency, T: row.T }), 12);
    }
    // No customer outside the top 10 is worth more than the 10th.
    const all = customerLifetimeValue(purchases, spend, s, { months: 12, unitsPerMonth: 52 / 12, discountRate: monthlyDiscountRate });
    const tenth = (top[9] as (typeof top)[number]).clv52Weeks;
    expect(Array.from(all).filter((v) => v > tenth + 1e-9)).toHaveLength(9);
  });

  it("should print a header and 10 rows", () => {
    const lines = formatTable(top).split("\n");
    expect(lines).toHaveLength(11);
    expect(lines[0]).toMatch(/^rank\s+customer\s+CLV 52 wk/);
  });

  const built = resolve(dirname(fileURLToPath(import.meta.url)), "../dist/main.js");
  it.skipIf(!existsSync(built))("should print the same table from the built program (npm start)", () => {
    const out = execFileSync(process.execPath, [built], { encoding: "utf8" });
    expect(out).toContain(formatTable(top));
  });
});
