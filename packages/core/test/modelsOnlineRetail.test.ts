import { beforeAll, describe, expect, it } from "vitest";
import { onlineRetailTransactions } from "../bench/_data/onlineRetail.mjs";
import {
  assignEngagementModels,
  customerLifetimeValue,
  engagementModelCatalog,
  fitBgNbd,
  fitGammaGamma,
  meanInterval,
  rfmSummaryFromColumns,
  wilsonInterval,
  type AssignmentCustomer,
  type EngagementAssignmentResult,
  type EngagementModel,
  type Interval,
  type MeanEstimate,
  type RfmSummary,
} from "../src/index.js";
import { hasDataset } from "./datasets.js";

// The hybrid strategy on the UCI Online Retail set (cleaned as everywhere: customer id, no C-invoices,
// quantity > 0, price > 0). Calibration 2010-12-01 → 2011-08-31: BG/NBD and Gamma-Gamma in days, CLV over
// 4 months of 30.5 days (122 days), P(alive) at the calibration end. Value at risk = CLV × (1 − P(alive)).
// Strategy: everyone → [csm (200 seats), automated_retention (1,500 seats)], fallback low_touch. Then what
// each group actually did in the holdout, 2011-09-01 → 2011-12-09 (the file's last day): the share with at
// least one purchase (Wilson interval) and the mean revenue per customer (Student-t interval).
const FILE = "online_retail/online_retail.csv.gz";
const CAPACITIES = { csm: 200, automated_retention: 1500 } as const;
const HORIZON_DAYS = 122;

interface Group {
  readonly model: string;
  readonly n: number;
  readonly repeat: number;
  readonly repeatInterval: Interval;
  readonly revenue: MeanEstimate;
  readonly predictedClv: number;
  /** Mean of 1 − P(alive): the risk factor of value at risk. */
  readonly meanRisk: number;
  /** Customers with value at risk exactly 0 (no repeat purchase in calibration: BG/NBD's P(alive) = 1). */
  readonly zeroPriority: number;
}

describe.skipIf(!hasDataset(FILE))("engagement models on Online Retail: who the strategy picks, and what they did next", () => {
  let summary: RfmSummary;
  let customers: AssignmentCustomer[];
  let result: EngagementAssignmentResult;
  let groups: Map<string, Group>;
  let bgMessage: string;

  beforeAll(() => {
    summary = rfmSummaryFromColumns(onlineRetailTransactions(), { timeUnit: "days", calibrationEnd: "2011-08-31", observationEnd: "2011-12-09" });
    const bg = fitBgNbd(summary);
    bgMessage = bg.convergence.message;
    const repeat = Array.from(summary.frequency.keys()).filter((i) => (summary.frequency[i] as number) > 0 && (summary.monetaryValue[i] as number) > 0);
    const gg = fitGammaGamma({ frequency: repeat.map((i) => summary.frequency[i] as number), monetaryValue: repeat.map((i) => summary.monetaryValue[i] as number) });
    expect(gg.convergence.converged).toBe(true);
    const clv = customerLifetimeValue(bg, gg, summary, { months: 4, unitsPerMonth: HORIZON_DAYS / 4, timeUnit: "days" });
    customers = summary.customerIds.map((id, i) => ({
      id: String(id),
      value: clv[i] as number,
      pAlive: bg.probabilityAlive({ frequency: summary.frequency[i] as number, recency: summary.recency[i] as number, T: summary.T[i] as number }),
      segments: [],
    }));
    const models = ["csm", "automated_retention", "low_touch"].map((id) => engagementModelCatalog.find((m) => m.id === id) as EngagementModel);
    result = assignEngagementModels(customers, { rules: [{ segment: "*", models: ["csm", "automated_retention"] }], fallback: "low_touch" }, { models, capacities: CAPACITIES });

    const acc = new Map<string, { n: number; repeat: number; sum: number; sumSq: number; clv: number; risk: number; zero: number }>();
    result.assignments.forEach((a, i) => {
      const g = acc.get(a.model) ?? { n: 0, repeat: 0, sum: 0, sumSq: 0, clv: 0, risk: 0, zero: 0 };
      const purchases = summary.holdoutFrequency[i] as number;
      const revenue = purchases * (summary.holdoutMonetaryValue[i] as number);
      g.n++;
      if (purchases > 0) g.repeat++;
      g.sum += revenue;
      g.sumSq += revenue * revenue;
      g.clv += clv[i] as number;
      g.risk += 1 - (customers[i]?.pAlive as number);
      if (a.priority === 0) g.zero++;
      acc.set(a.model, g);
    });
    groups = new Map(
      [...acc].map(([model, g]) => [
        model,
        { model, n: g.n, repeat: g.repeat, repeatInterval: wilsonInterval(g.repeat, g.n), revenue: meanInterval(g.n, g.sum, g.sumSq), predictedClv: g.clv / g.n, meanRisk: g.risk / g.n, zeroPriority: g.zero },
      ]),
    );
    const f = (v: number, d = 1) => v.toFixed(d);
    const rows = ["csm", "automated_retention", "low_touch"].map((id) => {
      const g = groups.get(id) as Group;
      const r = g.revenue.interval as Interval;
      return `| ${id} | ${g.n} | ${f(g.predictedClv)} | ${g.meanRisk.toExponential(2)} | ${g.zeroPriority} | ${f((100 * g.repeat) / g.n)}% [${f(100 * g.repeatInterval.lower)}, ${f(100 * g.repeatInterval.upper)}] | ${f(g.revenue.mean)} [${f(r.lower)}, ${f(r.upper)}] |`;
    });
    console.log(
      [
        `BG/NBD: ${bgMessage}`,
        `Online Retail: ${summary.customerIds.length} calibration customers (first purchase by 2011-08-31), holdout 2011-09-01 → 2011-12-09 (${summary.holdoutDuration} days)`,
        "| model | n | predicted CLV 122 d (mean) | mean 1 − P(alive) | value at risk 0 (x = 0) | bought again in holdout, 95% Wilson | holdout revenue per customer, 95% t |",
        "|---|---|---|---|---|---|---|",
        ...rows,
      ].join("\n"),
    );
  }, 120_000);

  it("should rank by value at risk even though BG/NBD sees no dropout here (a → 0: every P(alive) within 1e-6 of 1)", () => {
    // As on the whole file (clv.realdata.test.ts): the likelihood has no interior maximum. 1 − P(alive) is then
    // a·(…)/(b + x − 1) per customer, tiny but proportional to each customer's lapse odds: the common factor a
    // cancels from the ranking, so value × (1 − P(alive)) still orders lapsed frequent buyers by value.
    expect(bgMessage).toMatch(/^a \(\S+ → 0\), b \(\S+ → ∞\) ran to the boundary/);
    for (const c of customers) expect(c.pAlive as number).toBeGreaterThan(1 - 1e-6);
    // One-time buyers (x = 0) have P(alive) = 1 exactly, no value at risk, and fall to the fallback.
    const oneTime = Array.from(summary.frequency).filter((x) => x === 0).length;
    expect(groups.get("low_touch")?.zeroPriority).toBe(oneTime);
  });

  it("should use the capacities exactly and give every calibration customer one model", () => {
    expect(result.usage.csm).toEqual({ used: 200, capacity: 200 });
    expect(result.usage.automated_retention).toEqual({ used: 1500, capacity: 1500 });
    expect(result.usage.low_touch).toEqual({ used: summary.customerIds.length - 1700, capacity: null });
    const n = [...groups.values()].reduce((s, g) => s + g.n, 0);
    expect(n).toBe(summary.customerIds.length);
    expect(result.assignments).toHaveLength(customers.length);
  });

  it("should seat the 200 largest values at risk at the CSM desk, computed here from the CLVs and P(alive)s directly", () => {
    const atRisk = customers.map((c) => ({ id: c.id, p: c.value * (1 - (c.pAlive as number)) })).sort((a, b) => b.p - a.p || (a.id < b.id ? -1 : 1));
    const top = new Set(atRisk.slice(0, 200).map((x) => x.id));
    expect(new Set(result.assignments.filter((a) => a.model === "csm").map((a) => a.customer))).toEqual(top);
    const next = new Set(atRisk.slice(200, 1700).map((x) => x.id));
    expect(new Set(result.assignments.filter((a) => a.model === "automated_retention").map((a) => a.customer))).toEqual(next);
  });

  it("should report intervals that contain their estimates", () => {
    for (const g of groups.values()) {
      const p = g.repeat / g.n;
      expect(g.repeatInterval.lower).toBeLessThanOrEqual(p);
      expect(g.repeatInterval.upper).toBeGreaterThanOrEqual(p);
      const r = g.revenue.interval as Interval;
      expect(r.lower).toBeLessThanOrEqual(g.revenue.mean);
      expect(r.upper).toBeGreaterThanOrEqual(g.revenue.mean);
    }
  });

  it("should find that the CSM group bought again more often and spent more than low touch, with intervals apart", () => {
    const csm = groups.get("csm") as Group;
    const low = groups.get("low_touch") as Group;
    expect(csm.repeat / csm.n).toBeGreaterThan(low.repeat / low.n);
    expect(csm.repeatInterval.lower).toBeGreaterThan(low.repeatInterval.upper);
    expect(csm.revenue.mean).toBeGreaterThan(low.revenue.mean);
    expect((csm.revenue.interval as Interval).lower).toBeGreaterThan((low.revenue.interval as Interval).upper);
  });
});
