// The plugin's engagement model (`renewal_desk`) over real HTTP on SQLite and PostgreSQL: listed beside the core's
// catalog with source PLUGIN, usable in a strategy and by assignment, revisable by a workspace, and checked at startup.
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engagementModelCatalog, validateEngagementModel } from "@engagekit/core";
import { definePlugin, pluginRuntime } from "@engagekit/graphql";
import { start } from "../src/main.js";
import { dbs, target, type Gql } from "./databases.js";
import { renewalDesk } from "../src/renewalDesk.js";

const datasets = resolve(import.meta.dirname, "../../../datasets");




describe("a plugin's engagement models at startup", () => {
  it("should be checked by the core's validateEngagementModel, and refused when an id is the catalog's or another plugin's", () => {
    expect(pluginRuntime([definePlugin({ name: "desk", models: [renewalDesk] })]).models.get("renewal_desk")).toEqual(validateEngagementModel(renewalDesk));
    expect(() => pluginRuntime([definePlugin({ name: "bad", models: [{ ...renewalDesk, channels: ["fax"] }] })])).toThrow(/plugin "bad": models\[0\]\.channels\.0: /);
    expect(() => pluginRuntime([definePlugin({ name: "copy", models: [{ ...renewalDesk, id: "high_touch" }] })])).toThrow('plugin "copy": engagement model "high_touch" is one of the core\'s catalog');
    expect(() => pluginRuntime([definePlugin({ name: "a", models: [renewalDesk] }), definePlugin({ name: "b", models: [renewalDesk] })])).toThrow('plugin "b": engagement model "renewal_desk" is already brought by plugin "a"');
  });
});

for (const db of dbs) {
  describe.skipIf(!db.available)(`the plugin's engagement model on ${db.name}`, () => {
    let app: Awaited<ReturnType<typeof start>>;
    let cleanup: () => void;
    const gql = async <T>(query: string, variables?: Record<string, unknown>): Promise<Gql<T>> => {
      const res = await fetch(app.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as Gql<T>;
    };

    beforeAll(async () => {
      const t = target(db.name, "model");
      cleanup = t.cleanup;
      app = await start(t.target, 0, datasets, { seed: false });
    });
    afterAll(async () => {
      await app?.stop();
      cleanup?.();
    });

    it("should list it beside the core's catalog, with source PLUGIN and the core's validated definition", async () => {
      const res = await gql<{ engagementModels: { id: string; source: string; version: number; definition: unknown }[] }>(`{ engagementModels { id source version definition } }`);
      expect(res.errors).toBeUndefined();
      const models = res.data?.engagementModels ?? [];
      expect(models.map((m) => m.id)).toEqual(expect.arrayContaining([...engagementModelCatalog.map((m) => m.id), "renewal_desk"]));
      expect(models).toHaveLength(engagementModelCatalog.length + 1);
      const desk = models.find((m) => m.id === "renewal_desk");
      expect(desk).toMatchObject({ source: "PLUGIN", version: 1 });
      expect(desk?.definition).toEqual(JSON.parse(JSON.stringify(validateEngagementModel(renewalDesk))));
      // A workspace cannot create a model under the plugin's id.
      const clash = await gql(`mutation($input: EngagementModelInput!) { createEngagementModel(input: $input) { id } }`, { input: { ...renewalDesk, version: undefined } });
      expect(clash.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", field: "input.id" });
    });

    it("should serve in a strategy and be assigned, then be revised by the workspace as a new version", async () => {
      const seg = await gql(`mutation { createSegment(input: { key: "buyers", name: "Buyers", condition: { type: "performed", interaction: "purchase", op: "atLeast", times: 1 } }) { key } }`);
      expect(seg.errors).toBeUndefined();
      const ingest = await gql(`mutation { recordInteractions(input: [{ idempotencyKey: "m1", customer: { externalId: "sub-1" }, type: "purchase", channel: "web", occurredAt: "2026-11-20T10:00:00Z" }, { idempotencyKey: "m2", customer: { externalId: "sub-2" }, type: "page_view", channel: "web", occurredAt: "2026-11-20T10:00:00Z" }]) { created } }`);
      expect(ingest.errors).toBeUndefined();
      const strategy = await gql(`mutation { setEngagementStrategy(input: { rules: [{ segment: "buyers", models: ["renewal_desk"] }], fallback: "low_touch", capacities: [] }) { fallback } }`);
      expect(strategy.errors).toBeUndefined();
      const assigned = await gql<{ assignEngagementModels: { customers: number; usage: { model: string; customers: number }[] } }>(
        `mutation { assignEngagementModels(dryRun: false, asOf: "2026-11-25T00:00:00Z") { customers usage { model customers } } }`,
      );
      expect(assigned.errors).toBeUndefined();
      expect(Object.fromEntries((assigned.data?.assignEngagementModels.usage ?? []).map((u) => [u.model, u.customers]))).toEqual({ renewal_desk: 1, low_touch: 1 });
      const customers = await gql<{ customers: { edges: { node: { externalId: string; engagementModel: { model: { id: string; source: string }; version: number } | null } }[] } }>(
        `{ customers(first: 10) { edges { node { externalId engagementModel { model { id source } version } } } } }`,
      );
      const byCustomer = Object.fromEntries((customers.data?.customers.edges ?? []).map((e) => [e.node.externalId, e.node.engagementModel]));
      expect(byCustomer["sub-1"]).toEqual({ model: { id: "renewal_desk", source: "PLUGIN" }, version: 1 });

      const revised = await gql<{ updateEngagementModel: { version: number; source: string; name: string } }>(`mutation { updateEngagementModel(id: "renewal_desk", changes: { name: "Renewal desk (EMEA)" }) { version source name } }`);
      expect(revised.data?.updateEngagementModel).toEqual({ version: 2, source: "WORKSPACE", name: "Renewal desk (EMEA)" });
      const history = await gql<{ engagementModelVersions: { version: number; source: string }[] }>(`{ engagementModelVersions(id: "renewal_desk") { version source } }`);
      expect(history.data?.engagementModelVersions).toEqual([{ version: 1, source: "PLUGIN" }, { version: 2, source: "WORKSPACE" }]);
      // The assignment still names the version it was made with.
      const again = await gql<{ customers: { edges: { node: { externalId: string; engagementModel: { model: { name: string }; version: number } | null } }[] } }>(
        `{ customers(first: 10) { edges { node { externalId engagementModel { model { name } version } } } } }`,
      );
      expect(again.data?.customers.edges.find((e) => e.node.externalId === "sub-1")?.node.engagementModel).toEqual({ model: { name: "Renewal desk" }, version: 1 });
    });
  });
}
