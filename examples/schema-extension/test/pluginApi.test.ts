import { describe, expect, it } from "vitest";
import { printSchema } from "graphql";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openOrm } from "@engagekit/server/orm";
import { createSchema, createServer, defineConditionKind, definePlugin, defineSegment, defineTriggerAction, pluginMigrations, type PluginConditionOf, type PluginTriggerActionOf } from "@engagekit/graphql";
import { subscriptionsPlugin, type SubscriptionsPlugin } from "../src/subscriptionsPlugin.js";
import { renewingWithin } from "../src/renewingWithin.js";
import { webhookAction } from "../src/webhookAction.js";

const plugin = subscriptionsPlugin();

describe("the plugin API's types: a segment using the plugin's kind is type-checked", () => {
  it("should accept well-typed definitions (nested too) and return them unchanged", () => {
    const def = defineSegment([plugin], {
      id: "renewing-basic",
      condition: { type: "all", conditions: [{ type: "subscription_renewing_within", days: 30, plan: "basic" }, { type: "trait", field: "plan", op: "equals", value: "pro" }] },
    });
    expect(def.condition).toEqual({ type: "all", conditions: [{ type: "subscription_renewing_within", days: 30, plan: "basic" }, { type: "trait", field: "plan", op: "equals", value: "pro" }] });
    // The node type is the plugin's params plus its type literal.
    const node: PluginConditionOf<readonly [SubscriptionsPlugin]> = { type: "subscription_renewing_within", days: 7 };
    expect(node.days).toBe(7);
  });

  it("should reject ill-typed parameters at compile time (checked by tsc in npm run typecheck)", () => {
    const bad = [
      // @ts-expect-error days must be a number
      defineSegment([plugin], { id: "a", condition: { type: "subscription_renewing_within", days: "30" } }),
      // @ts-expect-error days is required
      defineSegment([plugin], { id: "b", condition: { type: "subscription_renewing_within" } }),
      // @ts-expect-error no such parameter
      defineSegment([plugin], { id: "c", condition: { type: "subscription_renewing_within", days: 3, weeks: 1 } }),
      // @ts-expect-error no such kind without the plugin
      defineSegment([], { id: "d", condition: { type: "subscription_renewing_within", days: 3 } }),
      // @ts-expect-error inside all/any/not too
      defineSegment([plugin], { id: "e", condition: { type: "not", condition: { type: "subscription_renewing_within", days: true } } }),
    ];
    expect(bad).toHaveLength(5);
  });
});

describe("the plugin API's types: a trigger action of the plugin's kind is type-checked", () => {
  it("should type the action node by kind and params (checked by tsc in npm run typecheck)", () => {
    type Action = PluginTriggerActionOf<readonly [SubscriptionsPlugin]>;
    const ok: Action = { type: "custom", kind: "webhook", params: { url: "https://x.example" }, channel: "sms", purpose: "service" };
    const bad: Action[] = [
      // @ts-expect-error url must be a string
      { type: "custom", kind: "webhook", params: { url: 1 } },
      // @ts-expect-error url is required
      { type: "custom", kind: "webhook", params: {} },
      // @ts-expect-error no such kind in the plugin
      { type: "custom", kind: "fax", params: { url: "https://x.example" } },
    ];
    expect([ok.kind, bad.length]).toEqual(["webhook", 3]);
    // The kind's schema: the declared properties, url required, nothing else.
    expect(webhookAction.action.params).toMatchObject({ type: "object", required: ["url"], additionalProperties: false });
  });
});

describe("the plugin API at startup", () => {
  it("should name the owner when two plugins bring the same trigger action kind, and refuse engagekit's own action types", async () => {
    const copy = definePlugin({ name: "crm", triggerActions: [webhookAction] });
    await expect(createSchema({ plugins: [plugin, copy] })).rejects.toThrow('plugin "crm": trigger action kind "webhook" is already registered by plugin "subscriptions"');
    for (const kind of ["task", "custom", "Web Hook"]) {
      expect(() => defineTriggerAction<{ url: string }>()({ kind, params: { properties: { url: { type: "string" } } } }), kind).toThrow("defineTriggerAction requires a kind");
    }
  });

  it("should name both plugins when two share a name", async () => {
    await expect(createSchema({ plugins: [plugin, subscriptionsPlugin()] })).rejects.toThrow('two plugins are named "subscriptions"');
  });

  it("should name the owner when two plugins bring the same condition kind, or one takes an engagekit kind", async () => {
    const copy = definePlugin({ name: "billing", conditions: [renewingWithin] });
    await expect(createSchema({ plugins: [plugin, copy] })).rejects.toThrow('plugin "billing": condition kind "subscription_renewing_within" is already registered by plugin "subscriptions"');
    const consent = defineConditionKind<{ granted: boolean }>()({
      type: "consent",
      params: { properties: { granted: { type: "boolean" } } },
      compile: () => () => true,
      observe: () => null,
      dependencies: () => [],
    });
    await expect(createSchema({ plugins: [definePlugin({ name: "mine", conditions: [consent] })] })).rejects.toThrow('plugin "mine": condition kind "consent" is one of engagekit\'s own');
  });

  it("should refuse a bad plugin name and a migration list for one dialect only", () => {
    expect(() => definePlugin({ name: "Bad Name" })).toThrow("definePlugin requires a name");
    const one = definePlugin({ name: "half", migrations: { sqlite: plugin.migrations?.sqlite ?? [], postgresql: [] } });
    expect(() => pluginMigrations([one], "sqlite")).toThrow('plugin "half": 1 sqlite migrations but 0 for the other dialect');
    expect(pluginMigrations([plugin], "postgresql").map((m) => m.name)).toEqual(["subscriptions:Migration20261204000000_subscriptions"]);
  });

  it("should add the plugin's types, fields and the metrics root field only when installed", async () => {
    const sdl = printSchema(await createSchema({ plugins: [plugin] }));
    expect(sdl).toMatch(/type Customer \{[^}]*subscription: Subscription/s);
    expect(sdl).toContain("upsertSubscriptions(input: [SubscriptionInput!]!): [Subscription!]!");
    expect(sdl).toMatch(/type Metrics \{[^}]*churnRisk\([^)]*days: Float! = 30[^)]*inactiveDays: Float! = 90\s*\): ChurnRisk!/s);
    expect(sdl).toContain("metrics: Metrics!");
    const plain = printSchema(await createSchema());
    expect(plain).not.toContain("type Metrics");
    expect(plain).not.toContain("type Subscription {");
    expect(plain).not.toContain("upsertSubscriptions");
  });

  it("should refuse createServer plugins that differ from the schema's", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ek-plugin-api-"));
    const orm = await openOrm({ sqliteFile: join(dir, "x.sqlite") }, { plugins: [plugin] });
    try {
      await expect(createServer({ orm, schema: await createSchema(), plugins: [plugin], defaultWorkspace: "demo" })).rejects.toThrow(
        'createServer: plugins "subscriptions" differ between createSchema({ plugins }) and createServer({ plugins })',
      );
    } finally {
      await orm.close(true);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
