import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  consentFlags,
  consentLedger,
  consentPurposes,
  earnPoints,
  emptyPointsLedger,
  isAllowed,
  itemCooccurrence,
  loyaltySummary,
  pointsBalance,
  recommendItems,
  redeemPoints,
  validateConsentRecord,
  type ConsentPurpose,
  type ConsentRecord,
  type ConsentState,
  type LedgerEntry,
  type PointsLedger,
} from "@engagekit/core";
import { ensureWorkspace } from "../src/seed.js";
import { coreConsentRecord, coreError, databases, demoDataDir, firstError, startApp, type App, type ConsentIn } from "./harness.js";

const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
const at = (s: string): number => Date.parse(s);


const SET_CONSENT = `mutation($input: [ConsentInput!]!) { setConsent(input: $input) { received created duplicates customersCreated } }`;
const CONSENT_FIELDS = "entries { key purpose channel status at source expiresAt } decisions { purpose channel allowed rule reason key }";
const LOYALTY_FIELDS =
  "balance nextExpiry { at points } asOf tier { tier since qualifyingPoints qualifiedTier grace { belowSince downgradeAt } next { tier pointsNeeded } changes { from to direction at qualifyingPoints reason } }";
const HISTORY_FIELDS = "kind key at points lot expiresAt draws { lot points } reason";
const AWARD = `mutation($input: AwardPointsInput!) { awardPoints(input: $input) { key status customerId balance } }`;
const REDEEM = `mutation($input: RedeemPointsInput!) { redeemPoints(input: $input) { key status customerId balance } }`;
const RECOMMEND = `query($id: ID!, $first: Int) { recommendations(customerId: $id, first: $first) { customerId personalized baskets consent { purpose channel allowed rule reason key } items { item score basis reason seed support } } }`;

/** The core's record of an API event, for the customer's internal id. */
const coreRecord = (e: ConsentIn, customerId: number): ConsentRecord => coreConsentRecord(e, String(customerId));

/** What Customer.consent must answer: the state's entries by key and isAllowed for each purpose × (purpose-wide, each channel named). */
function expectedConsent(state: ConsentState | undefined, now: number) {
  const entries = Object.entries(state?.entries ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, e]) => ({
      key,
      purpose: key.split(":")[0],
      channel: key.includes(":") ? key.slice(key.indexOf(":") + 1) : null,
      status: e.status,
      at: iso(e.at),
      source: e.source,
      expiresAt: iso(e.expiresAt),
    }));
  const channels = [...new Set(entries.flatMap((e) => (e.channel === null ? [] : [e.channel])))].sort();
  const decisions = (consentPurposes as readonly ConsentPurpose[]).flatMap((purpose) =>
    [undefined, ...channels].map((channel) => {
      const d = isAllowed(state, purpose, channel, now);
      return { purpose, channel: channel ?? null, allowed: d.allowed, rule: d.rule, reason: d.reason, key: d.key ?? null };
    }),
  );
  return { entries, decisions };
}

/** A ledger entry as the API shows it. */
function apiEntry(e: LedgerEntry) {
  return {
    kind: e.kind,
    key: e.kind === "expire" ? null : e.key,
    at: iso(e.at),
    points: e.points,
    lot: e.kind === "redeem" ? null : e.lot,
    expiresAt: e.kind === "earn" ? iso(e.expiresAt) : null,
    draws: e.kind === "redeem" ? e.lots.map((d) => ({ lot: d.lot, points: d.points })) : [],
    reason: e.kind === "expire" ? null : (e.reason ?? null),
  };
}

/** What Customer.loyalty(asOf) must answer: the core's loyaltySummary of the same ledger. */
function expectedLoyalty(ledger: PointsLedger, now: number) {
  const s = loyaltySummary(ledger, now, undefined, Infinity);
  const t = s.tier;
  return {
    summary: {
      balance: s.balance.points,
      nextExpiry: s.balance.nextExpiry ? { at: iso(s.balance.nextExpiry.at), points: s.balance.nextExpiry.points } : null,
      asOf: iso(now),
      tier: {
        tier: t.tier,
        since: iso(t.since),
        qualifyingPoints: t.qualifyingPoints,
        qualifiedTier: t.qualifiedTier,
        grace: t.grace ? { belowSince: iso(t.grace.belowSince), downgradeAt: iso(t.grace.downgradeAt) } : null,
        next: t.next,
        changes: t.changes.map((c) => ({ ...c, at: iso(c.at) })),
      },
    },
    history: s.history.map(apiEntry),
  };
}

for (const db of databases()) {
  describe.skipIf(!db.available)(`consent, loyalty and recommendations on ${db.name}`, () => {
    let app: App;
    let otherWs = 0;
    const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => app.orm.em.fork().getConnection().execute<T[]>(text, params);
    const count = async (table: string) => Number((await sql<{ n: number | string }>(`select count(*) as n from ${table}`))[0]?.n);
    /** Internal id of a demo-workspace customer. */
    const idOf = async (externalId: string, slug = "demo"): Promise<number> => {
      const rows = await sql<{ id: number }>("select c.id from customers c join workspaces w on w.id = c.workspace_id where w.slug = ? and c.external_id = ?", [slug, externalId]);
      expect(rows, externalId).toHaveLength(1);
      return Number(rows[0]?.id);
    };
    /** The core's consent states of the demo workspace, from its stored events. */
    const sent: ConsentIn[] = [];

    beforeAll(async () => {
      app = await startApp(db.name, { seed: false });
      otherWs = (await ensureWorkspace(app.orm, "other", false, demoDataDir)).workspaceId;
    });
    afterAll(async () => {
      await app?.close();
    });

    async function coreStates(): Promise<Map<string, ConsentState>> {
      const records: ConsentRecord[] = [];
      for (const e of sent) records.push(coreRecord(e, await idOf(e.customer.externalId)));
      return consentLedger(records);
    }

    const consentBatch: ConsentIn[] = [
      { idempotencyKey: "cs-1", customer: { externalId: "c1" }, purpose: "marketing", channel: "email", status: "granted", at: "2026-01-05T10:00:00Z", source: "signup_form" },
      { idempotencyKey: "cs-2", customer: { externalId: "c1" }, purpose: "marketing", status: "withdrawn", at: "2026-02-01T09:00:00Z", source: "unsubscribe_link" },
      { idempotencyKey: "cs-3", customer: { externalId: "c1" }, purpose: "marketing", channel: "sms", status: "granted", at: "2026-03-01T09:00:00Z", source: "preference_center" },
      { idempotencyKey: "cs-4", customer: { externalId: "c1" }, purpose: "personalization", status: "granted", at: "2026-01-05T10:00:00Z", source: "signup_form", expiresAt: "2026-07-05T10:00:00Z" },
      { idempotencyKey: "cs-5", customer: { externalId: "c2" }, purpose: "analytics", status: "granted", at: "2026-01-10T08:00:00Z", source: "import:2026-01" },
      { idempotencyKey: "cs-6", customer: { externalId: "c2" }, purpose: "service", channel: "phone", status: "denied", at: "2026-01-11T08:00:00Z", source: "agent:42" },
      // Arrives out of order: an older grant that the withdrawal above still beats.
      { idempotencyKey: "cs-7", customer: { externalId: "c1" }, purpose: "marketing", status: "granted", at: "2026-01-20T09:00:00Z", source: "checkout" },
    ];

    it("should record consent events over HTTP and answer Customer.consent exactly as the core's consentLedger and isAllowed do", async () => {
      const res = await app.gql(SET_CONSENT, { input: consentBatch });
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ setConsent: { received: 7, created: 7, duplicates: 0, customersCreated: 2 } });
      sent.push(...consentBatch);
      const states = await coreStates();
      const ids = [await idOf("c1"), await idOf("c2")];
      for (const asOf of ["2026-01-15T00:00:00Z", "2026-06-01T00:00:00Z", "2026-08-01T00:00:00Z"]) {
        const got = await app.gql<{ customers: { edges: { node: { id: string; consent: unknown } }[] } }>(
          `query($asOf: DateTime) { customers(first: 10) { edges { node { id consent(asOf: $asOf) { ${CONSENT_FIELDS} } } } } }`,
          { asOf },
        );
        expect(got.errors).toBeUndefined();
        const byId = new Map((got.data?.customers.edges ?? []).map((e) => [app.rowId("cus", e.node.id), e.node.consent]));
        for (const id of ids) {
          // As of a past time the state is the fold of the events up to it.
          const pastState = (await coreStatesAsOf(at(asOf))).get(String(id));
          expect(byId.get(id), `${id} at ${asOf}`).toEqual(expectedConsent(pastState, at(asOf)));
        }
      }
      // Now: the same keys as the core's consentFlags, with the same answers.
      const now = await app.gql<{ customer: { consent: { decisions: { purpose: string; channel: string | null; allowed: boolean }[] } } }>(
        `query($id: ID!) { customer(id: $id) { consent { ${CONSENT_FIELDS} } } }`,
        { id: app.apiId("cus", ids[0] as number) },
      );
      const flags = consentFlags(states.get(String(ids[0])), [], Date.now());
      const decisions = now.data?.customer.consent.decisions ?? [];
      expect(Object.fromEntries(decisions.map((d) => [d.channel === null ? d.purpose : `${d.purpose}:${d.channel}`, d.allowed]))).toEqual(flags);
      // The precedence rules, read off the API: the later purpose-wide withdrawal beats the email opt-in; the later SMS opt-in beats it for SMS only.
      const of = (purpose: string, channel: string | null) => decisions.find((d) => d.purpose === purpose && d.channel === channel)?.allowed;
      expect([of("marketing", "email"), of("marketing", "sms"), of("marketing", null), of("service", "email")]).toEqual([false, true, false, true]);
    });

    async function coreStatesAsOf(asOf: number): Promise<Map<string, ConsentState>> {
      const records: ConsentRecord[] = [];
      for (const e of sent) records.push(coreRecord(e, await idOf(e.customer.externalId)));
      return consentLedger(records, asOf);
    }

    it("should be idempotent: the same batch again creates nothing", async () => {
      const before = await count("consent_events");
      const res = await app.gql(SET_CONSENT, { input: consentBatch });
      expect(res.data).toEqual({ setConsent: { received: 7, created: 0, duplicates: 7, customersCreated: 0 } });
      // A repeated key inside one batch counts once.
      const twice = await app.gql(SET_CONSENT, { input: [{ ...(consentBatch[0] as ConsentIn), idempotencyKey: "cs-8" }, { ...(consentBatch[0] as ConsentIn), idempotencyKey: "cs-8" }] });
      expect(twice.data).toEqual({ setConsent: { received: 2, created: 1, duplicates: 1, customersCreated: 0 } });
      sent.push({ ...(consentBatch[0] as ConsentIn), idempotencyKey: "cs-8" });
      expect(await count("consent_events")).toBe(before + 1);
    });

    it("should reject a batch with one bad item as a whole, naming the item's field as the core's validateConsentRecord does", async () => {
      const events = await count("consent_events");
      const customers = await count("customers");
      const good = (i: number): ConsentIn => ({ idempotencyKey: `bad-batch-${i}`, customer: { externalId: `new-${i}` }, purpose: "analytics", status: "granted", at: "2026-04-01T00:00:00Z", source: "form" });
      const cases: { bad: Partial<ConsentIn>; field: string }[] = [
        { bad: { purpose: "ads" }, field: "input.3.purpose" },
        { bad: { status: "maybe" }, field: "input.3.status" },
        { bad: { source: "" }, field: "input.3.source" },
        { bad: { channel: "" }, field: "input.3.channel" },
        { bad: { expiresAt: "2026-03-01T00:00:00Z" }, field: "input.3.expiresAt" },
      ];
      for (const { bad, field } of cases) {
        const input = [good(0), good(1), good(2), { ...good(3), ...bad }, good(4)];
        const res = await app.gql(SET_CONSENT, { input });
        const err = firstError(res);
        const item = input[3] as ConsentIn;
        const core = coreError(() =>
          validateConsentRecord(
            { customerId: "x", purpose: item.purpose, ...(item.channel === undefined ? {} : { channel: item.channel }), status: item.status, at: at(item.at), source: item.source, ...(item.expiresAt ? { expiresAt: at(item.expiresAt) } : {}) },
            ["input", 3],
          ),
        );
        expect(err?.extensions, field).toMatchObject({ code: "BAD_USER_INPUT", field, reason: core.code });
        expect(core.path.join(".")).toBe(field);
      }
      expect(await count("consent_events")).toBe(events);
      expect(await count("customers")).toBe(customers);
    });

    // The member's operations: FIFO redemption, an expiry between operations, a tier upgrade.
    const operations = [
      { kind: "earn", input: { key: "order:1", customer: { externalId: "m1" }, points: 600, at: "2025-01-10T00:00:00Z", expiresAt: "2025-07-10T00:00:00Z", reason: "order 1" } },
      { kind: "earn", input: { key: "order:2", customer: { externalId: "m1" }, points: 700, at: "2025-02-01T00:00:00Z", reason: "order 2" } },
      { kind: "redeem", input: { key: "reward:1", customer: { externalId: "m1" }, points: 400, at: "2025-03-01T00:00:00Z", reason: "voucher" } },
      { kind: "earn", input: { key: "order:3", customer: { externalId: "m1" }, points: 300, at: "2025-08-01T00:00:00Z" } },
      { kind: "redeem", input: { key: "reward:2", customer: { externalId: "m1" }, points: 500, at: "2025-09-01T00:00:00Z" } },
    ] as const;

    /** The core's ledger of the operations, folded one by one with earnPoints / redeemPoints (not the server's batch fold). */
    function coreLedger(customerId: number, ops: readonly (typeof operations)[number][]): PointsLedger {
      let ledger = emptyPointsLedger(String(customerId));
      for (const { kind, input } of ops) {
        const base = { key: input.key, at: at(input.at), points: input.points, ...("reason" in input ? { reason: input.reason } : {}) };
        ledger = kind === "earn" ? earnPoints(ledger, { ...base, expiresAt: "expiresAt" in input ? at(input.expiresAt) : null }) : redeemPoints(ledger, base);
      }
      return ledger;
    }

    it("should award and redeem points over HTTP with the balance, tier and history of the core's ledger", async () => {
      for (let i = 0; i < operations.length; i++) {
        const op = operations[i] as (typeof operations)[number];
        const res = await app.gql<{ awardPoints?: { balance: number; status: string }; redeemPoints?: { balance: number; status: string } }>(op.kind === "earn" ? AWARD : REDEEM, { input: op.input });
        expect(res.errors, op.input.key).toBeUndefined();
        const id = await idOf("m1");
        const expected = pointsBalance(coreLedger(id, operations.slice(0, i + 1)), at(op.input.at)).points;
        expect(res.data?.awardPoints ?? res.data?.redeemPoints).toMatchObject({ status: "APPLIED", balance: expected });
      }
      const id = await idOf("m1");
      const ledger = coreLedger(id, operations);
      for (const asOf of ["2025-02-15T00:00:00Z", "2025-10-01T00:00:00Z", "2026-09-01T00:00:00Z"]) {
        const res = await app.gql<{ customer: { loyalty: Record<string, unknown> & { history: unknown[] } } }>(
          `query($id: ID!, $asOf: DateTime) { customer(id: $id) { loyalty(asOf: $asOf) { ${LOYALTY_FIELDS} history(first: 100) { ${HISTORY_FIELDS} } } } }`,
          { id: app.apiId("cus", id), asOf },
        );
        expect(res.errors).toBeUndefined();
        const { history, ...summary } = res.data?.customer.loyalty ?? { history: [] };
        const past = coreLedger(id, operations.filter((o) => at(o.input.at) <= at(asOf)));
        const want = expectedLoyalty(past, at(asOf));
        expect(summary, asOf).toEqual(want.summary);
        expect(history, asOf).toEqual(want.history);
      }
      // Hand-checked against the rules: 600 + 700 − 400 (from the oldest lot) − 200 expired + 300 − 500 = 500; silver since 1,300 points on 1 Feb.
      const final = expectedLoyalty(ledger, at("2025-10-01T00:00:00Z"));
      expect([final.summary.balance, final.summary.tier.tier, final.summary.tier.since]).toEqual([500, "silver", "2025-02-01T00:00:00.000Z"]);
      expect(final.history.map((e) => e.kind)).toEqual(["redeem", "earn", "expire", "redeem", "earn", "earn"]);
      const firstTwo = await app.gql<{ customer: { loyalty: { history: unknown[] } } }>(`query($id: ID!) { customer(id: $id) { loyalty { history(first: 2) { ${HISTORY_FIELDS} } } } }`, { id: app.apiId("cus", id) });
      expect(firstTwo.data?.customer.loyalty.history).toEqual(final.history.slice(0, 2));
    });

    it("should apply an operation once per key: the same operation again is DUPLICATE and writes nothing; another operation on the key is refused", async () => {
      const before = await count("points_operations");
      for (const op of operations) {
        const res = await app.gql<Record<string, { status: string; balance: number }>>(op.kind === "earn" ? AWARD : REDEEM, { input: op.input });
        expect(Object.values(res.data ?? {})[0]?.status, op.input.key).toBe("DUPLICATE");
      }
      expect(await count("points_operations")).toBe(before);
      const reused = await app.gql(AWARD, { input: { ...operations[0].input, points: 601 } });
      const id = await idOf("m1");
      const core = coreError(() => earnPoints(coreLedger(id, operations), { key: "order:1", at: at("2025-01-10T00:00:00Z"), points: 601 }));
      expect(firstError(reused)?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: core.code, field: "input.key" });
      // The key of another customer's operation is refused too (keys are unique per workspace).
      const other = await app.gql(AWARD, { input: { ...operations[1].input, customer: { externalId: "m2" } } });
      expect(firstError(other)?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "JOURNEY.DUPLICATE_ID", field: "input.key" });
      expect(await count("points_operations")).toBe(before);
    });

    it("should answer CONFLICT when a redemption exceeds the balance (the core's METRIC.INCONSISTENT) and write nothing", async () => {
      const before = { ops: await count("points_operations"), customers: await count("customers") };
      const id = await idOf("m1");
      const input = { key: "reward:3", customer: { externalId: "m1" }, points: 501, at: "2025-10-01T00:00:00Z" };
      const core = coreError(() => redeemPoints(coreLedger(id, operations), { key: input.key, at: at(input.at), points: input.points }));
      expect(core.code).toBe("METRIC.INCONSISTENT");
      const res = await app.gql(REDEEM, { input });
      expect(firstError(res)?.extensions).toMatchObject({ code: "CONFLICT", reason: core.code, field: "input.points" });
      // A member without points, unknown so far: CONFLICT, and not even the customer is created.
      const stranger = await app.gql(REDEEM, { input: { key: "reward:stranger", customer: { externalId: "never-seen" }, points: 1 } });
      expect(firstError(stranger)?.extensions).toMatchObject({ code: "CONFLICT" });
      expect({ ops: await count("points_operations"), customers: await count("customers") }).toEqual(before);
      // Exactly the balance is allowed, and leaves zero.
      const all = await app.gql<{ redeemPoints: { status: string; balance: number } }>(REDEEM, { input: { ...input, points: 500 } });
      expect(all.data?.redeemPoints).toMatchObject({ status: "APPLIED", balance: 0 });
      // Other refusals of the core keep their code and name the field: out of order, non-positive points.
      const late = await app.gql(AWARD, { input: { key: "order:old", customer: { externalId: "m1" }, points: 10, at: "2024-01-01T00:00:00Z" } });
      expect(firstError(late)?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "JOURNEY.OUT_OF_ORDER", field: "input.at" });
      const zero = await app.gql(AWARD, { input: { key: "order:zero", customer: { externalId: "m1" }, points: 0, at: "2025-12-01T00:00:00Z" } });
      expect(firstError(zero)?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.points" });
      expect(await count("points_operations")).toBe(before.ops + 1);
    });

    it("should never go negative under concurrent redemptions, and apply a key once under concurrent retries", async () => {
      const award = await app.gql(AWARD, { input: { key: "race:earn", customer: { externalId: "racer" }, points: 100, at: "2026-01-01T00:00:00Z" } });
      expect(award.errors).toBeUndefined();
      const redeem = (key: string) => app.gql<{ redeemPoints?: { status: string } }>(REDEEM, { input: { key, customer: { externalId: "racer" }, points: 60, at: "2026-01-02T00:00:00Z" } });
      const both = await Promise.all([redeem("race:r1"), redeem("race:r2")]);
      const outcomes = both.map((r) => r.data?.redeemPoints?.status ?? r.errors?.[0]?.extensions?.code).sort();
      expect(outcomes).toEqual(["APPLIED", "CONFLICT"]);
      const retries = await Promise.all([1, 2, 3].map(() => app.gql<{ awardPoints: { status: string } }>(AWARD, { input: { key: "race:bonus", customer: { externalId: "racer" }, points: 5, at: "2026-01-03T00:00:00Z" } })));
      expect(retries.map((r) => r.data?.awardPoints.status).sort()).toEqual(["APPLIED", "DUPLICATE", "DUPLICATE"]);
      const id = await idOf("racer");
      const res = await app.gql<{ customer: { loyalty: { balance: number } } }>(`query($id: ID!) { customer(id: $id) { loyalty { balance } } }`, { id: app.apiId("cus", id) });
      expect(res.data?.customer.loyalty.balance).toBe(45);
      expect(Number((await sql<{ n: number | string }>("select count(*) as n from points_operations where customer_id = ?", [id]))[0]?.n)).toBe(3);
    });

    it("should batch Customer.consent and Customer.loyalty: as many statements for a long list as for a short one, one per table", async () => {
      const statements = async (first: number) => {
        app.sql.length = 0;
        const res = await app.gql(`{ customers(first: ${first}) { edges { node { id consent { decisions { allowed } } loyalty { balance tier { tier } history(first: 3) { kind } } } } } }`);
        expect(res.errors).toBeUndefined();
        // Log lines carry ANSI colours: strip them before matching the verb.
        return app.sql.map((m) => m.replace(/\x1b\[[0-9;]*m/g, "")).filter((m) => /^\[query\]\s*(select|insert|update|delete)\b/i.test(m));
      };
      const few = await statements(2);
      const many = await statements(50);
      expect(many.length).toBe(few.length);
      expect(many.filter((m) => /from consent_events/.test(m))).toHaveLength(1);
      expect(many.filter((m) => /from points_operations/.test(m))).toHaveLength(1);
    });

    // Baskets: purchase interactions carrying item ids (orders store only an item count).
    const purchases: { customer: string; items: string[] }[] = [
      { customer: "p1", items: ["a", "b", "c"] },
      { customer: "p2", items: ["a", "b"] },
      { customer: "p3", items: ["a", "b", "d"] },
      { customer: "p4", items: ["b", "c"] },
      { customer: "p5", items: ["c", "d"] },
      { customer: "p6", items: ["a", "e"] },
    ];

    /** The core's baskets of the ingested purchases: one per customer, newest item first. */
    function coreBaskets(): Map<string, string[]> {
      return new Map(purchases.map((p) => [p.customer, [...p.items].reverse()]));
    }

    it("should recommend over HTTP exactly as the core's recommendItems on the same baskets, personal with personalization consent", async () => {
      let t = at("2026-05-01T00:00:00Z");
      const input = purchases.flatMap((p) =>
        p.items.map((item, i) => ({
          idempotencyKey: `buy-${p.customer}-${item}`,
          customer: { externalId: p.customer },
          type: "purchase",
          channel: "web",
          touchpoint: "checkout",
          occurredAt: new Date((t += 60_000)).toISOString(),
          // Both shapes: a single item, or a list.
          properties: i % 2 === 0 ? { item } : { items: [item] },
        })),
      );
      const recorded = await app.gql(`mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created } }`, { input });
      expect(recorded.errors).toBeUndefined();
      const grant: ConsentIn = { idempotencyKey: "p6-perso", customer: { externalId: "p6" }, purpose: "personalization", status: "granted", at: "2026-05-02T00:00:00Z", source: "signup_form" };
      expect((await app.gql(SET_CONSENT, { input: [grant] })).errors).toBeUndefined();
      sent.push(grant);
      const baskets = coreBaskets();
      const model = itemCooccurrence([...baskets.values()]);
      const id = await idOf("p6");
      const res = await app.gql<{ recommendations: Record<string, unknown> }>(RECOMMEND, { id: app.apiId("cus", id), first: 4 });
      expect(res.errors).toBeUndefined();
      const core = recommendItems(model, { purchased: baskets.get("p6") ?? [], consent: (await coreStates()).get(String(id)) }, Date.now(), { limit: 4 });
      expect(core.personalized).toBe(true);
      expect(res.data?.recommendations).toEqual({
        customerId: app.apiId("cus", id),
        personalized: true,
        baskets: 6,
        consent: { purpose: "personalization", channel: null, allowed: true, rule: core.consent.rule, reason: core.consent.reason, key: core.consent.key ?? null },
        items: core.items.map((r) => ({ item: r.item, score: r.score, basis: r.basis, reason: r.reason, seed: r.seed ?? null, support: r.support })),
      });
      // b was bought with a in 3 baskets: the personal pick; the rest fills with top sellers; a and e (bought) never appear.
      const items = core.items.map((r) => [r.item, r.basis]);
      expect(items[0]).toEqual(["b", "cooccurrence"]);
      expect(items.map(([item]) => item)).not.toContain("a");
      expect(items.map(([item]) => item)).not.toContain("e");
    });

    it("should enforce an opt-out as the core does: after withdrawn personalization and marketing consent, no personal recommendation, the default with the reason", async () => {
      const optOut: ConsentIn[] = [
        { idempotencyKey: "p6-optout-1", customer: { externalId: "p6" }, purpose: "personalization", status: "withdrawn", at: "2026-05-10T00:00:00Z", source: "preference_center" },
        { idempotencyKey: "p6-optout-2", customer: { externalId: "p6" }, purpose: "marketing", status: "withdrawn", at: "2026-05-10T00:00:00Z", source: "preference_center" },
      ];
      expect((await app.gql(SET_CONSENT, { input: optOut })).errors).toBeUndefined();
      sent.push(...optOut);
      const id = await idOf("p6");
      const state = (await coreStates()).get(String(id));
      const baskets = coreBaskets();
      const core = recommendItems(itemCooccurrence([...baskets.values()]), { purchased: baskets.get("p6") ?? [], consent: state }, Date.now(), { limit: 4 });
      const res = await app.gql<{ recommendations: { personalized: boolean; consent: { rule: string; reason: string }; items: { item: string; basis: string; reason: string; score: number; seed: string | null; support: number }[] } }>(RECOMMEND, { id: app.apiId("cus", id), first: 4 });
      expect(res.errors).toBeUndefined();
      const got = res.data?.recommendations;
      expect(got?.personalized).toBe(false);
      expect(got?.consent).toMatchObject({ rule: "withdrawn", reason: isAllowed(state, "personalization").reason });
      expect(got?.items.length).toBeGreaterThan(0);
      for (const item of got?.items ?? []) {
        expect(item.basis).toBe("top_seller");
        expect(item.seed).toBeNull();
        expect(item.reason).toContain(`non-personal default: ${core.consent.reason}`);
      }
      expect(got?.items).toEqual(core.items.map((r) => ({ item: r.item, score: r.score, basis: r.basis, reason: r.reason, seed: r.seed ?? null, support: r.support })));
      // Marketing is withdrawn on every channel too, as the core decides.
      const c = await app.gql<{ customer: { consent: { decisions: { purpose: string; channel: string | null; allowed: boolean; rule: string }[] } } }>(
        `query($id: ID!) { customer(id: $id) { consent { ${CONSENT_FIELDS} } } }`,
        { id: app.apiId("cus", id) },
      );
      expect(c.data?.customer.consent).toEqual(expectedConsent(state, Date.now()));
      expect(c.data?.customer.consent.decisions.filter((d) => d.purpose === "marketing" || d.purpose === "personalization").every((d) => !d.allowed)).toBe(true);
      // A customer who never consented gets the default too, with the opt-in reason.
      const never = await app.gql<{ recommendations: { personalized: boolean; consent: { rule: string } } }>(RECOMMEND, { id: app.apiId("cus", await idOf("p2")) });
      expect(never.data?.recommendations).toMatchObject({ personalized: false, consent: { rule: "not-granted" } });
      // Unknown customers and bad sizes.
      expect((await app.gql(RECOMMEND, { id: "999999" })).data).toEqual({ recommendations: null });
      expect(firstError(await app.gql(RECOMMEND, { id: app.apiId("cus", id), first: 0 }))?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    });

    it("should keep workspaces apart: another workspace's keys, consent, points and baskets are its own", async () => {
      const other = { "x-engagekit-workspace": "other" };
      // The same keys are new in another workspace.
      const consent = await app.gql(SET_CONSENT, { input: [{ ...(consentBatch[0] as ConsentIn), status: "denied" }] }, other);
      expect(consent.data).toEqual({ setConsent: { received: 1, created: 1, duplicates: 0, customersCreated: 1 } });
      const award = await app.gql<{ awardPoints: { status: string; balance: number; customerId: string } }>(AWARD, { input: { key: operations[0].input.key, customer: { externalId: "m1" }, points: 50, at: "2025-01-10T00:00:00Z" } }, other);
      expect(award.data?.awardPoints).toMatchObject({ status: "APPLIED", balance: 50 });
      const otherM1 = await idOf("m1", "other");
      expect(award.data?.awardPoints.customerId).toBe(app.apiId("cus", otherM1, otherWs));
      // The other workspace sees none of the demo's rows…
      const demoP6 = await idOf("p6");
      const seen = await app.gql<{ recommendations: unknown; customer: unknown; m1: { loyalty: { balance: number }; consent: { entries: { status: string }[] } } }>(
        `query($p6: ID!, $m1: ID!) { recommendations(customerId: $p6) { personalized } customer(id: $p6) { id } m1: customer(id: $m1) { loyalty { balance } consent { entries { status } } } }`,
        { p6: app.apiId("cus", demoP6), m1: app.apiId("cus", otherM1, otherWs) },
        other,
      );
      expect(seen.errors).toBeUndefined();
      expect(seen.data).toMatchObject({ recommendations: null, customer: null, m1: { loyalty: { balance: 50 }, consent: { entries: [] } } });
      const otherC1 = await idOf("c1", "other");
      const mine = await app.gql<{ recommendations: { baskets: number; items: unknown[] } }>(RECOMMEND, { id: app.apiId("cus", otherC1, otherWs) }, other);
      expect(mine.data?.recommendations).toMatchObject({ baskets: 0, items: [] });
      // …and the demo's answers are unchanged by the other's writes.
      const demoM1 = await idOf("m1");
      const demo = await app.gql<{ customer: { loyalty: { balance: number } } }>(`query($id: ID!) { customer(id: $id) { loyalty(asOf: "2025-10-01T00:00:00Z") { balance } } }`, { id: app.apiId("cus", demoM1) });
      expect(demo.data?.customer.loyalty.balance).toBe(0);
      const demoC1 = await idOf("c1");
      const c1 = await app.gql<{ customer: { consent: unknown } }>(`query($id: ID!) { customer(id: $id) { consent(asOf: "2026-06-01T00:00:00Z") { ${CONSENT_FIELDS} } } }`, { id: app.apiId("cus", demoC1) });
      expect(c1.data?.customer.consent).toEqual(expectedConsent((await coreStatesAsOf(at("2026-06-01T00:00:00Z"))).get(String(demoC1)), at("2026-06-01T00:00:00Z")));
    });
  });
}
