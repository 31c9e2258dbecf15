import type { EntityManager } from "@mikro-orm/knex";
import type { Context } from "../../server/Context.js";
import { CustomerSchema } from "../../entities/Customer.js";
import { insertRows } from "../../data/insertRows.js";
import { CHUNK, checkBatch, checkKey, reject } from "./ingest.js";
import { chunks } from "../../data/chunks.js";

/** One customer to create (Segment's identify without an event). */
export interface CustomerRecord {
  readonly externalId: string;
  readonly email?: string | null;
  readonly traits?: Record<string, unknown> | null;
}

/** What a customers batch did. */
export interface CustomersPayload {
  readonly received: number;
  readonly created: number;
  readonly duplicates: number;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+$/;

/**
 * Creates the customers of a batch that the workspace does not know yet, with
 * their email and traits; known customers are left as they are, so a re-run
 * creates nothing. Validated like the record* mutations (InputError at
 * `input.<index>.<field>`, nothing written when one item is bad). A customer
 * without events has no derived state to advance, so none is computed here:
 * the first event the customer gets does that.
 */
export async function recordCustomers(ctx: Context, input: readonly CustomerRecord[]): Promise<CustomersPayload> {
  const fn = "recordCustomers";
  checkBatch(fn, input.length);
  input.forEach((item, i) => {
    checkKey(fn, i, "externalId", item.externalId);
    if (item.email !== undefined && item.email !== null && (item.email.length > 255 || !EMAIL_RE.test(item.email))) {
      reject(fn, i, "email", "an email address (local@domain, at most 255 characters)", item.email);
    }
  });
  const ws = ctx.workspace.id;
  return ctx.scope.em.transactional(async (tx) => {
    // The first item of each id wins, as with the other batches' idempotency keys.
    const first = new Map<string, CustomerRecord>();
    for (const item of input) if (!first.has(item.externalId)) first.set(item.externalId, item);
    const known = await existing(ctx, tx, [...first.keys()]);
    const todo = [...first.values()].filter((x) => !known.has(x.externalId));
    const now = new Date();
    await insertRows(
      tx,
      CustomerSchema,
      ["workspace", "externalId"],
      todo.map((x) => ({ workspace: ws, externalId: x.externalId, email: x.email ?? null, traits: x.traits ?? null, createdAt: now })),
    );
    return { received: input.length, created: todo.length, duplicates: input.length - todo.length };
  });
}

/** External ids of `keys` already in the workspace (resolveCustomers' lookup, without creating). */
async function existing(ctx: Context, tx: EntityManager, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const scope = ctx.scope.with(tx);
  for (const part of chunks(keys, CHUNK)) {
    const rows = await scope.select<{ external_id: string }>(`select external_id from customers where workspace_id = ? and external_id in (${part.map(() => "?").join(", ")})`, part);
    for (const r of rows) found.add(r.external_id);
  }
  return found;
}
