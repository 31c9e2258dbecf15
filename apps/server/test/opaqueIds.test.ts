import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idCodec, WorkspaceSchema, type IdKind } from "@engagekit/graphql";
import type { EntityManager } from "@mikro-orm/knex";
import { ensureWorkspace } from "../src/seed.js";
import { databases, firstError, startApp, type App, type GqlResponse } from "./harness.js";
import { FIXTURE, createFixtureCustomer, workspaceDigest } from "./operationCatalog.js";

/** The ids the API hands out are opaque (engagekit issue 16): what a client sees, what it can give back, and what it can never reach. */
const OPAQUE = /^[a-z]{3}_[A-Za-z0-9_-]{22}$/;
const codes = (res: GqlResponse<unknown>) => (res.errors ?? []).map((e) => e.extensions?.["code"]);
const ids = idCodec(); // startApp runs without auth.secret: the development secret

interface Refs {
  readonly workspaceId: number;
  readonly customerId: string;
  readonly customerRow: number;
  readonly orderId: string;
  readonly segmentId: string;
  readonly interactionId: string;
  readonly actionId: string;
  readonly actionRow: number;
  readonly keyId: string;
  readonly workspaceApiId: string;
}

const REFS_QUERY = `{
  workspace { id }
  customers(first: 1) { edges { node { id lastOrders(first: 1) { id } segments { id } } } }
  interactions(first: 1) { edges { node { id customerId } } }
  dueActions(first: 1) { edges { node { id } } }
  apiKeys { id }
}`;

for (const db of databases()) {
  describe.skipIf(!db.available)(`opaque ids on ${db.name}`, () => {
    let app: App;
    const refs: Record<string, Refs> = {};
    const as = (slug: string) => ({ "x-engagekit-workspace": slug });
    const sql = async <T,>(query: string, params: unknown[] = []) => (await (app.orm.em.fork() as EntityManager).getConnection().execute(query, params)) as T[];

    async function seed(slug: string): Promise<Refs> {
      await ensureWorkspace(app.orm, slug, false, "");
      const workspaceId = (await (app.orm.em.fork() as EntityManager).findOneOrFail(WorkspaceSchema, { slug })).id;
      await createFixtureCustomer(app.orm, slug);
      for (const step of FIXTURE) expect((await app.gql(step.query, step.variables, as(slug))).errors, `${slug}: ${step.query}`).toBeUndefined();
      // More customers, so that lists have pages.
      const more = Array.from({ length: 5 }, (_, i) => ({ idempotencyKey: `${slug}-more-${i}`, customer: { externalId: `${slug}-more-${i}` }, type: "page_view", channel: "acme_kiosk", touchpoint: "acme_shop", occurredAt: "2026-11-08T10:00:00Z" }));
      expect((await app.gql(`mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created } }`, { input: more }, as(slug))).errors).toBeUndefined();
      expect((await app.gql(`mutation { createApiKey(name: "spare", role: reader) { apiKey { id } } }`, undefined, as(slug))).errors).toBeUndefined();
      const res = await app.gql<{
        workspace: { id: string };
        customers: { edges: { node: { id: string; lastOrders: { id: string }[]; segments: { id: string }[] } }[] };
        interactions: { edges: { node: { id: string; customerId: string } }[] };
        dueActions: { edges: { node: { id: string } }[] };
        apiKeys: { id: string }[];
      }>(REFS_QUERY, undefined, as(slug));
      expect(res.errors).toBeUndefined();
      const customer = res.data?.customers.edges[0]?.node;
      const [customerRow] = await sql<{ id: number }>("select id from customers where workspace_id = ? and external_id = 'acme-c1'", [workspaceId]);
      const [actionRow] = await sql<{ id: number }>("select id from trigger_actions where workspace_id = ? order by id", [workspaceId]);
      return {
        workspaceId,
        customerId: customer?.id as string,
        customerRow: Number(customerRow?.id),
        orderId: customer?.lastOrders[0]?.id as string,
        segmentId: customer?.segments[0]?.id as string,
        interactionId: res.data?.interactions.edges[0]?.node.id as string,
        actionId: res.data?.dueActions.edges[0]?.node.id as string,
        actionRow: Number(actionRow?.id),
        keyId: res.data?.apiKeys[0]?.id as string,
        workspaceApiId: res.data?.workspace.id as string,
      };
    }

    beforeAll(async () => {
      app = await startApp(db.name, { seed: false });
      refs["acme"] = await seed("acme");
      refs["beta"] = await seed("beta");
    }, 120_000);

    afterAll(async () => {
      await app?.close();
    });

    it("should hand out ids of the form <kind>_<22 characters>, never a number, the same on every request and on every field naming the row", async () => {
      const a = refs["acme"] as Refs;
      const kinds: [string, IdKind][] = [[a.customerId, "cus"], [a.orderId, "ord"], [a.segmentId, "seg"], [a.interactionId, "int"], [a.actionId, "act"], [a.keyId, "key"], [a.workspaceApiId, "wsp"]];
      for (const [id, kind] of kinds) {
        expect(id, kind).toMatch(OPAQUE);
        expect(id.startsWith(`${kind}_`), id).toBe(true);
        expect(Number.isFinite(Number(id)), id).toBe(false);
      }
      // The helper writes the ids the server hands out, from the SQL row ids.
      expect(a.customerId).toBe(ids.encode("cus", a.workspaceId, a.customerRow));
      expect(a.actionId).toBe(ids.encode("act", a.workspaceId, a.actionRow));
      expect(ids.decode("cus", a.workspaceId, a.customerId)).toBe(a.customerRow);
      // Again, and through other fields that name the same customer.
      const again = await app.gql<{ customers: { edges: { node: { id: string } }[] }; interactions: { edges: { node: { customerId: string } }[] }; recommendations: { customerId: string } }>(
        `query($id: ID!) { customers(first: 1) { edges { node { id } } } interactions(first: 1) { edges { node { customerId } } } recommendations(customerId: $id) { customerId } }`,
        { id: a.customerId },
        as("acme"),
      );
      expect(again.errors).toBeUndefined();
      expect(again.data?.customers.edges[0]?.node.id).toBe(a.customerId);
      expect(again.data?.interactions.edges[0]?.node.customerId).toBe(a.customerId);
      expect(again.data?.recommendations.customerId).toBe(a.customerId);
      // Ids embedded in other values: a due action's dedup key (trigger|customer|cause), the export's rows.
      const embedded = await app.gql<{ dueActions: { edges: { node: { dedupKey: string; triggerId: string; cause: string; customer: { id: string } } }[] } }>(
        `{ dueActions(first: 1) { edges { node { dedupKey triggerId cause customer { id } } } } }`,
        undefined,
        as("acme"),
      );
      const action = embedded.data?.dueActions.edges[0]?.node;
      expect(action?.customer.id).toBe(a.customerId);
      expect(action?.dedupKey).toBe(`${action?.triggerId}|${a.customerId}|${action?.cause}`);
      const exported = await app.gql<{ exportCustomerData: { customerId: string; customer: { id: string }; tables: Record<string, Record<string, unknown>[]> } }>(`query($id: ID!) { exportCustomerData(customerId: $id) }`, { id: a.customerId }, as("acme"));
      expect(exported.data?.exportCustomerData.customerId).toBe(a.customerId);
      expect(exported.data?.exportCustomerData.customer.id).toBe(a.customerId);
      expect(exported.data?.exportCustomerData.tables.interactions?.map((r) => r.customerId)).toEqual(expect.arrayContaining([a.customerId]));
      expect(exported.data?.exportCustomerData.tables.trigger_actions?.map((r) => [r.id, r.dedupKey])).toEqual([[a.actionId, action?.dedupKey]]);
      // Workspaces do not share ids for their own rows (the block holds the workspace).
      expect(refs["beta"]?.customerId).not.toBe(a.customerId);
    });

    it("should find each object by its own id (the ids it takes back work)", async () => {
      const a = refs["acme"] as Refs;
      const found = await app.gql<{ customer: { externalId: string } | null; explainSegment: unknown; exportCustomerData: { customer: { externalId: string } }; interactions: { edges: unknown[] } }>(
        `query($id: ID!) { customer(id: $id) { externalId } explainSegment(customerId: $id, key: "acme-vip") exportCustomerData(customerId: $id) interactions(filter: { customerId: $id }, first: 10) { edges { node { id } } } }`,
        { id: a.customerId },
        as("acme"),
      );
      expect(found.errors).toBeUndefined();
      expect(found.data?.customer?.externalId).toBe("acme-c1");
      expect(found.data?.explainSegment).toBeTruthy();
      expect(found.data?.exportCustomerData.customer.externalId).toBe("acme-c1");
      expect(found.data?.interactions.edges.length).toBeGreaterThan(0);
      const done = await app.gql<{ markActionDone: { id: string; status: string } }>(`mutation($id: ID!) { markActionDone(id: $id) { id status } }`, { id: a.actionId }, as("acme"));
      expect(done.errors).toBeUndefined();
      expect(done.data?.markActionDone).toEqual({ id: a.actionId, status: "DONE" });
    });

    /**
     * Every operation that takes a row id, called with `id`: each must answer as for an unknown id (null, empty,
     * NOT_FOUND naming the argument, a message quoting no row number), and nothing may change. `own`: the kind of
     * acme's own id given (its operations would rightly find it, so they are left out).
     */
    async function expectNothingFound(id: string, label: string, own?: IdKind): Promise<void> {
      const a = refs["acme"] as Refs;
      const before = await workspaceDigest(app.orm, a.workspaceId);
      if (own !== "cus") {
        const reads = await app.gql<{ customer: unknown; recommendations: unknown; interactions: { edges: unknown[] } }>(
          `query($id: ID!) { customer(id: $id) { id } recommendations(customerId: $id) { customerId } interactions(filter: { customerId: $id }, first: 10) { edges { node { id } } } }`,
          { id },
          as("acme"),
        );
        expect(reads.errors, label).toBeUndefined();
        expect(reads.data, label).toEqual({ customer: null, recommendations: null, interactions: { edges: [] } });
      }
      const calls: [IdKind, string, string][] = [
        ["cus", `query($id: ID!) { explainSegment(customerId: $id, key: "acme-vip") }`, "customerId"],
        ["cus", `query($id: ID!) { exportCustomerData(customerId: $id) }`, "customerId"],
        ["cus", `mutation($id: ID!) { eraseCustomer(customerId: $id) { total } }`, "customerId"],
        ["act", `mutation($id: ID!) { markActionDone(id: $id) { status } }`, "id"],
        ["key", `mutation($id: ID!) { rotateApiKey(id: $id) { key } }`, "id"],
        ["key", `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, "id"],
      ];
      for (const [kind, query, field] of calls) {
        if (kind === own) continue;
        const res = await app.gql(query, { id }, as("acme"));
        expect(codes(res), `${label}: ${query}`).toEqual(["NOT_FOUND"]);
        expect(firstError(res)?.extensions?.["field"], query).toBe(field);
        expect(firstError(res)?.message, `${label}: the message quotes no row number`).not.toMatch(/\d/);
      }
      expect(await workspaceDigest(app.orm, a.workspaceId), `${label}: nothing changed`).toBe(before);
    }

    it("should find nothing for a raw row number, even the row's own", async () => {
      const a = refs["acme"] as Refs;
      await expectNothingFound(String(a.customerRow), "the customer's row number");
      await expectNothingFound(String(a.actionRow), "the action's row number");
      await expectNothingFound("1", "row 1");
    });

    it("should find nothing for workspace B's ids in workspace A's request, and not leak them the other way", async () => {
      const b = refs["beta"] as Refs;
      for (const id of [b.customerId, b.actionId, b.keyId]) await expectNothingFound(id, `beta's ${id.slice(0, 3)}`);
      // Even an id that decodes for A (made with the server's secret) reaches only A's rows: B's row number in A's name finds nothing.
      await expectNothingFound(ids.encode("cus", (refs["acme"] as Refs).workspaceId, b.customerRow), "beta's customer row in acme's name");
      expect(ids.encode("cus", (refs["acme"] as Refs).workspaceId, b.customerRow)).not.toBe(b.customerId);
    });

    it("should find nothing for an id of another kind", async () => {
      const a = refs["acme"] as Refs;
      // An order's, a segment's, an interaction's, the workspace's id where a customer's is expected; a customer's where an action's or a key's is.
      for (const id of [a.orderId, a.segmentId, a.interactionId, a.workspaceApiId, a.actionId, a.keyId, a.customerId]) await expectNothingFound(id, `a ${id.slice(0, 3)} id`, id.slice(0, 3));
      // The customer's own row number under another kind (only the customer operations have a row of that number).
      await expectNothingFound(ids.encode("ord", a.workspaceId, a.customerRow), "the customer's row as ord");
      await expectNothingFound(ids.encode("seg", a.workspaceId, a.customerRow), "the customer's row as seg");
      // Forged and malformed.
      await expectNothingFound(`cus_${"A".repeat(22)}`, "forged");
      await expectNothingFound("", "empty");
    });

    it("should page with opaque cursors exactly as with row ids, and refuse cursors it did not hand out", async () => {
      const a = refs["acme"] as Refs;
      const rows = (await sql<{ id: number }>("select id from customers where workspace_id = ? order by id", [a.workspaceId])).map((r) => ids.encode("cus", a.workspaceId, Number(r.id)));
      expect(rows.length).toBeGreaterThan(4);
      const seen: string[] = [];
      const cursors: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const res: GqlResponse<{ customers: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }> = await app.gql(
          `query($after: String) { customers(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
          { after },
          as("acme"),
        );
        expect(res.errors).toBeUndefined();
        const conn = res.data?.customers;
        seen.push(...(conn?.edges.map((e) => e.node.id) ?? []));
        cursors.push(...(conn?.edges.map((e) => e.cursor) ?? []));
        expect(conn?.pageInfo.endCursor).toBe(conn?.edges.at(-1)?.cursor ?? null);
        if (!conn?.pageInfo.hasNextPage) break;
        after = conn.pageInfo.endCursor;
      }
      expect(seen).toEqual(rows);
      for (const cursor of cursors) {
        expect(cursor).toMatch(/^cur_[A-Za-z0-9_-]{22}$/);
        const bytes = Buffer.from(cursor, "base64url").toString("latin1");
        expect(bytes).not.toMatch(/id:\d/);
      }
      expect(new Set(cursors).size).toBe(cursors.length);
      // The old base64("id:N") cursor, a raw number, B's cursor, an id that is not a cursor: BAD_USER_INPUT at after, as any cursor it did not hand out.
      const betaCursor = await app.gql<{ customers: { pageInfo: { endCursor: string } } }>(`{ customers(first: 1) { pageInfo { endCursor } } }`, undefined, as("beta"));
      for (const bad of [Buffer.from(`id:${a.customerRow}`).toString("base64url"), String(a.customerRow), betaCursor.data?.customers.pageInfo.endCursor as string, a.customerId]) {
        const res = await app.gql(`query($after: String) { customers(first: 2, after: $after) { edges { node { id } } } }`, { after: bad }, as("acme"));
        expect(codes(res), bad).toEqual(["BAD_USER_INPUT"]);
        expect(firstError(res)?.extensions?.["field"], bad).toBe("after");
      }
    });
  });
}
