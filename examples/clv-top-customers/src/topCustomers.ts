import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { customerLifetimeValue, fitBgNbd, fitGammaGamma, rfmSummary, type RfmSummary, type Transaction } from "@engagekit/core";

/** The CDNOW 1/10 sample vendored in the repository (datasets/cdnow/SOURCE.md). */
export const cdnowSampleFile = resolve(dirname(fileURLToPath(import.meta.url)), "../../../datasets/cdnow/CDNOW_sample.txt");

/** One ranked customer. */
export interface RankedCustomer {
  readonly rank: number;
  readonly customerId: string | number;
  /** Predicted discounted value of the next 52 weeks, in dollars. */
  readonly clv52Weeks: number;
  /** P(alive) under the fitted BG/NBD model, in [0, 1]. */
  readonly probabilityAlive: number;
  /** Expected purchases in the next 52 weeks. */
  readonly expectedPurchases: number;
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
  readonly monetaryValue: number;
}

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

/** Monthly discount rate used for the 52-week value (1% a month, as in the lifetimes docs). */
export const monthlyDiscountRate = 0.01;

/**
 * Ranks customers by predicted 52-week CLV: RFM summary in weeks over the whole
 * file (to 1998-06-30), BG/NBD for purchases, Gamma-Gamma for spend, twelve
 * monthly steps of 52/12 weeks discounted at 1% a month.
 */
export function topCustomers(transactions: readonly Transaction[], count = 10): { readonly summary: RfmSummary; readonly top: RankedCustomer[] } {
  const summary = rfmSummary(transactions, { timeUnit: "weeks" });
  const purchases = fitBgNbd(summary);
  // Gamma-Gamma only learns from repeat customers with positive spend.
  const spendFrequency: number[] = [];
  const spendValue: number[] = [];
  summary.frequency.forEach((x, i) => {
    const m = summary.monetaryValue[i] as number;
    if (x > 0 && m > 0) {
      spendFrequency.push(x);
      spendValue.push(m);
    }
  });
  const spend = fitGammaGamma({ frequency: spendFrequency, monetaryValue: spendValue });
  const clv = customerLifetimeValue(purchases, spend, summary, { months: 12, unitsPerMonth: 52 / 12, discountRate: monthlyDiscountRate });
  const order = Array.from(clv.keys()).sort((a, b) => (clv[b] as number) - (clv[a] as number));
  const top = order.slice(0, count).map((i, k) => {
    const customer = { frequency: summary.frequency[i] as number, recency: summary.recency[i] as number, T: summary.T[i] as number };
    return {
      rank: k + 1,
      customerId: summary.customerIds[i] as string | number,
      clv52Weeks: clv[i] as number,
      probabilityAlive: purchases.probabilityAlive(customer),
      expectedPurchases: purchases.conditionalExpectedPurchases(52, customer),
      ...customer,
      monetaryValue: summary.monetaryValue[i] as number,
    };
  });
  return { summary, top };
}

/** A fixed-width table; rounding happens here, for display only. */
export function formatTable(rows: readonly RankedCustomer[]): string {
  const header = "rank  customer  CLV 52 wk ($)  P(alive)  E[purchases 52 wk]  x   t_x (wk)  T (wk)  mean spend ($)";
  const lines = rows.map((r) =>
    [
      String(r.rank).padStart(4),
      String(r.customerId).padStart(9),
      r.clv52Weeks.toFixed(2).padStart(14),
      r.probabilityAlive.toFixed(3).padStart(9),
      r.expectedPurchases.toFixed(2).padStart(19),
      String(r.frequency).padStart(3),
      r.recency.toFixed(2).padStart(9),
      r.T.toFixed(2).padStart(7),
      r.monetaryValue.toFixed(2).padStart(15),
    ].join(" "),
  );
  return [header, ...lines].join("\n");
}
