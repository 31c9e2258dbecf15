import { createHash } from "node:crypto";
import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import { WorkspaceSchema, WorkspaceScope, createLoaders, recordCustomers, type Context } from "@engagekit/graphql";

/**
 * One call of every root field of the schema, for the tenant and role
 * matrices (auth.test.ts). The test fails when the schema has a root field
 * this catalog does not list, so a new operation cannot go untested. Each
 * call is well-formed and succeeds for the admin of the workspace whose
 * objects it names (the tenant test checks that), so "a key of another
 * workspace gets nothing" is tested with calls that would have worked.
 * Destructive calls come last, in the order the tenant test runs them.
 */
export interface CatalogEntry {
  /** `Query.<field>` or `Mutation.<field>`. */
  readonly field: string;
  readonly query: string;
  /** Variables, from the refs of the workspace whose objects the call names. */
  readonly variables?: (refs: FixtureRefs) => Record<string, unknown>;
  /** An error code the call may answer even for its own workspace's admin, when the fixture is too small for it (never FORBIDDEN). */
  readonly refusedBy?: string;
  /** Why A's and B's answers are alike for this fixture (the tenant test otherwise requires them to differ). */
  readonly alike?: string;
}

/** The objects of a workspace's fixture that calls name by id. */
export interface FixtureRefs {
  readonly customerId: string;
  readonly actionId: string;
  /** A key made for rotation and revocation (not one the tests call with). */
  readonly spareKeyId: string;
}

/**
 * Personal values of the fixture's customer: no other workspace's key and no
 * analytics key may ever receive one of them.
 */
export const PERSONAL_SENTINELS = ["alice.sentinel@acme.example", "Alice Sentinelle", "+44 20 7946 0958", "Baker Street 221b"] as const;

const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();
const customer = { externalId: "acme-c1" };

const journeyMap = {
  version: 1,
  id: "acme-map",
  name: "Acme map",
  stages: [
    { id: "awareness", name: "Awareness", next: ["conversion"] },
    { id: "conversion", name: "Conversion", next: [] },
  ],
  personas: [{ id: "shopper", name: "Shopper", goals: [], needs: [], preferredChannels: ["web"] }],
  channels: [{ id: "acme_kiosk", name: "Acme kiosk", kind: "physical" }],
  touchpoints: [{ id: "acme_shop", name: "Acme shop", channel: "acme_kiosk", stages: ["conversion"], ownership: "owned", emits: [] }],
  cells: [],
};

const model = {
  id: "acme_desk",
  name: "Acme desk",
  kind: "custom",
  touchLevel: "high",
  automationLevel: "assisted",
  channels: ["phone", "email"],
  cadence: { period: "month", target: 1, cap: 4 },
  ownerRole: "account_manager",
  valueProposition: "A named desk for the best customers.",
  bestFor: { markets: ["B2C"], dealSize: "high", volume: "low", notes: "Top buyers." },
  kpis: ["retentionRate"],
  feedback: ["nps"],
  playbook: [{ stage: "retention", touchpoints: ["newsletter"], channels: ["email"], actions: ["monthly call"] }],
  cost: { period: "month", perCustomer: 12 },
};

const segment = { key: "acme-vip", name: "Acme VIP", condition: { type: "performed", interaction: "purchase", op: "atLeast", times: 1 } };
const detractorTrigger = { id: "acme-detractor", condition: { kind: "metricThreshold", metric: "lastNps", op: "lte", value: 6 }, action: { type: "task", ownerRole: "csm", dueWithinHours: 24 }, priority: 90, holdoutShare: 0 };
const policy = { timeZone: "Europe/London", caps: [{ max: 3, windowDays: 7 }] };
const period = { from: "2026-10-01T00:00:00Z", to: "2026-12-01T00:00:00Z" };

const interaction = (key: string, type: string, day: number, properties?: Record<string, unknown>) => ({
  idempotencyKey: key,
  customer,
  type,
  channel: "acme_kiosk",
  touchpoint: "acme_shop",
  occurredAt: at(day),
  ...(properties ? { properties } : {}),
});

/** The fixture: written through the API with the workspace's admin key (customers with email and traits through the library, as the importer does). */
export const FIXTURE: readonly { readonly query: string; readonly variables: Record<string, unknown> }[] = [
  { query: `mutation($d: JSONObject!) { saveJourneyMap(document: $d) { key } }`, variables: { d: journeyMap } },
  { query: `mutation($input: SegmentInput!) { createSegment(input: $input) { key } }`, variables: { input: segment } },
  { query: `mutation($input: EngagementModelInput!) { createEngagementModel(input: $input) { id } }`, variables: { input: model } },
  {
    query: `mutation($input: EngagementStrategyInput!) { setEngagementStrategy(input: $input) { fallback } }`,
    variables: { input: { rules: [{ segment: "acme-vip", models: ["acme_desk"] }], fallback: "acme_desk", capacities: [] } },
  },
  { query: `mutation($input: JSONObject!) { createTrigger(input: $input) { id } }`, variables: { input: detractorTrigger } },
  { query: `mutation($input: JSONObject!) { setContactPolicy(input: $input) { stored } }`, variables: { input: policy } },
  {
    query: `mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created } }`,
    variables: {
      input: [
        interaction("acme-i1", "page_view", 2),
        interaction("acme-i0", "kb_article_helpful", 2),
        interaction("acme-i2", "purchase", 3, { email: "alice.sentinel@acme.example", sku: "SKU-ACME-1", contact: "Baker Street 221b", callback: "+44 20 7946 0958" }),
      ],
    },
  },
  { query: `mutation($input: [OrderInput!]!) { recordOrders(input: $input) { created } }`, variables: { input: [{ externalId: "acme-o1", customer, orderedAt: at(3), amount: 120, items: 2 }] } },
  {
    query: `mutation($input: [SurveyAnswerInput!]!) { recordSurveyAnswers(input: $input) { created } }`,
    variables: {
      input: [
        { idempotencyKey: "acme-s1", customer, survey: "acme-survey", kind: "NPS", score: 3, respondedAt: at(4) },
        { idempotencyKey: "acme-s2", customer, survey: "acme-survey", kind: "CSAT", score: 5, scaleMin: 1, scaleMax: 5, respondedAt: at(4) },
        { idempotencyKey: "acme-s5", customer, survey: "acme-exit", kind: "CSAT", score: 2, scaleMin: 1, scaleMax: 5, respondedAt: at(2) },
        { idempotencyKey: "acme-s6", customer, survey: "acme-exit", kind: "NPS", score: 10, respondedAt: at(2) },
        { idempotencyKey: "acme-s4", customer, survey: "acme-survey", kind: "CES", score: 6, scaleMin: 1, scaleMax: 7, respondedAt: at(4) },
      ],
    },
  },
  {
    query: `mutation($input: [TicketEventInput!]!) { recordTicketEvents(input: $input) { created } }`,
    variables: {
      input: [
        { idempotencyKey: "acme-t1", ticket: { externalId: "acme-ticket", customer, channel: "email" }, type: "OPENED", occurredAt: at(5, 9) },
        { idempotencyKey: "acme-t2", ticket: { externalId: "acme-ticket" }, type: "AGENT_REPLY", occurredAt: at(5, 11) },
      ],
    },
  },
  {
    query: `mutation($input: [ConsentInput!]!) { setConsent(input: $input) { created } }`,
    variables: {
      input: [
        { idempotencyKey: "acme-k1", customer, purpose: "marketing", channel: "email", status: "granted", at: at(1), source: "signup form" },
        { idempotencyKey: "acme-k0", customer, purpose: "analytics", status: "granted", at: at(1), source: "signup form" },
      ],
    },
  },
  { query: `mutation($input: AwardPointsInput!) { awardPoints(input: $input) { balance } }`, variables: { input: { key: "acme-p1", customer, points: 100, at: at(3) } } },
  { query: `mutation { assignEngagementModels(dryRun: false, asOf: "2026-11-03T12:00:00Z") { customers } }`, variables: {} },
];

/** Creates the fixture's customer with its personal email and traits (the API has no mutation for them: the importer's path). */
export async function createFixtureCustomer(orm: MikroORM, slug: string): Promise<void> {
  const em = orm.em.fork() as EntityManager;
  const row = await em.findOneOrFail(WorkspaceSchema, { slug });
  const scope = new WorkspaceScope(em, row.id);
  const ctx: Context = {
    workspace: { id: row.id, slug: row.slug, name: row.name },
    scope,
    loaders: createLoaders(scope),
    auth: { role: "admin", keyId: null, keyPrefix: null },
    apiKeys: { secret: "unused", forget: () => {} },
  };
  await recordCustomers(ctx, [{ externalId: "acme-c1", email: "alice.sentinel@acme.example", traits: { name: "Alice Sentinelle", phone: "+44 20 7946 0958", plan: "gold" } }]);
}

const CUSTOMER_FIELDS = "id externalId email traits";

/** Every root field, once. Queries first; then mutations, destructive ones last. */
export const CATALOG: readonly CatalogEntry[] = [
  { field: "Query.customers", query: `{ customers(first: 10) { edges { node { ${CUSTOMER_FIELDS} } } } }` },
  { field: "Query.customer", query: `query($id: ID!) { customer(id: $id) { ${CUSTOMER_FIELDS} } }`, variables: (r) => ({ id: r.customerId }) },
  { field: "Query.csat", query: `{ csat(filter: { survey: "acme-survey" }) { n share } }` },
  { field: "Query.ces", query: `{ ces { n mean } }` },
  { field: "Query.cesBreakdown", query: `{ cesBreakdown(by: SURVEY) { key ces { n } } }` },
  { field: "Query.nps", query: `{ nps(filter: { survey: "acme-survey" }) { n score } }` },
  { field: "Query.csatBreakdown", query: `{ csatBreakdown(by: SURVEY) { key csat { n } } }` },
  { field: "Query.npsBreakdown", query: `{ npsBreakdown(by: SURVEY) { key nps { n } } }` },
  { field: "Query.compareCsat", query: `{ compareCsat(a: { survey: "acme-survey" }, b: { survey: "acme-exit" }) { share { a b } } }` },
  { field: "Query.compareNps", query: `{ compareNps(a: { survey: "acme-survey" }, b: { survey: "acme-exit" }) { a b } }` },
  { field: "Query.interactions", query: `{ interactions(first: 10) { edges { node { id customerId type properties } } } }` },
  { field: "Query.segments", query: `{ segments(first: 10) { edges { node { key name memberCount } } } }` },
  { field: "Query.segment", query: `{ segment(key: "acme-vip") { key memberCount members(first: 5) { edges { node { ${CUSTOMER_FIELDS} } } } } }` },
  { field: "Query.validateSegment", query: `{ validateSegment(input: { key: "x", name: "X", condition: { type: "inSegment", segmentId: "acme-vip" } }) { valid } }` },
  { field: "Query.previewSegment", query: `{ previewSegment(input: { key: "x", name: "X", condition: { type: "performed", interaction: "purchase", op: "atLeast", times: 1 } }) { count total } }` },
  { field: "Query.explainSegment", query: `query($id: ID!) { explainSegment(customerId: $id, key: "acme-vip") }`, variables: (r) => ({ id: r.customerId }) },
  { field: "Query.valueSummary", query: `{ valueSummary { n } }`, alike: "null until refreshCustomerValues fits, which one customer cannot" },
  { field: "Query.funnel", query: `{ funnel(input: { steps: [{ id: "v", match: { type: ["page_view"] } }, { id: "p", match: { type: ["purchase"] } }], windowHours: 720, mode: ORDERED }) { customers entered steps { id count } } }` },
  { field: "Query.touchpointTransitions", query: `{ touchpointTransitions(touchpoint: "acme_shop", direction: "next", k: 3) { touchpoint count } }` },
  { field: "Query.journeyMaps", query: `{ journeyMaps { key name } }` },
  { field: "Query.journeyMap", query: `{ journeyMap(key: "acme-map") { key name } }` },
  { field: "Query.channels", query: `{ channels { id } }` },
  { field: "Query.touchpoints", query: `{ touchpoints { id } }` },
  { field: "Query.responseTimes", query: `{ responseTimes { tickets } }` },
  { field: "Query.selfServiceDeflectionRate", query: `query($p: DateTime!, $q: DateTime!) { selfServiceDeflectionRate(from: $p, to: $q) { rate n } }`, variables: () => ({ p: period.from, q: period.to }) },
  { field: "Query.cohortRetention", query: `{ cohortRetention(period: MONTH) { rows { cohort size } } }` },
  { field: "Query.repeatPurchaseRate", query: `{ repeatPurchaseRate { n } }` },
  { field: "Query.churnSurvival", query: `{ churnSurvival(definition: { inactiveDays: 30, asOf: "2026-12-01T00:00:00Z" }) { n } }` },
  { field: "Query.workspace", query: `{ workspace { slug name } }` },
  { field: "Query.engagementModels", query: `{ engagementModels { id } }` },
  { field: "Query.engagementModel", query: `{ engagementModel(id: "acme_desk") { id version } }` },
  { field: "Query.engagementModelVersions", query: `{ engagementModelVersions(id: "acme_desk") { id version } }` },
  { field: "Query.engagementStrategy", query: `{ engagementStrategy { fallback rules { segment models } } }` },
  { field: "Query.modelEffectiveness", query: `query($p: PeriodInput!) { modelEffectiveness(period: $p, by: MODEL) { n } }`, variables: () => ({ p: period }) },
  { field: "Query.modelRecommendations", query: `{ modelRecommendations(segment: "acme-vip", horizonMonths: 12) { segment customers } }`, refusedBy: "FAILED_PRECONDITION" },
  { field: "Query.recommendations", query: `query($id: ID!) { recommendations(customerId: $id, first: 5) { customerId baskets } }`, variables: (r) => ({ id: r.customerId }) },
  { field: "Query.triggers", query: `{ triggers(first: 10) { edges { node { id } } } }` },
  { field: "Query.contactPolicy", query: `{ contactPolicy { timeZone stored } }` },
  { field: "Query.dueActions", query: `{ dueActions(first: 10) { edges { node { id triggerId reasons customer { ${CUSTOMER_FIELDS} } } } } }` },
  { field: "Query.upliftReport", query: `{ upliftReport(trigger: "acme-detractor") { triggerId treated { n } } }` },
  { field: "Query.analyticsExport", query: `{ analyticsExport(first: 10) { edges { node { customerExternalId type } } } }` },
  { field: "Query.exportCustomerData", query: `query($id: ID!) { exportCustomerData(customerId: $id) }`, variables: (r) => ({ id: r.customerId }) },
  { field: "Query.apiKeys", query: `{ apiKeys { id prefix role name } }` },

  { field: "Mutation.recordInteractions", query: `mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created } }`, variables: () => ({ input: [interaction("acme-i3", "page_view", 6)] }) },
  { field: "Mutation.recordSurveyAnswers", query: `mutation($input: [SurveyAnswerInput!]!) { recordSurveyAnswers(input: $input) { created } }`, variables: () => ({ input: [{ idempotencyKey: "acme-s3", customer, survey: "acme-survey", kind: "NPS", score: 9, respondedAt: at(6) }] }) },
  { field: "Mutation.recordOrders", query: `mutation($input: [OrderInput!]!) { recordOrders(input: $input) { created } }`, variables: () => ({ input: [{ externalId: "acme-o2", customer, orderedAt: at(6), amount: 40 }] }) },
  { field: "Mutation.recordTicketEvents", query: `mutation($input: [TicketEventInput!]!) { recordTicketEvents(input: $input) { created } }`, variables: () => ({ input: [{ idempotencyKey: "acme-t3", ticket: { externalId: "acme-ticket" }, type: "RESOLVED", occurredAt: at(6) }] }) },
  { field: "Mutation.createSegment", query: `mutation($input: SegmentInput!) { createSegment(input: $input) { key } }`, variables: () => ({ input: { key: "acme-new", name: "New", condition: { type: "inSegment", segmentId: "acme-vip" } } }) },
  { field: "Mutation.refreshCustomerValues", query: `mutation { refreshCustomerValues { customers } }`, refusedBy: "FAILED_PRECONDITION" },
  { field: "Mutation.saveJourneyMap", query: `mutation($d: JSONObject!) { saveJourneyMap(document: $d) { key } }`, variables: () => ({ d: { ...journeyMap, name: "Acme map, renamed" } }) },
  { field: "Mutation.createEngagementModel", query: `mutation($input: EngagementModelInput!) { createEngagementModel(input: $input) { id } }`, variables: () => ({ input: { ...model, id: "acme_desk_2" } }) },
  { field: "Mutation.updateEngagementModel", query: `mutation { updateEngagementModel(id: "acme_desk", changes: { name: "Acme desk v2" }) { version } }` },
  { field: "Mutation.setEngagementStrategy", query: `mutation($input: EngagementStrategyInput!) { setEngagementStrategy(input: $input) { fallback } }`, variables: () => ({ input: { rules: [{ segment: "acme-vip", models: ["acme_desk"] }], fallback: "low_touch", capacities: [{ model: "acme_desk", capacity: 10 }] } }) },
  { field: "Mutation.assignEngagementModels", query: `mutation { assignEngagementModels(dryRun: false, asOf: "2026-11-10T00:00:00Z") { customers } }` },
  { field: "Mutation.setConsent", query: `mutation($input: [ConsentInput!]!) { setConsent(input: $input) { created } }`, variables: () => ({ input: [{ idempotencyKey: "acme-k2", customer, purpose: "analytics", status: "granted", at: at(6), source: "settings page" }] }) },
  { field: "Mutation.awardPoints", query: `mutation($input: AwardPointsInput!) { awardPoints(input: $input) { balance } }`, variables: () => ({ input: { key: "acme-p2", customer, points: 10, at: at(6) } }) },
  { field: "Mutation.redeemPoints", query: `mutation($input: RedeemPointsInput!) { redeemPoints(input: $input) { balance } }`, variables: () => ({ input: { key: "acme-p3", customer, points: 20, at: at(7) } }) },
  { field: "Mutation.createTrigger", query: `mutation($input: JSONObject!) { createTrigger(input: $input) { id } }`, variables: () => ({ input: { ...detractorTrigger, id: "acme-vip-entered", condition: { kind: "segmentEntered", segment: "acme-vip" } } }) },
  { field: "Mutation.pauseTrigger", query: `mutation { pauseTrigger(id: "acme-detractor") { paused } }` },
  { field: "Mutation.resumeTrigger", query: `mutation { resumeTrigger(id: "acme-detractor") { paused } }` },
  { field: "Mutation.setContactPolicy", query: `mutation($input: JSONObject!) { setContactPolicy(input: $input) { stored } }`, variables: () => ({ input: { ...policy, complaintCooldownDays: 14 } }) },
  { field: "Mutation.markActionDone", query: `mutation($id: ID!) { markActionDone(id: $id) { status } }`, variables: (r) => ({ id: r.actionId }) },
  { field: "Mutation.createApiKey", query: `mutation { createApiKey(name: "catalog", role: reader) { apiKey { role } } }` },
  { field: "Mutation.rotateApiKey", query: `mutation($id: ID!) { rotateApiKey(id: $id) { apiKey { id } } }`, variables: (r) => ({ id: r.spareKeyId }) },
  { field: "Mutation.revokeApiKey", query: `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, variables: (r) => ({ id: r.spareKeyId }) },
  { field: "Mutation.updateSegment", query: `mutation($input: SegmentInput!) { updateSegment(key: "acme-new", input: $input) { key } }`, variables: () => ({ input: { key: "acme-new", name: "Renamed", condition: { type: "performed", interaction: "page_view", op: "atLeast", times: 1 } } }) },
  { field: "Mutation.deleteSegment", query: `mutation { deleteSegment(key: "acme-new") }` },
  { field: "Mutation.deleteJourneyMap", query: `mutation { deleteJourneyMap(key: "acme-map") }` },
  { field: "Mutation.eraseCustomer", query: `mutation($id: ID!) { eraseCustomer(customerId: $id, personalProperties: ["contact"]) { total } }`, variables: (r) => ({ id: r.customerId }) },
];

/** A digest of every row of every table that has a `workspace_id`, restricted to one workspace: equal digests, nothing changed. */
export async function workspaceDigest(orm: MikroORM, workspaceId: number): Promise<string> {
  const em = orm.em.fork() as EntityManager;
  const conn = em.getConnection();
  const pg = em.getPlatform().constructor.name.toLowerCase().includes("postgre");
  const tables = pg
    ? ((await conn.execute("select table_name as name from information_schema.columns where column_name = 'workspace_id' and table_schema = current_schema() order by 1")) as { name: string }[]).map((r) => r.name)
    : (((await conn.execute("select name from sqlite_master where type = 'table' order by 1")) as { name: string }[])
        .map((r) => r.name)
        .filter((n) => !n.startsWith("sqlite_")) as string[]);
  const hash = createHash("sha256");
  for (const table of tables) {
    if (!pg) {
      const cols = (await conn.execute(`pragma table_info("${table}")`)) as { name: string }[];
      if (!cols.some((c) => c.name === "workspace_id")) continue;
    }
    const rows = await conn.execute(`select * from "${table}" where workspace_id = ? order by id`, [workspaceId]);
    hash.update(table).update(JSON.stringify(rows));
  }
  return hash.digest("hex");
}
