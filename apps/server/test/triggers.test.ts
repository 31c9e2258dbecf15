import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyContactPolicy,
  consentLedger,
  defaultChannels,
  evaluateTriggers,
  filterExport,
  isHeldOut,
  upliftReport,
  validateContactPolicy,
  validateTrigger,
  type ConsentRecord,
  type ConsentState,
  type CustomerContactState,
  type CustomerFacts,
  type Trigger,
  type UpliftOutcome,
} from "@engagekit/core";
import { runScheduledTriggers } from "@engagekit/graphql";
import { ensureWorkspace } from "../src/seed.js";
import { coreConsentRecord, coreError, databases, demoDataDir, dueActionsAsCore, firstError, startApp, type App, type ConsentIn } from "./harness.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const CHANNELS = defaultChannels.map((c) => c.id);

const CREATE = `mutation($input: JSONObject!) { createTrigger(input: $input) { id condition action priority holdoutShare paused evaluatedOn } }`;
const PAUSE = `mutation($id: ID!) { pauseTrigger(id: $id) { id paused } }`;
const RESUME = `mutation($id: ID!) { resumeTrigger(id: $id) { id paused } }`;
const TRIGGERS = `{ triggers(first: 100) { totalCount edges { node { id paused evaluatedOn } } } }`;
const SET_POLICY = `mutation($input: JSONObject!) { setContactPolicy(input: $input) { caps { max windowDays channel } quietHours { start end channels } timeZone complaintCooldownDays capOverflow maxDeferDays stored } }`;
const POLICY = `{ contactPolicy { caps { max windowDays channel } timeZone capOverflow stored } }`;
const ACTION_FIELDS = "id status triggerId trigger { id } customer { id externalId } actionType channel purpose action priority reasons cause dedupKey conditionKind rule firedAt dueAt doneAt";
const DUE = `query($first: Int, $after: String, $status: ActionStatus, $trigger: ID) { dueActions(first: $first, after: $after, status: $status, trigger: $trigger) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${ACTION_FIELDS} } } } }`;
const DONE = `mutation($id: ID!) { markActionDone(id: $id) { ${ACTION_FIELDS} } }`;
const RECORD = `mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created } }`;
const ANSWERS = `mutation($input: [SurveyAnswerInput!]!) { recordSurveyAnswers(input: $input) { created } }`;
const ORDERS = `mutation($input: [OrderInput!]!) { recordOrders(input: $input) { created } }`;
const SET_CONSENT = `mutation($input: [ConsentInput!]!) { setConsent(input: $input) { created } }`;
const UPLIFT = `query($trigger: ID!, $windowDays: Float) { upliftReport(trigger: $trigger, windowDays: $windowDays) {
  triggerId windowDays treated { n conversions conversionN retained retentionN revenueN meanRevenue } holdout { n conversions conversionN retained retentionN revenueN meanRevenue }
  conversion { difference holdout treated interval { lower upper level method } pValue relativeLift reason }
  retention { difference holdout treated interval { lower upper level method } pValue relativeLift reason }
  revenue { difference holdout treated interval { lower upper level method } pValue relativeLift reason }
  sampleRatio { chiSquare pValue mismatch } } }`;
const EXPORT = `query($first: Int, $after: String) { analyticsExport(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id customerExternalId type channel occurredAt value } } } }`;
const RECOMMEND = `query($id: ID!) { recommendations(customerId: $id) { personalized consent { rule } } }`;

interface ActionNode {
  id: string;
  status: string;
  triggerId: string;
  trigger: { id: string } | null;
  customer: { id: string; externalId: string };
  actionType: string;
  channel: string | null;
  purpose: string | null;
  action: Record<string, unknown>;
  priority: number;
  reasons: string[];
  cause: string;
  dedupKey: string;
  conditionKind: string;
  rule: string | null;
  firedAt: string;
  dueAt: string | null;
  doneAt: string | null;
}
type DueData = { dueActions: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: ActionNode }[] } };

/** The triggers of the scenarios (the examples). */
const renewal = { id: "renewal-reminder", condition: { kind: "dateRelative", trait: "subscription.endsAt", offsetDays: -14 }, action: { type: "message", channel: "email", template: "renewal_reminder", purpose: "service" }, priority: 50, holdoutShare: 0 };
const detractor = { id: "detractor-call", condition: { kind: "metricThreshold", metric: "lastNps", op: "lte", value: 6 }, action: { type: "task", ownerRole: "csm", dueWithinHours: 24, note: "call the detractor" }, priority: 90, holdoutShare: 0 };
const loginEmail = { id: "login-email", condition: { kind: "interaction", interactionType: "login" }, action: { type: "message", channel: "email", template: "welcome_back", purpose: "marketing" }, priority: 10, holdoutShare: 0 };
const loginSms = { id: "login-sms", condition: { kind: "interaction", interactionType: "login" }, action: { type: "offer", offerId: "sms-10", channel: "sms" }, priority: 20, holdoutShare: 0 };
const cartEmail = { id: "cart-email", condition: { kind: "interaction", interactionType: "cart_abandoned" }, action: { type: "message", channel: "email", template: "cart", purpose: "marketing" }, priority: 30, holdoutShare: 0 };
const browseHoldout = { id: "browse-task", condition: { kind: "interaction", interactionType: "browse" }, action: { type: "task", ownerRole: "marketing_automation", dueWithinHours: 2 }, priority: 5, holdoutShare: 0.5 };
const pAliveDrop = { id: "palive-slide", condition: { kind: "pAliveDrop", minDrop: 0.3 }, action: { type: "task", ownerRole: "account_manager", dueWithinHours: 48 }, priority: 70, holdoutShare: 0 };
const promo = { id: "promo", condition: { kind: "interaction", interactionType: "wishlist_add" }, action: { type: "message", channel: "email", template: "promo", purpose: "marketing" }, priority: 40, holdoutShare: 0 };

const core = (t: Record<string, unknown>): Trigger => validateTrigger(t, { channels: CHANNELS });
const policy: Record<string, unknown> = { caps: [{ max: 2, windowDays: 7 }, { max: 1, windowDays: 7, channel: "sms" }], timeZone: "UTC" };

for (const db of databases()) {
  describe.skipIf(!db.available)(`proactive triggers on ${db.name}`, () => {
    let app: App;
    let otherWs = 0;
    const sent: ConsentIn[] = [];
    const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => app.orm.em.fork().getConnection().execute<T[]>(text, params);
    const count = async (table: string) => Number((await sql<{ n: number | string }>(`select count(*) as n from ${table}`))[0]?.n);
    const idOf = async (externalId: string, slug = "demo"): Promise<number> => {
      const rows = await sql<{ id: number }>("select c.id from customers c join workspaces w on w.id = c.workspace_id where w.slug = ? and c.external_id = ?", [slug, externalId]);
      expect(rows, externalId).toHaveLength(1);
      return Number(rows[0]?.id);
    };
    const ok = async <T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T> => {
      const res = await app.gql<T>(query, variables, headers);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      return res.data as T;
    };
    /** Every action of a trigger in the demo workspace, via the API (all statuses), ids as the core's; statuses as stored (the enum upper-cases them). */
    const actionsOf = async (trigger: string): Promise<ActionNode[]> =>
      (await dueActionsAsCore<ActionNode>(app, DUE, trigger)).map((a) => ({ ...a, status: a.status.toLowerCase() }));
    const consentOf = async (): Promise<Map<string, ConsentState>> => {
      const records: ConsentRecord[] = [];
      for (const e of sent) records.push(coreConsentRecord(e, String(await idOf(e.customer.externalId))));
      return consentLedger(records);
    };
    const consent = async (events: ConsentIn[]) => {
      await ok(SET_CONSENT, { input: events });
      sent.push(...events);
    };
    const interactions = (rows: { key: string; customer: string; type: string; channel?: string; at: number }[]) =>
      ok(RECORD, { input: rows.map((r) => ({ idempotencyKey: r.key, customer: { externalId: r.customer }, type: r.type, channel: r.channel ?? "web", occurredAt: iso(r.at) })) });

    beforeAll(async () => {
      app = await startApp(db.name, { seed: false });
      otherWs = (await ensureWorkspace(app.orm, "other", false, demoDataDir)).workspaceId;
    });
    afterAll(async () => {
      await app?.close();
    });

    it("should cost ingestion no trigger query per batch while the workspace has no triggers (one cached read)", async () => {
      const reads = (from: number) => app.sql.slice(from).filter((q) => /\b(triggers|trigger_actions|contact_policies)\b/.test(q));
      const first = app.sql.length;
      await interactions([{ key: "cold-1", customer: "cold", type: "login", at: Date.now() }]);
      // The first batch fills the process's cache: the triggers and the policy, once.
      expect(reads(first).length).toBeLessThanOrEqual(2);
      const second = app.sql.length;
      await interactions([{ key: "cold-2", customer: "cold", type: "login", at: Date.now() }]);
      expect(reads(second)).toEqual([]);
      expect(await count("trigger_actions")).toBe(0);
    });

    it("should refuse bad triggers and policies as the core does (BAD_USER_INPUT with the path) and write nothing", async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ ...loginEmail, id: "x1", condition: { kind: "segmentEntered", segment: "no-such-segment" } }, "input.condition.segment"],
        [{ ...loginEmail, id: "x2", action: { ...loginEmail.action, channel: "fax" } }, "input.action.channel"],
        [{ ...loginEmail, id: "x3", holdoutShare: 1.5 }, "input.holdoutShare"],
        [{ ...detractor, id: "x4", action: { type: "task", ownerRole: "csm", dueWithinHours: 0 } }, "input.action.dueWithinHours"],
        // A custom action kind no installed plugin registered.
        [{ ...loginEmail, id: "x6", action: { type: "custom", kind: "webhook", params: { url: "https://x.example" } } }, "input.action.kind"],
      ];
      for (const [input, field] of cases) {
        const e = coreError(() => validateTrigger(input, { segments: [], channels: CHANNELS }, ["input"]));
        expect(e.path.join("."), field).toBe(field);
        expect(firstError(await app.gql(CREATE, { input }))?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: e.code, field });
      }
      // A metric the server does not observe is refused by the server's rule, at the metric.
      expect(firstError(await app.gql(CREATE, { input: { ...detractor, id: "x5", condition: { ...detractor.condition, metric: "mood" } } }))?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.condition.metric" });
      const policies: [Record<string, unknown>, string][] = [
        [{ caps: [{ max: 0, windowDays: 7 }], timeZone: "UTC" }, "input.caps.0.max"],
        [{ caps: [{ max: -2, windowDays: 7 }], timeZone: "UTC" }, "input.caps.0.max"],
        [{ caps: [{ max: 1, windowDays: 7, channel: "fax" }], timeZone: "UTC" }, "input.caps.0.channel"],
        [{ timeZone: "Mars/Olympus_Mons" }, "input.timeZone"],
        [{ timeZone: "UTC", quietHours: { start: 1260, end: 1260 } }, "input.quietHours.end"],
      ];
      for (const [input, field] of policies) {
        const e = coreError(() => validateContactPolicy(input, { channels: CHANNELS }));
        expect(["input", ...e.path.slice(1)].join(".")).toBe(field);
        expect(firstError(await app.gql(SET_POLICY, { input }))?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: e.code, field });
      }
      expect(await count("triggers")).toBe(0);
      expect(await count("contact_policies")).toBe(0);
      expect(await ok<{ contactPolicy: unknown }>(POLICY)).toEqual({ contactPolicy: { caps: [], timeZone: "UTC", capOverflow: "drop", stored: false } });
      // A duplicate id is refused after the first is written.
      await ok(CREATE, { input: renewal });
      expect(firstError(await app.gql(CREATE, { input: { ...renewal, priority: 1 } }))?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "JOURNEY.DUPLICATE_ID", field: "input.id" });
      expect(await count("triggers")).toBe(1);
    });

    it("should store triggers and the policy as the core types them, and pause / resume", async () => {
      for (const t of [detractor, loginEmail, loginSms, cartEmail, browseHoldout, pAliveDrop, promo]) {
        const got = await ok<{ createTrigger: Record<string, unknown> }>(CREATE, { input: t });
        const c = core(t);
        expect(got.createTrigger).toEqual({ id: c.id, condition: c.condition, action: c.action, priority: c.priority, holdoutShare: c.holdoutShare, paused: false, evaluatedOn: ["dateRelative", "pAliveDrop"].includes(c.condition.kind) ? "schedule" : "event" });
      }
      const stored = await ok<{ setContactPolicy: Record<string, unknown> }>(SET_POLICY, { input: policy });
      const p = validateContactPolicy(policy, { channels: CHANNELS });
      expect(stored.setContactPolicy).toEqual({ caps: (p.caps ?? []).map((c) => ({ max: c.max, windowDays: c.windowDays, channel: c.channel ?? null })), quietHours: null, timeZone: p.timeZone, complaintCooldownDays: null, capOverflow: "drop", maxDeferDays: null, stored: true });
      expect(await ok(PAUSE, { id: "promo" })).toEqual({ pauseTrigger: { id: "promo", paused: true } });
      expect(firstError(await app.gql(PAUSE, { id: "nope" }))?.extensions).toMatchObject({ code: "NOT_FOUND" });
      const list = await ok<{ triggers: { totalCount: number; edges: { node: { id: string; paused: boolean } }[] } }>(TRIGGERS);
      expect(list.triggers.totalCount).toBe(8);
      expect(list.triggers.edges.find((e) => e.node.id === "promo")?.node.paused).toBe(true);
    });

    it("should respect frequency caps across a batch exactly as evaluateTriggers + applyContactPolicy do", async () => {
      const t0 = Date.now() - HOUR;
      await consent(["f1", "f2", "f3"].map((c) => ({ idempotencyKey: `fc-${c}`, customer: { externalId: c }, purpose: "marketing", status: "granted", at: iso(t0 - 30 * DAY), source: "signup_form" })));
      const rows = [
        { key: "f1-l1", customer: "f1", type: "login", at: t0 },
        { key: "f1-l2", customer: "f1", type: "login", at: t0 + 1000 },
        { key: "f1-c1", customer: "f1", type: "cart_abandoned", at: t0 + 2000 },
        { key: "f2-l1", customer: "f2", type: "login", at: t0 },
        { key: "f3-c1", customer: "f3", type: "cart_abandoned", at: t0 },
        // A paused trigger's type: nothing.
        { key: "f3-w1", customer: "f3", type: "wishlist_add", at: t0 },
        // No consent: blocked, not sent.
        { key: "f4-l1", customer: "f4", type: "login", at: t0 },
      ];
      await interactions(rows);
      const got = [...(await actionsOf("login-email")), ...(await actionsOf("login-sms")), ...(await actionsOf("cart-email"))];
      expect(await actionsOf("promo")).toEqual([]);
      const now = Date.parse(got[0]?.firedAt ?? "");
      expect(got.every((a) => Date.parse(a.firedAt) === now)).toBe(true);
      // The core on the same data.
      const states = await consentOf();
      const facts: CustomerFacts[] = [];
      for (const c of ["f1", "f2", "f3", "f4"]) {
        const id = String(await idOf(c));
        const state = states.get(id);
        facts.push({ customerId: id, interactions: rows.filter((r) => r.customer === c).map((r) => ({ id: r.key, type: r.type, channel: "web", at: r.at })), ...(state ? { consent: state } : {}) });
      }
      const evaluation = evaluateTriggers(facts, [loginEmail, loginSms, cartEmail, browseHoldout, detractor].map(core), now);
      const contact = new Map<string, CustomerContactState>(facts.map((f) => [f.customerId, f.consent ? { consent: f.consent } : {}]));
      const decided = applyContactPolicy(evaluation.actions, validateContactPolicy(policy, { channels: CHANNELS }), contact, now);
      const expected = [
        ...decided.kept.map((k) => ({ dedupKey: k.action.dedupKey, status: "pending", rule: null, dueAt: iso(k.sendAt) })),
        ...decided.deferred.map((k) => ({ dedupKey: k.action.dedupKey, status: "deferred", rule: k.rule, dueAt: iso(k.sendAt) })),
        ...decided.dropped.map((k) => ({ dedupKey: k.action.dedupKey, status: "dropped", rule: k.rule, dueAt: null })),
        ...evaluation.blocked.map((b) => ({ dedupKey: b.dedupKey, status: "blocked", rule: "consent", dueAt: null })),
      ].sort((a, b) => (a.dedupKey < b.dedupKey ? -1 : 1));
      expect(got.map((a) => ({ dedupKey: a.dedupKey, status: a.status, rule: a.rule, dueAt: a.dueAt })).sort((a, b) => (a.dedupKey < b.dedupKey ? -1 : 1))).toEqual(expected);
      expect(decided.dropped.some((d) => d.rule === "frequency-cap")).toBe(true);
      // The law: no customer has more planned marketing than a cap allows.
      const planned = got.filter((a) => a.status === "pending" && a.purpose === "marketing");
      for (const c of ["f1", "f2", "f3"]) {
        expect(planned.filter((a) => a.customer.externalId === c).length).toBeLessThanOrEqual(2);
        expect(planned.filter((a) => a.customer.externalId === c && a.channel === "sms").length).toBeLessThanOrEqual(1);
      }
      // Reasons: why it fired, then the rule's reason when one applied.
      const dropped = got.find((a) => a.status === "dropped");
      expect(dropped?.reasons).toEqual([decided.dropped.find((d) => d.action.dedupKey === dropped?.dedupKey)?.action.reason, decided.dropped.find((d) => d.action.dedupKey === dropped?.dedupKey)?.reason]);
      // A later batch counts what is already planned (the core's `sent`): f2's two contacts fill the total cap.
      const f2 = String(await idOf("f2"));
      const history = got.filter((a) => a.customer.id === f2 && a.status === "pending").map((a) => ({ at: Date.parse(a.dueAt as string), channel: a.channel as string, purpose: a.purpose as "marketing" }));
      await interactions([{ key: "f2-l2", customer: "f2", type: "login", at: Date.now() }]);
      const later = [...(await actionsOf("login-email")), ...(await actionsOf("login-sms"))].filter((a) => a.cause === "interaction:f2-l2");
      const at2 = Date.parse(later[0]?.firedAt ?? "");
      const again = evaluateTriggers([{ customerId: f2, interactions: [{ id: "f2-l2", type: "login", channel: "web", at: at2 }], ...(states.get(f2) ? { consent: states.get(f2) as ConsentState } : {}) }], [loginEmail, loginSms].map(core), at2);
      const decided2 = applyContactPolicy(again.actions, validateContactPolicy(policy, { channels: CHANNELS }), new Map([[f2, { consent: states.get(f2) as ConsentState, sent: history }]]), at2);
      expect(history).toHaveLength(2);
      expect(later.map((a) => [a.dedupKey, a.status, a.rule]).sort()).toEqual(
        [...decided2.kept.map((k) => [k.action.dedupKey, "pending", null]), ...decided2.dropped.map((d) => [d.action.dedupKey, "dropped", d.rule])].sort(),
      );
      expect(later.map((a) => a.rule)).toEqual(["frequency-cap", "frequency-cap"]);
      // Retried batch: nothing fires twice.
      const before = await count("trigger_actions");
      await interactions(rows);
      expect(await count("trigger_actions")).toBe(before);
    });

    it("should give a detractor a follow-up task due within 24 hours, as the core does", async () => {
      const at = Date.now() - 10 * 60_000;
      await ok(ANSWERS, {
        input: [
          { idempotencyKey: "nps-d1", customer: { externalId: "d1" }, survey: "relationship", kind: "NPS", score: 3, respondedAt: iso(at) },
          { idempotencyKey: "nps-d2", customer: { externalId: "d2" }, survey: "relationship", kind: "NPS", score: 9, respondedAt: iso(at) },
        ],
      });
      const got = await actionsOf("detractor-call");
      expect(got).toHaveLength(1);
      const a = got[0] as ActionNode;
      const now = Date.parse(a.firedAt);
      const id = String(await idOf("d1"));
      const expected = evaluateTriggers([{ customerId: id, metrics: { lastNps: { value: 3, at } } }, { customerId: String(await idOf("d2")), metrics: { lastNps: { value: 9, at } } }], [core(detractor)], now);
      expect(expected.actions).toHaveLength(1);
      const e = expected.actions[0];
      expect({ customer: a.customer.id, status: a.status, dedupKey: a.dedupKey, reasons: a.reasons, dueAt: a.dueAt, action: a.action, priority: a.priority }).toEqual({
        customer: id,
        status: "pending",
        dedupKey: e?.dedupKey,
        reasons: [e?.reason],
        dueAt: iso(e?.dueBy as number),
        action: e?.action,
        priority: 90,
      });
      expect(Date.parse(a.dueAt as string) - now).toBe(24 * HOUR);
      // A second answer of the same customer is a new cause; the same answer again is not.
      await ok(ANSWERS, { input: [{ idempotencyKey: "nps-d1", customer: { externalId: "d1" }, survey: "relationship", kind: "NPS", score: 3, respondedAt: iso(at) }] });
      expect(await actionsOf("detractor-call")).toHaveLength(1);
    });

    it("should send the renewal reminder 14 days before the subscription ends, once, on the scheduled run", async () => {
      const now = Date.now();
      const ends: Record<string, number> = { r1: now + 14 * DAY - HOUR, r2: now + 20 * DAY, r3: now + 12 * DAY };
      await interactions(Object.keys(ends).map((c) => ({ key: `${c}-signup`, customer: c, type: "signup", at: now - 60 * DAY })));
      for (const [c, end] of Object.entries(ends)) await sql("update customers set traits = ? where id = ?", [JSON.stringify({ "subscription.endsAt": iso(end), timeZone: "Europe/Paris" }), await idOf(c)]);
      const runs = await runScheduledTriggers(app.orm, now);
      expect(runs.find((r) => r.summary.pending > 0)?.summary.pending).toBe(1);
      const got = await actionsOf("renewal-reminder");
      const facts: CustomerFacts[] = [];
      for (const [c, end] of Object.entries(ends)) facts.push({ customerId: String(await idOf(c)), traits: { "subscription.endsAt": iso(end) } });
      const expected = evaluateTriggers(facts, [core(renewal)], now);
      expect(got.map((a) => ({ customer: a.customer.externalId, status: a.status, dedupKey: a.dedupKey, reasons: a.reasons, dueAt: a.dueAt }))).toEqual(
        expected.actions.map((e) => ({ customer: "r1", status: "pending", dedupKey: e.dedupKey, reasons: [e.reason], dueAt: iso(now) })),
      );
      // Another run the next hour sends nothing new; a renewed subscription (new end date) is a new cause.
      await runScheduledTriggers(app.orm, now + HOUR);
      expect(await actionsOf("renewal-reminder")).toHaveLength(1);
      await sql("update customers set traits = ? where id = ?", [JSON.stringify({ "subscription.endsAt": iso(now + 14 * DAY - 2 * HOUR + 365 * DAY) }), await idOf("r1")]);
      await runScheduledTriggers(app.orm, now + 365 * DAY);
      expect(await actionsOf("renewal-reminder")).toHaveLength(2);
    });

    it("should fire a P(alive) drop against the value saved at the previous scheduled run", async () => {
      await interactions([{ key: "p1-signup", customer: "p1", type: "signup", at: Date.now() - DAY }]);
      const id = await idOf("p1");
      const t1 = Date.now();
      await sql("update customers set p_alive = ? where id = ?", [0.9, id]);
      await runScheduledTriggers(app.orm, t1);
      expect(await actionsOf("palive-slide")).toEqual([]);
      await sql("update customers set p_alive = ? where id = ?", [0.5, id]);
      const t2 = t1 + DAY;
      await runScheduledTriggers(app.orm, t2);
      const got = await actionsOf("palive-slide");
      const expected = evaluateTriggers([{ customerId: String(id), pAlive: { current: 0.5, previous: 0.9, previousAt: t1 } }], [core(pAliveDrop)], t2);
      expect(got.map((a) => ({ dedupKey: a.dedupKey, reasons: a.reasons, dueAt: a.dueAt }))).toEqual(expected.actions.map((e) => ({ dedupKey: e.dedupKey, reasons: [e.reason], dueAt: iso(e.dueBy as number) })));
      await runScheduledTriggers(app.orm, t2 + HOUR);
      expect(await actionsOf("palive-slide")).toHaveLength(1);
    });

    it("should give holdout customers no action (the core's isHeldOut), and report uplift as the core's upliftReport", async () => {
      const t0 = Date.now() - HOUR;
      const customers = Array.from({ length: 40 }, (_, i) => `h${i}`);
      await interactions(customers.map((c) => ({ key: `${c}-browse`, customer: c, type: "browse", at: t0 })));
      const got = await actionsOf("browse-task");
      expect(got).toHaveLength(40);
      let held = 0;
      for (const c of customers) {
        const id = String(await idOf(c));
        const a = got.find((x) => x.customer.id === id);
        const out = isHeldOut("browse-task", id, 0.5);
        held += out ? 1 : 0;
        expect(a?.status, c).toBe(out ? "held_out" : "pending");
        if (out) expect(a?.rule).toBe("holdout");
      }
      expect(held).toBeGreaterThan(0);
      expect(held).toBeLessThan(40);
      // Age the firings by 40 days, then orders 5 days after for every third customer.
      const firedAt = Date.now() - 40 * DAY;
      await sql(`update trigger_actions set fired_at = ? where trigger_key = 'browse-task'`, [db.name === "postgresql" ? new Date(firedAt) : firedAt]);
      const buyers = customers.filter((_, i) => i % 3 === 0);
      await ok(ORDERS, { input: buyers.map((c, i) => ({ externalId: `o-${c}`, customer: { externalId: c }, orderedAt: iso(firedAt + 5 * DAY), amount: 10 + i })) });
      const res = await ok<{ upliftReport: Record<string, unknown> }>(UPLIFT, { trigger: "browse-task", windowDays: 30 });
      const outcomes: UpliftOutcome[] = [];
      for (const c of customers) {
        const i = buyers.indexOf(c);
        const group = isHeldOut("browse-task", String(await idOf(c)), 0.5) ? "holdout" : "treated";
        // The browse interaction was at t0 (after the aged firing): retained within the window only if it falls inside it.
        const browsed = t0 > firedAt && t0 <= firedAt + 30 * DAY;
        outcomes.push({ group, converted: i >= 0, retained: i >= 0 || browsed, revenue: i >= 0 ? 10 + i : 0 });
      }
      const r = upliftReport(outcomes, { holdoutShare: 0.5 });
      const est = (e: typeof r.conversion | typeof r.revenue) =>
        e.estimate === null
          ? { difference: null, holdout: null, treated: null, interval: null, pValue: null, relativeLift: null, reason: e.reason }
          : {
              difference: e.estimate.difference,
              holdout: "rateA" in e.estimate ? e.estimate.rateA : e.estimate.meanA,
              treated: "rateB" in e.estimate ? e.estimate.rateB : e.estimate.meanB,
              interval: { lower: e.estimate.interval.lower, upper: e.estimate.interval.upper, level: e.estimate.interval.level, method: e.estimate.interval.method },
              pValue: e.estimate.pValue,
              relativeLift: e.relativeLift,
              reason: null,
            };
      expect(res.upliftReport).toEqual({
        triggerId: "browse-task",
        windowDays: 30,
        treated: r.treated,
        holdout: r.holdout,
        conversion: est(r.conversion),
        retention: est(r.retention),
        revenue: est(r.revenue),
        sampleRatio: r.sampleRatio ? { chiSquare: r.sampleRatio.chiSquare, pValue: r.sampleRatio.pValue, mismatch: r.sampleRatio.mismatch } : null,
      });
      expect(r.treated.n + r.holdout.n).toBe(40);
      expect(firstError(await app.gql(UPLIFT, { trigger: "nope" }))?.extensions).toMatchObject({ code: "NOT_FOUND" });
      expect(firstError(await app.gql(UPLIFT, { trigger: "browse-task", windowDays: 0 }))?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "windowDays" });
    });

    it("should page dueActions as a Relay connection, mark actions done, and refuse to mark a dropped one", async () => {
      const all: ActionNode[] = [];
      let after: string | null = null;
      for (;;) {
        const d: DueData = await ok<DueData>(DUE, { first: 3, after });
        all.push(...d.dueActions.edges.map((e) => e.node));
        expect(d.dueActions.totalCount).toBeGreaterThan(3);
        if (!d.dueActions.pageInfo.hasNextPage) break;
        after = d.dueActions.pageInfo.endCursor;
      }
      const pending = Number((await sql<{ n: number | string }>("select count(*) as n from trigger_actions where status = 'pending' and workspace_id = (select id from workspaces where slug = 'demo')"))[0]?.n);
      expect(all).toHaveLength(pending);
      expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
      const first = all[0] as ActionNode;
      const done = await ok<{ markActionDone: ActionNode }>(DONE, { id: first.id });
      expect(done.markActionDone).toMatchObject({ id: first.id, status: "DONE" });
      expect(done.markActionDone.doneAt).not.toBeNull();
      expect((await ok<{ markActionDone: ActionNode }>(DONE, { id: first.id })).markActionDone.doneAt).toBe(done.markActionDone.doneAt);
      expect((await ok<DueData>(DUE, { first: 100 })).dueActions.edges.map((e) => e.node.id)).not.toContain(first.id);
      const dropped = (await ok<DueData>(DUE, { first: 1, status: "DROPPED" })).dueActions.edges[0]?.node as ActionNode;
      expect(dropped.rule).toBe("frequency-cap");
      expect(firstError(await app.gql(DONE, { id: dropped.id }))?.extensions).toMatchObject({ code: "CONFLICT" });
      expect(firstError(await app.gql(DONE, { id: "999999" }))?.extensions).toMatchObject({ code: "NOT_FOUND" });
    });

    it("should enforce an ingested opt-out as the core does: no marketing action, no personal recommendation, no analytics export afterwards", async () => {
      const t0 = Date.now() - DAY;
      const grants = (c: string): ConsentIn[] =>
        ["marketing", "personalization", "analytics"].map((purpose) => ({ idempotencyKey: `oo-${c}-${purpose}`, customer: { externalId: c }, purpose, status: "granted", at: iso(t0 - 10 * DAY), source: "signup_form" }));
      await consent([...grants("o1"), ...grants("o2")]);
      await ok(RESUME, { id: "promo" });
      await interactions([
        { key: "o1-w1", customer: "o1", type: "wishlist_add", channel: "web", at: t0 },
        { key: "o2-w1", customer: "o2", type: "wishlist_add", channel: "web", at: t0 },
      ]);
      await ok(ORDERS, { input: [{ externalId: "o1-order", customer: { externalId: "o1" }, orderedAt: iso(t0), amount: 20 }] });
      const before = await actionsOf("promo");
      expect(before.map((a) => [a.customer.externalId, a.status])).toEqual([["o1", "pending"], ["o2", "pending"]]);
      const id1 = String(await idOf("o1"));
      expect((await ok<{ recommendations: { personalized: boolean } }>(RECOMMEND, { id: app.apiId("cus", id1) })).recommendations.personalized).toBe(true);
      const exportAll = async () => {
        const rows: { customerExternalId: string; id: string }[] = [];
        let after: string | null = null;
        for (;;) {
          const d: { analyticsExport: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { customerExternalId: string; id: string } }[] } } = await ok(EXPORT, { first: 5, after });
          rows.push(...d.analyticsExport.edges.map((e) => e.node));
          if (!d.analyticsExport.pageInfo.hasNextPage) break;
          after = d.analyticsExport.pageInfo.endCursor;
        }
        return rows;
      };
      expect((await exportAll()).some((r) => r.customerExternalId === "o1")).toBe(true);

      // The opt-out, ingested as consent events.
      await consent(["marketing", "personalization", "analytics"].map((purpose) => ({ idempotencyKey: `oo-o1-out-${purpose}`, customer: { externalId: "o1" }, purpose, status: "withdrawn", at: iso(t0 + HOUR), source: "preference_center" })));
      await interactions([
        { key: "o1-w2", customer: "o1", type: "wishlist_add", channel: "web", at: t0 + 2 * HOUR },
        { key: "o2-w2", customer: "o2", type: "wishlist_add", channel: "web", at: t0 + 2 * HOUR },
      ]);
      const after = (await actionsOf("promo")).filter((a) => a.cause.endsWith("-w2")).sort((a, b) => (a.customer.externalId < b.customer.externalId ? -1 : 1));
      const now = Date.parse(after[0]?.firedAt ?? "");
      const states = await consentOf();
      const facts: CustomerFacts[] = [];
      for (const c of ["o1", "o2"]) {
        const id = String(await idOf(c));
        const s = states.get(id);
        facts.push({ customerId: id, interactions: [{ id: `${c}-w2`, type: "wishlist_add", channel: "web", at: t0 + 2 * HOUR }], ...(s ? { consent: s } : {}) });
      }
      const expected = evaluateTriggers(facts, [core(promo)], now);
      expect(expected.blocked.map((b) => b.customerId)).toEqual([id1]);
      expect(after.map((a) => [a.customer.externalId, a.status, a.rule])).toEqual([["o1", "blocked", "consent"], ["o2", "pending", null]]);
      expect(after.find((a) => a.status === "blocked")?.reasons[1]).toBe(expected.blocked[0]?.consent.reason);
      // No personal recommendation, and none of o1's rows in the export (the core's filterExport on the same rows).
      expect((await ok<{ recommendations: { personalized: boolean; consent: { rule: string } } }>(RECOMMEND, { id: app.apiId("cus", id1) })).recommendations).toEqual({ personalized: false, consent: { rule: "withdrawn" } });
      const exported = await exportAll();
      expect(exported.some((r) => r.customerExternalId === "o1")).toBe(false);
      const rows = await sql<{ id: number; customer_id: number; channel: string }>("select id, customer_id, channel from interactions where workspace_id = (select id from workspaces where slug = 'demo') order by id");
      const kept = filterExport(rows, (c) => states.get(c), { customerIdOf: (r) => String(r.customer_id), channelOf: (r) => r.channel, now: Date.now() }).rows;
      expect(exported.map((r) => app.rowId("int", r.id))).toEqual(kept.map((r) => Number(r.id)));
      expect(kept.length).toBeGreaterThan(0);
    });

    it("should keep workspaces apart: triggers, policy and actions are per workspace", async () => {
      const other = { "x-engagekit-workspace": "other" };
      expect(await ok<{ triggers: { totalCount: number } }>(TRIGGERS, {}, other)).toMatchObject({ triggers: { totalCount: 0 } });
      expect((await ok<DueData>(DUE, { first: 10 }, other)).dueActions.totalCount).toBe(0);
      expect(await ok(POLICY, {}, other)).toMatchObject({ contactPolicy: { stored: false } });
      // The same trigger id is free in the other workspace, and fires only on its own events.
      await ok(CREATE, { input: loginEmail }, other);
      const demoBefore = await count("trigger_actions");
      await ok(RECORD, { input: [{ idempotencyKey: "f1-l1", customer: { externalId: "f1" }, type: "login", channel: "web", occurredAt: iso(Date.now()) }] }, other);
      const otherActions = await ok<DueData>(DUE, { first: 10, status: "BLOCKED" }, other);
      expect(otherActions.dueActions.edges.map((e) => e.node.customer.id)).toEqual([app.apiId("cus", await idOf("f1", "other"), otherWs)]);
      expect(await count("trigger_actions")).toBe(demoBefore + 1);
      const demoAction = (await ok<DueData>(DUE, { first: 1 })).dueActions.edges[0]?.node as ActionNode;
      expect(firstError(await app.gql(DONE, { id: demoAction.id }, other))?.extensions).toMatchObject({ code: "NOT_FOUND" });
      expect(firstError(await app.gql(PAUSE, { id: "renewal-reminder" }, other))?.extensions).toMatchObject({ code: "NOT_FOUND" });
    });

    it("should fire nothing for a paused trigger and again once resumed", async () => {
      await ok(PAUSE, { id: "cart-email" });
      await interactions([{ key: "f2-c9", customer: "f2", type: "cart_abandoned", at: Date.now() }]);
      expect((await actionsOf("cart-email")).filter((a) => a.cause === "interaction:f2-c9")).toEqual([]);
      await ok(RESUME, { id: "cart-email" });
      await interactions([{ key: "f2-c10", customer: "f2", type: "cart_abandoned", at: Date.now() }]);
      expect((await actionsOf("cart-email")).filter((a) => a.cause === "interaction:f2-c10")).toHaveLength(1);
    });

    it("should defer marketing in quiet hours of the customer's own time zone to their end, as applyContactPolicy does", async () => {
      // Quiet hours around the current UTC minute; q2's zone (Tokyo, UTC+9) is outside them.
      const minute = Math.floor((Date.now() % DAY) / 60_000);
      const quiet = { start: (minute + 1440 - 60) % 1440, end: (minute + 60) % 1440 };
      const quietPolicy = { timeZone: "UTC", quietHours: quiet, caps: [{ max: 50, windowDays: 1 }] };
      await ok(SET_POLICY, { input: quietPolicy });
      await ok(PAUSE, { id: "login-sms" });
      const t0 = Date.now() - 60_000;
      await consent(["q1", "q2"].map((c) => ({ idempotencyKey: `q-${c}`, customer: { externalId: c }, purpose: "marketing", status: "granted", at: iso(t0 - DAY), source: "signup_form" })));
      await interactions([{ key: "q1-s", customer: "q1", type: "signup", at: t0 - 1000 }, { key: "q2-s", customer: "q2", type: "signup", at: t0 - 1000 }]);
      await sql("update customers set traits = ? where id = ?", [JSON.stringify({ timeZone: "Asia/Tokyo" }), await idOf("q2")]);
      await interactions([{ key: "q1-l", customer: "q1", type: "login", at: t0 }, { key: "q2-l", customer: "q2", type: "login", at: t0 }]);
      const got = (await actionsOf("login-email")).filter((a) => a.cause === "interaction:q1-l" || a.cause === "interaction:q2-l").sort((a, b) => (a.customer.externalId < b.customer.externalId ? -1 : 1));
      const now = Date.parse(got[0]?.firedAt ?? "");
      const states = await consentOf();
      const facts: CustomerFacts[] = [];
      const contact = new Map<string, CustomerContactState>();
      for (const c of ["q1", "q2"]) {
        const id = String(await idOf(c));
        facts.push({ customerId: id, interactions: [{ id: `${c}-l`, type: "login", channel: "web", at: t0 }], consent: states.get(id) as ConsentState });
        contact.set(id, { consent: states.get(id) as ConsentState, ...(c === "q2" ? { timeZone: "Asia/Tokyo" } : {}) });
      }
      const evaluation = evaluateTriggers(facts, [core(loginEmail)], now);
      const decided = applyContactPolicy(evaluation.actions, validateContactPolicy(quietPolicy, { channels: CHANNELS }), contact, now);
      expect(decided.deferred).toHaveLength(1);
      const byKey = new Map<string, { status: string; rule: string | null; dueAt: string }>([
        ...decided.kept.map((k) => [k.action.dedupKey, { status: "pending", rule: null, dueAt: iso(k.sendAt) }] as [string, { status: string; rule: string | null; dueAt: string }]),
        ...decided.deferred.map((d) => [d.action.dedupKey, { status: "deferred", rule: d.rule, dueAt: iso(d.sendAt) }] as [string, { status: string; rule: string | null; dueAt: string }]),
      ]);
      expect(got.map((a) => ({ status: a.status, rule: a.rule, dueAt: a.dueAt }))).toEqual(got.map((a) => byKey.get(a.dedupKey)));
      expect(got.map((a) => [a.customer.externalId, a.status, a.rule])).toEqual([["q1", "deferred", "quiet-hours"], ["q2", "pending", null]]);
      // A deferred action is not due yet: it shows under DEFERRED, not in the due list.
      const deferred = got[0] as ActionNode;
      expect(Date.parse(deferred.dueAt as string)).toBeGreaterThan(now);
      expect((await ok<DueData>(DUE, { first: 100 })).dueActions.edges.map((e) => e.node.id)).not.toContain(deferred.id);
      expect(deferred.reasons[1]).toBe(decided.deferred[0]?.reason);
    });
  });
}

