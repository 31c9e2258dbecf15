import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileSegment, wilsonInterval, type Profile, type SegmentDefinition } from "@engagekit/core";
import { pluginRuntime } from "@engagekit/graphql";
import { ensureWorkspace } from "@engagekit/server/seed";
import { start } from "../src/main.js";
import { dbs, target, type Gql } from "./databases.js";
import type { AuditEntry } from "../src/auditMiddleware.js";
import { subscriptionsPlugin } from "../src/subscriptionsPlugin.js";

const DAY = 86_400_000;
const datasets = resolve(import.meta.dirname, "../../../datasets");


/**
 * The fixture, relative to the test's start: customers with their last
 * purchase (days ago) and subscription renewal (days ahead). c6 has no
 * subscription.
 */
const customers = [
  { id: "c1", purchasedDaysAgo: [10], renewsInDays: 10, plan: "pro" },
  { id: "c2", purchasedDaysAgo: [200, 400], renewsInDays: 20, plan: "pro" },
  { id: "c3", purchasedDaysAgo: [300], renewsInDays: 45, plan: "pro" },
  { id: "c4", purchasedDaysAgo: [5, 50], renewsInDays: 5, plan: "basic" },
  { id: "c5", purchasedDaysAgo: [120], renewsInDays: 3, plan: "basic" },
  { id: "c6", purchasedDaysAgo: [1], renewsInDays: null, plan: null },
] as const;


/** The core's profile of a fixture customer, as the plugin's profile traits and engagekit's order history build it. */
function coreProfile(c: (typeof customers)[number], t0: number): Profile {
  const times = c.purchasedDaysAgo.map((d) => t0 - d * DAY).sort((a, b) => a - b);
  return {
    id: c.id,
    traits: c.renewsInDays === null ? {} : { "subscriptions.renewsAt": t0 + c.renewsInDays * DAY, "subscriptions.plan": c.plan },
    interactions: { purchase: { count: times.length, first: times[0] as number, last: times[times.length - 1] as number, times } },
  };
}


for (const db of dbs) {
  describe.skipIf(!db.available)(`the subscriptions plugin over HTTP on ${db.name}`, () => {
    let app: Awaited<ReturnType<typeof start>>;
    let cleanup: () => void;
    const audit: AuditEntry[] = [];
    const t0 = Date.now();
    const ids = new Map<string, string>();
    const gql = async <T>(query: string, variables?: Record<string, unknown>, workspace = "demo"): Promise<Gql<T>> => {
      const res = await fetch(app.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-engagekit-workspace": workspace },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    };
    const members = async (key: string) => {
      const res = await gql<{ segment: { memberCount: number; members: { edges: { node: { externalId: string } }[] } } }>(
        `query($key: String!) { segment(key: $key) { memberCount members(first: 50) { edges { node { externalId } } } } }`,
        { key },
      );
      return res.data?.segment.members.edges.map((e) => e.node.externalId).sort() ?? [];
    };
    const upsert = `mutation($input: [SubscriptionInput!]!) { upsertSubscriptions(input: $input) { customerId plan renewsAt } }`;

    beforeAll(async () => {
      const t = target(db.name, "plugin");
      cleanup = t.cleanup;
      app = await start(t.target, 0, datasets, { seed: false, onAudit: (e) => audit.push(e) });
      await ensureWorkspace(app.orm, "other", false, datasets);
      const orders = customers.flatMap((c) =>
        c.purchasedDaysAgo.map((d, i) => ({ externalId: `${c.id}-o${i}`, customer: { externalId: c.id }, orderedAt: new Date(t0 - d * DAY).toISOString(), amount: 10 + i })),
      );
      const recorded = await gql<{ recordOrders: { created: number } }>(`mutation($input: [OrderInput!]!) { recordOrders(input: $input) { created } }`, { input: orders });
      expect(recorded.errors).toBeUndefined();
      const list = await gql<{ customers: { edges: { node: { id: string; externalId: string } }[] } }>(`{ customers(first: 50) { edges { node { id externalId } } } }`);
      for (const { node } of list.data?.customers.edges ?? []) ids.set(node.externalId, node.id);
    });
    afterAll(async () => {
      await app?.stop();
      cleanup?.();
    });

    it("should apply the plugin's migration after engagekit's, tracked in the same table, once", async () => {
      expect(app.applied.at(-1)).toBe("subscriptions:Migration20261204000000_subscriptions");
      expect(app.applied.indexOf("subscriptions:Migration20261204000000_subscriptions")).toBe(app.applied.length - 1);
      expect(app.applied.length).toBeGreaterThan(1);
      const executed = await app.orm.getMigrator().getExecutedMigrations();
      expect(executed.map((m) => m.name)).toContain("subscriptions:Migration20261204000000_subscriptions");
      expect(await app.orm.getMigrator().getPendingMigrations()).toEqual([]);
    });

    it("should upsert subscriptions, serve Customer.subscription, and keep them in their workspace", async () => {
      const input = customers.filter((c) => c.renewsInDays !== null).map((c) => ({ customerExternalId: c.id, plan: c.plan, renewsAt: new Date(t0 + (c.renewsInDays as number) * DAY).toISOString() }));
      const res = await gql<{ upsertSubscriptions: { customerId: string; plan: string; renewsAt: string }[] }>(upsert, { input });
      expect(res.errors).toBeUndefined();
      expect(res.data?.upsertSubscriptions).toHaveLength(5);
      const again = await gql<{ upsertSubscriptions: unknown[] }>(upsert, { input });
      expect(again.data?.upsertSubscriptions).toHaveLength(5);
      const all = await gql<{ subscriptions: unknown[] }>(`{ subscriptions { plan } }`);
      expect(all.data?.subscriptions).toHaveLength(5);
      const list = await gql<{ customers: { edges: { node: { id: string; externalId: string; subscription: { id: string; customerId: string; plan: string; renewsAt: string } | null } }[] } }>(
        `{ customers(first: 50) { edges { node { id externalId subscription { id customerId plan renewsAt } } } } }`,
      );
      for (const c of customers) {
        const node = list.data?.customers.edges.find((e) => e.node.externalId === c.id)?.node;
        if (c.renewsInDays === null) expect(node?.subscription).toBeNull();
        else {
          expect(node?.subscription).toMatchObject({ plan: c.plan, renewsAt: new Date(t0 + c.renewsInDays * DAY).toISOString() });
          // The plugin's ids are opaque like engagekit's (the idKind extension): the same customer id as Customer.id.
          expect(node?.subscription?.customerId).toBe(node?.id);
          expect(node?.subscription?.id).toMatch(/^sub_[A-Za-z0-9_-]{22}$/);
        }
      }
      // Tenant isolation: another workspace sees none and cannot reach demo's customers.
      expect((await gql<{ subscriptions: unknown[] }>(`{ subscriptions { plan } }`, undefined, "other")).data?.subscriptions).toEqual([]);
      const foreign = await gql(upsert, { input: [{ customerExternalId: "c1", plan: "x", renewsAt: new Date(t0).toISOString() }] }, "other");
      expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.0.customerExternalId" });
    });

    it("should reject a bad batch with BAD_USER_INPUT and the item's path, writing nothing", async () => {
      const before = await gql<{ subscriptions: { plan: string }[] }>(`{ subscriptions { plan } }`);
      const res = await gql(upsert, {
        input: [
          { customerExternalId: "c1", plan: "enterprise", renewsAt: new Date(t0).toISOString() },
          { customerExternalId: "nobody", plan: "pro", renewsAt: new Date(t0).toISOString() },
        ],
      });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.1.customerExternalId" });
      const empty = await gql(upsert, { input: [{ customerExternalId: "c1", plan: "", renewsAt: new Date(t0).toISOString() }] });
      expect(empty.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.0.plan" });
      expect((await gql<{ subscriptions: { plan: string }[] }>(`{ subscriptions { plan } }`)).data).toEqual(before.data);
    });

    it("should store a segment with the plugin's condition kind, with the members the core computes on the same data", async () => {
      const condition = { type: "subscription_renewing_within", days: 30 };
      const created = await gql<{ createSegment: { memberCount: number } }>(`mutation($c: JSONObject!) { createSegment(input: { key: "renewing-30", name: "Renewing in 30 days", condition: $c }) { memberCount } }`, { c: condition });
      expect(created.errors).toBeUndefined();
      const registry = pluginRuntime([subscriptionsPlugin()]).registry;
      const predicate = compileSegment({ id: "renewing-30", condition } as unknown as SegmentDefinition, { registry });
      const expected = customers.filter((c) => predicate(coreProfile(c, t0), Date.now())).map((c) => c.id).sort();
      expect(expected).toEqual(["c1", "c2", "c4", "c5"]);
      expect(await members("renewing-30")).toEqual(expected);
      expect(created.data?.createSegment.memberCount).toBe(expected.length);

      const basic = await gql(`mutation($c: JSONObject!) { createSegment(input: { key: "basic-renewing", name: "Basic renewing", condition: $c }) { memberCount } }`, {
        c: { type: "all", conditions: [{ type: "subscription_renewing_within", days: 30, plan: "basic" }, { type: "performed", interaction: "purchase", op: "atLeast", times: 1 }] },
      });
      expect(basic.errors).toBeUndefined();
      expect(await members("basic-renewing")).toEqual(["c4", "c5"]);

      const preview = await gql<{ previewSegment: { count: number; total: number } }>(`{ previewSegment(input: { key: "p", name: "p", condition: { type: "subscription_renewing_within", days: 50 } }) { count total } }`);
      expect(preview.data?.previewSegment).toEqual({ count: 5, total: 6 });
    });

    it("should explain the plugin's condition with the values it saw", async () => {
      const c3 = ids.get("c3") as string;
      const res = await gql<{ explainSegment: { matched: boolean; children: { matched: boolean; seen: { renewsAt: number; plan: string } }[] } }>(`{ explainSegment(key: "renewing-30", customerId: "${c3}") }`);
      expect(res.data?.explainSegment.matched).toBe(false);
      expect(res.data?.explainSegment.children[0]?.seen).toEqual({ renewsAt: t0 + 45 * DAY, plan: "pro" });
      const c1 = ids.get("c1") as string;
      const hit = await gql<{ explainSegment: { matched: boolean } }>(`{ explainSegment(key: "renewing-30", customerId: "${c1}") }`);
      expect(hit.data?.explainSegment.matched).toBe(true);
    });

    it("should validate the plugin kind's parameters at runtime: BAD_USER_INPUT with the path, nothing stored", async () => {
      const create = (c: unknown) => gql(`mutation($c: JSONObject!) { createSegment(input: { key: "bad", name: "bad", condition: $c }) { key } }`, { c });
      const wrongType = await create({ type: "subscription_renewing_within", days: "30" });
      expect(wrongType.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.condition.days" });
      const negative = await create({ type: "all", conditions: [{ type: "subscription_renewing_within", days: -1 }] });
      expect(negative.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.condition.conditions.0.days" });
      const extra = await create({ type: "subscription_renewing_within", days: 3, weeks: 1 });
      expect(extra.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.condition.weeks" });
      const missing = await create({ type: "subscription_renewing_within" });
      expect(missing.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.condition.days" });
      const unknown = await create({ type: "subscription_renewing_soon", days: 3 });
      expect(unknown.errors?.[0]?.message).toContain('"subscription_renewing_within"');
      expect((await gql<{ segment: unknown }>(`{ segment(key: "bad") { key } }`)).data?.segment).toBeNull();
    });

    it("should answer metrics { churnRisk } as the core does on the same data", async () => {
      const res = await gql<{ metrics: { churnRisk: { renewing: number; atRisk: number; share: number | null; interval: { lower: number; upper: number; method: string } | null } } }>(
        `{ metrics { churnRisk(days: 30, inactiveDays: 90) { renewing atRisk share interval { lower upper method } } } }`,
      );
      expect(res.errors).toBeUndefined();
      const now = Date.now();
      const registry = pluginRuntime([subscriptionsPlugin()]).registry;
      const renewing = compileSegment({ id: "r", condition: { type: "subscription_renewing_within", days: 30 } } as unknown as SegmentDefinition, { registry });
      const profiles = customers.map((c) => coreProfile(c, t0));
      const n = profiles.filter((p) => renewing(p, now)).length;
      const k = profiles.filter((p) => renewing(p, now) && !((p.interactions["purchase"]?.last ?? -Infinity) > now - 90 * DAY)).length;
      expect([n, k]).toEqual([4, 2]);
      const interval = wilsonInterval(k, n);
      expect(res.data?.metrics.churnRisk).toEqual({ renewing: n, atRisk: k, share: k / n, interval: { lower: interval.lower, upper: interval.upper, method: "wilson" } });
      // Nothing renews within a tenth of a day: no share, not 0.
      const none = await gql<{ metrics: { churnRisk: { renewing: number; share: number | null } } }>(`{ metrics { churnRisk(days: 0.1) { renewing share } } }`);
      expect(none.data?.metrics.churnRisk).toEqual({ renewing: 0, share: null });
      const bad = await gql(`{ metrics { churnRisk(days: -5) { renewing } } }`);
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    });

    it("should keep the plugin's traits when ingestion re-evaluates customers from its own profiles", async () => {
      // A purchase by c2 re-evaluates c2 (basic-renewing depends on purchases) from the batch's folded profile:
      // without the plugin's traits c2 would drop out of renewing-30.
      const res = await gql<{ recordOrders: { created: number; segmentChanges: { customerId: string; entered: string[]; exited: string[] }[] } }>(
        `mutation($input: [OrderInput!]!) { recordOrders(input: $input) { created segmentChanges { customerId entered exited } } }`,
        { input: [{ externalId: "c2-new", customer: { externalId: "c2" }, orderedAt: new Date().toISOString(), amount: 5 }] },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.recordOrders.created).toBe(1);
      expect(res.data?.recordOrders.segmentChanges).toEqual([]);
      expect(await members("renewing-30")).toEqual(["c1", "c2", "c4", "c5"]);
      const risk = await gql<{ metrics: { churnRisk: { atRisk: number } } }>(`{ metrics { churnRisk { atRisk } } }`);
      expect(risk.data?.metrics.churnRisk.atRisk).toBe(1);
    });

    it("should move customers in and out as subscriptions change and as renewal windows pass", async () => {
      // c3 now renews in 2 days: it enters; c1 moves to 100 days: it leaves.
      const res = await gql(upsert, {
        input: [
          { customerExternalId: "c3", plan: "pro", renewsAt: new Date(t0 + 2 * DAY).toISOString() },
          { customerExternalId: "c1", plan: "pro", renewsAt: new Date(t0 + 100 * DAY).toISOString() },
        ],
      });
      expect(res.errors).toBeUndefined();
      expect(await members("renewing-30")).toEqual(["c2", "c3", "c4", "c5"]);
      // 21 days on, every renewal inside the window has passed; c1 (100 days) is not yet within 30.
      await app.expire(t0 + 21 * DAY);
      expect(await members("renewing-30")).toEqual([]);
      // 75 days on, c1 renews within 30 days: the next-check time the kind gave brings it in.
      await app.expire(t0 + 75 * DAY);
      expect(await members("renewing-30")).toEqual(["c1"]);
    });

    it("should run the audit middleware on fields marked with @Extensions({ audit }) only", () => {
      const demo = audit.filter((e) => e.workspace === "demo");
      expect(demo.length).toBeGreaterThanOrEqual(5);
      expect(demo.every((e) => e.action === "subscriptions.upsert")).toBe(true);
      expect(demo.filter((e) => !e.ok).map((e) => e.items)).toEqual([2, 1]);
      expect(demo.filter((e) => e.ok).map((e) => e.items)).toEqual([5, 5, 2]);
      expect(audit.filter((e) => e.workspace === "other")).toEqual([{ action: "subscriptions.upsert", workspace: "other", items: 1, ok: false }]);
    });
  });
}
