import { ErrorCodes, InputError } from "@engagekit/core";
import { GraphQLError } from "graphql";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { dialect } from "../../data/sqlDialect.js";
import { toDate, type SqlDate } from "../../data/sqlDate.js";
import { paginateSql, type Page } from "../common/paginate.js";
import { toCustomerType, type CustomerRow } from "../customer/Customer.type.js";
import { ActionStatus, DueActionType } from "./Trigger.type.js";
import { toTriggerType } from "./toTriggerType.js";
import { triggerSet } from "./triggerSet.js";

interface ActionRow {
  id: number;
  customer_id: number;
  trigger_key: string;
  dedup_key: string;
  cause: string;
  condition_kind: string;
  status: string;
  priority: number;
  reason: string;
  rule: string | null;
  rule_reason: string | null;
  action_type: string;
  channel: string | null;
  purpose: string | null;
  action: string | Record<string, unknown>;
  fired_at: SqlDate;
  due_at: SqlDate | null;
  done_at: SqlDate | null;
}

const COLUMNS = "id, customer_id, trigger_key, dedup_key, cause, condition_kind, status, priority, reason, rule, rule_reason, action_type, channel, purpose, action, fired_at, due_at, done_at";
const CUSTOMER_COLUMNS = "id, external_id, email, traits, created_at, journey_stage, ladder_tier, engagement_score, rfm_score, predicted_clv, p_alive";

/** The API view of rows, their customers and triggers read once per page. */
async function toTypes(scope: WorkspaceScope, rows: readonly ActionRow[]): Promise<Map<number, DueActionType>> {
  const ids = [...new Set(rows.map((r) => Number(r.customer_id)))];
  const customers = new Map<number, CustomerRow>();
  if (ids.length > 0) {
    for (const c of await scope.select<CustomerRow>(`select ${CUSTOMER_COLUMNS} from customers where workspace_id = ? and id in (${ids.map(() => "?").join(", ")})`, ids)) customers.set(Number(c.id), c);
  }
  const set = await triggerSet(scope);
  const out = new Map<number, DueActionType>();
  for (const r of rows) {
    const stored = set.byKey.get(r.trigger_key);
    const action = typeof r.action === "string" ? (JSON.parse(r.action) as Record<string, unknown>) : r.action;
    out.set(
      Number(r.id),
      Object.assign(new DueActionType(), {
        id: String(r.id),
        status: r.status as ActionStatus,
        trigger: stored ? toTriggerType(stored) : null,
        triggerId: r.trigger_key,
        customer: toCustomerType(customers.get(Number(r.customer_id)) ?? { id: Number(r.customer_id) }),
        actionType: r.action_type,
        actionKind: r.action_type === "custom" && typeof action.kind === "string" ? action.kind : null,
        channel: r.channel,
        purpose: r.purpose,
        action,
        priority: Number(r.priority),
        reasons: r.rule_reason === null ? [r.reason] : [r.reason, r.rule_reason],
        cause: r.cause,
        dedupKey: r.dedup_key,
        conditionKind: r.condition_kind,
        rule: r.rule,
        firedAt: toDate(r.fired_at),
        dueAt: r.due_at === null ? null : toDate(r.due_at),
        doneAt: r.done_at === null ? null : toDate(r.done_at),
      }),
    );
  }
  return out;
}

/**
 * A page of the workspace's recorded actions, oldest first. Without
 * `status`: the actions due by `now` — pending ones and deferred ones whose
 * send time has come. With `status`: exactly those (deferred, dropped with
 * their rule, held out, blocked, done…). Optionally one trigger's.
 */
export async function dueActions(scope: WorkspaceScope, first: number, after: string | undefined, status: ActionStatus | undefined, triggerKey: string | undefined, now = Date.now()): Promise<Page<DueActionType>> {
  const pg = dialect(scope.em) === "postgresql";
  const esc = (s: string) => `'${s.replace(/'/g, "''")}'`;
  // Literals, not placeholders: paginateSql binds only the workspace (status is an enum, the time a number).
  const nowLit = pg ? `to_timestamp(${now / 1000})` : String(now);
  const byStatus = status === undefined ? `(status = 'pending' or (status = 'deferred' and due_at <= ${nowLit}))` : `status = ${esc(status)}`;
  const byTrigger = triggerKey === undefined ? "" : ` and trigger_key = ${esc(triggerKey)}`;
  let rows: ActionRow[] = [];
  const page = await paginateSql<ActionRow, ActionRow>(scope, COLUMNS, `from trigger_actions where workspace_id = ? and ${byStatus}${byTrigger}`, first, after, (r) => {
    rows.push(r);
    return r;
  });
  const types = await toTypes(scope, rows);
  rows = [];
  return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: types.get(Number(e.node.id)) as DueActionType })) };
}

/**
 * Marks a pending or deferred action done (idempotent for a done one):
 * NOT_FOUND when the workspace has no such action; CONFLICT for one that was
 * dropped, held out or blocked (there was nothing to do).
 */
export async function markActionDone(scope: WorkspaceScope, id: string, now = Date.now()): Promise<DueActionType> {
  const n = Number(id);
  // 0 is what an id that is not the caller's becomes (UNKNOWN_ROW_ID): no row, NOT_FOUND below.
  if (!Number.isSafeInteger(n) || n < 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `markActionDone requires an action id, got ${JSON.stringify(id)}`, ["id"], id);
  const pg = dialect(scope.em) === "postgresql";
  return scope.em.transactional(async (tx) => {
    const t = scope.with(tx);
    const found = await t.select<ActionRow>(`select ${COLUMNS} from trigger_actions where workspace_id = ? and id = ?${pg ? " for update" : ""}`, [n]);
    const row = found[0];
    // Messages never quote the row id: clients know the action by its opaque id only.
    if (!row) throw new GraphQLError("no action with that id in this workspace", { extensions: { code: "NOT_FOUND", field: "id" } });
    if (row.status !== "pending" && row.status !== "deferred" && row.status !== "done") {
      throw new GraphQLError(`the action is ${row.status} (${row.rule ?? ""}): there is nothing to do`, { extensions: { code: "CONFLICT", field: "id", status: row.status } });
    }
    if (row.status !== "done") {
      await t.execute("update trigger_actions set status = 'done', done_at = ? where workspace_id = :workspace and id = ?", [pg ? new Date(now) : now, n]);
      row.status = "done";
      row.done_at = pg ? new Date(now) : now;
    }
    return (await toTypes(t, [row])).get(n) as DueActionType;
  });
}


