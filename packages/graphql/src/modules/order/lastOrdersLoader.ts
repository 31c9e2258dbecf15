import DataLoader from "dataloader";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { ALL_COLUMNS, type ColumnPlan } from "../common/selection.js";
import { toOrderType, type OrderRow, type OrderType } from "./Order.type.js";

/** The column behind each Order field. */
export const ORDER_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  id: ["id"],
  externalId: ["external_id"],
  orderedAt: ["ordered_at"],
  amount: ["amount_cents"],
  items: ["items"],
};
const ALL = "id, customer_id, external_id, ordered_at, amount_cents, items";

/**
 * The latest `k` orders of every customer a request touches, in one
 * statement (a window function: SQLite ≥ 3.25 and PostgreSQL both have it),
 * reading only the columns in `columns`. Scoped by the workspace like every
 * other read.
 */
export function lastOrdersLoader(scope: WorkspaceScope, k: number, columns: ColumnPlan = ALL_COLUMNS): DataLoader<number, OrderType[]> {
  const select = columns.columns ? ["customer_id", ...columns.columns].join(", ") : ALL;
  return new DataLoader<number, OrderType[]>(async (ids) => {
    const placeholders = ids.map(() => "?").join(", ");
    const rows = await scope.select<OrderRow>(
      `select ${select} from (
         select o.*, row_number() over (partition by o.customer_id order by o.ordered_at desc, o.id desc) as rn
         from orders o where o.workspace_id = ? and o.customer_id in (${placeholders})
       ) ranked where rn <= ? order by customer_id, rn`,
      [...ids, k],
    );
    const byCustomer = new Map<number, OrderType[]>();
    for (const row of rows) {
      const id = Number(row.customer_id);
      const list = byCustomer.get(id);
      if (list) list.push(toOrderType(row));
      else byCustomer.set(id, [toOrderType(row)]);
    }
    return ids.map((id) => byCustomer.get(id) ?? []);
  });
}
