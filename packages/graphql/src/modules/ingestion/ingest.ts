import { WorkspaceScope } from "../../data/WorkspaceScope.js";
import type { EntityName } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import { ErrorCodes, InputError } from "@engagekit/core";
import { CustomerSchema } from "../../entities/Customer.js";
import { SupportTicketSchema } from "../../entities/SupportTicket.js";
import { entityMeta, insertRows } from "../../data/insertRows.js";
import { chunks } from "../../data/chunks.js";
import { dialect } from "../../data/sqlDialect.js";
import { createHash } from "node:crypto";

/** Rows per statement: keeps every insert under SQLite's compound-select and parameter limits. */
export const CHUNK = 400;

/** Largest batch a single ingestion call accepts (configurable later; 10,000 is the contract). */
export const MAX_BATCH = 10_000;

/** Throws BAD_USER_INPUT naming `input` when a batch is empty or too large. */
export function checkBatch(fn: string, size: number, max = MAX_BATCH): void {
  if (size === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, `${fn} requires at least one item`, ["input"], size);
  if (size > max) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} accepts at most ${max} items per batch, got ${size}`, ["input"], size);
}

/** Throws BAD_USER_INPUT at `input.<index>.<field>`. */
export function reject(fn: string, index: number, field: string, rule: string, value: unknown): never {
  throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires ${rule} at input[${index}].${field}`, ["input", index, field], value);
}

/** Checks an identifier-like string: non-empty, at most `max` characters. */
export function checkKey(fn: string, index: number, field: string, value: string, max = 191): void {
  if (value.trim() === "" || value.length > max) reject(fn, index, field, `a non-empty string of at most ${max} characters`, value);
}

/** Checks a date is a real instant. */
export function checkDate(fn: string, index: number, field: string, value: Date): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) reject(fn, index, field, "a valid date-time", value);
}


/** The table of an entity, from the ORM's metadata. */
function tableOf<T extends object>(tx: EntityManager, entity: EntityName<T>): string {
  return entityMeta(tx, entity).tableName;
}

/**
 * `select <columns> from <table> where workspace_id = ? and <column> in (…)`
 * as plain SQL in the batch's transaction: the query builder spent more time
 * building a 500-value IN list than SQLite spent answering it.
 */
function keyed<Row>(tx: EntityManager, workspaceId: number, columns: string, table: string, column: string, values: readonly string[]): Promise<Row[]> {
  return new WorkspaceScope(tx, workspaceId).select<Row>(
    `select ${columns} from ${table} where workspace_id = ? and ${column} in (${values.map(() => "?").join(", ")})`,
    values,
  );
}

/** The advisory-lock key of a customer: 64 bits of a hash of workspace and external id (a collision only serializes two customers' batches). */
export function customerLockKey(workspaceId: number, externalId: string): bigint {
  return createHash("sha256").update(`engagekit:customer:${workspaceId}:${externalId}`).digest().readBigInt64BE(0);
}

/**
 * PostgreSQL: serializes concurrent batches (on one server or several) that
 * touch the same customers, before they read anything. Takes a
 * transaction-scoped advisory lock per referenced customer, by external id
 * (so customers the batch is about to create are covered too), all in one
 * ascending order and before any other lock, so two batches cannot
 * deadlock. Once it holds them, the batch's duplicate check sees every
 * batch that finished before (READ COMMITTED), so a retry racing its
 * original (a client timing out and retrying on another server) writes and
 * folds each item once. Locks are released at commit or rollback, and by the
 * database when a server dies mid-batch. SQLite: nothing to do, it has one writer.
 */
export async function lockCustomers(tx: EntityManager, workspaceId: number, externalIds: Iterable<string>): Promise<void> {
  if (dialect(tx) !== "postgresql") return;
  const keys = [...new Set([...externalIds].map((id) => customerLockKey(workspaceId, id)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // The keys are integers computed here, so they are inlined (one statement, no 10,000-parameter list).
  // pg_advisory_xact_lock is volatile: PostgreSQL evaluates it after the sort, in key order.
  for (const part of chunks(keys, 5_000)) {
    await tx.getConnection().execute(`select pg_advisory_xact_lock(k) from unnest(array[${part.join(",")}]::bigint[]) as k order by k`, [], "all", tx.getTransactionContext());
  }
}

/**
 * Ids of the referenced customers, creating the unknown ones. Runs inside
 * the batch's transaction, so a rejected batch creates no customer either.
 */
export async function resolveCustomers(
  tx: EntityManager,
  workspaceId: number,
  externalIds: Iterable<string>,
): Promise<{ ids: Map<string, number>; created: number; newIds: Set<number> }> {
  const wanted = [...new Set(externalIds)];
  const ids = new Map<string, number>();
  const lookup = async (keys: string[]) => {
    for (const part of chunks(keys, CHUNK)) {
      const rows = await keyed<{ id: number; external_id: string }>(tx, workspaceId, "id, external_id", "customers", "external_id", part);
      for (const row of rows) ids.set(row.external_id, Number(row.id));
    }
  };
  await lookup(wanted);
  const missing = wanted.filter((k) => !ids.has(k));
  const now = new Date();
  await insertRows(tx, CustomerSchema, ["workspace", "externalId"], missing.map((externalId) => ({ workspace: workspaceId, externalId, createdAt: now })));
  await lookup(missing);
  const newIds = new Set<number>();
  for (const k of missing) {
    const id = ids.get(k);
    if (id !== undefined) newIds.add(id);
  }
  return { ids, created: missing.length, newIds };
}

/** Which of `keys` are already recorded in `column` of `entity` for the workspace. */
export async function existingKeys<T extends object>(
  tx: EntityManager,
  entity: EntityName<T>,
  column: string,
  workspaceId: number,
  keys: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(keys)], CHUNK)) {
    const rows = await keyed<Record<string, string>>(tx, workspaceId, column, tableOf(tx, entity), column, part);
    for (const row of rows) found.add(String(row[column]));
  }
  return found;
}

/**
 * Ids of the referenced tickets, creating unknown ones with the earliest
 * event time of the batch as `openedAt`. Inside the batch's transaction.
 */
export async function resolveTickets(
  tx: EntityManager,
  workspaceId: number,
  refs: readonly { externalId: string; customer: number | null; channel: string | null; openedAt: Date }[],
): Promise<Map<string, number>> {
  const first = new Map<string, (typeof refs)[number]>();
  for (const ref of refs) {
    const seen = first.get(ref.externalId);
    if (!seen || ref.openedAt < seen.openedAt) first.set(ref.externalId, ref);
  }
  const ids = new Map<string, number>();
  const lookup = async (keys: string[]) => {
    for (const part of chunks(keys, CHUNK)) {
      const rows = await keyed<{ id: number; external_id: string }>(tx, workspaceId, "id, external_id", "support_tickets", "external_id", part);
      for (const row of rows) ids.set(row.external_id, Number(row.id));
    }
  };
  await lookup([...first.keys()]);
  const missing = [...first.values()].filter((r) => !ids.has(r.externalId));
  await insertRows(
    tx,
    SupportTicketSchema,
    ["workspace", "externalId"],
    missing.map((r) => ({ workspace: workspaceId, externalId: r.externalId, customer: r.customer, channel: r.channel, openedAt: r.openedAt })),
  );
  await lookup(missing.map((r) => r.externalId));
  return ids;
}
