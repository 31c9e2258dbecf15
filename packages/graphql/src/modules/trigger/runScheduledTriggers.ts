import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import type { CustomerFacts, TraitValue } from "@engagekit/core";
import { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { updateColumns } from "../../data/updateColumns.js";
import { dialect } from "../../data/sqlDialect.js";
import type { MembershipChange } from "../segment/segmentService.js";
import { settleFirings, type SettleSummary } from "./settleFirings.js";
import { triggerSet } from "./triggerSet.js";

/** Customers per transaction of a scheduled run. */
const PAGE = 1_000;

/** What {@link runScheduledTriggers} did in one workspace. */
export interface ScheduledRun {
  readonly workspaceId: number;
  readonly customers: number;
  readonly summary: SettleSummary;
}

interface Row {
  id: number;
  traits: string | Record<string, unknown> | null;
  p_alive: number | null;
  trigger_state: string | Record<string, unknown> | null;
}

const parse = (v: string | Record<string, unknown> | null): Record<string, unknown> | null => (typeof v === "string" ? (JSON.parse(v) as Record<string, unknown>) : v);

const add = (a: SettleSummary, b: SettleSummary): SettleSummary => ({
  pending: a.pending + b.pending,
  deferred: a.deferred + b.deferred,
  dropped: a.dropped + b.dropped,
  heldOut: a.heldOut + b.heldOut,
  blocked: a.blocked + b.blocked,
});

/**
 * The time-based half of triggers, run on the server's expiry interval
 * beside `expireDueMemberships` (and callable from tests): in every
 * workspace with active time-based triggers, each customer's facts at `now`
 * are its traits (for `dateRelative`: the date trait plus the offset has
 * come, within the grace) and its P(alive) now against the one saved at the
 * previous run (`customers.trigger_state.pAlive`, for `pAliveDrop`); they are
 * evaluated and settled as ingestion does ({@link settleFirings}), and the
 * P(alive) seen is saved for the next run. Deduplication makes repeated runs
 * safe: a renewal reminder fires once per end date.
 *
 * `segmentChanges` (what `expireDueMemberships` just changed) feeds the
 * segment-entered / exited triggers of time-based memberships.
 *
 * One transaction per page of 1,000 customers. Cost per run: O(customers of
 * workspaces with time-based triggers); workspaces without them are skipped
 * after one cached look-up.
 */
export async function runScheduledTriggers(orm: MikroORM, now = Date.now(), segmentChanges: readonly { workspaceId: number; changes: readonly MembershipChange[] }[] = []): Promise<ScheduledRun[]> {
  const em = orm.em.fork() as EntityManager;
  const workspaces = (await em.getConnection().execute<{ id: number }[]>("select id from workspaces order by id")).map((r) => Number(r.id));
  const out: ScheduledRun[] = [];
  for (const workspaceId of workspaces) {
    const scope = new WorkspaceScope(em, workspaceId);
    const set = await triggerSet(scope, now);
    let summary: SettleSummary = { pending: 0, deferred: 0, dropped: 0, heldOut: 0, blocked: 0 };
    let customers = 0;
    const changes = segmentChanges.find((s) => s.workspaceId === workspaceId)?.changes ?? [];
    if (set.eventDriven !== null && changes.length > 0) {
      const index = set.eventDriven;
      const facts: CustomerFacts[] = changes.flatMap((c) => {
        const entered = c.entered.filter((s) => index.bySegmentEntered.has(s)).map((segment) => ({ segment, at: now }));
        const exited = c.exited.filter((s) => index.bySegmentExited.has(s)).map((segment) => ({ segment, at: now }));
        return entered.length + exited.length === 0 ? [] : [{ customerId: String(c.customerId), segmentsEntered: entered, segmentsExited: exited }];
      });
      if (facts.length > 0) summary = add(summary, await em.transactional((tx) => settleFirings(scope.with(tx as EntityManager), facts, index, set, now)));
    }
    const index = set.timeBased;
    if (index === null) {
      if (summary.pending + summary.deferred + summary.dropped + summary.heldOut + summary.blocked > 0) out.push({ workspaceId, customers, summary });
      continue;
    }
    const traitsNeeded = [...index.byDateTrait.keys()];
    const pAlive = index.pAliveDrop.length > 0;
    const pg = dialect(em) === "postgresql";
    let after = 0;
    for (;;) {
      const rows = await scope.select<Row>("select id, traits, p_alive, trigger_state from customers where workspace_id = ? and id > ? order by id limit ?", [after, PAGE]);
      if (rows.length === 0) break;
      after = Number((rows[rows.length - 1] as Row).id);
      customers += rows.length;
      const facts: CustomerFacts[] = [];
      const saves: { id: number; values: Record<string, unknown> }[] = [];
      for (const r of rows) {
        const traits = parse(r.traits) ?? {};
        const picked: Record<string, TraitValue> = {};
        for (const t of traitsNeeded) if (traits[t] !== undefined) picked[t] = traits[t] as TraitValue;
        const state = parse(r.trigger_state) ?? {};
        const current = r.p_alive === null ? null : Number(r.p_alive);
        const prev = state.pAlive as { value: number; at: number } | undefined;
        const change = pAlive && current !== null && prev !== undefined ? { current, previous: prev.value, previousAt: prev.at } : undefined;
        if (Object.keys(picked).length > 0 || change !== undefined) facts.push({ customerId: String(r.id), ...(Object.keys(picked).length > 0 ? { traits: picked } : {}), ...(change ? { pAlive: change } : {}) });
        // The P(alive) seen now is the next run's "previous" (only when it moved, so a stable customer writes nothing).
        if (pAlive && current !== null && (prev === undefined || prev.value !== current)) saves.push({ id: Number(r.id), values: { trigger_state: JSON.stringify({ ...state, pAlive: { value: current, at: now } }) } });
      }
      summary = add(
        summary,
        await em.transactional(async (tx) => {
          const t = scope.with(tx as EntityManager);
          const s = await settleFirings(t, facts, index, set, now);
          await updateColumns(t, "customers", { trigger_state: pg ? "jsonb" : "text" }, saves);
          return s;
        }),
      );
    }
    out.push({ workspaceId, customers, summary });
  }
  return out;
}
