import type { Interaction } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { toMs } from "../../data/sqlDate.js";
import { dialect } from "../../data/sqlDialect.js";


/**
 * Recorded interactions as the core's {@link Interaction}s (customer keyed by
 * the database id), optionally only some types and a period, in time order.
 * A missing touchpoint reads as "(none)".
 */
export async function loadInteractions(
  scope: WorkspaceScope,
  filter: { types?: readonly string[] | undefined; from?: Date | undefined; to?: Date | undefined; customers?: readonly number[] | undefined },
): Promise<Interaction[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  // Bound dates: a Date for PostgreSQL's timestamptz, epoch ms for SQLite (asked only when a period is given).
  const bound = (d: Date) => (dialect(scope.em) === "postgresql" ? d : d.getTime());
  if (filter.types && filter.types.length > 0) {
    where.push(`type in (${filter.types.map(() => "?").join(", ")})`);
    params.push(...filter.types);
  }
  if (filter.customers) {
    if (filter.customers.length === 0) return [];
    where.push(`customer_id in (${filter.customers.map(() => "?").join(", ")})`);
    params.push(...filter.customers);
  }
  if (filter.from) {
    where.push("occurred_at >= ?");
    params.push(bound(filter.from));
  }
  if (filter.to) {
    where.push("occurred_at < ?");
    params.push(bound(filter.to));
  }
  const rows = await scope.select<{ customer_id: number; idempotency_key: string; type: string; channel: string; touchpoint: string | null; occurred_at: string | number | Date; value: number | null }>(
    `select customer_id, idempotency_key, type, channel, touchpoint, occurred_at, value from interactions
     where workspace_id = ?${where.map((w) => ` and ${w}`).join("")} order by occurred_at, id`,
    params,
  );
  return rows.map((r) => ({
    id: r.idempotency_key,
    customer: { kind: "customerId", value: String(r.customer_id) },
    timestamp: toMs(r.occurred_at),
    touchpoint: r.touchpoint ?? "(none)",
    channel: r.channel,
    type: r.type,
    ...(r.value === null ? {} : { value: Number(r.value) }),
  }));
}
