import { ErrorCodes, InputError, type PointsOperation } from "@engagekit/core";
import { GraphQLError } from "graphql";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { chunks } from "../../data/chunks.js";
import { insertRows } from "../../data/insertRows.js";
import { dialect } from "../../data/sqlDialect.js";
import { PointsOperationSchema } from "../../entities/PointsOperation.js";
import { checkBatch, resolveCustomers } from "../ingestion/ingest.js";
import { foldStored, storedOperations } from "./loyaltyService.js";

/** One earn or redemption of a batch, for a customer by external id. */
export interface PointsBatchItem {
  readonly customer: string;
  readonly operation: PointsOperation;
}

/** What a batch did: operations written, and those already recorded (same key, same customer). */
export interface PointsBatchOutcome {
  readonly applied: number;
  readonly duplicates: number;
}

/**
 * The points ledger's batch path (imports, loyalty rules applied to an
 * ingested day): the same rules as `applyOperation`, one transaction for the
 * whole batch. Each customer's stored operations are read once
 * (`storedOperations`) and folded by the core's `applyPointsOperations`
 * together with the customer's operations of the batch, in input order
 * after them (`foldStored`: one working ledger per customer, not per
 * operation), and the applied ones are written in
 * multi-row inserts. All-or-nothing: an operation the core rejects rejects
 * the batch — a redemption above the balance is CONFLICT at `input.<i>.points`,
 * others BAD_USER_INPUT at `input.<i>.<field>`; a key of another customer's
 * operation is BAD_USER_INPUT at `input.<i>.key`. A key already applied for
 * the same customer is a duplicate and writes nothing.
 */
export async function applyPointsBatch(scope: WorkspaceScope, items: readonly PointsBatchItem[]): Promise<PointsBatchOutcome> {
  checkBatch("applyPointsBatch", items.length);
  const ws = scope.workspaceId;
  return scope.em.transactional(async (tx) => {
    const t = scope.with(tx);
    const { ids } = await resolveCustomers(tx, ws, items.map((x) => x.customer));
    const customerIds = [...new Set(ids.values())];
    if (dialect(tx) === "postgresql") {
      for (const part of chunks(customerIds, 400)) await t.select(`select id from customers where workspace_id = ? and id in (${part.map(() => "?").join(", ")}) order by id for update`, part);
    }
    const owners = new Map<string, number>();
    for (const part of chunks([...new Set(items.map((x) => x.operation.key))], 400)) {
      for (const r of await t.select<{ key: string; customer_id: number }>(`select key, customer_id from points_operations where workspace_id = ? and key in (${part.map(() => "?").join(", ")})`, part)) owners.set(r.key, Number(r.customer_id));
    }
    const byCustomer = new Map<number, { i: number; op: PointsOperation }[]>();
    items.forEach((x, i) => {
      const id = ids.get(x.customer) as number;
      const owner = owners.get(x.operation.key);
      if (owner !== undefined && owner !== id) throw new InputError(ErrorCodes.DUPLICATE_ID, `applyPointsBatch requires a key not used by another customer's operation, got ${JSON.stringify(x.operation.key)}`, ["input", i, "key"], x.operation.key);
      const list = byCustomer.get(id) ?? [];
      list.push({ i, op: x.operation });
      byCustomer.set(id, list);
    });
    const stored = await storedOperations(t, [...byCustomer.keys()]);
    const rows: Record<string, unknown>[] = [];
    let duplicates = 0;
    const recordedAt = new Date();
    for (const [id, list] of byCustomer) {
      const { results } = foldStored(id, stored.get(id) ?? [], list.map((x) => x.op));
      results.forEach((r, k) => {
        const { i, op } = list[k] as { i: number; op: PointsOperation };
        if (r.status === "rejected") {
          const e = r.error as InputError;
          if (e.code === ErrorCodes.INCONSISTENT) throw new GraphQLError(`applyPointsBatch: input[${i}] would take the balance below zero: ${e.message}`, { extensions: { code: "CONFLICT", reason: e.code, field: `input.${i}.points` } });
          throw new InputError(e.code, e.message, ["input", i, ...e.path.slice(1)], e.value);
        }
        if (r.status === "duplicate") {
          duplicates++;
          return;
        }
        rows.push({
          workspace: ws,
          customer: id,
          key: op.key,
          kind: op.kind,
          points: op.points,
          at: new Date(op.at),
          expiresAt: op.kind === "earn" && op.expiresAt !== null && op.expiresAt !== undefined ? new Date(op.expiresAt) : null,
          reason: op.reason ?? null,
          recordedAt,
        });
      });
    }
    await insertRows(tx, PointsOperationSchema, ["workspace", "key"], rows);
    return { applied: rows.length, duplicates };
  });
}
