// Community and self-service signals (forum_post, answer_accepted, kb_article_viewed, kb_article_helpful): the
// engagement ladder and score kept by ingestion, and the self-service deflection rate, each against the core.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deflectionCounts, engagementLadder, recordInteraction, selfServiceDeflectionRate, type Profile, type SelfServiceResolution, type TicketOpening } from "@engagekit/core";
import { ensureWorkspace } from "../src/seed.js";
import { databases, demoDataDir, firstError, startApp, type App } from "./harness.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

const RECORD = `mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created stateChanges { customerId kind from to reason } } }`;
const TICKETS = `mutation($input: [TicketEventInput!]!) { recordTicketEvents(input: $input) { created } }`;
const CUSTOMERS = `{ customers(first: 100) { edges { node { id externalId ladderTier scores { engagement } } } } }`;
const DEFLECTION = `query($from: DateTime, $to: DateTime, $within: Float) { selfServiceDeflectionRate(from: $from, to: $to, ticketWithinHours: $within) { rate count n interval { lower upper level method } } }`;

interface StateChange {
  customerId: string;
  kind: string;
  from: string | null;
  to: string | null;
  reason: string;
}
type Node = { id: string; externalId: string; ladderTier: string | null; scores: { engagement: number | null } };

for (const db of databases()) {
  describe.skipIf(!db.available)(`community and self-service signals on ${db.name}`, () => {
    let app: App;
    const ok = async <T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T> => {
      const res = await app.gql<T>(query, variables, headers);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      return res.data as T;
    };
    const record = async (rows: { key: string; customer: string; type: string; at: number }[]) =>
      (await ok<{ recordInteractions: { stateChanges: StateChange[] } }>(RECORD, { input: rows.map((r) => ({ idempotencyKey: r.key, customer: { externalId: r.customer }, type: r.type, channel: "web", occurredAt: iso(r.at) })) })).recordInteractions.stateChanges;
    const customers = async (): Promise<Map<string, Node>> => new Map((await ok<{ customers: { edges: { node: Node }[] } }>(CUSTOMERS)).customers.edges.map((e) => [e.node.externalId, e.node]));

    beforeAll(async () => {
      app = await startApp(db.name, { seed: false });
      await ensureWorkspace(app.orm, "other", false, demoDataDir);
    });
    afterAll(async () => {
      await app?.close();
    });

    it("should move a forum poster to active and a customer with an accepted answer to advocate, as the core's ladder does", async () => {
      const t0 = Date.now() - DAY;
      const ladder = engagementLadder();
      const posted = await record([{ key: "h-post", customer: "helper", type: "forum_post", at: t0 }]);
      const id = (await customers()).get("helper")?.id as string;
      let profile: Profile = recordInteraction({ id, traits: {}, interactions: {} }, "forum_post", t0);
      const first = ladder.update(undefined, profile, Date.now());
      expect(first.transitions.map((t) => t.to)).toEqual(["active"]);
      expect(posted.filter((c) => c.kind === "ladderTier")).toEqual(first.transitions.map((t) => ({ customerId: id, kind: "ladderTier", from: t.from, to: t.to, reason: `${t.direction}: ${t.reason}` })));
      const accepted = await record([{ key: "h-acc", customer: "helper", type: "answer_accepted", at: t0 + HOUR }]);
      profile = recordInteraction(profile, "answer_accepted", t0 + HOUR);
      const second = ladder.update(first.state, profile, Date.now());
      expect(second.transitions.map((t) => [t.from, t.to])).toEqual([["active", "advocate"]]);
      expect(accepted.filter((c) => c.kind === "ladderTier")).toEqual(second.transitions.map((t) => ({ customerId: id, kind: "ladderTier", from: t.from, to: t.to, reason: `${t.direction}: ${t.reason}` })));

      // Three knowledge-base reads in 30 days: active; a helpful vote alone: passive (no rung change).
      await record([0, 1, 2].map((i) => ({ key: `r-view-${i}`, customer: "reader", type: "kb_article_viewed", at: t0 + i * HOUR })));
      const voted = await record([{ key: "v-helpful", customer: "voter", type: "kb_article_helpful", at: t0 }]);
      expect(voted.filter((c) => c.kind === "ladderTier")).toEqual([]);
      const list = await customers();
      expect([list.get("helper")?.ladderTier, list.get("reader")?.ladderTier, list.get("voter")?.ladderTier]).toEqual(["advocate", "active", "passive"]);
    });

    it("should score the signals with their weights (forum post 3, accepted answer 6, read 0.5, helpful vote 1), decayed from their time", async () => {
      const t0 = Date.now() - 10 * DAY;
      const cases: [string, string, number][] = [["w-post", "forum_post", 3], ["w-acc", "answer_accepted", 6], ["w-view", "kb_article_viewed", 0.5], ["w-vote", "kb_article_helpful", 1]];
      const before = Date.now();
      await record(cases.map(([customer, type]) => ({ key: `${customer}-1`, customer, type, at: t0 })));
      const after = Date.now();
      const list = await customers();
      // score = w · 2^(−(now − t0) / 30 days) at the batch's own time, somewhere in [before, after] (EngagementScoreConfig's defaults).
      for (const [customer, , w] of cases) {
        const score = list.get(customer)?.scores.engagement as number;
        expect(score, customer).toBeLessThanOrEqual(w * Math.pow(2, -(before - t0) / (30 * DAY)) + 1e-12);
        expect(score, customer).toBeGreaterThanOrEqual(w * Math.pow(2, -(after - t0) / (30 * DAY)) - 1e-12);
      }
    });

    it("should report the self-service deflection rate of a period as the core's deflectionCounts and selfServiceDeflectionRate", async () => {
      const t0 = Date.parse("2026-06-01T00:00:00Z");
      const from = t0;
      const to = t0 + 7 * DAY;
      await record([
        { key: "d-r1", customer: "kb-1", type: "kb_article_helpful", at: t0 + HOUR }, // no ticket after: self-served
        { key: "d-r2", customer: "kb-2", type: "kb_article_helpful", at: t0 + HOUR }, // ticket 2 h later: not deflected
        { key: "d-r3", customer: "kb-3", type: "kb_article_helpful", at: t0 + HOUR }, // ticket 30 h later: deflected at 24 h, not at 48 h
        { key: "d-r4", customer: "kb-4", type: "kb_article_helpful", at: to - HOUR }, // ticket after the period, within the window
        { key: "d-a1", customer: "answerer", type: "answer_accepted", at: t0 + 2 * HOUR }, // always self-served
        { key: "d-v1", customer: "kb-1", type: "kb_article_viewed", at: t0 }, // a read is not a resolution
        { key: "d-out", customer: "kb-5", type: "kb_article_helpful", at: to + DAY }, // outside the period
      ]);
      const ticket = (key: string, customer: string | null, at: number) => ({ idempotencyKey: key, ticket: { externalId: key, ...(customer ? { customer: { externalId: customer } } : {}), channel: "email" }, type: "OPENED", occurredAt: iso(at) });
      await ok(TICKETS, {
        input: [
          ticket("D-T2", "kb-2", t0 + 3 * HOUR),
          ticket("D-T3", "kb-3", t0 + 31 * HOUR),
          ticket("D-T4", "kb-4", to + HOUR),
          ticket("D-T6", "someone", t0 + DAY),
          ticket("D-T7", null, t0 + 2 * DAY),
          ticket("D-T8", "someone", t0 - DAY), // before the period
        ],
      });
      const ids = await customers();
      const cid = (c: string) => ids.get(c)?.id as string;
      const resolutions: SelfServiceResolution[] = [
        { customerId: cid("kb-1"), at: t0 + HOUR },
        { customerId: cid("kb-2"), at: t0 + HOUR },
        { customerId: cid("kb-3"), at: t0 + HOUR },
        { customerId: cid("kb-4"), at: to - HOUR },
        { at: t0 + 2 * HOUR },
        { customerId: cid("kb-5"), at: to + DAY },
      ];
      const tickets: TicketOpening[] = [
        { customerId: cid("kb-2"), at: t0 + 3 * HOUR },
        { customerId: cid("kb-3"), at: t0 + 31 * HOUR },
        { customerId: cid("kb-4"), at: to + HOUR },
        { customerId: cid("someone"), at: t0 + DAY },
        { at: t0 + 2 * DAY },
        { customerId: cid("someone"), at: t0 - DAY },
      ];
      for (const within of [24, 48]) {
        const counts = deflectionCounts(resolutions, tickets, { ticketWithinHours: within, from, to });
        const r = selfServiceDeflectionRate(counts);
        const got = await ok<{ selfServiceDeflectionRate: unknown }>(DEFLECTION, { from: iso(from), to: iso(to), within });
        expect(got.selfServiceDeflectionRate, `within ${within} h`).toEqual({ rate: r.rate, count: r.count, n: r.n, interval: { lower: r.interval.lower, upper: r.interval.upper, level: r.interval.level, method: r.interval.method } });
      }
      // The figures, by hand: 24 h → r1, r3, a1 self-served, r2 and r4 followed; tickets in the period T2, T3, T6, T7 → 3 / 7.
      expect((await ok<{ selfServiceDeflectionRate: { count: number; n: number } }>(DEFLECTION, { from: iso(from), to: iso(to) })).selfServiceDeflectionRate).toMatchObject({ count: 3, n: 7 });
      // An empty period is null, never 0; bad arguments are BAD_USER_INPUT at the argument; other workspaces see their own (none).
      expect((await ok<{ selfServiceDeflectionRate: unknown }>(DEFLECTION, { from: iso(Date.parse("2000-01-01T00:00:00Z")), to: iso(Date.parse("2000-02-01T00:00:00Z")) })).selfServiceDeflectionRate).toBeNull();
      expect(firstError(await app.gql(DEFLECTION, { within: -1 }))?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "ticketWithinHours" });
      expect(firstError(await app.gql(DEFLECTION, { from: iso(to), to: iso(from) }))?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
      expect((await ok<{ selfServiceDeflectionRate: unknown }>(DEFLECTION, {}, { "x-engagekit-workspace": "other" })).selfServiceDeflectionRate).toBeNull();
    });
  });
}
