import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { earnPoints, emptyPointsLedger, InputError, loyaltySummary, pointsBalance, redeemPoints, type PointsLedger, type PointsOperation } from "@engagekit/core";
import { applyPointsBatch, WorkspaceScope, type PointsBatchItem } from "@engagekit/graphql";
import type { EntityManager } from "@mikro-orm/knex";
import { GraphQLError } from "graphql";
import { ensureWorkspace } from "../src/seed.js";
import { databases, demoDataDir, startApp, type App } from "./harness.js";

// applyPointsBatch (the points ledger's batch path, see bench/loyalty.bench.mjs) against the
// core's ledger folded one operation at a time with earnPoints / redeemPoints: a second way of
// computing the same balances and histories.

const T0 = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;
const CUSTOMERS = ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"];

/** 180 operations in time order over 8 customers: earns (some expiring after 20 days, some with a reason) and redemptions the balance allows. */
function operations(): PointsBatchItem[] {
  const ledgers = new Map<string, PointsLedger>(CUSTOMERS.map((c) => [c, emptyPointsLedger(c)]));
  const out: PointsBatchItem[] = [];
  for (let j = 0; j < 180; j++) {
    const customer = CUSTOMERS[(j * 5) % CUSTOMERS.length] as string;
    const at = T0 + j * DAY * 0.5;
    const ledger = ledgers.get(customer) as PointsLedger;
    const balance = pointsBalance(ledger, at).points;
    const operation: PointsOperation =
      j % 4 === 3 && balance >= 30
        ? { kind: "redeem", key: `op-${j}`, at, points: 10 + (j % 3) * 10 }
        : { kind: "earn", key: `op-${j}`, at, points: 10 + ((j * 37) % 91), expiresAt: j % 3 === 0 ? at + 20 * DAY : null, ...(j % 7 === 0 ? { reason: `order ${j}` } : {}) };
    ledgers.set(customer, operation.kind === "earn" ? earnPoints(ledger, operation) : redeemPoints(ledger, operation));
    out.push({ customer, operation });
  }
  return out;
}

/** The core's ledger of a customer's operations, one call per operation. */
function coreLedger(customerId: number, items: readonly PointsBatchItem[], customer: string): PointsLedger {
  let ledger = emptyPointsLedger(String(customerId));
  for (const { customer: c, operation } of items) {
    if (c !== customer) continue;
    ledger = operation.kind === "earn" ? earnPoints(ledger, operation) : redeemPoints(ledger, operation);
  }
  return ledger;
}

const LOYALTY = `query($id: ID!, $asOf: DateTime) { customer(id: $id) { loyalty(asOf: $asOf) { balance history(first: 500) { kind key at points reason } } } }`;

for (const db of databases()) {
  describe.skipIf(!db.available)(`applyPointsBatch on ${db.name}`, () => {
    let app: App;
    let otherWs = 0;
    const all = operations();
    const batches = [all.slice(0, 60), all.slice(60, 120), all.slice(120)];
    const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => app.orm.em.fork().getConnection().execute<T[]>(text, params);
    const count = async (workspaceId: number) => Number((await sql<{ n: number | string }>("select count(*) as n from points_operations where workspace_id = ?", [workspaceId]))[0]?.n);
    const customers = async (workspaceId: number) => Number((await sql<{ n: number | string }>("select count(*) as n from customers where workspace_id = ?", [workspaceId]))[0]?.n);
    const idOf = async (externalId: string, workspaceId: number): Promise<number> => Number((await sql<{ id: number }>("select id from customers where workspace_id = ? and external_id = ?", [workspaceId, externalId]))[0]?.id);
    const apply = (workspaceId: number, items: readonly PointsBatchItem[]) => applyPointsBatch(new WorkspaceScope(app.orm.em.fork() as EntityManager, workspaceId), items);

    beforeAll(async () => {
      app = await startApp(db.name, { seed: false });
      otherWs = (await ensureWorkspace(app.orm, "other", false, demoDataDir)).workspaceId;
    });
    afterAll(async () => {
      await app?.close();
    });

    it("should apply batches as the core folds their operations one by one: balances and histories over GraphQL", async () => {
      const ws = app.seed.workspaceId;
      for (const batch of batches) expect(await apply(ws, batch)).toEqual({ applied: batch.length, duplicates: 0 });
      expect(await count(ws)).toBe(all.length);
      for (const customer of CUSTOMERS) {
        const id = await idOf(customer, ws);
        const ledger = coreLedger(id, all, customer);
        expect(ledger.history.some((e) => e.kind === "expire"), `${customer} has expired lots`).toBe(true);
        for (const asOf of [T0 + 30 * DAY, T0 + 60 * DAY, T0 + 200 * DAY]) {
          const res = await app.gql<{ customer: { loyalty: { balance: number; history: { kind: string; key: string | null; at: string; points: number; reason: string | null }[] } } }>(LOYALTY, { id: app.apiId("cus", id), asOf: new Date(asOf).toISOString() });
          expect(res.errors).toBeUndefined();
          const past = coreLedger(id, all.filter((x) => x.operation.at <= asOf), customer);
          expect(res.data?.customer.loyalty.balance, `${customer} at ${asOf}`).toBe(pointsBalance(past, asOf).points);
          const entries = (res.data?.customer.loyalty.history ?? []).map((e) => `${e.kind}|${e.key ?? ""}|${Date.parse(e.at)}|${e.points}|${e.reason ?? ""}`).sort();
          expect(entries.length).toBeGreaterThan(0);
          // The API's history is the core's summary of the ledger as of `asOf` (expiries up to it included).
          const expected = loyaltySummary(past, asOf, undefined, Infinity).history.map((e) => `${e.kind}|${e.kind === "expire" ? "" : e.key}|${e.at}|${e.points}|${e.kind !== "expire" && e.reason !== undefined ? e.reason : ""}`).sort();
          expect(entries, `${customer} at ${asOf}`).toEqual(expected);
        }
      }
    });

    it("should write nothing for a retried batch and count its operations as duplicates", async () => {
      const ws = app.seed.workspaceId;
      const before = await count(ws);
      expect(await apply(ws, batches[1] as PointsBatchItem[])).toEqual({ applied: 0, duplicates: 60 });
      expect(await count(ws)).toBe(before);
    });

    it("should reject a whole batch whose redemption exceeds the balance (CONFLICT at its index), creating no customer", async () => {
      const ws = app.seed.workspaceId;
      const [before, people] = [await count(ws), await customers(ws)];
      const at = T0 + 400 * DAY;
      const items: PointsBatchItem[] = [
        { customer: "new-customer", operation: { kind: "earn", key: "late-1", at, points: 50, expiresAt: null } },
        { customer: "p1", operation: { kind: "earn", key: "late-2", at, points: 5, expiresAt: null } },
        { customer: "p2", operation: { kind: "redeem", key: "late-3", at: at + 1, points: 1_000_000 } },
      ];
      const error = await apply(ws, items).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions).toMatchObject({ code: "CONFLICT", field: "input.2.points" });
      expect(await count(ws)).toBe(before);
      expect(await customers(ws)).toBe(people);
    });

    it("should reject a key another customer's operation holds, at input.<i>.key, writing nothing", async () => {
      const ws = app.seed.workspaceId;
      const before = await count(ws);
      const taken = all.find((x) => x.customer === "p1") as PointsBatchItem;
      const items: PointsBatchItem[] = [
        { customer: "p3", operation: { kind: "earn", key: "fresh-1", at: T0 + 500 * DAY, points: 5, expiresAt: null } },
        { customer: "p2", operation: { ...taken.operation } },
      ];
      const error = await apply(ws, items).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).path).toEqual(["input", 1, "key"]);
      expect(await count(ws)).toBe(before);
    });

    it("should keep keys and ledgers per workspace: the same batch applies in full in another one and changes nothing here", async () => {
      const ws = app.seed.workspaceId;
      const before = await count(ws);
      const p1 = await idOf("p1", ws);
      const balance = async () => (await app.gql<{ customer: { loyalty: { balance: number } } }>(LOYALTY, { id: app.apiId("cus", p1), asOf: new Date(T0 + 200 * DAY).toISOString() })).data?.customer.loyalty.balance;
      const mine = await balance();
      expect(await apply(otherWs, batches[0] as PointsBatchItem[])).toEqual({ applied: 60, duplicates: 0 });
      expect(await count(otherWs)).toBe(60);
      expect(await count(ws)).toBe(before);
      expect(await balance()).toBe(mine);
    });
  });
}
