import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bgNbdModel, customerLifetimeValue, fitBgNbd, fitGammaGamma, gammaGammaModel, rfmSummary } from "@engagekit/core";
import { calibrationEnd, capacities, formatTable, modelIds, observationEnd, readCdnowSample, runScenario } from "./engagementScenario.js";

const transactions = readCdnowSample();
const { summary, customers, result, outcomes } = runScenario(transactions);

describe("engagement models on the CDNOW sample", () => {
  it("should give each of the 2,357 customers one model and fill the CSM desk and automated retention exactly", () => {
    expect(summary.customerIds).toHaveLength(2357);
    expect(result.assignments).toHaveLength(2357);
    expect(result.usage).toEqual({ csm: { used: 100, capacity: 100 }, automated_retention: { used: 500, capacity: 500 }, low_touch: { used: 1757, capacity: null } });
    expect(outcomes.map((o) => o.model)).toEqual([...modelIds]);
    expect(outcomes.reduce((s, o) => s + o.customers, 0)).toBe(2357);
    for (const o of outcomes) {
      expect(o.buyerInterval.lower).toBeLessThanOrEqual(o.buyerRate);
      expect(o.buyerInterval.upper).toBeGreaterThanOrEqual(o.buyerRate);
      expect(o.revenue.interval?.lower).toBeLessThanOrEqual(o.revenue.mean);
      expect(o.revenue.interval?.upper).toBeGreaterThanOrEqual(o.revenue.mean);
    }
  });

  it("should rank: every CSM customer has at least the value at risk of every automated-retention one, and so on down", () => {
    const atRisk = (model: string) => result.assignments.filter((a) => a.model === model).map((a) => a.priority);
    expect(Math.min(...atRisk("csm"))).toBeGreaterThanOrEqual(Math.max(...atRisk("automated_retention")));
    expect(Math.min(...atRisk("automated_retention"))).toBeGreaterThanOrEqual(Math.max(...atRisk("low_touch")));
    result.assignments.forEach((a, i) => expect(a.priority).toBe((customers[i]?.value as number) * (1 - (customers[i]?.pAlive as number))));
  });

  it("should count the CSM group's holdout buyers and the holdout revenue the same way from the raw file", () => {
    // Independently of runScenario: refit from the rebuilt summary, rank by value at risk with a plain sort, and
    // count purchases after the calibration end straight from the transaction lines (dates are YYYYMMDD strings).
    const s = rfmSummary(transactions, { calibrationEnd, observationEnd, timeUnit: "weeks" });
    const bg = bgNbdModel(fitBgNbd(s).params);
    const repeat = Array.from(s.frequency.keys()).filter((i) => (s.frequency[i] as number) > 0);
    const gg = gammaGammaModel(fitGammaGamma({ frequency: repeat.map((i) => s.frequency[i] as number), monetaryValue: repeat.map((i) => s.monetaryValue[i] as number) }).params);
    const clv = customerLifetimeValue(bg, gg, s, { months: 9, unitsPerMonth: 39 / 9 });
    const risk = s.customerIds.map((id, i) => ({ id: String(id), v: (clv[i] as number) * (1 - bg.probabilityAlive({ frequency: s.frequency[i] as number, recency: s.recency[i] as number, T: s.T[i] as number })) }));
    risk.sort((a, b) => b.v - a.v || (a.id < b.id ? -1 : 1));
    const csm = new Set(risk.slice(0, capacities.csm).map((r) => r.id));
    const holdoutBuyers = new Set<string>();
    let holdoutRevenue = 0;
    for (const t of transactions) {
      const day = t.date as string;
      if (day > calibrationEnd.replaceAll("-", "") && day <= observationEnd.replaceAll("-", "")) {
        holdoutBuyers.add(String(t.customerId));
        holdoutRevenue += t.amount;
      }
    }
    const csmOutcome = outcomes[0];
    expect(csmOutcome?.buyers).toBe([...csm].filter((id) => holdoutBuyers.has(id)).length);
    const total = outcomes.reduce((sum, o) => sum + o.revenue.mean * o.customers, 0);
    expect(total).toBeCloseTo(holdoutRevenue, 6);
  });

  it("should find that the CSM group bought again more than low touch, with the intervals apart (a property of these data)", () => {
    const [csm, , low] = outcomes;
    expect(csm?.buyerInterval.lower).toBeGreaterThan(low?.buyerInterval.upper as number);
    expect(csm?.revenue.interval?.lower).toBeGreaterThan(low?.revenue.interval?.upper as number);
  });

  it("should print a header and one row per model", () => {
    const lines = formatTable(outcomes).split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^model\s+customers\s+CLV 39 wk/);
    expect(lines[1]).toMatch(/^csm\s+100\s/);
  });

  const built = resolve(dirname(fileURLToPath(import.meta.url)), "../dist/main.js");
  it.skipIf(!existsSync(built))("should print the same table from the built program (npm start)", () => {
    const out = execFileSync(process.execPath, [built], { encoding: "utf8" });
    expect(out).toContain(formatTable(outcomes));
    expect(out).toContain("assigned to csm because value-at-risk rank 1 of 2,357");
  });
});
