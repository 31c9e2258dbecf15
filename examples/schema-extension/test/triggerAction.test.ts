// The plugin's `webhook` trigger action kind over real HTTP on SQLite and PostgreSQL: createTrigger validates it
// (the core's validateTrigger with the plugin's kinds), an order fires it, consent applies when it has a channel.
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultChannels, evaluateTriggers, InputError, validateTrigger, type Trigger } from "@engagekit/core";
import { pluginRuntime, type PluginTriggerActionOf } from "@engagekit/graphql";
import { start } from "../src/main.js";
import { dbs, target, type Gql } from "./databases.js";
import { subscriptionsPlugin, type SubscriptionsPlugin } from "../src/subscriptionsPlugin.js";

const datasets = resolve(import.meta.dirname, "../../../datasets");
const CHANNELS = defaultChannels.map((c) => c.id);



// Typed by the plugin's kind: a wrong parameter would not compile (see pluginApi.test.ts).
const hook: PluginTriggerActionOf<readonly [SubscriptionsPlugin]> = { type: "custom", kind: "webhook", params: { url: "https://crm.example/hooks/orders", event: "order.placed" } };
const orderHook = { id: "order-webhook", condition: { kind: "interaction", interactionType: "purchase" }, action: hook, priority: 30, holdoutShare: 0 };
const smsHook = { id: "sms-webhook", condition: { kind: "interaction", interactionType: "purchase" }, action: { type: "custom", kind: "webhook", params: { url: "https://sms.example/send" }, channel: "sms" }, priority: 20, holdoutShare: 0 };
const serviceHook = { ...smsHook, id: "sms-receipt", action: { ...smsHook.action, purpose: "service" } };

/** The core's view of a trigger, with the plugin's action kinds (what createTrigger checks against). */
const kinds = pluginRuntime([subscriptionsPlugin()]).actionKinds;
const core = (t: Record<string, unknown>, path: (string | number)[] = []): Trigger => validateTrigger(t, { channels: CHANNELS, actionKinds: kinds }, path);


for (const db of dbs) {
  describe.skipIf(!db.available)(`the plugin's webhook trigger action on ${db.name}`, () => {
    let app: Awaited<ReturnType<typeof start>>;
    let cleanup: () => void;
    const gql = async <T>(query: string, variables?: Record<string, unknown>): Promise<Gql<T>> => {
      const res = await fetch(app.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as Gql<T>;
    };
    const CREATE = `mutation($input: JSONObject!) { createTrigger(input: $input) { id action } }`;
    const DUE = `query($trigger: ID, $status: ActionStatus) { dueActions(first: 50, trigger: $trigger, status: $status) { edges { node { status actionType actionKind channel purpose action cause dedupKey reasons customer { id externalId } } } } }`;
    type Node = { status: string; actionType: string; actionKind: string | null; channel: string | null; purpose: string | null; action: Record<string, unknown>; cause: string; dedupKey: string; reasons: string[]; customer: { id: string; externalId: string } };
    const due = async (trigger: string, status?: string) => ((await gql<{ dueActions: { edges: { node: Node }[] } }>(DUE, { trigger, ...(status ? { status } : {}) })).data?.dueActions.edges ?? []).map((e) => e.node);
    const triggerCount = async () => ((await gql<{ triggers: { totalCount: number } }>(`{ triggers { totalCount } }`)).data?.triggers.totalCount ?? -1);

    beforeAll(async () => {
      const t = target(db.name, "action");
      cleanup = t.cleanup;
      app = await start(t.target, 0, datasets, { seed: false });
    });
    afterAll(async () => {
      await app?.stop();
      cleanup?.();
    });

    it("should refuse bad webhook parameters as the core does, BAD_USER_INPUT at input.action.<field>, and store nothing", async () => {
      const bad: [Record<string, unknown>, string, string][] = [
        [{ ...hook, params: {} }, "input.action.params.url", "JOURNEY.INVALID_FIELD"],
        [{ ...hook, params: { url: "http://crm.example/h" } }, "input.action.params.url", "JOURNEY.INVALID_FIELD"],
        [{ ...hook, params: { url: "https://crm.example/h", token: "secret" } }, "input.action.params.token", "JOURNEY.INVALID_FIELD"],
        [{ ...hook, params: { url: "https://crm.example/h", event: "Order Placed" } }, "input.action.params.event", "JOURNEY.INVALID_FIELD"],
        // The kind's own check.
        [{ ...hook, params: { url: "https://user:pw@crm.example/h" } }, "input.action.params.url", "WEBHOOK.CREDENTIALS_IN_URL"],
        [{ ...hook, kind: "fax" }, "input.action.kind", "JOURNEY.UNKNOWN_REFERENCE"],
        [{ ...hook, channel: "pigeon" }, "input.action.channel", "JOURNEY.UNKNOWN_REFERENCE"],
      ];
      for (const [action, field, reason] of bad) {
        const input = { ...orderHook, id: "bad", action };
        let e: unknown;
        try {
          core(input, ["input"]);
        } catch (err) {
          e = err;
        }
        expect(e instanceof InputError && [e.path.join("."), e.code], field).toEqual([field, reason]);
        expect((await gql(CREATE, { input })).errors?.[0]?.extensions, field).toMatchObject({ code: "BAD_USER_INPUT", field, reason });
      }
      expect(await triggerCount()).toBe(0);
    });

    it("should store the trigger as the core types it and fire it on an order, carrying the kind and params", async () => {
      for (const t of [orderHook, smsHook, serviceHook]) {
        const created = await gql<{ createTrigger: { id: string; action: unknown } }>(CREATE, { input: t });
        expect(created.errors).toBeUndefined();
        expect(created.data?.createTrigger).toEqual({ id: t.id, action: core(t).action });
      }
      // The purpose of a custom contact defaults to marketing.
      expect(core(smsHook).action).toMatchObject({ channel: "sms", purpose: "marketing" });
      const orderedAt = Date.now() - 60_000;
      const res = await gql(`mutation($input: [OrderInput!]!) { recordOrders(input: $input) { created } }`, { input: [{ externalId: "wh-1", customer: { externalId: "buyer" }, orderedAt: new Date(orderedAt).toISOString(), amount: 42 }] });
      expect(res.errors).toBeUndefined();
      const [fired] = await due("order-webhook");
      expect(fired).toBeDefined();
      const node = fired as Node;
      // The core on the same facts: the order as a purchase `order:<id>`, no consent needed without a channel.
      const expected = evaluateTriggers([{ customerId: node.customer.id, interactions: [{ id: "order:wh-1", type: "purchase", at: orderedAt }] }], [orderHook, smsHook, serviceHook].map((t) => core(t)), Date.now());
      const mine = expected.actions.find((a) => a.triggerId === "order-webhook");
      expect({ status: node.status, actionType: node.actionType, actionKind: node.actionKind, channel: node.channel, purpose: node.purpose, action: node.action, cause: node.cause, dedupKey: node.dedupKey }).toEqual({
        status: "PENDING",
        actionType: "custom",
        actionKind: "webhook",
        channel: null,
        purpose: null,
        action: mine?.action,
        cause: mine?.cause,
        dedupKey: mine?.dedupKey,
      });
      expect(node.action).toEqual({ type: "custom", kind: "webhook", params: { url: "https://crm.example/hooks/orders", event: "order.placed" } });
      // With a channel it is a contact: marketing without consent is blocked (as the core decides), service passes.
      expect(expected.blocked.map((b) => b.triggerId)).toEqual(["sms-webhook"]);
      expect((await due("sms-webhook", "BLOCKED")).map((a) => [a.actionKind, a.channel, a.purpose])).toEqual([["webhook", "sms", "marketing"]]);
      expect((await due("sms-receipt")).map((a) => [a.status, a.actionKind, a.channel, a.purpose])).toEqual([["PENDING", "webhook", "sms", "service"]]);
      // A retried order fires nothing more.
      await gql(`mutation($input: [OrderInput!]!) { recordOrders(input: $input) { created } }`, { input: [{ externalId: "wh-1", customer: { externalId: "buyer" }, orderedAt: new Date(orderedAt).toISOString(), amount: 42 }] });
      expect(await due("order-webhook")).toHaveLength(1);
    });
  });
}
