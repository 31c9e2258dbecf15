import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerEffortScore, netPromoterScore } from "@engagekit/core";
import { databases, startApp, type App } from "./harness.js";
import { expectSavedStateIsReplay } from "./stateReplay.js";

const RECORD = `mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { received created duplicates customersCreated } }`;

function interactions(n: number, prefix: string) {
  return Array.from({ length: n }, (_, i) => ({
    idempotencyKey: `${prefix}-${i}`,
    customer: { externalId: `${prefix}-cust-${i % 97}` },
    type: i % 3 === 0 ? "page_view" : i % 3 === 1 ? "email_open" : "purchase",
    channel: i % 2 === 0 ? "web" : "email",
    touchpoint: "homepage",
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    properties: { i },
    ...(i % 3 === 2 ? { value: 9.99 } : {}),
  }));
}

for (const db of databases()) {
  describe.skipIf(!db.available)(`ingestion on ${db.name}`, () => {
    let app: App;
    const count = async (table: string) => {
      const rows = await app.orm.em.getConnection().execute<{ n: number | string }[]>(`select count(*) as n from ${table}`);
      return Number(rows[0]?.n);
    };
    beforeAll(async () => {
      app = await startApp(db.name, { seed: false });
    });
    afterAll(async () => {
      await app?.close();
    });

    it("should record a batch, and a retried batch should create nothing new", async () => {
      const batch = interactions(50, "retry");
      const first = await app.gql(RECORD, { input: batch });
      expect(first.errors).toBeUndefined();
      expect(first.data).toEqual({ recordInteractions: { received: 50, created: 50, duplicates: 0, customersCreated: 50 } });
      const before = await count("interactions");
      const again = await app.gql(RECORD, { input: batch });
      expect(again.data).toEqual({ recordInteractions: { received: 50, created: 0, duplicates: 50, customersCreated: 0 } });
      expect(await count("interactions")).toBe(before);
    });

    it("should refuse an item GraphQL cannot coerce as BAD_USER_INPUT, and record nothing", async () => {
      // The cost check does not coerce batch items (execution does, once), so the error is coercion's.
      const batch = interactions(20, "coerce");
      (batch[7] as { occurredAt: string }).occurredAt = "not a date";
      const before = await count("interactions");
      const res = await app.gql(RECORD, { input: batch });
      expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.message).toMatch(/occurredAt/);
      expect(await count("interactions")).toBe(before);
    });

    it("should count a key repeated inside one batch once", async () => {
      const [a] = interactions(1, "dup");
      const res = await app.gql(RECORD, { input: [a, a, a] });
      expect(res.data).toEqual({ recordInteractions: { received: 3, created: 1, duplicates: 2, customersCreated: 1 } });
    });

    it("should reject a batch with one bad item, write nothing, and name the item index and field", async () => {
      const batch = interactions(20, "bad");
      (batch[13] as { type: string }).type = "Not A Type!";
      const interactionsBefore = await count("interactions");
      const customersBefore = await count("customers");
      const res = await app.gql(RECORD, { input: batch });
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.13.type" });
      expect(res.errors?.[0]?.message).toContain("input[13].type");
      expect(await count("interactions")).toBe(interactionsBefore);
      expect(await count("customers")).toBe(customersBefore);
    });

    it("should roll back the whole batch, customers included, when the database fails mid-batch", async () => {
      // A trigger makes the database refuse one row, after the batch has already created customers.
      const conn = app.orm.em.getConnection();
      if (db.name === "sqlite") {
        await conn.execute("create trigger boom before insert on interactions when new.idempotency_key = 'boom' begin select raise(abort, 'boom'); end");
      } else {
        await conn.execute("create function boom() returns trigger language plpgsql as $$ begin if new.idempotency_key = 'boom' then raise exception 'boom'; end if; return new; end $$");
        await conn.execute("create trigger boom before insert on interactions for each row execute function boom()");
      }
      const batch = interactions(30, "atomic");
      (batch[29] as { idempotencyKey: string }).idempotencyKey = "boom";
      const interactionsBefore = await count("interactions");
      const customersBefore = await count("customers");
      const res = await app.gql(RECORD, { input: batch });
      expect(res.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(res.errors?.[0]?.message).toBe("Internal server error"); // no SQL leaks to the client
      expect(await count("interactions")).toBe(interactionsBefore);
      expect(await count("customers")).toBe(customersBefore);
      await conn.execute(db.name === "sqlite" ? "drop trigger boom" : "drop trigger boom on interactions");
    });

    it("should keep stage, score and history incrementally as a full replay of the history computes them, late events included", async () => {
      const ORDERS = `mutation($input: [OrderInput!]!) { recordOrders(input: $input) { created } }`;
      const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString();
      const types = ["page_view", "product_view", "add_to_cart", "purchase", "review_posted", "email_open"];
      const event = (batch: number, i: number, d: number) => ({
        idempotencyKey: `inc-${batch}-${i}`,
        customer: { externalId: `inc-${i % 7}` },
        type: types[(i * 5 + batch) % types.length] as string,
        channel: "web",
        occurredAt: day(d),
      });
      // Three batches in time order (folded incrementally after the first), orders in between, then a
      // batch dated before the others for some customers (their documents are rebuilt from the history).
      for (const [b, offset] of [[0, 0], [1, 40], [2, 200]] as const) {
        const res = await app.gql(RECORD, { input: Array.from({ length: 28 }, (_, i) => event(b, i, offset + i)) });
        expect(res.errors).toBeUndefined();
        if (b === 1) {
          const orders = await app.gql(ORDERS, { input: [0, 1, 2].map((c) => ({ externalId: `inc-order-${c}`, customer: { externalId: `inc-${c}` }, orderedAt: day(100 + c), amount: 10 })) });
          expect(orders.errors).toBeUndefined();
        }
      }
      const late = await app.gql(RECORD, { input: Array.from({ length: 4 }, (_, i) => event(3, i, 20 + i)) });
      expect(late.errors).toBeUndefined();

      const conn = app.orm.em.getConnection();
      expect(await expectSavedStateIsReplay((sql, params) => conn.execute(sql, params ?? []), "external_id like 'inc-%'")).toBe(7);
      // The ladder reads purchases 90 days back; these 2024 purchases are far older, so none is kept.
      for (const row of await conn.execute<{ state: unknown }[]>("select state from customers where external_id like 'inc-%'")) {
        const doc = (typeof row.state === "string" ? JSON.parse(row.state) : row.state) as { history: Record<string, { times: number[] }>; kept: { byType: Record<string, number | null> } };
        expect(doc.history.purchase, "every inc- customer bought").toBeDefined();
        expect(doc.kept.byType.purchase).toBe(90 * 86_400_000);
        expect(doc.history.purchase?.times).toEqual([]);
        // Windows are recorded only for the types the document holds (the others never occurred).
        expect(Object.keys(doc.kept.byType).every((t) => t in doc.history)).toBe(true);
      }
    });

    it("should keep only the times inside the longest window a condition reads, and rebuild them when a segment widens it", async () => {
      const SEGMENT = `mutation($input: SegmentInput!) { createSegment(input: $input) { key } }`;
      const DAY = 86_400_000;
      const now = Date.now();
      const view = (k: string, daysAgo: number) => ({ idempotencyKey: `win-${k}`, customer: { externalId: "win-0" }, type: "page_view", channel: "web", occurredAt: new Date(now - daysAgo * DAY).toISOString() });
      const doc = async () => {
        const [row] = await app.orm.em.getConnection().execute<{ state: unknown }[]>("select state from customers where external_id = 'win-0'");
        const state = (typeof row?.state === "string" ? JSON.parse(row.state) : row?.state) as { history: Record<string, { count: number; first: number; last: number; times: number[] }> };
        return state.history.page_view;
      };
      const segmentsOf = async () =>
        (
          await app.orm.em.getConnection().execute<{ key: string }[]>(
            "select s.key from segment_memberships m join segments s on s.id = m.segment_id join customers c on c.id = m.customer_id where c.external_id = 'win-0' order by s.key",
          )
        ).map((r: { key: string }) => r.key);
      expect((await app.gql(SEGMENT, { input: { key: "win_recent", name: "win recent", condition: { type: "performed", interaction: "page_view", op: "atLeast", times: 2, withinDays: 10 } } })).errors).toBeUndefined();
      expect((await app.gql(RECORD, { input: [view("a", 40), view("b", 20), view("c", 5), view("d", 1)] })).errors).toBeUndefined();
      // 10 days is the longest page_view window: two of the four times are kept, the count stays 4.
      expect(await doc()).toEqual({ count: 4, first: now - 40 * DAY, last: now - DAY, times: [now - 5 * DAY, now - DAY] });
      expect(await segmentsOf()).toEqual(["win_recent"]);
      // A segment reading 30 days back: the next batch rebuilds the times from the history.
      expect((await app.gql(SEGMENT, { input: { key: "win_wide", name: "win wide", condition: { type: "performed", interaction: "page_view", op: "atLeast", times: 4, withinDays: 30 } } })).errors).toBeUndefined();
      expect((await app.gql(RECORD, { input: [view("e", 0.5)] })).errors).toBeUndefined();
      expect(await doc()).toEqual({ count: 5, first: now - 40 * DAY, last: now - 0.5 * DAY, times: [now - 20 * DAY, now - 5 * DAY, now - DAY, now - 0.5 * DAY] });
      // Four views in 30 days (the kept times alone, had they not been rebuilt, would count three).
      expect(await segmentsOf()).toEqual(["win_recent", "win_wide"]);
      for (const key of ["win_recent", "win_wide"]) await app.gql(`mutation { deleteSegment(key: "${key}") }`);
    });

    it("should never fold into a kept state copy the database no longer holds (a batch rolled back after the copy was kept; a row another writer changed)", async () => {
      const SEGMENT = `mutation($input: SegmentInput!) { createSegment(input: $input) { key } }`;
      const conn = app.orm.em.getConnection();
      const sql = (text: string) => conn.execute(text, []);
      const item = (k: string, type: string, minute: number) => ({ idempotencyKey: `kc-${k}`, customer: { externalId: "kc-0" }, type, channel: "web", occurredAt: new Date(Date.UTC(2026, 1, 1, 0, minute)).toISOString() });
      const rev = async () => (await conn.execute<{ state_rev: unknown }[]>("select state_rev from customers where external_id = 'kc-0'"))[0]?.state_rev;
      expect((await app.gql(RECORD, { input: [item("a", "email_open", 0), item("b", "email_open", 1)] })).errors).toBeUndefined();
      const first = await rev();
      expect(first).not.toBeNull();
      // A segment the next batch enters; the membership insert fails after the state was written (and its copy kept).
      expect((await app.gql(SEGMENT, { input: { key: "kc_viewers", name: "kc viewers", condition: { type: "performed", interaction: "page_view", op: "atLeast", times: 1 } } })).errors).toBeUndefined();
      if (db.name === "sqlite") await sql("create trigger refuse_kc before insert on segment_memberships begin select raise(abort, 'refused by the test'); end");
      else {
        await sql("create function refuse_kc() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$");
        await sql("create trigger refuse_kc before insert on segment_memberships for each row execute function refuse_kc()");
      }
      try {
        expect((await app.gql(RECORD, { input: [item("c", "page_view", 2), item("d", "page_view", 3), item("e", "page_view", 4)] })).errors?.length).toBeGreaterThan(0);
      } finally {
        await sql("drop trigger refuse_kc" + (db.name === "sqlite" ? "" : " on segment_memberships"));
        if (db.name !== "sqlite") await sql("drop function refuse_kc()");
      }
      expect(await rev()).toEqual(first);
      // Folding into the rolled-back copy would count three page views the database never kept.
      expect((await app.gql(RECORD, { input: [item("f", "purchase", 5)] })).errors).toBeUndefined();
      expect(await expectSavedStateIsReplay((s, params) => conn.execute(s, params ?? []), "external_id = 'kc-0'")).toBe(1);
      // Another writer (a second server): an interaction of its own and a state of its own, here a rebuild marker
      // (no state, its revision). Folding into this process's copy would miss the other writer's interaction.
      const at = Date.UTC(2026, 1, 1, 0, 6);
      await conn.execute(
        "insert into interactions (workspace_id, customer_id, idempotency_key, type, channel, occurred_at) select workspace_id, id, 'kc-other', 'page_view', 'web', ? from customers where external_id = 'kc-0'",
        [db.name === "sqlite" ? at : new Date(at).toISOString()],
      );
      await sql("update customers set state = null, state_rev = 1 where external_id = 'kc-0'");
      expect((await app.gql(RECORD, { input: [item("g", "page_view", 7)] })).errors).toBeUndefined();
      expect(await expectSavedStateIsReplay((s, params) => conn.execute(s, params ?? []), "external_id = 'kc-0'")).toBe(1);
      const [row] = await conn.execute<{ state: unknown }[]>("select state from customers where external_id = 'kc-0'");
      const doc = (typeof row?.state === "string" ? JSON.parse(row.state) : row?.state) as { history: Record<string, { count: number }> };
      expect(Object.fromEntries(Object.entries(doc.history).map(([t, h]) => [t, h.count]))).toEqual({ email_open: 2, page_view: 2, purchase: 1 });
      await app.gql(`mutation { deleteSegment(key: "kc_viewers") }`);
    });

    it("should accept 10,000 interactions in one request and refuse 10,001", async () => {
      const big = interactions(10_000, "big");
      const res = await app.gql(RECORD, { input: big });
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ recordInteractions: { received: 10_000, created: 10_000, duplicates: 0, customersCreated: 97 } });
      const tooBig = await app.gql(RECORD, { input: interactions(10_001, "toobig") });
      expect(tooBig.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input" });
    });

    it("should score recorded CES answers exactly as the core does, overall and per survey, and never score no answers as 0", async () => {
      const groups = { onboarding: [7, 6, 6, 5, 2, null, 7], support: [3, 4, 5, 1, 6] };
      const input = Object.entries(groups).flatMap(([survey, scores]) =>
        scores.map((score, i) => ({ idempotencyKey: `ces-${survey}-${i}`, survey, kind: "CES", score, respondedAt: new Date(Date.UTC(2026, 2, 1, i)).toISOString() })),
      );
      expect((await app.gql(`mutation($input: [SurveyAnswerInput!]!) { recordSurveyAnswers(input: $input) { created } }`, { input })).errors).toBeUndefined();
      type Ces = { mean: number; easyShare: number; n: number; easy: number; skipped: number; meanInterval: { lower: number; upper: number } | null; definition: string };
      const fields = "mean easyShare n easy skipped meanInterval { lower upper } definition";
      const res = await app.gql<{ ces: Ces; cesBreakdown: { key: string; ces: Ces }[]; none: { n: number } }>(
        `{ ces { ${fields} } cesBreakdown(by: SURVEY) { key ces { ${fields} } } none: ces(filter: { survey: "no-such-survey" }) { n } }`,
      );
      expect(res.errors).toBeUndefined();
      const expectCore = (got: Ces | undefined, scores: (number | null)[]) => {
        const core = customerEffortScore(scores);
        expect(got).toEqual({ mean: core.mean, easyShare: core.easyShare, n: core.n, easy: core.easy, skipped: core.skipped, meanInterval: core.meanInterval && { lower: core.meanInterval.lower, upper: core.meanInterval.upper }, definition: "ces@1" });
      };
      expectCore(res.data?.ces, [...groups.onboarding, ...groups.support]);
      expect(res.data?.cesBreakdown.map((g) => g.key)).toEqual(["onboarding", "support"]);
      expectCore(res.data?.cesBreakdown[0]?.ces, groups.onboarding);
      expectCore(res.data?.cesBreakdown[1]?.ces, groups.support);
      expect(res.data?.none).toEqual({ n: 0 }); // n = 0 with a reason, never a score of 0
    });

    it("should score recorded NPS answers exactly as the core does, and reject a score off the scale", async () => {
      const scores = [10, 9, 9, 8, 7, 6, 3, 0, null, 10];
      const input = scores.map((score, i) => ({
        idempotencyKey: `nps-${i}`,
        survey: "relationship",
        kind: "NPS",
        score,
        respondedAt: new Date(Date.UTC(2026, 1, 1, i)).toISOString(),
      }));
      const rec = await app.gql(`mutation($input: [SurveyAnswerInput!]!) { recordSurveyAnswers(input: $input) { created } }`, { input });
      expect(rec.errors).toBeUndefined();
      const res = await app.gql<{ nps: Record<string, number> }>(`{ nps { score standardError n promoters passives detractors skipped interval { lower upper } } }`);
      const core = netPromoterScore(scores);
      expect(res.data?.nps).toMatchObject({
        score: core.score,
        standardError: core.standardError,
        n: core.n,
        promoters: core.promoters,
        passives: core.passives,
        detractors: core.detractors,
        skipped: core.skipped,
        interval: { lower: core.interval.lower, upper: core.interval.upper },
      });
      const bad = await app.gql(`mutation($input: [SurveyAnswerInput!]!) { recordSurveyAnswers(input: $input) { created } }`, {
        input: [{ idempotencyKey: "nps-bad", survey: "relationship", kind: "NPS", score: 11, respondedAt: "2026-02-02T00:00:00Z" }],
      });
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.0.score" });
    });

    it("should record orders idempotently by the shop's order id, with exact cents", async () => {
      const input = [
        { externalId: "o-1", customer: { externalId: "buyer" }, orderedAt: "2026-03-01T10:00:00Z", amount: 19.99, items: 2 },
        { externalId: "o-2", customer: { externalId: "buyer" }, orderedAt: "2026-03-05T10:00:00Z", amount: 0.1 },
      ];
      const q = `mutation($input: [OrderInput!]!) { recordOrders(input: $input) { created duplicates } }`;
      expect((await app.gql(q, { input })).data).toEqual({ recordOrders: { created: 2, duplicates: 0 } });
      expect((await app.gql(q, { input })).data).toEqual({ recordOrders: { created: 0, duplicates: 2 } });
      const rows = await app.orm.em.getConnection().execute<{ s: number | string }[]>(`select sum(amount_cents) as s from orders where external_id in ('o-1', 'o-2')`);
      expect(Number(rows[0]?.s)).toBe(2009);
    });

    it("should keep workspaces apart: another workspace sees none of these rows", async () => {
      const em = app.orm.em.fork();
      await em.getConnection().execute(`insert into workspaces (slug, name, created_at) values ('other', 'Other', ${db.name === "sqlite" ? "1" : "now()"})`);
      const res = await app.gql(`{ customers { totalCount } nps { n } }`, undefined, { "x-engagekit-workspace": "other" });
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ customers: { totalCount: 0 }, nps: { n: 0 } });
      const mine = await app.gql(`{ customers { totalCount } }`);
      expect((mine.data as { customers: { totalCount: number } }).customers.totalCount).toBeGreaterThan(0);
    });
  });
}

for (const db of databases()) {
  describe.skipIf(!db.available)(`ticket events on ${db.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(db.name, { seed: false });
    });
    afterAll(async () => {
      await app?.close();
    });

    it("should create tickets on first sight, record their events once, and keep the earliest event as openedAt", async () => {
      const q = `mutation($input: [TicketEventInput!]!) { recordTicketEvents(input: $input) { received created duplicates customersCreated } }`;
      const input = [
        { idempotencyKey: "t1-reply", ticket: { externalId: "T-1" }, type: "AGENT_REPLY", occurredAt: "2026-05-01T09:30:00Z" },
        { idempotencyKey: "t1-open", ticket: { externalId: "T-1", customer: { externalId: "alice" }, channel: "email" }, type: "OPENED", occurredAt: "2026-05-01T09:00:00Z" },
        { idempotencyKey: "t2-open", ticket: { externalId: "T-2" }, type: "OPENED", occurredAt: "2026-05-02T10:00:00Z" },
      ];
      expect((await app.gql(q, { input })).data).toEqual({ recordTicketEvents: { received: 3, created: 3, duplicates: 0, customersCreated: 1 } });
      expect((await app.gql(q, { input })).data).toEqual({ recordTicketEvents: { received: 3, created: 0, duplicates: 3, customersCreated: 0 } });
      const rows = await app.orm.em
        .getConnection()
        .execute<{ external_id: string; opened_at: string | number | Date; events: number | string }[]>(
          "select t.external_id, t.opened_at, (select count(*) from ticket_events e where e.ticket_id = t.id) as events from support_tickets t order by t.external_id",
        );
      expect(rows.map((r: { external_id: string; events: number | string }) => [r.external_id, Number(r.events)])).toEqual([["T-1", 2], ["T-2", 1]]);
      // Response times through the API equal the core on the same events: T-1 answered after 30 minutes.
      const rt = await app.gql<{ responseTimes: { tickets: number; firstResponse: { n: number; median: { value: number } } } }>(
        `{ responseTimes { tickets firstResponse { n median { value } } } }`,
      );
      expect(rt.errors).toBeUndefined();
      expect(rt.data?.responseTimes).toEqual({ tickets: 2, firstResponse: { n: 1, median: { value: 30 * 60_000 } } });
      // Business hours: Friday 17:55 → Monday 09:05 in London is 10 minutes.
      await app.gql(q, {
        input: [
          { idempotencyKey: "t3-open", ticket: { externalId: "T-3" }, type: "OPENED", occurredAt: "2026-11-20T17:55:00Z" },
          { idempotencyKey: "t3-reply", ticket: { externalId: "T-3" }, type: "AGENT_REPLY", occurredAt: "2026-11-23T09:05:00Z" },
        ],
      });
      const bh = await app.gql<{ responseTimes: { firstResponse: { n: number; median: { value: number } } } }>(
        `{ responseTimes(filter: { from: "2026-11-01T00:00:00Z" }, businessHours: { timeZone: "Europe/London", hours: [
          { weekday: 1, startMinute: 540, endMinute: 1080 }, { weekday: 2, startMinute: 540, endMinute: 1080 }, { weekday: 3, startMinute: 540, endMinute: 1080 },
          { weekday: 4, startMinute: 540, endMinute: 1080 }, { weekday: 5, startMinute: 540, endMinute: 1080 } ] }) { firstResponse { n median { value } } } }`,
      );
      expect(bh.errors).toBeUndefined();
      expect(bh.data?.responseTimes.firstResponse).toEqual({ n: 1, median: { value: 10 * 60_000 } });
      const opened = rows[0]?.opened_at;
      expect(new Date(typeof opened === "number" || /^\d+$/.test(String(opened)) ? Number(opened) : String(opened)).toISOString()).toBe("2026-05-01T09:00:00.000Z");
    });
  });
}

for (const db of databases()) {
  describe.skipIf(!db.available)(`interactions list on ${db.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(db.name, { seed: false });
      await app.gql(RECORD, { input: interactions(30, "list") });
    });
    afterAll(async () => {
      await app?.close();
    });

    it("should page interactions with a filter, every item once across pages", async () => {
      type Page = { interactions: { totalCount: number; edges: { node: { idempotencyKey: string; type: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      const q = `query($after: String) { interactions(first: 4, after: $after, filter: { type: "purchase" }) {
        totalCount edges { node { idempotencyKey type } } pageInfo { hasNextPage endCursor } } }`;
      const seen: string[] = [];
      let after: string | null = null;
      let total = -1;
      do {
        const res: { data?: Page; errors?: unknown } = await app.gql<Page>(q, after ? { after } : {});
        expect(res.errors).toBeUndefined();
        const conn = (res.data as Page).interactions;
        total = conn.totalCount;
        for (const e of conn.edges) {
          expect(e.node.type).toBe("purchase");
          seen.push(e.node.idempotencyKey);
        }
        after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
      } while (after);
      // interactions(30) makes every third item (i % 3 === 2) a purchase: 10 of them.
      expect(total).toBe(10);
      expect(new Set(seen).size).toBe(10);
      expect(seen).toHaveLength(10);
    });

    it("should reject a cursor it did not issue", async () => {
      const res = await app.gql(`{ interactions(after: "bogus") { totalCount } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    });
  });
}
