import DataLoader from "dataloader";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { OrderSummary } from "./OrderSummary.type.js";

/**
 * One SQL statement for the order summaries of every customer a request
 * touches. Results come back in key order; a customer without orders gets a
 * zero summary (a real answer, not a missing key).
 */
export function orderSummaryLoader(scope: WorkspaceScope): DataLoader<number, OrderSummary> {
  return new DataLoader<number, OrderSummary>(async (ids) => {
    const rows = await scope.select<Record<string, unknown>>(
      `select customer_id, count(*) as n, sum(amount_cents) as cents, max(ordered_at) as last
       from orders where workspace_id = ? and customer_id in (${ids.map(() => "?").join(", ")}) group by customer_id`,
      [...ids],
    );
    const byId = new Map<number, Record<string, unknown>>();
    for (const row of rows) byId.set(Number(row.customer_id), row);
    return ids.map((id) => {
      const row = byId.get(id);
      return Object.assign(new OrderSummary(), {
        count: row ? Number(row.n) : 0,
        totalSpent: row ? Number(row.cents) / 100 : 0,
        lastOrderAt: row && row.last !== null ? new Date(row.last as string | number) : null,
      });
    });
  });
}
