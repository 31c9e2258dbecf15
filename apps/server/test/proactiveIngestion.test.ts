// Event-driven triggers fed by orders, ticket events and survey answers (issue 13): in the batch's transaction,
// each compared with the core's evaluateTriggers on the same facts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultChannels, evaluateTriggers, validateTrigger, type CustomerFacts, type Trigger } from "@engagekit/core";
import { databases, dueActionsAsCore, firstError, startApp, type App } from "./harness.js";

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const CHANNELS = defaultChannels.map((c) => c.id);

const CREATE = `mutation($input: JSONObject!) { createTrigger(input: $input) { id evaluatedOn } }`;
const ORDERS = `mutation($input: [OrderInput!]!) { recordOrders(input: $input) { received created duplicates } }`;
const TICKETS = `mutation($input: [TicketEventInput!]!) { recordTicketEvents(input: $input) { received created duplicates } }`;
const ANSWERS = `mutation($input: [SurveyAnswerInput!]!) { recordSurveyAnswers(input: $input) { created } }`;
const DUE = `query($after: String, $status: ActionStatus, $trigger: ID) { dueActions(first: 100, after: $after, status: $status, trigger: $trigger) { pageInfo { hasNextPage endCursor } edges { node { id status triggerId customer { id externalId } actionType cause dedupKey conditionKind reasons } } } }`;

interface ActionNode {
  id: string;
  status: string;
  triggerId: string;
  customer: { id: string; externalId: string };
  actionType: string;
  cause: string;
  dedupKey: string;
  conditionKind: string;
  reasons: string[];
}

// Tasks need no consent, so what fires is exactly what the condition says.
const task = { type: "task", ownerRole: "csm", dueWithinHours: 24 };
const orderThanks = { id: "order-thanks", condition: { kind: "interaction", interactionType: "purchase" }, action: task, priority: 10, holdoutShare: 0 };
const ticketOpened = { id: "ticket-opened", condition: { kind: "interaction", interactionType: "ticket_opened", channel: "email" }, action: { ...task, ownerRole: "support_agent" }, priority: 20, holdoutShare: 0 };
const ticketResolved = { id: "ticket-resolved", condition: { kind: "interaction", interactionType: "ticket_resolved" }, action: task, priority: 5, holdoutShare: 0 };
const unhappy = { id: "unhappy-csat", condition: { kind: "metricThreshold", metric: "lastCsat", op: "lte", value: 2 }, action: task, priority: 90, holdoutShare: 0 };
const effort = { id: "high-effort", condition: { kind: "metricThreshold", metric: "lastCes", op: "lte", value: 2 }, action: task, priority: 80, holdoutShare: 0 };
const core = (t: Record<string, unknown>): Trigger => validateTrigger(t, { channels: CHANNELS });

for (const db of databases()) {
  describe.skipIf(!db.available)(`triggers fed by orders, tickets and answers on ${db.name}`, () => {
    let app: App;
    const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => app.orm.em.fork().getConnection().execute<T[]>(text, params);
    const count = async (table: string) => Number((await sql<{ n: number | string }>(`select count(*) as n from ${table}`))[0]?.n);
    const idOf = async (externalId: string): Promise<string> => {
      const rows = await sql<{ id: number }>("select id from customers where external_id = ?", [externalId]);
      expect(rows, externalId).toHaveLength(1);
      return String(rows[0]?.id);
    };
    const ok = async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
      const res = await app.gql<T>(query, variables);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      return res.data as T;
    };
    /** Every recorded action of a trigger, any status, ids as the core's. */
    const actionsOf = (trigger: string): Promise<ActionNode[]> => dueActionsAsCore<ActionNode>(app, DUE, trigger);
    /** The evaluation time of a trigger's first firing (one batch: one `now`); SQLite stores epoch ms, PostgreSQL a timestamp. */
    const firedAtOf = async (trigger: string): Promise<number> => {
      const v = (await sql<{ fired_at: unknown }>("select fired_at from trigger_actions where trigger_key = ? order by id", [trigger]))[0]?.fired_at;
      return v instanceof Date ? v.getTime() : /^\d+$/.test(String(v)) ? Number(v) : Date.parse(String(v));
    };
    /** What the core fires for these facts at the actions' evaluation time, as (trigger, customer, dedup key, reason). */
    const expected = (facts: CustomerFacts[], triggers: Record<string, unknown>[], now: number) =>
      evaluateTriggers(facts, triggers.map(core), now).actions.map((a) => [a.triggerId, a.customerId, a.dedupKey, a.reason]).sort();
    const got = (actions: ActionNode[]) => actions.map((a) => [a.triggerId, a.customer.id, a.dedupKey, a.reasons[0]]).sort();

    beforeAll(async () => {
      app = await startApp(db.name, { seed: false });
      for (const t of [orderThanks, ticketOpened, ticketResolved, unhappy, effort]) expect((await ok<{ createTrigger: { evaluatedOn: string } }>(CREATE, { input: t })).createTrigger.evaluatedOn).toBe("event");
    });
    afterAll(async () => {
      await app?.close();
    });

    it("should fire an order trigger once per order, as the core does on `purchase` facts, and nothing more for a retried batch", async () => {
      const t0 = Date.now() - HOUR;
      const orders = [
        { externalId: "ord-1", customer: { externalId: "buyer-1" }, orderedAt: iso(t0), amount: 20 },
        { externalId: "ord-2", customer: { externalId: "buyer-1" }, orderedAt: iso(t0 + 1000), amount: 35.5 },
        { externalId: "ord-3", customer: { externalId: "buyer-2" }, orderedAt: iso(t0 + 2000), amount: 12 },
      ];
      expect((await ok<{ recordOrders: { created: number } }>(ORDERS, { input: orders })).recordOrders.created).toBe(3);
      const fired = await actionsOf("order-thanks");
      expect(fired).toHaveLength(3);
      const at = await firedAtOf("order-thanks");
      // The core sees an order as a `purchase` interaction whose id is `order:<order id>` (no channel).
      const facts: CustomerFacts[] = [];
      for (const c of ["buyer-1", "buyer-2"]) {
        facts.push({ customerId: await idOf(c), interactions: orders.filter((o) => o.customer.externalId === c).map((o) => ({ id: `order:${o.externalId}`, type: "purchase", at: Date.parse(o.orderedAt) })) });
      }
      expect(got(fired)).toEqual(expected(facts, [orderThanks], at));
      expect(fired.map((a) => a.cause).sort()).toEqual(["interaction:order:ord-1", "interaction:order:ord-2", "interaction:order:ord-3"]);
      expect(fired.every((a) => a.status === "PENDING" && a.conditionKind === "interaction" && a.actionType === "task")).toBe(true);

      // The same batch again (same order ids): nothing written, nothing fired.
      const before = await count("trigger_actions");
      expect((await ok<{ recordOrders: { created: number; duplicates: number } }>(ORDERS, { input: orders })).recordOrders).toMatchObject({ created: 0, duplicates: 3 });
      expect(await count("trigger_actions")).toBe(before);
      // A new order of the same customer is a new cause.
      await ok(ORDERS, { input: [{ externalId: "ord-4", customer: { externalId: "buyer-2" }, orderedAt: iso(t0 + 3000), amount: 5 }] });
      expect((await actionsOf("order-thanks")).map((a) => a.cause)).toContain("interaction:order:ord-4");
      expect(await count("trigger_actions")).toBe(before + 1);
    });

    it("should fire ticket-event triggers (ticket_<type>, on the ticket's channel) for the ticket's stored customer", async () => {
      const t0 = Date.now() - 2 * HOUR;
      const before = await count("trigger_actions");
      const events = [
        { idempotencyKey: "tk-1-open", ticket: { externalId: "T-1", customer: { externalId: "asker-1" }, channel: "email" }, type: "OPENED", occurredAt: iso(t0) },
        { idempotencyKey: "tk-2-open", ticket: { externalId: "T-2", customer: { externalId: "asker-2" }, channel: "chat" }, type: "OPENED", occurredAt: iso(t0) },
        // No customer on the ticket: nothing can fire.
        { idempotencyKey: "tk-3-open", ticket: { externalId: "T-3", channel: "email" }, type: "OPENED", occurredAt: iso(t0) },
        { idempotencyKey: "tk-1-reply", ticket: { externalId: "T-1" }, type: "AGENT_REPLY", occurredAt: iso(t0 + 60_000) },
      ];
      await ok(TICKETS, { input: events });
      const opened = await actionsOf("ticket-opened");
      // Only T-1: T-2 came in on chat (the trigger watches email), T-3 has no customer, a reply is another type.
      expect(opened.map((a) => [a.customer.externalId, a.cause])).toEqual([["asker-1", "interaction:ticket:tk-1-open"]]);
      // A later event that does not name the customer fires for the ticket's stored one.
      await ok(TICKETS, { input: [{ idempotencyKey: "tk-1-done", ticket: { externalId: "T-1" }, type: "RESOLVED", occurredAt: iso(t0 + 3_600_000) }] });
      const resolved = await actionsOf("ticket-resolved");
      expect(resolved.map((a) => [a.customer.externalId, a.cause])).toEqual([["asker-1", "interaction:ticket:tk-1-done"]]);
      const at = await firedAtOf("ticket-opened");
      const facts: CustomerFacts[] = [
        { customerId: await idOf("asker-1"), interactions: [{ id: "ticket:tk-1-open", type: "ticket_opened", channel: "email", at: t0 }, { id: "ticket:tk-1-reply", type: "ticket_agent_reply", channel: "email", at: t0 + 60_000 }] },
        { customerId: await idOf("asker-2"), interactions: [{ id: "ticket:tk-2-open", type: "ticket_opened", channel: "chat", at: t0 }] },
      ];
      expect(got(opened)).toEqual(expected(facts, [ticketOpened, ticketResolved], at));
      // Retried: nothing more.
      await ok(TICKETS, { input: events });
      expect(await count("trigger_actions")).toBe(before + 2);
    });

    it("should fire a lastCsat trigger for a CSAT answer ≤ 2 (other scales rescaled to 1–5) and a lastCes one, from the saved latest answer", async () => {
      const t0 = Date.now() - 3 * HOUR;
      const answer = (key: string, customer: string, kind: string, score: number, at: number, scale?: [number, number]) => ({
        idempotencyKey: key,
        customer: { externalId: customer },
        survey: "support",
        kind,
        score,
        respondedAt: iso(at),
        ...(scale ? { scaleMin: scale[0], scaleMax: scale[1] } : {}),
      });
      const input = [
        answer("cs-1", "rater-1", "CSAT", 2, t0),
        answer("cs-2", "rater-2", "CSAT", 4, t0),
        // 3 on 1–10 is 1 + 4·(3 − 1)/(10 − 1) ≈ 1.89 on 1–5: unhappy.
        answer("cs-3", "rater-3", "CSAT", 3, t0, [1, 10]),
        // An NPS of 1 is not a CSAT answer.
        answer("cs-4", "rater-4", "NPS", 1, t0),
        answer("ce-5", "rater-5", "CES", 1, t0),
        answer("ce-6", "rater-6", "CES", 6, t0),
      ];
      await ok(ANSWERS, { input });
      const unhappyFired = await actionsOf("unhappy-csat");
      const effortFired = await actionsOf("high-effort");
      expect(unhappyFired.map((a) => a.customer.externalId).sort()).toEqual(["rater-1", "rater-3"]);
      expect(effortFired.map((a) => a.customer.externalId)).toEqual(["rater-5"]);
      const at = await firedAtOf("unhappy-csat");
      const facts: CustomerFacts[] = [
        { customerId: await idOf("rater-1"), metrics: { lastCsat: { value: 2, at: t0 } } },
        { customerId: await idOf("rater-2"), metrics: { lastCsat: { value: 4, at: t0 } } },
        { customerId: await idOf("rater-3"), metrics: { lastCsat: { value: 1 + (4 * 2) / 9, at: t0 } } },
        { customerId: await idOf("rater-4"), metrics: { lastNps: { value: 1, at: t0 } } },
        { customerId: await idOf("rater-5"), metrics: { lastCes: { value: 1, at: t0 } } },
        { customerId: await idOf("rater-6"), metrics: { lastCes: { value: 6, at: t0 } } },
      ];
      expect(got([...unhappyFired, ...effortFired])).toEqual(expected(facts, [unhappy, effort], at));
      expect(unhappyFired.find((a) => a.customer.externalId === "rater-1")?.cause).toBe(`metric:lastCsat@${t0}`);

      const before = await count("trigger_actions");
      // Retried batch: nothing. An older answer (a backfill) does not replace the latest: rater-2's latest stays 4.
      await ok(ANSWERS, { input });
      await ok(ANSWERS, { input: [answer("cs-2-old", "rater-2", "CSAT", 1, t0 - 24 * HOUR)] });
      expect(await count("trigger_actions")).toBe(before);
      // A newer unhappy answer is a new cause; a non-answer (null score) changes nothing.
      await ok(ANSWERS, { input: [answer("cs-2-new", "rater-2", "CSAT", 1, t0 + HOUR), { ...answer("cs-1-skip", "rater-1", "CSAT", 0, t0 + 2 * HOUR), score: null }] });
      expect((await actionsOf("unhappy-csat")).filter((a) => a.customer.externalId === "rater-2").map((a) => a.cause)).toEqual([`metric:lastCsat@${t0 + HOUR}`]);
      expect(await count("trigger_actions")).toBe(before + 1);
    });

    it("should leave no action (and nothing else) behind when a batch is rejected, before or inside its transaction", async () => {
      const actions = await count("trigger_actions");
      const ordersBefore = await count("orders");
      const customers = await count("customers");
      // Rejected by validation: item 1's amount; item 0 alone would fire.
      const bad = await app.gql(ORDERS, { input: [{ externalId: "rej-1", customer: { externalId: "rej-buyer" }, orderedAt: iso(Date.now()), amount: 10 }, { externalId: "rej-2", customer: { externalId: "rej-buyer" }, orderedAt: iso(Date.now()), amount: -1 }] });
      expect(firstError(bad)?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.1.amount" });
      // Rejected inside the transaction, by the database, when the second customer's action is written:
      // the first customer's action, both orders and both new customers are rolled back with it.
      if (db.name === "sqlite") {
        await sql("create trigger refuse_boom before insert on trigger_actions when new.cause = 'interaction:order:boom' begin select raise(abort, 'refused by the test'); end");
      } else {
        await sql("create function refuse_boom() returns trigger language plpgsql as $$ begin if new.cause = 'interaction:order:boom' then raise exception 'refused by the test'; end if; return new; end $$");
        await sql("create trigger refuse_boom before insert on trigger_actions for each row execute function refuse_boom()");
      }
      try {
        const res = await app.gql(ORDERS, {
          input: [
            { externalId: "fine", customer: { externalId: "rej-a" }, orderedAt: iso(Date.now()), amount: 10 },
            { externalId: "boom", customer: { externalId: "rej-b" }, orderedAt: iso(Date.now()), amount: 10 },
          ],
        });
        expect(res.errors?.length).toBeGreaterThan(0);
      } finally {
        await sql("drop trigger refuse_boom" + (db.name === "sqlite" ? "" : " on trigger_actions"));
        if (db.name !== "sqlite") await sql("drop function refuse_boom()");
      }
      expect(await count("trigger_actions")).toBe(actions);
      expect(await count("orders")).toBe(ordersBefore);
      expect(await count("customers")).toBe(customers);
      // The same batch once the database accepts it: both fire (nothing was consumed by the rolled-back attempt).
      await ok(ORDERS, {
        input: [
          { externalId: "fine", customer: { externalId: "rej-a" }, orderedAt: iso(Date.now()), amount: 10 },
          { externalId: "boom", customer: { externalId: "rej-b" }, orderedAt: iso(Date.now()), amount: 10 },
        ],
      });
      expect((await actionsOf("order-thanks")).map((a) => a.cause)).toEqual(expect.arrayContaining(["interaction:order:fine", "interaction:order:boom"]));
      expect(await count("trigger_actions")).toBe(actions + 2);
    });
  });
}
