import DataLoader from "dataloader";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { ALL_COLUMNS, type ColumnPlan } from "../common/selection.js";
import { OrderSummary } from "./OrderSummary.type.js";

/** The aggregate behind each OrderSummary field (see {@link orderSummaryLoader}). */
export const ORDER_SUMMARY_COLUMNS: Readonly<Record<string, readonly string[]>> = { count: ["n"], totalSpent: ["cents"], lastOrderAt: ["last"] };
const AGGREGATES: Readonly<Record<string, string>> = { n: "count(*) as n", cents: "sum(amount_cents) as cents", last: "max(ordered_at) as last" };

/**
 * One SQL statement for the order summaries of every customer a request
 * touches, computing only the aggregates in `columns` (all three by
 * default). Results come back in key order; a customer without orders gets
 * a zero summary (a real answer, not a missing key).
 */
export function orderSummaryLoader(scope: WorkspaceScope, columns: ColumnPlan = ALL_COLUMNS): DataLoader<number, OrderSummary> {
  const wanted = columns.columns ?? Object.keys(AGGREGATES);
  const select = ["customer_id", ...wanted.flatMap((c) => (AGGREGATES[c] ? [AGGREGATES[c]] : []))].join(", ");
  return new DataLoader<number, OrderSummary>(async (ids) => {
    const rows = await scope.select<Record<string, unknown>>(
      `select ${select} from orders where workspace_id = ? and customer_id in (${ids.map(() => "?").join(", ")}) group by customer_id`,
      ids,
    );
    const byId = new Map<number, Record<string, unknown>>();
    for (const row of rows) byId.set(Number(row.customer_id), row);
    return ids.map((id) => {
      const row = byId.get(id);
      const summary = new OrderSummary();
      summary.count = row ? Number(row.n) : 0;
      summary.totalSpent = row ? Number(row.cents) / 100 : 0;
      summary.lastOrderAt = row && row.last !== null && row.last !== undefined ? new Date(row.last as string | number) : null;
      return summary;
    });
  });
}
