import { filterExport } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { toDate, type SqlDate } from "../../data/sqlDate.js";
import { decodeCursor, encodeCursor, pageSize } from "../common/connection.js";
import type { Page } from "../common/paginate.js";
import { consentStates } from "../consent/consentService.js";
import { AnalyticsExportRowType } from "./Trigger.type.js";

interface Row {
  id: number;
  customer_id: number;
  external_id: string;
  type: string;
  channel: string;
  occurred_at: SqlDate;
  value: number | null;
}

/** Rows read per step while filling a page (consent drops some, so a page may need several). */
const STEP = 500;

/**
 * One page of the workspace's interactions whose customer's analytics
 * consent covers them — the core's `filterExport` (isAllowed(state,
 * "analytics", channel, now)) over the rows in id order; rows it omits are
 * never returned. Keyset-paged on the interaction id; `totalCount` counts the
 * exported rows (one pass over the workspace).
 */
export async function analyticsExport(scope: WorkspaceScope, first: number, after: string | undefined, now = Date.now()): Promise<Page<AnalyticsExportRowType>> {
  const limit = pageSize(first);
  const read = (from: number, n: number) =>
    scope.select<Row>(
      `select i.id, i.customer_id, c.external_id, i.type, i.channel, i.occurred_at, i.value from interactions i join customers c on c.id = i.customer_id
       where i.workspace_id = ? and i.id > ? order by i.id limit ?`,
      [from, n],
    );
  const keep = async (rows: Row[]) => {
    const states = await consentStates(scope, [...new Set(rows.map((r) => Number(r.customer_id)))], now);
    return filterExport(rows, (id) => states.get(Number(id)), { customerIdOf: (r) => String(r.customer_id), channelOf: (r) => r.channel, now }).rows;
  };
  const kept: Row[] = [];
  let cursor = after ? decodeCursor(after) : 0;
  let more = true;
  while (kept.length <= limit && more) {
    const rows = await read(cursor, STEP);
    more = rows.length === STEP;
    if (rows.length === 0) break;
    cursor = Number((rows[rows.length - 1] as Row).id);
    kept.push(...(await keep(rows)));
  }
  const page = kept.slice(0, limit);
  const last = page[page.length - 1];
  return {
    edges: page.map((r) => ({
      cursor: encodeCursor(Number(r.id)),
      node: Object.assign(new AnalyticsExportRowType(), { id: String(r.id), customerExternalId: r.external_id, type: r.type, channel: r.channel, occurredAt: toDate(r.occurred_at), value: r.value === null ? null : Number(r.value) }),
    })),
    pageInfo: { hasNextPage: kept.length > limit, endCursor: last ? encodeCursor(Number(last.id)) : null },
    count: async () => {
      let n = 0;
      let from = 0;
      for (;;) {
        const rows = await read(from, STEP);
        if (rows.length === 0) break;
        from = Number((rows[rows.length - 1] as Row).id);
        n += (await keep(rows)).length;
      }
      return n;
    },
  };
}
