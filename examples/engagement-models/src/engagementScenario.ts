import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  assignEngagementModels,
  customerLifetimeValue,
  engagementModelCatalog,
  fitBgNbd,
  fitGammaGamma,
  meanInterval,
  rfmSummary,
  wilsonInterval,
  type AssignmentCustomer,
  type EngagementAssignmentResult,
  type EngagementModel,
  type EngagementStrategy,
  type Interval,
  type MeanEstimate,
  type RfmSummary,
  type Transaction,
} from "@engagekit/core";

/** The CDNOW 1/10 sample vendored in the repository (datasets/cdnow/SOURCE.md). */
export const cdnowSampleFile = resolve(dirname(fileURLToPath(import.meta.url)), "../../../datasets/cdnow/CDNOW_sample.txt");

/** Calibration: 1997-01-01 … 1997-09-30 (39 weeks); holdout: weeks 40–78, to 1998-06-30 (as in Fader, Hardie & Lee 2005). */
export const calibrationEnd = "1997-09-30";
export const observationEnd = "1998-06-30";

/** The hybrid strategy: everyone ranked by value at risk fills the CSM desk, then automated retention; the rest get low touch. */
export const strategy: EngagementStrategy = { rules: [{ segment: "*", models: ["csm", "automated_retention"] }], fallback: "low_touch" };

/** Seats: a CSM book of 100 accounts, 500 in automated retention flows (the sample has 2,357 customers). */
export const capacities = { csm: 100, automated_retention: 500 } as const;

/** The models, in the order of the table. */
export const modelIds = ["csm", "automated_retention", "low_touch"] as const;

/**
 * Reads the CDNOW sample: whitespace-separated lines of
 * master id, sample id, date (YYYYMMDD), number of CDs, dollar value.
 */
export function readCdnowSample(file: string = cdnowSampleFile): Transaction[] {
  const rows: Transaction[] = [];
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    rows.push({ customerId: Number(f[1]), date: f[2] as string, amount: Number(f[4]) });
  }
  return rows;
}

/** What one model's customers did in the holdout. */
export interface ModelOutcome {
  readonly model: string;
  readonly customers: number;
  /** Mean predicted CLV over the holdout's 39 weeks. */
  readonly predictedClv: number;
  /** Mean P(alive) at the calibration end. */
  readonly meanPAlive: number;
  /** Customers with at least one purchase in the holdout. */
  readonly buyers: number;
  /** buyers / customers with its 95% Wilson interval. */
  readonly buyerRate: number;
  readonly buyerInterval: Interval;
  /** Holdout revenue per customer (every customer counts, 0 for those who did not buy), with its 95% t interval. */
  readonly revenue: MeanEstimate;
}

/** The scenario's inputs and outputs. */
export interface Scenario {
  readonly summary: RfmSummary;
  readonly customers: readonly AssignmentCustomer[];
  readonly result: EngagementAssignmentResult;
  readonly outcomes: readonly ModelOutcome[];
}

/**
 * The scenario: RFM summary in weeks to the calibration end, BG/NBD and
 * Gamma-Gamma, CLV over 39 weeks (9 steps of 39/9 weeks, 1% a month), P(alive);
 * value at risk = CLV × (1 − P(alive)); assignment; then each model's
 * customers' purchases in the holdout.
 */
export function runScenario(transactions: readonly Transaction[]): Scenario {
  const summary = rfmSummary(transactions, { calibrationEnd, observationEnd, timeUnit: "weeks" });
  const purchases = fitBgNbd(summary);
  const repeat = Array.from(summary.frequency.keys()).filter((i) => (summary.frequency[i] as number) > 0 && (summary.monetaryValue[i] as number) > 0);
  const spend = fitGammaGamma({ frequency: repeat.map((i) => summary.frequency[i] as number), monetaryValue: repeat.map((i) => summary.monetaryValue[i] as number) });
  const clv = customerLifetimeValue(purchases, spend, summary, { months: 9, unitsPerMonth: 39 / 9 });
  const customers: AssignmentCustomer[] = summary.customerIds.map((id, i) => ({
    id: String(id),
    value: clv[i] as number,
    pAlive: purchases.probabilityAlive({ frequency: summary.frequency[i] as number, recency: summary.recency[i] as number, T: summary.T[i] as number }),
    segments: [],
  }));
  const models = modelIds.map((id) => engagementModelCatalog.find((m) => m.id === id) as EngagementModel);
  const result = assignEngagementModels(customers, strategy, { models, capacities });

  const outcomes = modelIds.map((model): ModelOutcome => {
    let n = 0;
    let buyers = 0;
    let sum = 0;
    let sumSq = 0;
    let clvSum = 0;
    let pAliveSum = 0;
    result.assignments.forEach((a, i) => {
      if (a.model !== model) return;
      const x = summary.holdoutFrequency[i] as number;
      const revenue = x * (summary.holdoutMonetaryValue[i] as number);
      n++;
      if (x > 0) buyers++;
      sum += revenue;
      sumSq += revenue * revenue;
      clvSum += clv[i] as number;
      pAliveSum += customers[i]?.pAlive as number;
    });
    return {
      model,
      customers: n,
      predictedClv: clvSum / n,
      meanPAlive: pAliveSum / n,
      buyers,
      buyerRate: buyers / n,
      buyerInterval: wilsonInterval(buyers, n),
      revenue: meanInterval(n, sum, sumSq),
    };
  });
  return { summary, customers, result, outcomes };
}

/** A fixed-width table; rounding happens here, for display only. */
export function formatTable(outcomes: readonly ModelOutcome[]): string {
  const header = "model                 customers  CLV 39 wk ($)  P(alive)  bought in holdout [95% CI]   revenue/customer ($) [95% CI]";
  const pct = (v: number): string => (100 * v).toFixed(1);
  const lines = outcomes.map((o) => {
    const r = o.revenue.interval;
    return [
      o.model.padEnd(21),
      String(o.customers).padStart(9),
      o.predictedClv.toFixed(2).padStart(14),
      o.meanPAlive.toFixed(3).padStart(9),
      `${pct(o.buyerRate)}% [${pct(o.buyerInterval.lower)}, ${pct(o.buyerInterval.upper)}]`.padStart(27),
      `${o.revenue.mean.toFixed(2)} [${r === null ? "–" : r.lower.toFixed(2)}, ${r === null ? "–" : r.upper.toFixed(2)}]`.padStart(30),
    ].join(" ");
  });
  return [header, ...lines].join("\n");
}
