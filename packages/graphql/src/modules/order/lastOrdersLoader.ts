import DataLoader from "dataloader";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { toOrderType, type OrderRow, type OrderType } from "./Order.type.js";

/**
 * The latest `k` orders of every customer a request touches, in one
 * statement (a window function: SQLite ≥ 3.25 and PostgreSQL both have it).
 * Scoped by the workspace like every other read.
 */
export function lastOrdersLoader(scope: WorkspaceScope, k: number): DataLoader<number, OrderType[]> {
  return new DataLoader<number, OrderType[]>(async (ids) => {
    const placeholders = ids.map(() => "?").join(", ");
    const rows = await scope.select<OrderRow>(
      `select id, customer_id, external_id, ordered_at, amount_cents, items from (
         select o.*, row_number() over (partition by o.customer_id order by o.ordered_at desc, o.id desc) as rn
         from orders o where o.workspace_id = ? and o.customer_id in (${placeholders})
       ) ranked where rn <= ? order by customer_id, rn`,
      [...ids, k],
    );
    const byCustomer = new Map<number, OrderType[]>();
    for (const row of rows) {
      const id = Number(row.customer_id);
      const list = byCustomer.get(id) ?? [];
      list.push(toOrderType(row));
      byCustomer.set(id, list);
    }
    return ids.map((id) => byCustomer.get(id) ?? []);
  });
}
