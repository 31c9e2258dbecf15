import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assignEngagementModels,
  catalogModel,
  costToServe,
  engagementModelCatalog,
  healthScore,
  meanInterval,
  modelEffectiveness,
  periodDays,
  recommendEngagementModels,
  reviseEngagementModel,
  validateCapacities,
  validateEngagementModel,
  validateEngagementStrategy,
  type AssignmentCustomer,
  type EffectivenessRow,
  type EngagementModel,
  type EngagementStrategy,
} from "@engagekit/core";
import { ensureWorkspace } from "../src/seed.js";
import { coreError, databases, demoDataDir, firstError, startApp, type App, type GqlResponse } from "./harness.js";

const DAY = 86_400_000;
const AS_OF = "1997-09-30T00:00:00Z";

/** The CDNOW sample straight from the file: external id, epoch ms, cents. */
function cdnowOrders(): { customer: string; at: number; cents: number }[] {
  return readFileSync(join(demoDataDir, "cdnow/CDNOW_sample.txt"), "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 5)
    .map((f) => {
      const ymd = f[2] as string;
      return { customer: `cdnow-${f[1]}`, at: Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8)), cents: Math.round(Number(f[4]) * 100) };
    });
}

/** A custom model on touchpoints the demo journey map and the core's defaults both define. */
const vipDesk = {
  id: "vip_desk",
  name: "VIP desk",
  kind: "custom",
  touchLevel: "high",
  automationLevel: "assisted",
  channels: ["phone", "email"],
  cadence: { period: "month", target: 1, cap: 4 },
  ownerRole: "account_manager",
  valueProposition: "A named desk that calls the best customers before they drift away.",
  bestFor: { markets: ["B2C"], dealSize: "high", volume: "low", notes: "The top tenth of a record club's buyers." },
  kpis: ["retentionRate", "clv"],
  feedback: ["nps"],
  playbook: [
    { stage: "consideration", touchpoints: ["product_page"], channels: ["web"], actions: ["hand-picked new releases"] },
    { stage: "retention", touchpoints: ["newsletter"], channels: ["email", "phone"], actions: ["monthly call", "early-access newsletter"] },
  ],
  cost: { period: "month", perCustomer: 12, components: [{ label: "desk time", amount: 10 }, { label: "calls", amount: 2 }] },
};

const MODEL_FIELDS = "id version source name kind touchLevel channels cadence { period target cap } playbook { stage touchpoints channels actions } cost { period perCustomer components { label amount } } definition createdAt";
const STRATEGY_FIELDS = "rules { segment models journeyStage ladderTier } fallback capacities { model capacity }";

type ModelOut = { id: string; version: number; source: string; definition: EngagementModel; createdAt: string | null };

for (const db of databases()) {
  describe.skipIf(!db.available)(`engagement models, strategy and assignments on ${db.name}`, () => {
    let app: App;
    let highValueMin = 0;
    const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => app.orm.em.fork().getConnection().execute<T[]>(text, params);
    const count = async (table: string) => Number((await sql<{ n: number | string }>(`select count(*) as n from ${table}`))[0]?.n);

    beforeAll(async () => {
      app = await startApp(db.name);
      const refreshed = await app.gql(`mutation { refreshCustomerValues(input: { asOf: "${AS_OF}" }) { customers } }`);
      expect(refreshed.errors).toBeUndefined();
      // The top decile of predicted CLV is "high value"; P(alive) below 0.3 is "at risk".
      const clv = (await sql<{ v: number }>("select predicted_clv as v from customers where predicted_clv is not null")).map((r) => Number(r.v)).sort((a, b) => a - b);
      highValueMin = Math.round((clv[Math.floor(clv.length * 0.9)] as number) * 100) / 100;
      for (const input of [
        { key: "high_value", name: "High value", condition: { type: "value", metric: "clv", op: "gte", value: highValueMin } },
        { key: "at_risk", name: "At risk", condition: { type: "value", metric: "pAlive", op: "lt", value: 0.3 } },
      ]) {
        const res = await app.gql(`mutation($input: SegmentInput!) { createSegment(input: $input) { key memberCount } }`, { input });
        expect(res.errors).toBeUndefined();
      }
    });
    afterAll(async () => {
      await app?.close();
    });

    /** The core's customers of an assignment, read straight from the database. */
    async function coreCustomers(): Promise<AssignmentCustomer[]> {
      const rows = await sql<{ id: number; predicted_clv: number | null; p_alive: number | null }>("select id, predicted_clv, p_alive from customers order by id");
      const segments = new Map<number, string[]>();
      for (const r of await sql<{ customer_id: number; key: string }>("select m.customer_id, s.key from segment_memberships m join segments s on s.id = m.segment_id order by s.key")) {
        segments.set(Number(r.customer_id), [...(segments.get(Number(r.customer_id)) ?? []), r.key]);
      }
      const previous = new Map<number, { model: string; version: number }>();
      for (const r of await sql<{ customer_id: number; model_id: string; version: number }>("select customer_id, model_id, version from model_assignments")) {
        previous.set(Number(r.customer_id), { model: r.model_id, version: Number(r.version) });
      }
      return rows.map((r) => ({
        id: String(r.id),
        value: r.predicted_clv === null ? 0 : Number(r.predicted_clv),
        ...(r.p_alive === null ? {} : { pAlive: Number(r.p_alive) }),
        segments: segments.get(Number(r.id)) ?? [],
        ...(previous.has(Number(r.id)) ? { previous: previous.get(Number(r.id)) as { model: string; version: number } } : {}),
      }));
    }

    /** Catalog plus the workspace's custom models, latest versions, as the API lists them. */
    async function apiModels(): Promise<EngagementModel[]> {
      const res = await app.gql<{ engagementModels: ModelOut[] }>(`{ engagementModels { definition } }`);
      expect(res.errors).toBeUndefined();
      return (res.data?.engagementModels ?? []).map((m) => m.definition);
    }

    it("should list the core's twelve catalog models at version 1, exactly as the core defines them", async () => {
      const res = await app.gql<{ engagementModels: ModelOut[] }>(`{ engagementModels { ${MODEL_FIELDS} } }`);
      expect(res.errors).toBeUndefined();
      const models = res.data?.engagementModels ?? [];
      expect(models.map((m) => m.id)).toEqual(engagementModelCatalog.map((m) => m.id).sort());
      for (const m of models) {
        expect(m.source).toBe("CATALOG");
        expect(m.createdAt).toBeNull();
        expect(m.definition).toEqual(JSON.parse(JSON.stringify(catalogModel(m.id))));
      }
      const one = await app.gql<{ engagementModel: ModelOut | null; missing: ModelOut | null; wrongVersion: ModelOut | null }>(
        `{ engagementModel(id: "csm") { id version definition } missing: engagementModel(id: "nope") { id } wrongVersion: engagementModel(id: "csm", version: 2) { id } }`,
      );
      expect(one.data?.engagementModel?.definition).toEqual(JSON.parse(JSON.stringify(catalogModel("csm"))));
      expect(one.data?.missing).toBeNull();
      expect(one.data?.wrongVersion).toBeNull();
    });

    it("should store a custom model as version 1, as the core validates it, and refuse an id that exists", async () => {
      const res = await app.gql<{ createEngagementModel: ModelOut }>(`mutation($input: EngagementModelInput!) { createEngagementModel(input: $input) { ${MODEL_FIELDS} } }`, { input: vipDesk });
      expect(res.errors).toBeUndefined();
      const created = res.data?.createEngagementModel;
      expect(created?.version).toBe(1);
      expect(created?.source).toBe("WORKSPACE");
      expect(created?.definition).toEqual(JSON.parse(JSON.stringify(validateEngagementModel({ ...vipDesk, version: 1 }))));
      expect((await apiModels()).map((m) => m.id)).toContain("vip_desk");
      const rows = await sql<{ model_id: string; version: number }>("select model_id, version from engagement_model_versions");
      expect(rows.map((r) => [r.model_id, Number(r.version)])).toEqual([["vip_desk", 1]]);

      for (const id of ["vip_desk", "csm"]) {
        const again = await app.gql(`mutation($input: EngagementModelInput!) { createEngagementModel(input: $input) { id } }`, { input: { ...vipDesk, id } });
        expect(firstError(again)?.extensions).toMatchObject({ code: "CONFLICT", field: "input.id" });
      }
      expect(await count("engagement_model_versions")).toBe(1);
    });

    it("should refuse a model with an unknown channel or touchpoint with BAD_USER_INPUT at the input's path, and write nothing", async () => {
      const cases = [
        { input: { ...vipDesk, id: "bad_channel", channels: ["phone", "fax"] }, field: "input.channels.1" },
        {
          input: {
            ...vipDesk,
            id: "bad_touchpoint",
            playbook: [...vipDesk.playbook, { stage: "advocacy", touchpoints: ["no_such_touchpoint"], channels: ["social"], actions: ["ask for reviews"] }],
          },
          field: "input.playbook.2.touchpoints.0",
        },
        { input: { ...vipDesk, id: "bad_cadence", cadence: { period: "month", target: 5, cap: 2 } }, field: null },
      ];
      for (const c of cases) {
        const expected = coreError(() => validateEngagementModel({ ...c.input, version: 1 }));
        const res = await app.gql(`mutation($input: EngagementModelInput!) { createEngagementModel(input: $input) { id } }`, { input: c.input });
        const error = firstError(res);
        expect(error?.extensions).toEqual({ code: "BAD_USER_INPUT", reason: expected.code, field: ["input", ...expected.path].join(".") });
        if (c.field) expect(error?.extensions?.field).toBe(c.field);
        expect(error?.message).toBe(expected.message);
      }
      expect(await count("engagement_model_versions")).toBe(1);
    });

    it("should store each update as the next version, as the core revises it, and keep the old versions", async () => {
      const changes = { cadence: { period: "month", target: 2, cap: 6 }, cost: { period: "month", perCustomer: 15 } };
      const res = await app.gql<{ updateEngagementModel: ModelOut }>(`mutation($changes: EngagementModelChangesInput!) { updateEngagementModel(id: "vip_desk", changes: $changes) { ${MODEL_FIELDS} } }`, { changes });
      expect(res.errors).toBeUndefined();
      const v1 = validateEngagementModel({ ...vipDesk, version: 1 });
      const v2 = reviseEngagementModel(v1, changes as never);
      expect(res.data?.updateEngagementModel.version).toBe(2);
      expect(res.data?.updateEngagementModel.definition).toEqual(JSON.parse(JSON.stringify(v2)));

      const read = await app.gql<{ old: ModelOut; latest: ModelOut; engagementModelVersions: ModelOut[] }>(
        `{ old: engagementModel(id: "vip_desk", version: 1) { version definition } latest: engagementModel(id: "vip_desk") { version } engagementModelVersions(id: "vip_desk") { version } }`,
      );
      expect(read.data?.old.definition).toEqual(JSON.parse(JSON.stringify(v1)));
      expect(read.data?.latest.version).toBe(2);
      expect(read.data?.engagementModelVersions.map((m) => m.version)).toEqual([1, 2]);
      expect((await apiModels()).find((m) => m.id === "vip_desk")?.version).toBe(2);

      // The same changes again change nothing: the core returns the previous version, and none is stored.
      const noop = await app.gql<{ updateEngagementModel: ModelOut }>(`mutation($changes: EngagementModelChangesInput!) { updateEngagementModel(id: "vip_desk", changes: $changes) { version } }`, { changes });
      expect(noop.data?.updateEngagementModel.version).toBe(2);
      expect(await count("engagement_model_versions")).toBe(2);

      // A bad change: BAD_USER_INPUT under `changes`, nothing stored.
      const badChanges = { playbook: [{ stage: "retention", touchpoints: ["no_such_touchpoint"], channels: ["email"], actions: ["call"] }] };
      const expected = coreError(() => reviseEngagementModel(v2, badChanges as never));
      const bad = await app.gql(`mutation($changes: EngagementModelChangesInput!) { updateEngagementModel(id: "vip_desk", changes: $changes) { version } }`, { changes: badChanges });
      expect(firstError(bad)?.extensions).toEqual({ code: "BAD_USER_INPUT", reason: expected.code, field: "changes.playbook.0.touchpoints.0" });
      expect(await count("engagement_model_versions")).toBe(2);
      const unknown = await app.gql(`mutation { updateEngagementModel(id: "nope", changes: { name: "x" }) { version } }`);
      expect(firstError(unknown)?.extensions).toMatchObject({ code: "NOT_FOUND", field: "id" });
    });

    it("should revise a catalog model into the workspace's own version 2, the catalog's version 1 still readable", async () => {
      // omnichannel's playbook uses support_chat at consideration, which the demo map's support_chat does not list: the stages of both count.
      const res = await app.gql<{ updateEngagementModel: ModelOut }>(`mutation { updateEngagementModel(id: "omnichannel", changes: { name: "Omnichannel (record club)" }) { version source definition } }`);
      expect(res.errors).toBeUndefined();
      const catalog = catalogModel("omnichannel") as EngagementModel;
      expect(res.data?.updateEngagementModel).toEqual({ version: 2, source: "WORKSPACE", definition: JSON.parse(JSON.stringify(reviseEngagementModel(catalog, { name: "Omnichannel (record club)" }))) });
      const read = await app.gql<{ v1: ModelOut; versions: { version: number; source: string }[] }>(`{ v1: engagementModel(id: "omnichannel", version: 1) { source definition } versions: engagementModelVersions(id: "omnichannel") { version source } }`);
      expect(read.data?.v1).toEqual({ source: "CATALOG", definition: JSON.parse(JSON.stringify(catalog)) });
      expect(read.data?.versions).toEqual([{ version: 1, source: "CATALOG" }, { version: 2, source: "WORKSPACE" }]);
      expect((await apiModels()).find((m) => m.id === "omnichannel")?.name).toBe("Omnichannel (record club)");
    });

    const strategyInput = {
      rules: [
        { segment: "high_value", models: ["csm", "vip_desk"] },
        { segment: "at_risk", models: ["automated_retention"] },
      ],
      fallback: "low_touch",
      capacities: [
        { model: "csm", capacity: 40 },
        { model: "vip_desk", capacity: 60 },
        { model: "automated_retention", capacity: 300 },
      ],
    };
    const capacities = { csm: 40, vip_desk: 60, automated_retention: 300 };

    it("should store the strategy as the core validates it, and refuse a rule for a missing segment or a negative capacity, leaving it unchanged", async () => {
      const res = await app.gql<{ setEngagementStrategy: { rules: unknown[]; fallback: string; capacities: { model: string; capacity: number }[] } }>(
        `mutation($input: EngagementStrategyInput!) { setEngagementStrategy(input: $input) { ${STRATEGY_FIELDS} } }`,
        { input: strategyInput },
      );
      expect(res.errors).toBeUndefined();
      const models = await apiModels();
      const core = validateEngagementStrategy({ rules: strategyInput.rules, fallback: strategyInput.fallback }, { models, segments: ["at_risk", "high_value"] });
      expect(res.data?.setEngagementStrategy.rules).toEqual(core.rules.map((r) => ({ segment: r.segment, models: r.models, journeyStage: null, ladderTier: null })));
      expect(res.data?.setEngagementStrategy.fallback).toBe(core.fallback);
      expect(Object.fromEntries((res.data?.setEngagementStrategy.capacities ?? []).map((c) => [c.model, c.capacity]))).toEqual(validateCapacities(capacities, models));
      const stored = await app.gql(`{ engagementStrategy { ${STRATEGY_FIELDS} } }`);
      expect((stored.data as { engagementStrategy: unknown }).engagementStrategy).toEqual(res.data?.setEngagementStrategy);

      const missing = { ...strategyInput, rules: [{ segment: "ghost", models: ["csm"] }, ...strategyInput.rules] };
      const expectedMissing = coreError(() => validateEngagementStrategy({ rules: missing.rules, fallback: missing.fallback }, { models, segments: ["at_risk", "high_value"] }));
      const negative = { ...strategyInput, capacities: [{ model: "csm", capacity: -1 }, ...strategyInput.capacities.slice(1)] };
      const expectedNegative = coreError(() => validateCapacities({ csm: -1 }, models));
      const unknownModel = { ...strategyInput, rules: [{ segment: "high_value", models: ["csm", "no_such_model"] }] };
      for (const [input, extensions] of [
        [missing, { code: "BAD_USER_INPUT", reason: expectedMissing.code, field: "input.rules.0.segment" }],
        [negative, { code: "BAD_USER_INPUT", reason: expectedNegative.code, field: "input.capacities.0.capacity" }],
        [unknownModel, { code: "BAD_USER_INPUT", reason: "MODEL.UNKNOWN_REFERENCE", field: "input.rules.0.models.1" }],
      ] as const) {
        const bad = await app.gql(`mutation($input: EngagementStrategyInput!) { setEngagementStrategy(input: $input) { fallback } }`, { input });
        expect(firstError(bad)?.extensions).toEqual(extensions);
      }
      const after = await app.gql(`{ engagementStrategy { ${STRATEGY_FIELDS} } }`);
      expect(after.data).toEqual(stored.data);
      expect(await count("engagement_strategies")).toBe(1);
    });

    type Report = { dryRun: boolean; customers: number; changed: number; usage: { model: string; version: number; customers: number; capacity: number | null; utilization: number | null }[] };
    const REPORT = "dryRun asOf customers changed usage { model version customers capacity utilization }";

    /** The core's assignment on the same data (the stored strategy, the API's models, the database's customers). */
    async function coreAssignment() {
      const strategy: EngagementStrategy = { rules: strategyInput.rules, fallback: strategyInput.fallback };
      return assignEngagementModels(await coreCustomers(), strategy, { models: await apiModels(), capacities });
    }

    it("should compute the core's assignment on a dry run and write nothing", async () => {
      const res = await app.gql<{ assignEngagementModels: Report }>(`mutation { assignEngagementModels(dryRun: true, asOf: "${AS_OF}") { ${REPORT} } }`);
      expect(res.errors).toBeUndefined();
      const report = res.data?.assignEngagementModels as Report;
      expect(report.dryRun).toBe(true);
      expect(await count("model_assignments")).toBe(0);
      const core = await coreAssignment();
      expect(report.customers).toBe(core.assignments.length);
      expect(report.changed).toBe(core.assignments.length);
      const perModel = Object.fromEntries(Object.entries(core.usage).filter(([, u]) => u.used > 0 || u.capacity !== null).map(([id, u]) => [id, u.used]));
      expect(Object.fromEntries(report.usage.map((u) => [u.model, u.customers]))).toEqual(perModel);
    });

    it("should store each customer's model, version, reason and time as the core assigns them, within every capacity", async () => {
      const core = await coreAssignment();
      const res = await app.gql<{ assignEngagementModels: Report }>(`mutation { assignEngagementModels(asOf: "${AS_OF}") { ${REPORT} } }`);
      expect(res.errors).toBeUndefined();
      const report = res.data?.assignEngagementModels as Report;
      expect(report.dryRun).toBe(false);
      for (const u of report.usage) {
        if (u.capacity !== null) expect(u.customers).toBeLessThanOrEqual(u.capacity);
        expect(u.customers).toBe(core.usage[u.model]?.used);
      }
      // The capacities bind: csm and vip_desk are full, the rest of the high-value segment spilled to the fallback.
      expect(report.usage.find((u) => u.model === "csm")?.customers).toBe(40);
      expect(report.usage.find((u) => u.model === "vip_desk")).toMatchObject({ customers: 60, version: 2, utilization: 1 });

      const rows = await sql<{ customer_id: number; model_id: string; version: number; reason: string; rank: number; segment: string | null; assigned_at: unknown }>(
        "select customer_id, model_id, version, reason, rank, segment, assigned_at from model_assignments",
      );
      expect(rows.length).toBe(core.assignments.length);
      const byCustomer = new Map(rows.map((r) => [String(r.customer_id), r]));
      for (const a of core.assignments) {
        const row = byCustomer.get(a.customer);
        expect(row).toBeDefined();
        expect([row?.model_id, Number(row?.version), row?.reason, Number(row?.rank)]).toEqual([a.model, a.version, a.reason, a.rank]);
        expect(row?.segment ?? null).toBe(a.rule === null ? null : (strategyInput.rules[a.rule]?.segment ?? null));
      }
      expect(rows.filter((r) => r.model_id === "vip_desk").every((r) => Number(r.version) === 2)).toBe(true);

      // Customer.engagementModel, batched: the first page of customers.
      const page = await app.gql<{ customers: { edges: { node: { id: string; engagementModel: { model: { id: string; version: number }; version: number; reason: string; rank: number; assignedAt: string } | null } }[] } }>(
        `{ customers(first: 100) { edges { node { id engagementModel { model { id version } version reason rank assignedAt } } } } }`,
      );
      expect(page.errors).toBeUndefined();
      const coreBy = new Map(core.assignments.map((a) => [a.customer, a]));
      for (const { node } of page.data?.customers.edges ?? []) {
        const a = coreBy.get(String(app.rowId("cus", node.id)));
        expect(node.engagementModel).toEqual({ model: { id: a?.model, version: a?.version }, version: a?.version, reason: a?.reason, rank: a?.rank, assignedAt: "1997-09-30T00:00:00.000Z" });
      }
      const vip = rows.find((r) => r.model_id === "vip_desk");
      const one = await app.gql<{ customer: { engagementModel: { model: { definition: EngagementModel } } } }>(`{ customer(id: "${app.apiId("cus", Number(vip?.customer_id))}") { engagementModel { model { definition } } } }`);
      expect(one.data?.customer.engagementModel.model.definition.version).toBe(2);
    });

    it("should record the new version in assignments after a model is updated, with the core's hysteresis on the stored assignments", async () => {
      const update = await app.gql(`mutation { updateEngagementModel(id: "vip_desk", changes: { name: "VIP desk (phone first)" }) { version } }`);
      expect(update.data).toEqual({ updateEngagementModel: { version: 3 } });
      const core = await coreAssignment();
      const res = await app.gql<{ assignEngagementModels: Report }>(`mutation { assignEngagementModels(asOf: "${AS_OF}") { ${REPORT} } }`);
      expect(res.errors).toBeUndefined();
      const report = res.data?.assignEngagementModels as Report;
      const previous = await sql<{ n: number | string }>("select count(*) as n from model_assignments");
      expect(Number(previous[0]?.n)).toBe(core.assignments.length);
      // Every vip_desk customer changed (version 2 → 3); the others kept model and version.
      expect(report.changed).toBe(core.usage.vip_desk?.used);
      const versions = await sql<{ version: number }>("select distinct version from model_assignments where model_id = 'vip_desk'");
      expect(versions.map((v) => Number(v.version))).toEqual([3]);
    });

    it("should batch Customer.engagementModel and Customer.health: as many statements for 100 customers as for 5", async () => {
      const statements = async (first: number) => {
        app.sql.length = 0;
        const res = await app.gql(`{ customers(first: ${first}) { edges { node { id engagementModel { model { id name } version reason } health(asOf: "${AS_OF}") { score } } } } }`);
        expect(res.errors).toBeUndefined();
        // Log lines carry ANSI colours: strip them before matching the verb.
        return app.sql.map((m) => m.replace(/\x1b\[[0-9;]*m/g, "")).filter((m) => /^\[query\]\s*(select|insert|update|delete)\b/i.test(m)).length;
      };
      const few = await statements(5);
      expect(await statements(100)).toBe(few);
      expect(few).toBeGreaterThan(2);
      expect(few).toBeLessThan(15);
    });

    it("should score each customer's health with the core from what the database holds", async () => {
      const health = `health(asOf: "${AS_OF}") { score color measures { id value points } omitted explanation }`;
      // Before the workspace records any ticket, the ticket measures are absent (not a free green).
      const before = await app.gql<{ customers: { edges: { node: { health: { omitted: string[] } } }[] } }>(`{ customers(first: 5) { edges { node { ${health} } } } }`);
      expect(before.errors).toBeUndefined();
      for (const { node } of before.data?.customers.edges ?? []) expect(node.health.omitted).toEqual(expect.arrayContaining(["openTickets", "medianResponseHours", "lastNps", "lastCsat"]));
      // cdnow-0001 as of asOf: three tickets (first responses after 2 h and 6 h, one resolved), an NPS 9 and a CSAT 4 answer; later events do not count.
      const tickets = [
        ["a-open", "H-A", "OPENED", "1997-09-01T09:00:00Z"],
        ["a-reply", "H-A", "AGENT_REPLY", "1997-09-01T11:00:00Z"],
        ["a-done", "H-A", "RESOLVED", "1997-09-02T09:00:00Z"],
        ["b-open", "H-B", "OPENED", "1997-09-10T09:00:00Z"],
        ["b-reply", "H-B", "AGENT_REPLY", "1997-09-10T15:00:00Z"],
        ["c-open", "H-C", "OPENED", "1997-09-20T09:00:00Z"],
        ["b-done", "H-B", "RESOLVED", "1997-10-02T09:00:00Z"], // after asOf: not read
      ].map(([key, ticket, type, at]) => ({ idempotencyKey: key, ticket: { externalId: ticket, customer: { externalId: "cdnow-0001" }, channel: "email" }, type, occurredAt: at }));
      const recorded = await app.gql(`mutation($input: [TicketEventInput!]!) { recordTicketEvents(input: $input) { created } }`, { input: tickets });
      expect(recorded.errors).toBeUndefined();
      const answers = [
        { idempotencyKey: "h-nps", customer: { externalId: "cdnow-0001" }, survey: "club", kind: "NPS", score: 9, respondedAt: "1997-09-15T10:00:00Z" },
        { idempotencyKey: "h-csat", customer: { externalId: "cdnow-0001" }, survey: "club", kind: "CSAT", score: 4, scaleMin: 1, scaleMax: 5, respondedAt: "1997-09-16T10:00:00Z" },
        { idempotencyKey: "h-nps-late", customer: { externalId: "cdnow-0001" }, survey: "club", kind: "NPS", score: 2, respondedAt: "1997-10-05T10:00:00Z" }, // after asOf
      ];
      const answered = await app.gql(`mutation($input: [SurveyAnswerInput!]!) { recordSurveyAnswers(input: $input) { created } }`, { input: answers });
      expect(answered.errors).toBeUndefined();

      // Every customer, page by page.
      type Node = { externalId: string; scores: { engagement: number | null; pAlive: number | null }; health: { score: number | null; color: string | null; measures: { id: string; value: number; points: number }[]; omitted: string[]; explanation: string[] } };
      const nodes: Node[] = [];
      let after: string | null = null;
      do {
        const page: GqlResponse<{ customers: { edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }> = await app.gql(
          `query($after: String) { customers(first: 100, after: $after) { edges { node { externalId scores { engagement pAlive } ${health} } } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
        expect(page.errors).toBeUndefined();
        nodes.push(...(page.data?.customers.edges ?? []).map((e) => e.node));
        after = page.data?.customers.pageInfo.hasNextPage ? page.data.customers.pageInfo.endCursor : null;
      } while (after);
      expect(nodes.length).toBe(app.seed.customers);
      const asOf = Date.parse(AS_OF);
      const ordersOf = new Map<string, { at: number; cents: number }[]>();
      for (const o of cdnowOrders()) ordersOf.set(o.customer, [...(ordersOf.get(o.customer) ?? []), o]);
      const spend = (customer: string, from: number, to: number) => (ordersOf.get(customer) ?? []).filter((o) => o.at > from && o.at <= to).reduce((s, o) => s + o.cents, 0);
      let trends = 0;
      for (const node of nodes) {
        const prior = spend(node.externalId, asOf - 180 * DAY, asOf - 90 * DAY);
        const recent = spend(node.externalId, asOf - 90 * DAY, asOf);
        const first = node.externalId === "cdnow-0001";
        const values = {
          engagementScore: node.scores.engagement,
          pAlive: node.scores.pAlive,
          openTickets: first ? 2 : 0,
          medianResponseHours: first ? 4 : null,
          lastNps: first ? 9 : null,
          lastCsat: first ? 4 : null,
          purchaseTrend: prior > 0 ? (recent - prior) / prior : null,
        };
        if (values.purchaseTrend !== null) trends++;
        const core = healthScore(values);
        expect(node.health.score).toBeCloseTo(core.score as number, 12);
        expect(node.health.color).toBe(core.color);
        expect(node.health.measures.map((m) => [m.id, m.value, m.points])).toEqual(core.measures.map((m) => [m.id, m.value, m.points]));
        expect(node.health.omitted).toEqual(core.omitted);
        expect(node.health.explanation).toEqual(core.explanation);
      }
      expect(trends).toBeGreaterThan(0);
      expect(nodes.find((n) => n.externalId === "cdnow-0001")?.health.measures.map((m) => m.id)).toEqual(expect.arrayContaining(["openTickets", "medianResponseHours", "lastNps", "lastCsat"]));
    });

    it("should give the health trend over earlier periods as the core does with each period's data (Customer.health(periods:))", async () => {
      // Three 30-day periods back from asOf; each earlier score reads the orders up to its own end (engagement score
      // and P(alive) are stored only as last computed, so every period uses their current value). The workspace
      // records tickets (the test above), so customers without any have 0 open tickets in every period.
      type Node = { externalId: string; scores: { engagement: number | null; pAlive: number | null }; health: { score: number | null; trend: { previous: number | null; change: number | null; direction: string | null; series: (number | null)[] }; explanation: string[] } };
      const res = await app.gql<{ customers: { edges: { node: Node }[] } }>(
        `{ customers(first: 100) { edges { node { externalId scores { engagement pAlive } health(asOf: "${AS_OF}", periods: 3, periodDays: 30) { score trend { previous change direction series } explanation } } } } }`,
      );
      expect(res.errors).toBeUndefined();
      const ordersOf = new Map<string, { at: number; cents: number }[]>();
      for (const o of cdnowOrders()) ordersOf.set(o.customer, [...(ordersOf.get(o.customer) ?? []), o]);
      const spend = (customer: string, from: number, to: number) => (ordersOf.get(customer) ?? []).filter((o) => o.at > from && o.at <= to).reduce((s, o) => s + o.cents, 0);
      const valuesAt = (node: Node, t: number) => {
        const prior = spend(node.externalId, t - 180 * DAY, t - 90 * DAY);
        const recent = spend(node.externalId, t - 90 * DAY, t);
        return { engagementScore: node.scores.engagement, pAlive: node.scores.pAlive, openTickets: 0, purchaseTrend: prior > 0 ? (recent - prior) / prior : null };
      };
      const asOf = Date.parse(AS_OF);
      let moved = 0;
      const nodes = (res.data?.customers.edges ?? []).map((e) => e.node).filter((n) => n.externalId !== "cdnow-0001");
      expect(nodes.length).toBeGreaterThan(90);
      for (const node of nodes) {
        const history = [3, 2, 1].map((k) => valuesAt(node, asOf - k * 30 * DAY));
        const core = healthScore(valuesAt(node, asOf), undefined, history);
        expect(node.health.trend).toEqual({ ...core.trend, series: [...core.trend.series] });
        expect(node.health.explanation).toEqual(core.explanation);
        expect(node.health.trend.series).toHaveLength(4);
        if (core.trend.direction === "up" || core.trend.direction === "down") moved++;
      }
      // Spend moves between periods for some of these customers: the trend is not trivially flat.
      expect(moved).toBeGreaterThan(0);
      const bad = await app.gql(`{ customers(first: 1) { edges { node { health(periods: 13) { score } } } } }`);
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "periods" });
    });

    it("should report each model's outcomes over a period exactly as the core's modelEffectiveness, by model and by segment", async () => {
      const from = Date.parse("1997-10-01T00:00:00Z");
      const to = Date.parse("1998-04-01T00:00:00Z");
      const fields = `reference level n models { model segment n costPerCustomer retention { n estimate interval { lower upper } } repeatPurchase { n estimate } revenue { n estimate total interval { lower upper } } predictedClv { n estimate } nps { n estimate reason } }
        segments { model segment n retention { estimate } } comparisons { metric model reference segment difference pValue adjustedPValue } roi { model reference roi interval { lower upper } } balance { covariate model smd imbalanced } warnings`;
      type Effectiveness = { reference: string; n: number; models: unknown[]; segments: { model: string; segment: string; n: number }[]; comparisons: unknown[]; roi: unknown[]; balance: unknown[]; warnings: string[] };
      const res = await app.gql<{ byModel: Effectiveness; bySegment: Effectiveness }>(
        `{ byModel: modelEffectiveness(period: { from: "1997-10-01T00:00:00Z", to: "1998-04-01T00:00:00Z" }) { ${fields} }
           bySegment: modelEffectiveness(period: { from: "1997-10-01T00:00:00Z", to: "1998-04-01T00:00:00Z" }, by: SEGMENT) { ${fields} } }`,
      );
      expect(res.errors).toBeUndefined();

      // The oracle: rows from the CDNOW file and the stored assignments, then the core.
      const ids = new Map((await sql<{ id: number; external_id: string; predicted_clv: number | null }>("select id, external_id, predicted_clv from customers")).map((r) => [r.external_id, r]));
      const byId = new Map<string, { orders: number; cents: number; prior: number }>();
      for (const o of cdnowOrders()) {
        const id = String(ids.get(o.customer)?.id);
        const s = byId.get(id) ?? { orders: 0, cents: 0, prior: 0 };
        if (o.at >= from && o.at < to) (s.orders++, (s.cents += o.cents));
        if (o.at >= from - (to - from) && o.at < from) s.prior += o.cents;
        byId.set(id, s);
      }
      const clvOf = new Map([...ids.values()].map((r) => [String(r.id), r.predicted_clv]));
      // The customers' last NPS (0–10) and CSAT (1–5) answers in the period.
      const answers = new Map<string, { nps?: { score: number; at: number }; csat?: { score: number; at: number } }>();
      for (const r of await sql<{ customer_id: number; kind: string; score: number; scale_min: number; scale_max: number; responded_at: string | number | Date }>(
        "select customer_id, kind, score, scale_min, scale_max, responded_at from survey_responses where customer_id is not null and score is not null",
      )) {
        const t = r.responded_at;
        const at = t instanceof Date ? t.getTime() : typeof t === "number" || /^\d+$/.test(t) ? Number(t) : Date.parse(t);
        const kind = r.kind === "NPS" && Number(r.scale_min) === 0 && Number(r.scale_max) === 10 ? "nps" : r.kind === "CSAT" && Number(r.scale_min) === 1 && Number(r.scale_max) === 5 ? "csat" : null;
        if (!kind || at < from || at >= to) continue;
        const mine = answers.get(String(r.customer_id)) ?? {};
        if (!mine[kind] || at >= (mine[kind]?.at ?? 0)) mine[kind] = { score: Number(r.score), at };
        answers.set(String(r.customer_id), mine);
      }
      expect([...answers.values()].some((a) => a.nps)).toBe(true);
      const rows: EffectivenessRow[] = (await sql<{ customer_id: number; model_id: string; segment: string | null }>("select customer_id, model_id, segment from model_assignments order by customer_id")).map((a) => {
        const s = byId.get(String(a.customer_id)) ?? { orders: 0, cents: 0, prior: 0 };
        const clv = clvOf.get(String(a.customer_id));
        return {
          customer: String(a.customer_id),
          model: a.model_id,
          segment: a.segment ?? "none",
          retained: s.orders > 0,
          repeatPurchase: s.orders >= 2,
          revenue: s.cents / 100,
          ...(clv === null || clv === undefined ? {} : { predictedClv: Number(clv) }),
          ...(answers.get(String(a.customer_id))?.nps ? { nps: answers.get(String(a.customer_id))?.nps?.score as number } : {}),
          ...(answers.get(String(a.customer_id))?.csat ? { csat: answers.get(String(a.customer_id))?.csat?.score as number } : {}),
          covariates: { priorSpend: s.prior / 100 },
        };
      });
      const days = (to - from) / DAY;
      const assigned = new Set(rows.map((r) => r.model));
      const models = (await apiModels()).filter((m) => assigned.has(m.id)).map((m) => ({ id: m.id, cost: { perCustomer: (costToServe(m, "year").perCustomer * days) / periodDays.year } }));
      for (const [got, by] of [[res.data?.byModel, "model"], [res.data?.bySegment, "segment"]] as const) {
        const core = modelEffectiveness(rows, { models, by, covariates: ["priorSpend"] });
        const pick = (g: (typeof core.models)[number]) => ({
          model: g.model,
          segment: g.segment,
          n: g.n,
          costPerCustomer: g.costPerCustomer,
          retention: { n: g.retention.n, estimate: g.retention.estimate?.rate ?? null, interval: g.retention.estimate ? { lower: g.retention.estimate.interval.lower, upper: g.retention.estimate.interval.upper } : null },
          repeatPurchase: { n: g.repeatPurchase.n, estimate: g.repeatPurchase.estimate?.rate ?? null },
          revenue: {
            n: g.revenue.n,
            estimate: g.revenue.estimate?.mean ?? null,
            total: g.revenue.estimate?.total ?? null,
            interval: g.revenue.estimate?.interval ? { lower: g.revenue.estimate.interval.lower, upper: g.revenue.estimate.interval.upper } : null,
          },
          predictedClv: { n: g.predictedClv.n, estimate: g.predictedClv.estimate?.mean ?? null },
          nps: { n: g.nps.n, estimate: g.nps.estimate?.score ?? null, reason: g.nps.reason },
        });
        expect(got).toMatchObject({ reference: core.reference, level: core.level, n: core.n, models: core.models.map(pick), warnings: [...core.warnings] });
        expect(got?.comparisons).toEqual(core.comparisons.map((c) => ({ metric: c.metric, model: c.model, reference: c.reference, segment: c.segment, difference: c.difference, pValue: c.pValue, adjustedPValue: c.adjustedPValue })));
        expect(got?.roi).toEqual(core.roi.map((r) => ({ model: r.model, reference: r.reference, roi: r.roi, interval: r.interval ? { lower: r.interval.lower, upper: r.interval.upper } : null })));
        expect(got?.balance).toEqual(core.balance.map((b) => ({ covariate: b.covariate, model: b.model, smd: b.smd, imbalanced: b.imbalanced })));
        expect(got?.segments.map((s) => [s.model, s.segment, s.n])).toEqual(core.segments.map((s) => [s.model, s.segment, s.n]));
      }
      expect(res.data?.bySegment.segments.length).toBeGreaterThan(0);
    });

    it("should rank models for a segment with the core's recommendEngagementModels from its size and average predicted CLV", async () => {
      const res = await app.gql<{ modelRecommendations: { segment: string; customers: number; averageClv: number; averageValuePerMonth: number; valueSpread: number | null; recommendations: { model: string; fit: number; reasons: string[] }[] } }>(
        `{ modelRecommendations(segment: "high_value", market: B2C) { segment customers customersWithClv averageClv averageValuePerMonth valueSpread recommendations { model fit reasons } } }`,
      );
      expect(res.errors).toBeUndefined();
      const members = await sql<{ v: number }>(
        "select c.predicted_clv as v from customers c join segment_memberships m on m.customer_id = c.id join segments s on s.id = m.segment_id where s.key = 'high_value'",
      );
      const values = members.map((m) => Number(m.v));
      const clv = meanInterval(values.length, values.reduce((a, b) => a + b, 0), values.reduce((a, b) => a + b * b, 0));
      const input = { customers: values.length, averageValue: clv.mean / 12, valueSpread: (clv.standardDeviation as number) / clv.mean, market: "B2C" as const };
      const core = recommendEngagementModels(input, { models: await apiModels() });
      const got = res.data?.modelRecommendations;
      expect(got?.customers).toBe(values.length);
      expect(got?.averageClv).toBeCloseTo(clv.mean, 9);
      expect(got?.averageClv).toBeGreaterThanOrEqual(highValueMin);
      expect(got?.valueSpread).toBeCloseTo(input.valueSpread, 9);
      expect(got?.recommendations.map((r) => r.model)).toEqual(core.map((r) => r.model));
      got?.recommendations.forEach((r, i) => {
        expect(r.fit).toBeCloseTo(core[i]?.fit as number, 12);
      });
      const unknown = await app.gql(`{ modelRecommendations(segment: "ghost") { customers } }`);
      expect(firstError(unknown)?.extensions).toMatchObject({ code: "NOT_FOUND", field: "segment" });
    });

    it("should keep workspaces apart: another workspace sees none of these models, strategy or assignments", async () => {
      await ensureWorkspace(app.orm, "other", false, demoDataDir);
      const other = { "x-engagekit-workspace": "other" };
      const res = await app.gql<{ engagementModels: { id: string }[]; engagementStrategy: unknown; vip: unknown; versions: unknown[] }>(
        `{ engagementModels { id } engagementStrategy { fallback } vip: engagementModel(id: "vip_desk") { id } versions: engagementModelVersions(id: "vip_desk") { version } }`,
        undefined,
        other,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.engagementModels.map((m) => m.id)).toEqual(engagementModelCatalog.map((m) => m.id).sort());
      expect(res.data?.engagementStrategy).toBeNull();
      expect(res.data?.vip).toBeNull();
      expect(res.data?.versions).toEqual([]);
      const assign = await app.gql(`mutation { assignEngagementModels(dryRun: true) { customers } }`, undefined, other);
      expect(firstError(assign)?.extensions).toMatchObject({ code: "FAILED_PRECONDITION" });
      const update = await app.gql(`mutation { updateEngagementModel(id: "vip_desk", changes: { name: "mine" }) { version } }`, undefined, other);
      expect(firstError(update)?.extensions).toMatchObject({ code: "NOT_FOUND" });
      // The other workspace may use the same id for its own model; the demo's stays at version 3.
      const mine = await app.gql<{ createEngagementModel: { version: number } }>(`mutation($input: EngagementModelInput!) { createEngagementModel(input: $input) { version } }`, { input: vipDesk }, other);
      expect(mine.errors).toBeUndefined();
      expect(mine.data?.createEngagementModel.version).toBe(1);
      const demo = await app.gql<{ engagementModel: { version: number } }>(`{ engagementModel(id: "vip_desk") { version } }`);
      expect(demo.data?.engagementModel.version).toBe(3);
      const effectiveness = await app.gql(`{ modelEffectiveness(period: { from: "1997-10-01T00:00:00Z", to: "1998-04-01T00:00:00Z" }) { n } }`, undefined, other);
      expect(firstError(effectiveness)?.extensions).toMatchObject({ code: "FAILED_PRECONDITION" });
    });

    it("should give concurrent updates distinct versions: the loser of a race gets CONFLICT, never a duplicate", async () => {
      const before = await count("engagement_model_versions");
      const results = await Promise.all(
        ["A", "B", "C"].map((x) => app.gql<{ updateEngagementModel: { version: number } }>(`mutation { updateEngagementModel(id: "vip_desk", changes: { name: "VIP desk ${x}" }) { version } }`)),
      );
      const won = results.filter((r) => !r.errors).map((r) => r.data?.updateEngagementModel.version);
      for (const r of results.filter((r) => r.errors)) expect(r.errors?.[0]?.extensions?.code).toBe("CONFLICT");
      expect(won.length).toBeGreaterThan(0);
      expect(new Set(won).size).toBe(won.length);
      const versions = (await sql<{ version: number }>("select version from engagement_model_versions v join workspaces w on w.id = v.workspace_id where w.slug = 'demo' and model_id = 'vip_desk' order by version")).map((r) => Number(r.version));
      expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
      expect(await count("engagement_model_versions")).toBe(before + won.length);
    });
  });
}
