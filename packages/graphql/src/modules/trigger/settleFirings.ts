import {
  actionContact,
  applyContactPolicy,
  evaluateTriggers,
  type ContactPolicy,
  type CustomerContactState,
  type CustomerFacts,
  type DueAction,
  type SentContact,
  type TriggerEvaluation,
  type Trigger,
  type TriggerIndex,
} from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { chunks } from "../../data/chunks.js";
import { insertRows } from "../../data/insertRows.js";
import { toMs, type SqlDate } from "../../data/sqlDate.js";
import { TriggerActionSchema } from "../../entities/TriggerAction.js";
import { consentStates } from "../consent/consentService.js";
import { DEFAULT_POLICY, type TriggerSet } from "./triggerSet.js";

const DAY = 86_400_000;

/** How many firings a settle recorded, by outcome. */
export interface SettleSummary {
  readonly pending: number;
  readonly deferred: number;
  readonly dropped: number;
  readonly heldOut: number;
  readonly blocked: number;
}

const EMPTY: SettleSummary = Object.freeze({ pending: 0, deferred: 0, dropped: 0, heldOut: 0, blocked: 0 });

const inList = (ids: readonly unknown[]) => ids.map(() => "?").join(", ");

/** Is this an IANA zone Intl knows? (A customer's bad trait falls back to the policy's zone rather than failing the batch.) */
function knownZone(v: unknown): v is string {
  if (typeof v !== "string" || v === "") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: v });
    return true;
  } catch {
    return false;
  }
}

/**
 * Turns customers' facts into recorded actions, in the caller's transaction,
 * exactly as the core decides: `evaluateTriggers(facts + consent, index, now,
 * { fired })` then `applyContactPolicy(actions, policy, state, now)`.
 *
 * Work is proportional to the firings, not to the customers: a first
 * evaluation without consent or fired keys finds who fires at all (the keys
 * do not depend on them); only those customers' consent states and recorded
 * keys are read, and the final evaluation runs on them. The contact state
 * (marketing already planned or sent, from `trigger_actions`; time zone from
 * the `timeZone` trait; last `complaint` interaction) is read only for
 * customers with a message or offer, and only the parts the policy uses.
 *
 * Every firing is recorded with its dedup key (unique per workspace), so no
 * cause fires twice: kept → `pending`, deferred → `deferred` (due at the send
 * time), dropped → `dropped`, held out → `held_out`, blocked by consent →
 * `blocked` (the cause is given up: a later grant does not resurrect it).
 */
export async function settleFirings(scope: WorkspaceScope, facts: readonly CustomerFacts[], index: TriggerIndex, set: TriggerSet, now: number): Promise<SettleSummary> {
  const policy = set.policy;
  if (facts.length === 0) return EMPTY;
  const probe = evaluateTriggers(facts, index, now);
  const candidates = new Set<string>();
  const keys: string[] = [];
  for (const list of [probe.actions, probe.heldOut, probe.blocked]) {
    for (const a of list) {
      candidates.add(a.customerId);
      keys.push(a.dedupKey);
    }
  }
  if (candidates.size === 0) return EMPTY;
  const ids = [...candidates].map(Number);
  const fired = new Set<string>();
  for (const part of chunks([...new Set(keys)], 400)) {
    for (const r of await scope.select<{ dedup_key: string }>(`select dedup_key from trigger_actions where workspace_id = ? and dedup_key in (${inList(part)})`, part)) fired.add(r.dedup_key);
  }
  const consent = await consentStates(scope, ids, now);
  const mine = facts.filter((f) => candidates.has(f.customerId)).map((f) => {
    const state = consent.get(Number(f.customerId));
    return state === undefined ? f : { ...f, consent: state };
  });
  const evaluation = evaluateTriggers(mine, index, now, { fired });
  const effective = policy ?? DEFAULT_POLICY;
  const contacts = await contactStates(scope, evaluation.actions, effective, consent, now);
  const decided = applyContactPolicy(evaluation.actions, effective, contacts, now);
  await record(scope, evaluation, decided, (id) => set.byKey.get(id)?.trigger);
  return { pending: decided.kept.length, deferred: decided.deferred.length, dropped: decided.dropped.length, heldOut: evaluation.heldOut.length, blocked: evaluation.blocked.length };
}

/** What the policy needs about the customers with a message or offer. */
async function contactStates(
  scope: WorkspaceScope,
  actions: readonly DueAction[],
  policy: ContactPolicy,
  consent: ReadonlyMap<number, CustomerContactState["consent"]>,
  now: number,
): Promise<Map<string, CustomerContactState>> {
  const ids = [...new Set(actions.filter((a) => actionContact(a.action) !== null).map((a) => Number(a.customerId)))];
  const sent = new Map<number, SentContact[]>();
  const zones = new Map<number, string>();
  const complaints = new Map<number, number>();
  const longest = Math.max(0, ...(policy.caps ?? []).map((c) => c.windowDays)) * DAY;
  for (const part of chunks(ids, 400)) {
    if (longest > 0) {
      // Marketing already planned or made (pending, deferred, done) inside the longest cap window, at its send time.
      for (const r of await scope.select<{ customer_id: number; channel: string; due_at: SqlDate; purpose: string | null; action_type: string }>(
        `select customer_id, channel, due_at, purpose, action_type from trigger_actions
         where workspace_id = ? and customer_id in (${inList(part)}) and status in ('pending', 'deferred', 'done') and channel is not null and due_at is not null`,
        part,
      )) {
        const at = toMs(r.due_at);
        if (at <= now - longest) continue;
        const list = sent.get(Number(r.customer_id)) ?? [];
        list.push({ at, channel: r.channel, purpose: r.action_type === "offer" || r.purpose === "marketing" ? "marketing" : "service" });
        sent.set(Number(r.customer_id), list);
      }
    }
    if (policy.quietHours !== undefined) {
      for (const r of await scope.select<{ id: number; traits: string | Record<string, unknown> | null }>(`select id, traits from customers where workspace_id = ? and id in (${inList(part)})`, part)) {
        const traits = (typeof r.traits === "string" ? JSON.parse(r.traits) : r.traits) as Record<string, unknown> | null;
        if (knownZone(traits?.timeZone)) zones.set(Number(r.id), traits.timeZone as string);
      }
    }
    if (policy.complaintCooldownDays !== undefined) {
      for (const r of await scope.select<{ customer_id: number; at: SqlDate }>(
        `select customer_id, max(occurred_at) as at from interactions where workspace_id = ? and type = 'complaint' and customer_id in (${inList(part)}) group by customer_id`,
        part,
      )) {
        if (r.at !== null) complaints.set(Number(r.customer_id), toMs(r.at));
      }
    }
  }
  const out = new Map<string, CustomerContactState>();
  for (const id of ids) {
    const c = consent.get(id);
    const z = zones.get(id);
    const s = sent.get(id);
    const l = complaints.get(id);
    out.set(String(id), { ...(c === undefined ? {} : { consent: c }), ...(z === undefined ? {} : { timeZone: z }), ...(s === undefined ? {} : { sent: s }), ...(l === undefined ? {} : { lastComplaintAt: l }) });
  }
  return out;
}

/** The columns of an action: its type, and the channel and purpose of the contact it makes (null for internal work: tasks, custom actions without a channel). */
function actionColumns(act: DueAction["action"]) {
  const contact = actionContact(act);
  return { actionType: act.type, channel: contact?.channel ?? null, purpose: contact?.purpose ?? null, action: act };
}

/** Writes every firing of an evaluation and its policy outcome. */
async function record(scope: WorkspaceScope, evaluation: TriggerEvaluation, decided: ReturnType<typeof applyContactPolicy>, triggerOf: (id: string) => Trigger | undefined): Promise<void> {
  const ws = scope.workspaceId;
  const rows: Record<string, unknown>[] = [];
  const base = (a: DueAction) => ({
    workspace: ws,
    customer: Number(a.customerId),
    triggerKey: a.triggerId,
    dedupKey: a.dedupKey,
    cause: a.cause,
    conditionKind: a.conditionKind,
    priority: a.priority,
    reason: a.reason,
    ...actionColumns(a.action),
    firedAt: new Date(a.firedAt),
    doneAt: null,
  });
  for (const k of decided.kept) rows.push({ ...base(k.action), status: "pending", rule: null, ruleReason: null, dueAt: new Date(k.action.dueBy ?? k.sendAt) });
  for (const d of decided.deferred) rows.push({ ...base(d.action), status: "deferred", rule: d.rule, ruleReason: d.reason, dueAt: new Date(d.sendAt) });
  for (const d of decided.dropped) rows.push({ ...base(d.action), status: "dropped", rule: d.rule, ruleReason: d.reason, dueAt: null });
  // Held-out and blocked firings carry no action of their own: the trigger's is recorded (what was withheld).
  for (const h of [...evaluation.heldOut, ...evaluation.blocked]) {
    const t = triggerOf(h.triggerId);
    if (t === undefined) continue;
    rows.push({
      workspace: ws,
      customer: Number(h.customerId),
      triggerKey: h.triggerId,
      dedupKey: h.dedupKey,
      cause: h.cause,
      conditionKind: t.condition.kind,
      status: h.rule === "holdout" ? "held_out" : "blocked",
      priority: t.priority,
      reason: h.rule === "holdout" ? "in the trigger's holdout (no action, counted for uplift)" : "consent does not allow the action",
      rule: h.rule,
      ruleReason: h.rule === "consent" ? h.consent.reason : "holdout",
      ...actionColumns(t.action),
      firedAt: new Date(h.firedAt),
      dueAt: null,
      doneAt: null,
    });
  }
  // Same column order for every row (insertRows takes the first row's keys).
  const order = Object.keys(rows[0] ?? {});
  await insertRows(scope.em, TriggerActionSchema, ["workspace", "dedupKey"], rows.map((r) => Object.fromEntries(order.map((k) => [k, r[k]]))));
}
