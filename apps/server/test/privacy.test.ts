import { readFileSync, existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entities, PERSONAL_COLUMNS, customerTables, ERASED_PREFIX } from "@engagekit/graphql";
import type { EntityManager } from "@mikro-orm/knex";
import { ensureWorkspace } from "../src/seed.js";
import { databases, demoDataDir, firstError, startApp, type App } from "./harness.js";

/**
 * Privacy (issue 16): exportCustomerData returns every stored row about a
 * customer; eraseCustomer removes every personal value from every table
 * (read back from the SQLite file bytes and from every PostgreSQL row) while
 * the anonymous aggregates stay the same, and records the erasure.
 */

/** Tables that hold no row about a customer (workspace configuration, API keys); every other table must be exported. */
const NOT_ABOUT_CUSTOMERS = ["workspaces", "segments", "journey_maps", "engagement_model_versions", "engagement_strategies", "mikro_orm_migrations", "triggers", "contact_policies", "api_keys"];

const EXPORT = `query($id: ID!) { exportCustomerData(customerId: $id) }`;
const ERASE = `mutation($id: ID!, $keys: [String!]) { eraseCustomer(customerId: $id, personalProperties: $keys) { reference customerId erasedAt counts total personalProperties } }`;
const AGGREGATES = `{
  customers { totalCount }
  nps { score n promoters passives detractors }
  csat { share n }
  interactions { totalCount }
  repeatPurchaseRate { rate n count }
  cohortRetention { rows { cohort size counts } }
  segments { edges { node { key memberCount } } }
  responseTimes { __typename }
}`;

/** Personal values of one customer, all distinct tokens so a scan cannot match by accident. */
function person(tag: string) {
  return {
    externalId: `ext-${tag}-Kq7`,
    email: `${tag}.smith@example.org`,
    traits: { name: `${tag} Smithereen`, phone: `+44 7700 ${tag.length}90${tag.length}12`, plan: "pro" },
    identities: [
      { kind: "email", value: `${tag}.alt@example.net` },
      { kind: "phone", value: `+4477009${tag.length}0456${tag}` },
    ],
    workEmail: `${tag}.work@example.com`,
    firstName: `Zor${tag}lina`,
    loyaltyCard: `LC-${tag}-99887766`,
    pointsReason: `Gift-for-${tag}-Qwyxt`,
  };
}
type Person = ReturnType<typeof person>;

/** The values a scan must not find after erasure (and must find for the other customer). */
function personalValues(p: Person): string[] {
  return [p.externalId, p.email, p.traits.name, p.traits.phone, ...p.identities.map((i) => i.value), p.workEmail, p.firstName, p.loyaltyCard, p.pointsReason];
}

for (const db of databases()) {
  describe.skipIf(!db.available)(`privacy on ${db.name}`, () => {
    let app: App;
    const anna = person("anna");
    const bob = person("bob");
    const ids = new Map<string, string>();
    const sql = (text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> => app.orm.em.getConnection().execute<Record<string, unknown>[]>(text, params);

    /** Stores everything the API can store about a customer, plus profile and identities (no API writes them yet). */
    async function populate(p: Person, n: number) {
      const customer = { externalId: p.externalId };
      const at = (d: number) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString();
      const interactions = await app.gql(`mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created } }`, {
        input: [
          { idempotencyKey: `i-${n}-1`, customer, type: "page_view", channel: "web", occurredAt: at(1), properties: { email: p.workEmail, sku: "SKU-1" } },
          { idempotencyKey: `i-${n}-2`, customer, type: "purchase", channel: "web", occurredAt: at(2), value: 12.5, properties: { loyaltyCard: p.loyaltyCard, basket: { sku: "SKU-2", qty: 2 } } },
          { idempotencyKey: `i-${n}-3`, customer, type: "email_open", channel: "email", occurredAt: at(3), properties: { note: "call back", context: { contact: `write to ${p.email}`, first_name: p.firstName } } },
          { idempotencyKey: `i-${n}-4`, customer, type: "page_view", channel: "web", occurredAt: at(4) },
        ],
      });
      expect(interactions.errors).toBeUndefined();
      const orders = await app.gql(`mutation($input: [OrderInput!]!) { recordOrders(input: $input) { created } }`, {
        input: [
          { externalId: `o-${n}-1`, customer, orderedAt: at(2), amount: 12.5 },
          { externalId: `o-${n}-2`, customer, orderedAt: at(40), amount: 30, items: 3 },
        ],
      });
      expect(orders.errors).toBeUndefined();
      const answers = await app.gql(`mutation($input: [SurveyAnswerInput!]!) { recordSurveyAnswers(input: $input) { created } }`, {
        input: [
          { idempotencyKey: `s-${n}-1`, customer, survey: "post_purchase", kind: "NPS", score: 9 - n, respondedAt: at(5) },
          { idempotencyKey: `s-${n}-2`, customer, survey: "support", kind: "CSAT", score: 4, respondedAt: at(6) },
        ],
      });
      expect(answers.errors).toBeUndefined();
      const tickets = await app.gql(`mutation($input: [TicketEventInput!]!) { recordTicketEvents(input: $input) { created } }`, {
        input: [
          { idempotencyKey: `t-${n}-1`, ticket: { externalId: `T-${n}`, customer, channel: "email" }, type: "OPENED", occurredAt: at(7) },
          { idempotencyKey: `t-${n}-2`, ticket: { externalId: `T-${n}` }, type: "AGENT_REPLY", occurredAt: at(8) },
        ],
      });
      expect(tickets.errors).toBeUndefined();
      const consent = await app.gql(`mutation($input: [ConsentInput!]!) { setConsent(input: $input) { created } }`, {
        input: [{ idempotencyKey: `c-${n}-1`, customer, purpose: "marketing", status: "granted", at: at(1), source: "signup_form" }],
      });
      expect(consent.errors).toBeUndefined();
      const points = await app.gql(`mutation($input: AwardPointsInput!) { awardPoints(input: $input) { status } }`, {
        input: { key: `p-${n}-1`, customer, points: 100, at: at(3), reason: p.pointsReason },
      });
      expect(points.errors).toBeUndefined();
      const [row] = await sql("select id from customers where external_id = ?", [p.externalId]);
      const id = Number(row?.id);
      ids.set(p.externalId, app.apiId("cus", id));
      await sql("update customers set email = ?, traits = ? where id = ?", [p.email, JSON.stringify(p.traits), id]);
      const ws = (await sql("select workspace_id from customers where id = ?", [id]))[0]?.workspace_id;
      for (const i of p.identities) await sql("insert into customer_identities (workspace_id, customer_id, kind, value) values (?, ?, ?, ?)", [ws, id, i.kind, i.value]);
    }

    /** Every stored byte (SQLite: the database file and its WAL; PostgreSQL: every row of every table as text). */
    async function everything(): Promise<string> {
      if (db.name === "sqlite") {
        const file = (app.orm.config.get("dbName") as string);
        return [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString("latin1")).join("\n");
      }
      const tables = await sql("select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'");
      const out: string[] = [];
      for (const t of tables) for (const r of await sql(`select t::text as row from "${String(t.name)}" t`)) out.push(String(r.row));
      return out.join("\n");
    }

    /** Tables of the live schema and their columns. */
    async function schemaColumns(): Promise<Map<string, string[]>> {
      const out = new Map<string, string[]>();
      if (db.name === "sqlite") {
        for (const t of await sql("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")) {
          out.set(String(t.name), (await sql(`pragma table_info(${String(t.name)})`)).map((c: Record<string, unknown>) => String(c.name)));
        }
      } else {
        for (const c of await sql("select table_name, column_name from information_schema.columns where table_schema = current_schema() order by ordinal_position")) {
          const list = out.get(String(c.table_name)) ?? [];
          list.push(String(c.column_name));
          out.set(String(c.table_name), list);
        }
      }
      return out;
    }

    beforeAll(async () => {
      app = await startApp(db.name, { seed: false });
      await ensureWorkspace(app.orm, "other", false, demoDataDir);
      const seg = await app.gql(`mutation($input: SegmentInput!) { createSegment(input: $input) { memberCount } }`, {
        input: { key: "buyers", name: "Buyers", condition: { type: "performed", interaction: "purchase", op: "atLeast", times: 1 } },
      });
      expect(seg.errors).toBeUndefined();
      await populate(anna, 1);
      await populate(bob, 2);
      const strategy = await app.gql(`mutation($input: EngagementStrategyInput!) { setEngagementStrategy(input: $input) { fallback } }`, {
        input: { rules: [{ segment: "buyers", models: ["csm"] }], fallback: "csm", capacities: [] },
      });
      expect(strategy.errors).toBeUndefined();
      const assigned = await app.gql(`mutation { assignEngagementModels { customers } }`);
      expect(assigned.errors).toBeUndefined();
    }, 60_000);
    afterAll(async () => {
      await app?.close();
    });

    it("should list every table of the schema that holds rows about customers among the exported ones, derived from the entities", async () => {
      const live = await schemaColumns();
      const exported = customerTables(app.orm.em as unknown as EntityManager).map((t) => t.table);
      // Independent of the derivation: every table with a customer_id (or a ticket_id) column is exported,
      // and every other table is a known configuration table.
      for (const [table, columns] of live) {
        if (columns.includes("customer_id") || columns.includes("ticket_id") || table === "customers") expect(exported, table).toContain(table);
        else expect(NOT_ABOUT_CUSTOMERS, `table ${table} holds no customer_id: is it about customers?`).toContain(table);
      }
      // Every entity with a Customer reference is exported.
      for (const e of entities) {
        const meta = app.orm.getMetadata().get(e.meta.className);
        if (Object.values(meta.properties).some((p) => p.type === "Customer")) expect(exported).toContain(meta.tableName);
      }
      expect(exported.length).toBeGreaterThanOrEqual(12);
    });

    it("should classify every column of every customer table as personal (with how it is erased) or kept", async () => {
      const live = await schemaColumns();
      const unclassified: string[] = [];
      for (const t of customerTables(app.orm.em as unknown as EntityManager)) {
        const rule = PERSONAL_COLUMNS[t.table];
        for (const column of live.get(t.table) ?? []) {
          if (!rule || !(column in rule.personal || rule.kept.includes(column))) unclassified.push(`${t.table}.${column}`);
        }
      }
      expect(unclassified).toEqual([]);
    });

    it("should export everything stored about a customer, and nothing of another customer", async () => {
      const id = ids.get(anna.externalId) as string;
      const res = await app.gql<{ exportCustomerData: { customerId: string; workspace: string; customer: Record<string, unknown>; tables: Record<string, Record<string, unknown>[]>; segments: Record<string, string> } }>(EXPORT, { id });
      expect(res.errors).toBeUndefined();
      const data = res.data?.exportCustomerData;
      expect(data?.customerId).toBe(id);
      expect(data?.workspace).toBe("demo");
      expect(data?.customer).toMatchObject({ id, externalId: anna.externalId, email: anna.email, traits: anna.traits });
      expect((data?.customer.state as { history?: unknown } | null)?.history).toBeDefined(); // the saved per-customer state
      const tables = data?.tables ?? {};
      // Every table is there, and each row is the customer's (or of the customer's ticket).
      const exported = customerTables(app.orm.em as unknown as EntityManager).map((t) => t.table).filter((t) => t !== "customers");
      expect(Object.keys(tables).sort()).toEqual(exported.sort());
      for (const [table, rows] of Object.entries(tables)) for (const r of rows) if ("customerId" in r) expect(r.customerId, table).toBe(id);
      // Row by row against what was stored through the API.
      for (const table of Object.keys(tables)) {
        const stored = await sql(
          table === "ticket_events"
            ? `select count(*) as n from ticket_events where ticket_id in (select id from support_tickets where customer_id = ?)`
            : `select count(*) as n from ${table} where customer_id = ?`,
          [app.rowId("cus", id)],
        );
        expect(tables[table]?.length, table).toBe(Number(stored[0]?.n));
      }
      expect(tables.interactions?.map((r) => r.idempotencyKey)).toEqual(["i-1-1", "i-1-2", "i-1-3", "i-1-4"]);
      expect(tables.interactions?.[0]).toMatchObject({ type: "page_view", channel: "web", occurredAt: "2025-01-02T00:00:00.000Z", properties: { email: anna.workEmail, sku: "SKU-1" } });
      expect(tables.orders?.map((r) => [r.externalId, r.amountCents, r.items])).toEqual([["o-1-1", 1250, 1], ["o-1-2", 3000, 3]]);
      expect(tables.survey_responses?.map((r) => [r.kind, r.score])).toEqual([["NPS", 8], ["CSAT", 4]]);
      expect(tables.support_tickets?.map((r) => r.externalId)).toEqual(["T-1"]);
      expect(tables.ticket_events?.map((r) => r.type)).toEqual(["OPENED", "AGENT_REPLY"].map((t) => expect.stringMatching(new RegExp(t, "i"))));
      expect(tables.consent_events?.map((r) => [r.purpose, r.status, r.source])).toEqual([["marketing", "granted", "signup_form"]]);
      expect(tables.points_operations?.map((r) => [r.kind, r.points, r.reason])).toEqual([["earn", 100, anna.pointsReason]]);
      expect(tables.customer_identities?.map((r) => r.value)).toEqual(anna.identities.map((i) => i.value));
      expect(tables.model_assignments?.map((r) => r.modelId)).toEqual(["csm"]);
      expect(tables.segment_memberships?.map((r) => data?.segments[String(r.segmentId)])).toEqual(["buyers"]);
      const text = JSON.stringify(data);
      for (const v of personalValues(bob)) expect(text).not.toContain(v);
    });

    it("should answer NOT_FOUND naming customerId for an unknown id, a malformed id and another workspace's customer", async () => {
      const id = ids.get(anna.externalId) as string;
      for (const [query, variables] of [
        [EXPORT, { id: "999999" }],
        [EXPORT, { id: "abc" }],
        [ERASE, { id: "999999" }],
      ] as const) {
        expect(firstError(await app.gql(query, variables))?.extensions).toMatchObject({ code: "NOT_FOUND", field: "customerId" });
      }
      const other = { "x-engagekit-workspace": "other" };
      expect(firstError(await app.gql(EXPORT, { id }, other))?.extensions).toMatchObject({ code: "NOT_FOUND", field: "customerId" });
      expect(firstError(await app.gql(ERASE, { id }, other))?.extensions).toMatchObject({ code: "NOT_FOUND", field: "customerId" });
      const [row] = await sql("select email from customers where id = ?", [app.rowId("cus", id)]);
      expect(row?.email).toBe(anna.email);
    });

    it("should reject bad personalProperties with BAD_USER_INPUT and the path, changing nothing", async () => {
      const id = ids.get(anna.externalId) as string;
      const res = await app.gql(ERASE, { id, keys: ["sku", ""] });
      expect(firstError(res)?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "personalProperties.1" });
      const many = await app.gql(ERASE, { id, keys: Array.from({ length: 101 }, (_, i) => `k${i}`) });
      expect(firstError(many)?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "personalProperties" });
      expect((await sql("select count(*) as n from customer_erasures"))[0]?.n).toEqual(db.name === "sqlite" ? 0 : "0");
    });

    it("should change nothing when the erasure fails midway (one transaction)", async () => {
      const id = ids.get(anna.externalId) as string;
      // The database refuses the erasure record, the erasure's last write.
      if (db.name === "sqlite") await sql("create trigger boom before insert on customer_erasures begin select raise(abort, 'boom'); end");
      else {
        await sql("create function boom() returns trigger language plpgsql as $$ begin raise exception 'boom'; end $$");
        await sql("create trigger boom before insert on customer_erasures for each row execute function boom()");
      }
      const before = await everything();
      const res = await app.gql(ERASE, { id, keys: ["loyaltyCard"] });
      expect(firstError(res)?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      await sql(db.name === "sqlite" ? "drop trigger boom" : "drop trigger boom on customer_erasures");
      const after = await app.gql<{ exportCustomerData: { customer: Record<string, unknown>; tables: Record<string, unknown[]> } }>(EXPORT, { id });
      expect(after.data?.exportCustomerData.customer).toMatchObject({ externalId: anna.externalId, email: anna.email, traits: anna.traits });
      expect(after.data?.exportCustomerData.tables.customer_identities).toHaveLength(2);
      const text = await everything();
      for (const v of personalValues(anna)) expect(before.includes(v) && text.includes(v), v).toBe(true);
    });

    it("should erase every personal value from every table, keep the aggregates and the other customer, record the erasure, and be idempotent", async () => {
      const id = ids.get(anna.externalId) as string;
      const aggregatesBefore = await app.gql(AGGREGATES);
      expect(aggregatesBefore.errors).toBeUndefined();
      const stored = await everything();
      for (const v of [...personalValues(anna), ...personalValues(bob)]) expect(stored, `${v} stored before`).toContain(v);

      const res = await app.gql<{ eraseCustomer: { reference: string; customerId: string; erasedAt: string; counts: Record<string, number>; total: number; personalProperties: string[] } }>(ERASE, { id, keys: ["loyaltyCard"] });
      expect(res.errors).toBeUndefined();
      const erasure = res.data?.eraseCustomer;
      expect(erasure?.customerId).toBe(id);
      expect(erasure?.personalProperties).toEqual(["loyaltyCard"]);
      expect(erasure?.counts).toMatchObject({
        customer_identities: 2,
        "customers.email": 1,
        "customers.traits": 1,
        "customers.external_id": 1,
        "points_operations.reason": 1,
        // email; loyaltyCard; note, contact (holds the email) and first_name
        "interactions.properties": 5,
      });
      expect(erasure?.total).toBe(Object.values(erasure?.counts ?? {}).reduce((a, b) => a + b, 0));

      // No personal value of the customer anywhere; the other customer's all still there.
      const text = await everything();
      for (const v of personalValues(anna)) expect(text.includes(v), `${v} after erasure`).toBe(false);
      for (const v of personalValues(bob)) expect(text, `${v} of the other customer`).toContain(v);
      // The record holds no erased value either (it is part of the scan above), only counts and a reference.
      expect(text).toContain(erasure?.reference);

      // Aggregates are the answers from before.
      expect(await app.gql(AGGREGATES)).toEqual(aggregatesBefore);

      // Non-personal properties stay; the export shows the anonymised customer and the record.
      const after = await app.gql<{ exportCustomerData: { customer: Record<string, unknown>; tables: Record<string, Record<string, unknown>[]> } }>(EXPORT, { id });
      const data = after.data?.exportCustomerData;
      expect(data?.customer).toMatchObject({ externalId: `${ERASED_PREFIX}${erasure?.reference}`, email: null, traits: null });
      expect(data?.tables.interactions?.map((r) => r.properties)).toEqual([{ sku: "SKU-1" }, { basket: { sku: "SKU-2", qty: 2 } }, { context: {} }, null]);
      expect(data?.tables.customer_identities).toEqual([]);
      expect(data?.tables.customer_erasures?.map((r) => r.reference)).toEqual([erasure?.reference]);
      expect(data?.tables.orders).toHaveLength(2);

      // Again: nothing left to erase, a second record with zero counts.
      const again = await app.gql<{ eraseCustomer: { reference: string; total: number; counts: Record<string, number> } }>(ERASE, { id, keys: ["loyaltyCard"] });
      expect(again.errors).toBeUndefined();
      expect(again.data?.eraseCustomer.total).toBe(0);
      expect(again.data?.eraseCustomer.reference).not.toBe(erasure?.reference);
      expect(await app.gql(AGGREGATES)).toEqual(aggregatesBefore);
      const [n] = await sql("select count(*) as n from customer_erasures where customer_id = ?", [app.rowId("cus", id)]);
      expect(Number(n?.n)).toBe(2);
      const [other] = await sql("select email, traits from customers where external_id = ?", [bob.externalId]);
      expect(other?.email).toBe(bob.email);
    });
  });
}
