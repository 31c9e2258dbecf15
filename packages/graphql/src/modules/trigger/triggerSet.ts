import { indexTriggers, validateContactPolicy, validateTrigger, type ContactPolicy, type CustomActionKind, type Trigger, type TriggerIndex } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { toMs, type SqlDate } from "../../data/sqlDate.js";

/** A stored trigger row. */
export interface TriggerRow {
  id: number;
  key: string;
  definition: string | Record<string, unknown>;
  paused: number | boolean;
  created_at: SqlDate;
  updated_at: SqlDate;
}

/** A stored trigger, as the core types it, with its row's bookkeeping. */
export interface StoredTrigger {
  readonly rowId: number;
  readonly trigger: Trigger;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The condition kinds ingestion evaluates (events bring them); the others run on the expiry interval. */
export const EVENT_DRIVEN_KINDS: ReadonlySet<string> = new Set(["interaction", "segmentEntered", "segmentExited", "metricThreshold"]);
/** The condition kinds the time-based run evaluates. */
export const TIME_BASED_KINDS: ReadonlySet<string> = new Set(["dateRelative", "pAliveDrop"]);

/** What a workspace's triggers and contact policy are, indexed once per change (or per cache lifetime). */
export interface TriggerSet {
  /** Every trigger, oldest first, paused included. */
  readonly all: readonly StoredTrigger[];
  readonly byKey: ReadonlyMap<string, StoredTrigger>;
  /** Active event-driven triggers, indexed (null: none, and ingestion skips trigger evaluation). */
  readonly eventDriven: TriggerIndex | null;
  /** Active time-based triggers, indexed (null: none). */
  readonly timeBased: TriggerIndex | null;
  /** The stored policy, or null (then {@link DEFAULT_POLICY} applies). */
  readonly policy: ContactPolicy | null;
  readonly policyUpdatedAt: number | null;
}

/** The policy without a stored one: no caps, no quiet hours, UTC; consent still applies. */
export const DEFAULT_POLICY: ContactPolicy = Object.freeze({ timeZone: "UTC" });

/**
 * How long a process trusts its cached trigger set without re-reading it:
 * writes through this process invalidate at once; another process's writes
 * are seen within this time (one small query per workspace per period, not
 * per ingestion batch).
 */
export const TRIGGER_CACHE_TTL_MS = 5_000;

// Per ORM configuration (one per database), then per workspace.
const caches = new WeakMap<object, Map<number, { at: number; set: Promise<TriggerSet> }>>();

function cacheOf(scope: WorkspaceScope): Map<number, { at: number; set: Promise<TriggerSet> }> {
  const key = scope.em.config as object;
  let c = caches.get(key);
  if (!c) caches.set(key, (c = new Map()));
  return c;
}

const parse = (v: string | Record<string, unknown>): unknown => (typeof v === "string" ? JSON.parse(v) : v);

/** Reads the workspace's triggers and policy (no cache). Stored documents were validated on write; they are re-typed by the core here. */
async function readTriggerSet(scope: WorkspaceScope): Promise<TriggerSet> {
  const rows = await scope.select<TriggerRow>("select id, key, definition, paused, created_at, updated_at from triggers where workspace_id = ? order by id");
  const all: StoredTrigger[] = rows.map((r) => {
    const def = parse(r.definition) as Record<string, unknown>;
    // Known-reference checks ran on write; a later segment deletion must not make the set unreadable.
    // A plugin's action kind is re-typed without its schema (checked on write), so the set stays readable where the plugin is not installed.
    const trigger = validateTrigger({ ...def, paused: r.paused === true || Number(r.paused) === 1 }, { segments: segmentsOf(def), channels: channelsOf(def), actionKinds: actionKindsOf(def) });
    return { rowId: Number(r.id), trigger, createdAt: toMs(r.created_at), updatedAt: toMs(r.updated_at) };
  });
  const active = all.filter((s) => s.trigger.paused !== true).map((s) => s.trigger);
  const events = active.filter((t) => EVENT_DRIVEN_KINDS.has(t.condition.kind));
  const times = active.filter((t) => TIME_BASED_KINDS.has(t.condition.kind));
  const p = await scope.select<{ document: string | Record<string, unknown>; updated_at: SqlDate }>("select document, updated_at from contact_policies where workspace_id = ?");
  const doc = p[0];
  let policy: ContactPolicy | null = null;
  if (doc) {
    const raw = parse(doc.document) as Record<string, unknown>;
    policy = validateContactPolicy(raw, { channels: policyChannels(raw) });
  }
  return {
    all,
    byKey: new Map(all.map((s) => [s.trigger.id, s])),
    eventDriven: events.length > 0 ? indexTriggers(events) : null,
    timeBased: times.length > 0 ? indexTriggers(times) : null,
    policy,
    policyUpdatedAt: doc ? toMs(doc.updated_at) : null,
  };
}

/**
 * The workspace's trigger set, cached per process for {@link TRIGGER_CACHE_TTL_MS}
 * (so a workspace without triggers costs ingestion one map look-up per batch).
 */
export function triggerSet(scope: WorkspaceScope, now = Date.now()): Promise<TriggerSet> {
  const cache = cacheOf(scope);
  const hit = cache.get(scope.workspaceId);
  if (hit && now - hit.at < TRIGGER_CACHE_TTL_MS) return hit.set;
  const set = readTriggerSet(scope);
  cache.set(scope.workspaceId, { at: now, set });
  set.catch(() => cache.delete(scope.workspaceId));
  return set;
}

/** Drops the cached set of the workspace (after a write, once it committed). */
export function invalidateTriggerSet(scope: WorkspaceScope): void {
  cacheOf(scope).delete(scope.workspaceId);
}

// The references a stored definition names, so re-typing it does not depend on the workspace's current segments.
function segmentsOf(def: Record<string, unknown>): string[] {
  const c = def.condition as { segment?: unknown } | undefined;
  return typeof c?.segment === "string" ? [c.segment] : [];
}
function channelsOf(def: Record<string, unknown>): string[] {
  const a = def.action as { channel?: unknown } | undefined;
  const c = def.condition as { channel?: unknown } | undefined;
  return [a?.channel, c?.channel].filter((x): x is string => typeof x === "string");
}
function actionKindsOf(def: Record<string, unknown>): CustomActionKind[] {
  const a = def.action as { type?: unknown; kind?: unknown } | undefined;
  return a?.type === "custom" && typeof a.kind === "string" ? [{ kind: a.kind, params: {} }] : [];
}
function policyChannels(raw: Record<string, unknown>): string[] {
  const caps = Array.isArray(raw.caps) ? (raw.caps as { channel?: unknown }[]) : [];
  const q = raw.quietHours as { channels?: unknown } | undefined;
  return [...caps.map((c) => c.channel), ...(Array.isArray(q?.channels) ? q.channels : [])].filter((x): x is string => typeof x === "string");
}
