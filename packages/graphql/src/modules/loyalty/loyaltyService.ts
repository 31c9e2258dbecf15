import {
  applyPointsOperations,
  emptyPointsLedger,
  ErrorCodes,
  InputError,
  loyaltySummary,
  pointsBalance,
  type LedgerEntry,
  type PointsLedger,
  type PointsBatchResult,
  type PointsOperation,
  type PointsOperationResult,
} from "@engagekit/core";
import { GraphQLError } from "graphql";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { chunks } from "../../data/chunks.js";
import { insertRows } from "../../data/insertRows.js";
import { dialect } from "../../data/sqlDialect.js";
import { toMs, type SqlDate } from "../../data/sqlDate.js";
import { PointsOperationSchema } from "../../entities/PointsOperation.js";
import { lockCustomers, resolveCustomers } from "../ingestion/ingest.js";
import type { AwardPointsInput, RedeemPointsInput } from "./Loyalty.input.js";
import {
  LedgerEntryType,
  LotDrawType,
  LoyaltyTierChangeType,
  LoyaltyTierGraceType,
  LoyaltyTierNextType,
  LoyaltyTierStatusType,
  LoyaltyType,
  PointsExpiryType,
  PointsOperationPayload,
  PointsOperationStatus,
} from "./Loyalty.type.js";

/** A stored operation as read: customer_id, key, kind, points, at, expires_at, reason (select order). */
type OperationRow = readonly [customerId: number, key: string, kind: string, points: number, at: SqlDate, expiresAt: SqlDate | null, reason: string | null];

/** The core's operation of a stored row; the reason, rarely set, is added only when present. */
function operationOf(r: OperationRow): PointsOperation {
  const expiresAt = r[5];
  const op: PointsOperation = r[2] === "earn" ? { kind: "earn", key: r[1], at: toMs(r[4]), points: Number(r[3]), expiresAt: expiresAt === null ? null : toMs(expiresAt) } : { kind: "redeem", key: r[1], at: toMs(r[4]), points: Number(r[3]) };
  return r[6] === null ? op : { ...op, reason: r[6] };
}

/**
 * The core's fold of a customer's stored operations, then `added` in the same
 * pass (one working ledger, not a ledger built and reopened): the ledger and
 * the results of `added`. Every stored operation was applied once, so any
 * other outcome for one of them is corruption.
 */
export function foldStored(customerId: number, stored: readonly PointsOperation[], added: readonly PointsOperation[] = []): PointsBatchResult {
  const { ledger, results } = applyPointsOperations(emptyPointsLedger(String(customerId)), added.length === 0 ? stored : [...stored, ...added]);
  for (let k = 0; k < stored.length; k++) {
    const bad = results[k] as PointsOperationResult;
    if (bad.status !== "applied") throw new Error(`points ledger of customer ${customerId}: stored operation ${bad.key} is ${bad.status} on replay (${bad.error?.message ?? ""})`);
  }
  return { ledger, results: added.length === 0 ? [] : results.slice(stored.length) };
}

/**
 * The ledgers of customers as of `asOf` (epoch ms; operations after it are
 * not replayed): the core's applyPointsOperations over the stored
 * operations in time (then insertion) order, one statement per 400 customers.
 */
export async function pointsLedgers(scope: WorkspaceScope, customerIds: readonly number[], asOf = Infinity): Promise<Map<number, PointsLedger>> {
  const ops = await storedOperations(scope, customerIds, asOf);
  const out = new Map<number, PointsLedger>();
  for (const id of customerIds) out.set(id, foldStored(id, ops.get(id) ?? []).ledger);
  return out;
}

/** The stored operations of customers up to `asOf`, in time (then insertion) order, one statement per 400 customers. */
export async function storedOperations(scope: WorkspaceScope, customerIds: readonly number[], asOf = Infinity): Promise<Map<number, PointsOperation[]>> {
  const ops = new Map<number, PointsOperation[]>();
  for (const part of chunks([...new Set(customerIds)])) {
    // Arrays, not objects: a batch can read 100,000 stored operations (see the points-ledger bench).
    const rows = await scope.selectValues<OperationRow>(
      `select customer_id, key, kind, points, at, expires_at, reason from points_operations
       where workspace_id = ? and customer_id in (${part.map(() => "?").join(", ")}) order by customer_id, at, id`,
      part,
    );
    for (const r of rows) {
      const op = operationOf(r);
      if (op.at > asOf) continue;
      const id = Number(r[0]);
      const list = ops.get(id);
      if (list) list.push(op);
      else ops.set(id, [op]);
    }
  }
  return ops;
}

const date = (ms: number | null | undefined): Date | null => (ms === null || ms === undefined ? null : new Date(ms));

/** One history line as the API type. */
export function toEntryType(e: LedgerEntry): LedgerEntryType {
  return Object.assign(new LedgerEntryType(), {
    kind: e.kind,
    key: e.kind === "expire" ? null : e.key,
    at: new Date(e.at),
    points: e.points,
    lot: e.kind === "redeem" ? null : e.lot,
    expiresAt: e.kind === "earn" ? date(e.expiresAt) : null,
    draws: e.kind === "redeem" ? e.lots.map((d) => Object.assign(new LotDrawType(), { lot: d.lot, points: d.points })) : [],
    reason: e.kind === "expire" ? null : (e.reason ?? null),
  });
}

/** The core's loyaltySummary of a ledger at `now` (default tiers), as the API type. */
export function toLoyaltyType(ledger: PointsLedger, now: number): LoyaltyType {
  const s = loyaltySummary(ledger, now, undefined, Infinity);
  const t = s.tier;
  return Object.assign(new LoyaltyType(), {
    balance: s.balance.points,
    nextExpiry: s.balance.nextExpiry ? Object.assign(new PointsExpiryType(), { at: new Date(s.balance.nextExpiry.at), points: s.balance.nextExpiry.points }) : null,
    tier: Object.assign(new LoyaltyTierStatusType(), {
      tier: t.tier,
      since: date(t.since),
      qualifyingPoints: t.qualifyingPoints,
      qualifiedTier: t.qualifiedTier,
      grace: t.grace ? Object.assign(new LoyaltyTierGraceType(), { belowSince: new Date(t.grace.belowSince), downgradeAt: new Date(t.grace.downgradeAt) }) : null,
      next: t.next ? Object.assign(new LoyaltyTierNextType(), { tier: t.next.tier, pointsNeeded: t.next.pointsNeeded }) : null,
      changes: t.changes.map((c) => Object.assign(new LoyaltyTierChangeType(), { ...c, at: new Date(c.at) })),
    }),
    asOf: new Date(now),
    entries: s.history,
  });
}

const lastAt = (ledger: PointsLedger): number => ledger.history[ledger.history.length - 1]?.at ?? -Infinity;

/**
 * Applies one earn or redemption for a customer, in a transaction: the
 * customer's stored operations are folded by the core, the new one is
 * applied to that ledger, and only an applied operation is written.
 * - the same key again (same kind and points): DUPLICATE, nothing written;
 * - a key of another operation (this customer's or another's): BAD_USER_INPUT at input.key (JOURNEY.DUPLICATE_ID);
 * - a redemption above the balance (the core's METRIC.INCONSISTENT): CONFLICT, nothing written (not even the customer);
 * - other core refusals (points, times, order): BAD_USER_INPUT at input.<field>.
 * On PostgreSQL the customer row is locked first, so concurrent redemptions cannot both spend the same points.
 */
export async function applyOperation(scope: WorkspaceScope, kind: "earn" | "redeem", input: AwardPointsInput | RedeemPointsInput): Promise<PointsOperationPayload> {
  const fn = kind === "earn" ? "awardPoints" : "redeemPoints";
  for (const [field, value] of [["key", input.key], ["customer.externalId", input.customer.externalId]] as const) {
    if (value.trim() === "" || value.length > 191) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a non-empty string of at most 191 characters at input.${field}`, ["input", ...field.split(".")], value);
  }
  const at = input.at ? input.at.getTime() : Date.now();
  const reason = input.reason ?? undefined;
  const expiresAt = kind === "earn" && (input as AwardPointsInput).expiresAt ? ((input as AwardPointsInput).expiresAt as Date).getTime() : null;
  const operation: PointsOperation =
    kind === "earn"
      ? { kind, key: input.key, at, points: input.points, expiresAt, ...(reason === undefined ? {} : { reason }) }
      : { kind, key: input.key, at, points: input.points, ...(reason === undefined ? {} : { reason }) };
  const ws = scope.workspaceId;
  return scope.em.transactional(async (tx) => {
    const t = scope.with(tx);
    // Same customer locks as ingestion (see lockCustomers), before the row lock below.
    await lockCustomers(tx, ws, [input.customer.externalId]);
    const { ids } = await resolveCustomers(tx, ws, [input.customer.externalId]);
    const customerId = ids.get(input.customer.externalId) as number;
    if (dialect(tx) === "postgresql") await t.select("select id from customers where workspace_id = ? and id = ? for update", [customerId]);
    const owner = await t.select<{ customer_id: number }>("select customer_id from points_operations where workspace_id = ? and key = ?", [input.key]);
    if (owner[0] && Number(owner[0].customer_id) !== customerId) {
      throw new InputError(ErrorCodes.DUPLICATE_ID, `${fn} requires a key not used by another operation, got ${JSON.stringify(input.key)} (another customer's)`, ["input", "key"], input.key);
    }
    const ledger = (await pointsLedgers(t, [customerId])).get(customerId) as PointsLedger;
    const { ledger: next, results } = applyPointsOperations(ledger, [operation]);
    const result = results[0] as (typeof results)[number];
    if (result.status === "rejected") {
      const e = result.error as InputError;
      if (e.code === ErrorCodes.INCONSISTENT) {
        throw new GraphQLError(`${fn} would take the balance below zero: ${e.message}`, { extensions: { code: "CONFLICT", reason: e.code, field: "input.points" } });
      }
      throw new InputError(e.code, e.message.replace(/^(earnPoints|redeemPoints)/, fn), ["input", ...e.path.slice(1)], e.value);
    }
    if (result.status === "applied") {
      await insertRows(tx, PointsOperationSchema, ["workspace", "key"], [
        { workspace: ws, customer: customerId, key: input.key, kind, points: input.points, at: new Date(at), expiresAt: expiresAt === null ? null : new Date(expiresAt), reason: reason ?? null, recordedAt: new Date() },
      ]);
    }
    return Object.assign(new PointsOperationPayload(), {
      key: input.key,
      status: result.status === "applied" ? PointsOperationStatus.APPLIED : PointsOperationStatus.DUPLICATE,
      customerId: String(customerId),
      balance: pointsBalance(next, Math.max(at, lastAt(next))).points,
    });
  });
}
