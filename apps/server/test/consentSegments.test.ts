import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileSegment, consentFlags, consentLedger, defaultChannels, type ConsentRecord, type Profile, type SegmentDefinition } from "@engagekit/core";
import { expireDueMemberships } from "@engagekit/graphql";
import { coreConsentRecord, databases, startApp, type App, type ConsentIn } from "./harness.js";


type SegmentChange = { customerId: string; entered: string[]; exited: string[] };
const SET_CONSENT = `mutation($input: [ConsentInput!]!) { setConsent(input: $input) { received created segmentChanges { customerId entered exited } } }`;
const CREATE = `mutation($input: SegmentInput!) { createSegment(input: $input) { key memberCount } }`;
const RECORD = `mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created segmentChanges { customerId entered exited } } }`;

const DAY = 86_400_000;
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
const emailMarketing = { key: "email-marketing", name: "Email marketing allowed", condition: { type: "consent", purpose: "marketing", channel: "email", granted: true } };
/** Depends on interactions too, so ingestion re-evaluates it from its own profile. */
const engagedMarketing = {
  key: "engaged-marketing",
  name: "Opened an email, may be marketed to by email",
  condition: { type: "all", conditions: [emailMarketing.condition, { type: "performed", interaction: "email_open", op: "atLeast", times: 1 }] },
};

let n = 0;
const event = (externalId: string, purpose: string, status: string, at: number, extra: { channel?: string; expiresAt?: number } = {}): ConsentIn => ({
  idempotencyKey: `cs-${++n}`,
  customer: { externalId },
  purpose,
  ...(extra.channel === undefined ? {} : { channel: extra.channel }),
  status,
  at: iso(at),
  source: "test",
  ...(extra.expiresAt === undefined ? {} : { expiresAt: iso(extra.expiresAt) }),
});

/** Every case the consent rules distinguish for marketing on email. */
const events: ConsentIn[] = [
  event("cs-email", "marketing", "granted", now - 10 * DAY, { channel: "email" }), // channel grant: in
  event("cs-wide", "marketing", "granted", now - 9 * DAY), // purpose-wide grant covers email: in
  event("cs-wide-later-out", "marketing", "granted", now - 8 * DAY, { channel: "email" }),
  event("cs-wide-later-out", "marketing", "withdrawn", now - 7 * DAY), // a later unsubscribe-from-all beats it: out
  event("cs-sms", "marketing", "granted", now - 6 * DAY, { channel: "sms" }), // another channel: out
  event("cs-expired", "marketing", "granted", now - 5 * DAY, { channel: "email", expiresAt: now - DAY }), // lapsed: out
  event("cs-refused", "marketing", "denied", now - 4 * DAY, { channel: "email" }), // out
  event("cs-future", "marketing", "granted", now + 30 * DAY, { channel: "email" }), // dated after now: out
  event("cs-service", "service", "denied", now - 3 * DAY, { channel: "email" }), // nothing on marketing: out
];

for (const db of databases()) {
  describe.skipIf(!db.available)(`segments on consent on ${db.name}`, () => {
    let app: App;
    const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => app.orm.em.fork().getConnection().execute<T[]>(text, params);
    const sent: ConsentIn[] = [];
    /** External id → internal id of the demo workspace's customers. */
    const ids = async (): Promise<Map<string, number>> => {
      const rows = await sql<{ id: number; external_id: string }>("select c.id, c.external_id from customers c join workspaces w on w.id = c.workspace_id where w.slug = 'demo'");
      return new Map(rows.map((r) => [r.external_id, Number(r.id)]));
    };
    /** The external ids the core's compiled segment selects from profiles carrying consentFlags of consentLedger of the sent events. */
    const coreMembers = async (definition: { key: string; name: string; condition: unknown }, at: number, interactions: ReadonlyMap<string, number[]> = new Map()): Promise<string[]> => {
      const byId = await ids();
      const records: ConsentRecord[] = sent.map((e) => coreConsentRecord(e, e.customer.externalId));
      const states = consentLedger(records, at);
      const predicate = compileSegment({ id: definition.key, name: definition.name, condition: definition.condition } as SegmentDefinition);
      const channels = defaultChannels.map((c) => c.id);
      return [...byId.keys()]
        .filter((externalId) => {
          const times = interactions.get(externalId) ?? [];
          const profile: Profile = {
            id: externalId,
            traits: {},
            interactions: times.length === 0 ? {} : { email_open: { count: times.length, first: times[0] as number, last: times[times.length - 1] as number, times } },
            consent: consentFlags(states.get(externalId), channels, at),
          };
          return predicate(profile, at);
        })
        .sort();
    };
    const members = async (key: string): Promise<string[]> => {
      const res = await app.gql<{ segment: { members: { edges: { node: { externalId: string } }[] } } }>(
        `{ segment(key: "${key}") { members(first: 100) { edges { node { externalId } } } } }`,
      );
      expect(res.errors).toBeUndefined();
      return (res.data?.segment.members.edges ?? []).map((e) => e.node.externalId).sort();
    };
    const setConsent = async (input: ConsentIn[]): Promise<SegmentChange[]> => {
      const res = await app.gql<{ setConsent: { created: number; segmentChanges: SegmentChange[] } }>(SET_CONSENT, { input });
      expect(res.errors).toBeUndefined();
      expect(res.data?.setConsent.created).toBe(input.length);
      sent.push(...input);
      return res.data?.setConsent.segmentChanges ?? [];
    };
    /** Payload changes by external id. */
    const byExternal = async (changes: readonly SegmentChange[]) => {
      const external = new Map([...(await ids())].map(([e, i]) => [app.apiId("cus", i), e]));
      return Object.fromEntries(changes.map((c) => [external.get(c.customerId), { entered: c.entered, exited: c.exited }]));
    };

    beforeAll(async () => {
      app = await startApp(db.name, { seed: false });
      const res = await app.gql(CREATE, { input: emailMarketing });
      expect(res.errors).toBeUndefined();
    });
    afterAll(async () => {
      await app?.close();
    });

    it("should cost ingestion one probe of consent_events per batch while the workspace has none", async () => {
      // 450 customers: more than one chunk of 400, which reading their states would cost two statements.
      const before = app.sql.length;
      const res = await app.gql<{ recordInteractions: { created: number } }>(RECORD, {
        input: Array.from({ length: 450 }, (_, k) => k).map((k) => ({ idempotencyKey: `probe-${k}`, customer: { externalId: `cs-probe-${k}` }, type: "email_open", channel: "email", occurredAt: iso(now - 2 * DAY) })),
      });
      expect(res.errors).toBeUndefined();
      expect(res.data?.recordInteractions.created).toBe(450);
      expect(app.sql.slice(before).filter((q) => q.includes("consent_events"))).toHaveLength(1);
    });

    it("should put in a consent segment exactly the customers the core selects from consentFlags of the same events, in setConsent's payload", async () => {
      const changes = await setConsent(events);
      const expected = await coreMembers(emailMarketing, Date.now());
      expect(expected).toEqual(["cs-email", "cs-wide"]); // the cases above, read off the consent README's rules
      expect(await members(emailMarketing.key)).toEqual(expected);
      expect(await byExternal(changes)).toEqual(Object.fromEntries(expected.map((e) => [e, { entered: [emailMarketing.key], exited: [] }])));
      // A segment created after the events (every profile loaded at once) agrees too.
      const created = await app.gql<{ createSegment: { memberCount: number } }>(CREATE, { input: engagedMarketing });
      expect(created.errors).toBeUndefined();
      expect(created.data?.createSegment.memberCount).toBe(0); // nobody opened an email yet
    });

    it("should agree in previewSegment and explainSegment", async () => {
      const expected = await coreMembers(emailMarketing, Date.now());
      const byId = await ids();
      const preview = await app.gql<{ previewSegment: { count: number; total: number } }>(`query($input: SegmentInput!) { previewSegment(input: $input) { count total } }`, {
        input: emailMarketing,
      });
      expect(preview.errors).toBeUndefined();
      expect(preview.data?.previewSegment).toEqual({ count: expected.length, total: byId.size });
      // Every customer with consent events, and one without.
      const explained = [...byId].filter(([externalId]) => !externalId.startsWith("cs-probe-") || externalId === "cs-probe-0");
      expect(explained).toHaveLength(new Set(events.map((e) => e.customer.externalId)).size + 1);
      for (const [externalId, id] of explained) {
        const res = await app.gql<{ explainSegment: { matched: boolean } }>(`{ explainSegment(key: "${emailMarketing.key}", customerId: "${app.apiId("cus", id)}") }`);
        expect(res.errors, externalId).toBeUndefined();
        expect(res.data?.explainSegment.matched, externalId).toBe(expected.includes(externalId));
      }
    });

    it("should keep a consenting customer in through ingestion, whose profile carries consent", async () => {
      const opened = now - DAY;
      const res = await app.gql<{ recordInteractions: { created: number; segmentChanges: SegmentChange[] } }>(RECORD, {
        input: ["cs-wide", "cs-sms"].map((externalId) => ({
          idempotencyKey: `open-${externalId}`,
          customer: { externalId },
          type: "email_open",
          channel: "email",
          occurredAt: iso(opened),
        })),
      });
      expect(res.errors).toBeUndefined();
      const interactions = new Map([["cs-wide", [opened]], ["cs-sms", [opened]]]);
      const expected = await coreMembers(engagedMarketing, Date.now(), interactions);
      expect(expected).toEqual(["cs-wide"]);
      // Entering a segment that reads consent is only possible when the ingestion profile carries it.
      expect(await byExternal(res.data?.recordInteractions.segmentChanges ?? [])).toEqual({ "cs-wide": { entered: [engagedMarketing.key], exited: [] } });
      expect(await members(engagedMarketing.key)).toEqual(expected);
      expect(await members(emailMarketing.key)).toEqual(await coreMembers(emailMarketing, Date.now()));
    });

    it("should take a customer out of the segments when setConsent records a withdrawal", async () => {
      const changes = await setConsent([event("cs-wide", "marketing", "withdrawn", Date.now() - 1000, { channel: "email" })]);
      expect(await byExternal(changes)).toEqual({ "cs-wide": { entered: [], exited: [emailMarketing.key, engagedMarketing.key].sort() } });
      const expected = await coreMembers(emailMarketing, Date.now());
      expect(expected).toEqual(["cs-email"]);
      expect(await members(emailMarketing.key)).toEqual(expected);
      expect(await members(engagedMarketing.key)).toEqual([]);
      // A retried batch records nothing and changes nothing.
      const again = await app.gql<{ setConsent: { created: number; segmentChanges: SegmentChange[] } }>(SET_CONSENT, { input: sent.slice(-1) });
      expect(again.data?.setConsent).toEqual({ received: 1, created: 0, segmentChanges: [] });
    });

    it("should re-check a consent segment by itself when a grant lapses or a future-dated grant takes effect (next_check_at, as the core's nextChange)", async () => {
      await setConsent([event("cs-lapsing", "marketing", "granted", now - DAY, { channel: "email", expiresAt: now + 10 * DAY })]);
      expect(await members(emailMarketing.key)).toEqual(await coreMembers(emailMarketing, Date.now()));
      expect(await members(emailMarketing.key)).toContain("cs-lapsing");
      const checks = async () =>
        new Map(
          (await sql<{ external_id: string; next_check_at: string | number | Date | null }>("select external_id, next_check_at from customers where external_id in ('cs-lapsing', 'cs-future')")).map((r) => [
            r.external_id,
            r.next_check_at === null ? null : r.next_check_at instanceof Date ? r.next_check_at.getTime() : /^\d+$/.test(String(r.next_check_at)) ? Number(r.next_check_at) : Date.parse(String(r.next_check_at)),
          ]),
        );
      // The consent kind's next change: the lapse of the grant, the start of the future-dated one.
      expect(await checks()).toEqual(new Map([["cs-lapsing", now + 10 * DAY], ["cs-future", now + 30 * DAY]]));
      const lapsed = now + 10 * DAY + 1;
      await expireDueMemberships(app.orm, lapsed);
      expect(await members(emailMarketing.key)).toEqual(await coreMembers(emailMarketing, lapsed));
      expect(await members(emailMarketing.key)).not.toContain("cs-lapsing");
      const started = now + 30 * DAY + 1;
      await expireDueMemberships(app.orm, started);
      expect(await members(emailMarketing.key)).toEqual(await coreMembers(emailMarketing, started));
      expect(await members(emailMarketing.key)).toContain("cs-future");
    });
  });
}
