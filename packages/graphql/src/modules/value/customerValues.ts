import {
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  rfmAnalysis,
  rfmSummaryFromColumns,
} from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { refreshMemberships } from "../segment/segmentService.js";
import { toMs } from "../../data/sqlDate.js";
import { updateColumns } from "../../data/updateColumns.js";


/** Pearson correlation, or null below two points or with no spread. */
function correlation(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 2) return null;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += x[i] as number; my += y[i] as number; }
  mx /= n; my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx, dy = (y[i] as number) - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/**
 * Fits the workspace's value models on its orders and writes each
 * customer's P(alive), predicted CLV and RFM cell: BG/NBD for purchases
 * (weeks), Gamma-Gamma for spend (repeat customers), discounted CLV with
 * monthly discounting, RFM quintiles with the named grid. All statistics
 * are the core's; this only moves data. Segment memberships are refreshed
 * afterwards, since value conditions read these columns.
 */
export async function refreshCustomerValues(
  scope: WorkspaceScope,
  options: { asOf?: Date; horizonMonths: number; monthlyDiscountRate: number },
) {
  const orders = await scope.select<{ customer_id: number; ordered_at: string | number | Date; amount_cents: number }>(
    "select customer_id, ordered_at, amount_cents from orders where workspace_id = ? order by customer_id, ordered_at",
  );
  const n = orders.length;
  const customer = new Float64Array(n);
  const time = new Float64Array(n);
  const amount = new Float64Array(n);
  let last = 0;
  orders.forEach((o, i) => {
    customer[i] = Number(o.customer_id);
    time[i] = toMs(o.ordered_at);
    amount[i] = Number(o.amount_cents) / 100;
    if ((time[i] as number) > last) last = time[i] as number;
  });
  const asOf = options.asOf?.getTime() ?? last;
  const summary = rfmSummaryFromColumns({ customerId: customer, date: time, amount }, { timeUnit: "weeks", observationEnd: asOf });
  const purchase = fitBgNbd(summary);
  const repeat: number[] = [];
  summary.frequency.forEach((f, i) => {
    if (f > 0 && (summary.monetaryValue[i] as number) > 0) repeat.push(i);
  });
  const spend =
    repeat.length >= 2
      ? fitGammaGamma({ frequency: repeat.map((i) => summary.frequency[i] as number), monetaryValue: repeat.map((i) => summary.monetaryValue[i] as number) })
      : null;
  const clv = spend
    ? customerLifetimeValue(purchase, spend, summary, { months: options.horizonMonths, discountRate: options.monthlyDiscountRate, timeUnit: "weeks" })
    : null;
  // RFM: recency measured from one day after the observation end.
  const rfm = rfmAnalysis({ customer, time, amount }, { asOf: asOf + 86_400_000 });
  const rfmById = new Map<number, string>();
  const segmentCounts = new Map<string, number>();
  rfm.customers.forEach((id, i) => {
    rfmById.set(id, `${rfm.r[i]}${rfm.f[i]}${rfm.m[i]}`);
    const seg = rfm.segment[i] as string;
    segmentCounts.set(seg, (segmentCounts.get(seg) ?? 0) + 1);
  });

  const ids = summary.customerIds.map(Number);
  await updateColumns(
    scope,
    "customers",
    { p_alive: "double precision", predicted_clv: "double precision", rfm_score: "varchar(3)" },
    ids.map((id, k) => ({
      id,
      values: {
        p_alive: purchase.probabilityAlive({ frequency: summary.frequency[k] as number, recency: summary.recency[k] as number, T: summary.T[k] as number }),
        predicted_clv: clv ? (clv[k] as number) : null,
        rfm_score: rfmById.get(id) ?? null,
      },
    })),
  );
  const changes = await refreshMemberships(scope, "all");
  return { summary, purchase, spend, segmentCounts, changes, correlation: correlation(repeat.map((i) => summary.frequency[i] as number), repeat.map((i) => summary.monetaryValue[i] as number)) };
}
