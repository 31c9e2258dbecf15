import { consentChangeTimes, consentFlags, consentLedger, consentPurposes, defaultChannels, InputError, isAllowed, validateConsentRecord, type ConsentPurpose, type ConsentRecord, type ConsentState, type ProfileChange } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { chunks } from "../../data/chunks.js";
import { insertRows } from "../../data/insertRows.js";
import { toMs, type SqlDate } from "../../data/sqlDate.js";
import { ConsentEventSchema } from "../../entities/ConsentEvent.js";
import { checkBatch, checkKey, existingKeys, lockCustomers, reject, resolveCustomers } from "../ingestion/ingest.js";
import { refreshMemberships } from "../segment/segmentService.js";
import { evaluateIngestedTriggers } from "../trigger/evaluateIngestedTriggers.js";
import { ConsentDecisionType, ConsentEntryType, CustomerConsentType, SetConsentPayload } from "./Consent.type.js";
import type { ConsentInput } from "./Consent.input.js";

/** GraphQL field names for the core's record fields, so errors name what the client sent. */
const FIELD_NAMES: Record<string, string> = { customerId: "customer.externalId" };

interface ConsentRow {
  customer_id: number;
  purpose: string;
  channel: string | null;
  status: string;
  at: SqlDate;
  source: string;
  expires_at: SqlDate | null;
}

/** The core's record of one input item (customerId: the external id, for validation). */
function recordOf(item: ConsentInput): Record<string, unknown> {
  return {
    customerId: item.customer.externalId,
    purpose: item.purpose,
    ...(item.channel === undefined || item.channel === null ? {} : { channel: item.channel }),
    status: item.status,
    at: item.at.getTime(),
    source: item.source,
    ...(item.expiresAt === undefined || item.expiresAt === null ? {} : { expiresAt: item.expiresAt.getTime() }),
  };
}

/**
 * Records consent events: every item is checked by the core's
 * validateConsentRecord first (BAD_USER_INPUT at `input.<i>.<field>`), then
 * the new ones are written in one transaction (unknown customers are
 * created, as ingestion does). All-or-nothing; idempotent per key.
 *
 * In the same transaction the segment memberships of the customers whose
 * events were written are refreshed (their profiles now carry the new
 * consent, see {@link profileConsent}): only segments depending on a
 * `consent` condition of a written purpose are re-evaluated (the core's
 * dependency index), created customers are evaluated in full, and the
 * changes come back as `segmentChanges`, as ingestion payloads do.
 * Duplicates (already recorded keys) refresh nothing.
 */
export async function setConsent(scope: WorkspaceScope, input: readonly ConsentInput[]): Promise<SetConsentPayload> {
  const fn = "setConsent";
  checkBatch(fn, input.length);
  const records = input.map((item, i) => {
    checkKey(fn, i, "idempotencyKey", item.idempotencyKey);
    checkKey(fn, i, "customer.externalId", item.customer.externalId);
    let record: ConsentRecord;
    try {
      record = validateConsentRecord(recordOf(item), ["input", i]);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      throw new InputError(e.code, e.message, e.path.map((part, k) => (k === 2 && typeof part === "string" ? (FIELD_NAMES[part] ?? part) : part)), e.value);
    }
    // Column widths (the core has no limit): reported like the other ingestion limits.
    if (record.channel !== undefined && record.channel.length > 64) reject(fn, i, "channel", "a channel id of at most 64 characters", record.channel);
    if (record.source.length > 191) reject(fn, i, "source", "a source of at most 191 characters", record.source);
    return record;
  });
  const ws = scope.workspaceId;
  return scope.em.transactional(async (tx) => {
    // Same customers, same order of locks as ingestion (see lockCustomers).
    await lockCustomers(tx, ws, input.map((x) => x.customer.externalId));
    const recorded = await existingKeys(tx, ConsentEventSchema, "idempotency_key", ws, input.map((x) => x.idempotencyKey));
    const seen = new Set(recorded);
    const todo: { item: ConsentInput; record: ConsentRecord }[] = [];
    input.forEach((item, i) => {
      if (seen.has(item.idempotencyKey)) return;
      seen.add(item.idempotencyKey);
      todo.push({ item, record: records[i] as ConsentRecord });
    });
    const { ids, created, newIds } = await resolveCustomers(tx, ws, todo.map((x) => x.item.customer.externalId));
    const recordedAt = new Date();
    await insertRows(
      tx,
      ConsentEventSchema,
      ["workspace", "idempotencyKey"],
      todo.map(({ item, record }) => ({
        workspace: ws,
        customer: ids.get(item.customer.externalId),
        idempotencyKey: item.idempotencyKey,
        purpose: record.purpose,
        channel: record.channel ?? null,
        status: record.status,
        at: new Date(record.at),
        source: record.source,
        expiresAt: record.expiresAt === undefined ? null : new Date(record.expiresAt),
        recordedAt,
      })),
    );
    const changes = new Map<number, ProfileChange[]>();
    for (const { item, record } of todo) {
      const id = ids.get(item.customer.externalId);
      if (id === undefined) continue;
      const list = changes.get(id) ?? [];
      list.push({ kind: "consent", purpose: record.purpose });
      changes.set(id, list);
    }
    const now = Date.now();
    const segments = changes.size === 0 ? [] : await refreshMemberships(scope.with(tx), [...changes.keys()], now, { changes, always: newIds });
    // Triggers (issue 13): segment entered / exited triggers on the memberships consent just changed, same transaction.
    if (segments.length > 0) await evaluateIngestedTriggers(scope.with(tx), now, { segments });
    return Object.assign(new SetConsentPayload(), {
      received: input.length,
      created: todo.length,
      duplicates: input.length - todo.length,
      customersCreated: created,
      segmentChanges: segments.map((c) => ({ customerId: String(c.customerId), entered: [...c.entered], exited: [...c.exited] })),
    });
  });
}

/**
 * The consent states of customers as of `asOf` (epoch ms): the core's
 * consentLedger over their stored events, one statement per 400 customers.
 * A customer without events has no state (the core reads that as "nothing granted").
 */
export async function consentStates(scope: WorkspaceScope, customerIds: readonly number[], asOf: number): Promise<Map<number, ConsentState>> {
  return statesOf(await consentRecords(scope, customerIds), asOf);
}

/** The stored consent events of customers as the core's records (customerId: the database id), one statement per 400 customers. */
async function consentRecords(scope: WorkspaceScope, customerIds: readonly number[]): Promise<ConsentRecord[]> {
  const records: ConsentRecord[] = [];
  for (const part of chunks([...new Set(customerIds)])) {
    const rows = await scope.select<ConsentRow>(
      `select customer_id, purpose, channel, status, at, source, expires_at from consent_events
       where workspace_id = ? and customer_id in (${part.map(() => "?").join(", ")})`,
      part,
    );
    for (const r of rows) {
      records.push({
        customerId: String(r.customer_id),
        purpose: r.purpose as ConsentPurpose,
        ...(r.channel === null ? {} : { channel: r.channel }),
        status: r.status as ConsentRecord["status"],
        at: toMs(r.at),
        source: r.source,
        ...(r.expires_at === null ? {} : { expiresAt: toMs(r.expires_at) }),
      });
    }
  }
  return records;
}

function statesOf(records: readonly ConsentRecord[], asOf: number): Map<number, ConsentState> {
  const out = new Map<number, ConsentState>();
  for (const [id, state] of consentLedger(records, asOf)) out.set(Number(id), state);
  return out;
}

/**
 * The channels every profile's consent map answers for besides those the
 * customer's own entries name: the ids of the core's default channel
 * registry (the registry ingestion validates interactions against). With no
 * entry on a channel, the core's isAllowed answers for that channel what it
 * answers purpose-wide (the purpose-wide entry alone decides), so naming
 * more channels changes no answer, it only makes the key present. A segment
 * condition `{ type: "consent", purpose, channel }` on any other channel
 * reads the purpose-wide flag when the key is absent (the core's consent
 * kind falls back as isAllowed does), so every channel reads the right answer.
 */
export const PROFILE_CONSENT_CHANNELS: readonly string[] = Object.freeze(defaultChannels.map((c) => c.id));

/**
 * The `Profile.consent` map of customers at `now` (epoch ms), as the core's
 * segments read it: `consentFlags(state, PROFILE_CONSENT_CHANNELS, now)` of
 * each customer's {@link consentStates} as of `now` (every purpose
 * purpose-wide, and per channel of {@link PROFILE_CONSENT_CHANNELS} and of
 * the customer's entries). Returns a lookup by customer id; customers
 * without events share the map of an empty state (nothing granted but
 * service), and their change times (see {@link ProfileConsent}). Cost: one
 * `limit 1` probe of the workspace's `consent_events`; only when it finds a
 * row, one statement per 400 customers.
 */
export async function profileConsent(scope: WorkspaceScope, customerIds: readonly number[], now: number): Promise<ProfileConsent> {
  const none: Readonly<Record<string, boolean>> = Object.freeze(consentFlags(undefined, PROFILE_CONSENT_CHANNELS, now));
  const never: readonly number[] = Object.freeze([]);
  const empty = Object.assign(() => none, { changesAt: () => never });
  if (customerIds.length === 0) return empty;
  const any = await scope.select<{ one: number }>("select 1 as one from consent_events where workspace_id = ? limit 1");
  if (any.length === 0) return empty;
  const records = await consentRecords(scope, customerIds);
  const flags = new Map<number, Readonly<Record<string, boolean>>>();
  for (const [id, state] of statesOf(records, now)) flags.set(id, consentFlags(state, PROFILE_CONSENT_CHANNELS, now));
  const byCustomer = new Map<number, ConsentRecord[]>();
  for (const r of records) {
    const id = Number(r.customerId);
    const list = byCustomer.get(id);
    if (list) list.push(r);
    else byCustomer.set(id, [r]);
  }
  const changes = new Map<number, readonly number[]>();
  for (const [id, list] of byCustomer) {
    const times = consentChangeTimes(list, now);
    if (times.length > 0) changes.set(id, times);
  }
  return Object.assign((id: number) => flags.get(id) ?? none, { changesAt: (id: number) => changes.get(id) ?? never });
}

/**
 * A customer's `Profile.consent` map, and `changesAt`: the instants after
 * now when it changes by itself (the core's consentChangeTimes: future-dated
 * events, lapsing grants) — `Profile.consentChangesAt`, so the segments'
 * consent condition schedules the membership re-check (`next_check_at`).
 */
export type ProfileConsent = ((customerId: number) => Readonly<Record<string, boolean>>) & { readonly changesAt: (customerId: number) => readonly number[] };

/**
 * The API view of a state at `now`: its entries by key, and the core's
 * isAllowed for every purpose purpose-wide and on every channel the entries
 * name (the keys of consentFlags).
 */
export function toConsentType(state: ConsentState | undefined, now: number): CustomerConsentType {
  const entries = Object.entries(state?.entries ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, e]) => {
      const colon = key.indexOf(":");
      return Object.assign(new ConsentEntryType(), {
        key,
        purpose: colon < 0 ? key : key.slice(0, colon),
        channel: colon < 0 ? null : key.slice(colon + 1),
        status: e.status,
        at: new Date(e.at),
        source: e.source,
        expiresAt: e.expiresAt === undefined ? null : new Date(e.expiresAt),
      });
    });
  const channels = [...new Set(entries.flatMap((e) => (e.channel === null ? [] : [e.channel])))].sort();
  const decisions: ConsentDecisionType[] = [];
  for (const purpose of consentPurposes as readonly ConsentPurpose[]) {
    for (const channel of [undefined, ...channels]) {
      const d = isAllowed(state, purpose, channel, now);
      decisions.push(Object.assign(new ConsentDecisionType(), { purpose, channel: channel ?? null, allowed: d.allowed, rule: d.rule, reason: d.reason, key: d.key ?? null }));
    }
  }
  return Object.assign(new CustomerConsentType(), { entries, decisions });
}
