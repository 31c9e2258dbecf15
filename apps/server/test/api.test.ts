import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databases, demoDataDir, startApp, type App } from "./harness.js";

/**
 * The independent count for the CSAT check: read the vendored NHS CSV with a
 * plain split (no engagekit code) and count valid answers and top-2-box answers.
 * SOURCE.md: 5.0 × 2,616, 4.0 × 901, 3.0 × 181, 2.0 × 94, 1.0 × 71, "Don't know" × 19.
 */
function countNhs(): { valid: number; topTwo: number; skipped: number; sum: number } {
  const lines = readFileSync(join(demoDataDir, "nhs_fft_gp_feedback/fft_gp_responses.csv"), "utf8").trim().split("\n").slice(1);
  let valid = 0;
  let topTwo = 0;
  let skipped = 0;
  let sum = 0;
  for (const line of lines) {
    const score = line.split(",")[3] ?? "";
    if (score === "") skipped++;
    else {
      valid++;
      sum += Number(score);
      if (Number(score) >= 4) topTwo++;
    }
  }
  return { valid, topTwo, skipped, sum };
}

for (const db of databases()) {
  describe.skipIf(!db.available)(`GraphQL over HTTP on ${db.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(db.name);
    });
    afterAll(async () => {
      await app?.close();
    });

    it("should seed the demo workspace from the vendored CDNOW sample and NHS answers", () => {
      // 3,882 NHS answers, stored once as CSAT (5-point) and once as NPS (the FFT net-score mapping).
      expect(app.seed).toMatchObject({ created: true, customers: 2357, orders: 6919, surveyResponses: 2 * 3882 });
    });

    it("should answer { __typename }", async () => {
      const res = await app.gql("{ __typename }");
      expect(res.status).toBe(200);
      expect(res.data).toEqual({ __typename: "Query" });
    });

    it("should return the top-2-box CSAT of the seeded NHS answers, matching an independent count of the CSV", async () => {
      const expected = countNhs();
      expect(expected).toMatchObject({ valid: 3863, topTwo: 3517, skipped: 19 }); // SOURCE.md counts
      const res = await app.gql<{ csat: Record<string, number> }>(
        `{ csat(filter: { survey: "nhs-fft" }) { share mean n satisfied skipped shareInterval { lower upper method } } }`,
      );
      expect(res.errors).toBeUndefined();
      const csat = res.data?.csat as unknown as { share: number; mean: number; n: number; satisfied: number; skipped: number; shareInterval: { lower: number; upper: number; method: string } };
      expect(csat.n).toBe(expected.valid);
      expect(csat.satisfied).toBe(expected.topTwo);
      expect(csat.skipped).toBe(expected.skipped);
      expect(csat.share).toBeCloseTo(expected.topTwo / expected.valid, 12);
      expect(csat.mean).toBeCloseTo(expected.sum / expected.valid, 12);
      // statsmodels 0.15.0: proportion_confint(3517, 3863, alpha=0.05, method="wilson")
      expect(csat.shareInterval.method).toBe("wilson");
      expect(csat.shareInterval.lower).toBeCloseTo(0.9010147795472334, 10);
      expect(csat.shareInterval.upper).toBeCloseTo(0.9190343571368158, 10);
    });

    it("should filter CSAT by touchpoint and period", async () => {
      const res = await app.gql<{ a: { n: number } | null; b: { n: number } | null }>(
        `{ a: csat(filter: { survey: "nhs-fft", touchpoint: "Earls Court Surgery" }) { n }
           b: csat(filter: { survey: "nhs-fft", from: "2024-02-01T00:00:00Z", to: "2024-03-01T00:00:00Z" }) { n skipped } }`,
      );
      expect(res.errors).toBeUndefined();
      const lines = readFileSync(join(demoDataDir, "nhs_fft_gp_feedback/fft_gp_responses.csv"), "utf8").trim().split("\n").slice(1);
      const valid = (pred: (f: string[]) => boolean) => lines.map((l) => l.split(",")).filter((f) => f[3] !== "" && pred(f)).length;
      expect(res.data?.a?.n).toBe(valid((f) => f[1] === "Earls Court Surgery"));
      expect(res.data?.b?.n).toBe(valid((f) => (f[0] ?? "").startsWith("2024-02")));
    });

    it("should answer n = 0, a null score and the reason, never 0, for a metric with no answers", async () => {
      const res = await app.gql(
        `{ nps(filter: { survey: "no-such-survey" }) { score interval { lower } n skipped reason }
           csat(filter: { survey: "no-such-survey", from: "2030-01-01T00:00:00Z" }) { share shareInterval { lower } mean n reason }
           ces { mean easyShare n reason } }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({
        nps: { score: null, interval: null, n: 0, skipped: 0, reason: 'no NPS answers match survey "no-such-survey" (0 valid, 0 skipped); the metric is not scored as 0' },
        csat: { share: null, shareInterval: null, mean: null, n: 0, reason: 'no CSAT answers match survey "no-such-survey", from 2030-01-01T00:00:00.000Z (0 valid, 0 skipped); the metric is not scored as 0' },
        ces: { mean: null, easyShare: null, n: 0, reason: "no CES answers in this workspace (0 valid, 0 skipped); the metric is not scored as 0" },
      });
    });

    it("should answer the first NPS query a user tries: the FFT net score of the demo's NHS answers", async () => {
      // Independent count from the CSV (SOURCE.md: 2,616 × 5, 901 × 4, 181 × 3, 94 × 2, 71 × 1, 19 don't know):
      // the FFT net score (NHS England 2013) = % extremely likely − % neither, unlikely or extremely unlikely.
      const lines = readFileSync(join(demoDataDir, "nhs_fft_gp_feedback/fft_gp_responses.csv"), "utf8").trim().split("\n").slice(1);
      const scores = lines.map((l) => l.split(",")[3] ?? "").filter((s) => s !== "").map(Number);
      const promoters = scores.filter((s) => s === 5).length;
      const passives = scores.filter((s) => s === 4).length;
      const detractors = scores.filter((s) => s <= 3).length;
      expect([promoters, passives, detractors]).toEqual([2616, 901, 181 + 94 + 71]);
      for (const query of [`{ nps(filter: { survey: "nhs-fft" }) { score n promoters passives detractors skipped reason } }`, `{ nps { score n promoters passives detractors skipped reason } }`]) {
        const res = await app.gql<{ nps: { score: number; n: number } }>(query);
        expect(res.errors).toBeUndefined();
        expect(res.data?.nps).toEqual({ score: expect.any(Number), n: scores.length, promoters, passives, detractors, skipped: 19, reason: null });
        expect(res.data?.nps.score).toBeCloseTo((100 * (promoters - detractors)) / scores.length, 10);
      }
    });

    it("should say where a malformed JSON body broke (truncated, and a stray comma)", async () => {
      const post = (body: string) => fetch(app.url, { method: "POST", headers: { "content-type": "application/json" }, body });
      const truncated = '{"query":"{ nps { score n } }';
      const r1 = await post(truncated);
      expect(r1.status).toBe(400);
      const b1 = (await r1.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(b1.errors[0]?.message).toMatch(/^malformed JSON in the request body at line 1, column 30 \(position 29\): /);
      expect(b1.errors[0]?.extensions).toMatchObject({ code: "BAD_REQUEST", position: truncated.length, line: 1, column: truncated.length + 1 });
      const r2 = await post('{\n  "query": "{ nps { n } }",\n}');
      expect(r2.status).toBe(400);
      const b2 = (await r2.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(b2.errors[0]?.message).toMatch(/^malformed JSON in the request body at line 3, column 1 \(position 30\): /);
      expect(b2.errors[0]?.message).not.toMatch(/POST body missing/);
    });

    it("should page customers with cursors and order summaries", async () => {
      const q = `query($after: String) { customers(first: 2, after: $after) { totalCount edges { cursor node { externalId orders { count totalSpent } } } pageInfo { hasNextPage endCursor } } }`;
      type Page = { customers: { totalCount: number; edges: { node: { externalId: string; orders: { count: number; totalSpent: number } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
      const first = await app.gql<Page>(q);
      expect(first.errors).toBeUndefined();
      expect(first.data?.customers.totalCount).toBe(2357);
      expect(first.data?.customers.edges.map((e) => e.node.externalId)).toEqual(["cdnow-0001", "cdnow-0002"]);
      // CDNOW_sample.txt: customer 0001 has 4 lines totalling 29.33 + 29.73 + 14.96 + 26.48 = 100.50
      expect(first.data?.customers.edges[0]?.node.orders).toEqual({ count: 4, totalSpent: 100.5 });
      const second = await app.gql<Page>(q, { after: first.data?.customers.pageInfo.endCursor });
      expect(second.data?.customers.edges.map((e) => e.node.externalId)).toEqual(["cdnow-0003", "cdnow-0004"]);
    });

    it("should reject a page size over the cap as BAD_USER_INPUT naming the field", async () => {
      const res = await app.gql(`{ customers(first: 1000) { totalCount } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    });

    it("should refuse queries nested deeper than the limit (fragments included), and alias floods", async () => {
      // Segment.members → Customer.segments → … can nest without end; 15 levels here, the limit is 12.
      const level = (inner: string) => `segments { members { edges { node { ${inner} } } } }`;
      const tooDeep = `{ segments { edges { node { members { edges { node { ${level(level("id"))} } } } } } } }`;
      const res = await app.gql(tooDeep);
      expect(res.errors?.[0]?.message).toMatch(/query depth \d+ exceeds the limit of 12/);
      const viaFragments = await app.gql(
        `query { ...A } fragment A on Query { segments { edges { node { members { edges { node { ...B } } } } } } }
         fragment B on Customer { ${level(level("id"))} }`,
      );
      expect(viaFragments.errors?.[0]?.message).toMatch(/exceeds the limit of 12/);
      expect((await app.gql(`{ customers(first: 1) { edges { node { segments { key } lastOrders { amount } } } } }`)).errors).toBeUndefined();
      const flood = await app.gql(`{ ${Array.from({ length: 60 }, (_, i) => `w${i}: workspace { slug }`).join(" ")} }`);
      expect(flood.errors?.[0]?.message).toContain("60 aliases exceed the limit of 50");
    });

    it("should refuse an unknown workspace with FORBIDDEN", async () => {
      const res = await app.gql(`{ workspace { slug } }`, undefined, { "x-engagekit-workspace": "nope" });
      expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    });

    it("should read the workspace from the header and default to demo", async () => {
      expect((await app.gql(`{ workspace { slug } }`)).data).toEqual({ workspace: { slug: "demo" } });
      expect((await app.gql(`{ workspace { slug } }`, undefined, { "x-engagekit-workspace": "demo" })).data).toEqual({ workspace: { slug: "demo" } });
    });

    it("should load a nested page (segments, scores, last 3 orders, summaries) in a constant number of statements", async () => {
      // Two segments with members among the first customers, to give the segment loader work.
      const conn = app.orm.em.getConnection();
      const now = db.name === "sqlite" ? String(Date.now()) : "now()";
      await conn.execute(`insert into segments (workspace_id, key, name, definition, created_at, updated_at) values
        (${app.seed.workspaceId}, 'vip', 'VIP', '{"type":"all","conditions":[]}', ${now}, ${now}), (${app.seed.workspaceId}, 'new', 'New', '{"type":"all","conditions":[]}', ${now}, ${now})`);
      const segs = await conn.execute<{ id: number; key: string }[]>("select id, key from segments order by key");
      for (let c = 1; c <= 60; c++) {
        for (const s of segs) if (c % (s.key === "vip" ? 2 : 3) === 0) {
          await conn.execute(`insert into segment_memberships (workspace_id, segment_id, customer_id, entered_at) values (${app.seed.workspaceId}, ${s.id}, ${c}, ${now})`);
        }
      }
      const query = (first: number) => `{ customers(first: ${first}) { edges { node { id journeyStage ladderTier
        scores { engagement rfm predictedClv pAlive } segments { key } lastOrders(first: 3) { amount orderedAt } orders { count } } } } }`;
      type Page = { customers: { edges: { node: { id: string; segments: { key: string }[]; lastOrders: { amount: number; orderedAt: string }[] } }[] } };
      const count = async (first: number) => {
        app.sql.length = 0;
        const res = await app.gql<Page>(query(first));
        expect(res.errors).toBeUndefined();
        // Log lines carry ANSI colours ("\x1b[39mselect"): strip them before matching the verb.
        const statements = app.sql.map((m) => m.replace(/\x1b\[[0-9;]*m/g, "")).filter((m) => /^\[query\]\s*(select|insert|update|delete)\b/i.test(m));
        return { statements: statements.length, data: res.data };
      };
      const few = await count(5);
      const many = await count(100);
      expect(many.statements).toBe(few.statements);
      expect(many.statements).toBe(4); // page, summaries, last orders, segments (totalCount not asked: not counted)
      const nodes = many.data?.customers.edges.map((e) => e.node) ?? [];
      expect(nodes).toHaveLength(100);
      expect(nodes.find((n) => n.id === app.apiId("cus", 6))?.segments.map((s) => s.key)).toEqual(["new", "vip"]);
      expect(nodes.find((n) => n.id === app.apiId("cus", 7))?.segments).toEqual([]);
      // Customer 0001 (CDNOW_sample.txt): 4 purchases; the latest 3 are 1997-12-12, 1997-08-02, 1997-01-18.
      expect(nodes.find((n) => n.id === app.apiId("cus", 1))?.lastOrders.map((o) => o.orderedAt.slice(0, 10))).toEqual(["1997-12-12", "1997-08-02", "1997-01-18"]);
    });

    it("should read only the columns a list's selection needs, and answer as a full read does", async () => {
      const logged = async (query: string) => {
        app.sql.length = 0;
        const res = await app.gql<{ customers: { edges: { node: Record<string, unknown> }[] } }>(query);
        expect(res.errors).toBeUndefined();
        const sql = app.sql.map((m) => m.replace(/\x1b\[[0-9;]*m/g, "")).join("\n");
        return { sql, nodes: res.data?.customers.edges.map((e) => e.node) ?? [] };
      };
      const lean = await logged(`{ customers(first: 20) { edges { node { id journeyStage lastOrders(first: 2) { amount } orders { count } segments { key } } } } }`);
      const customerSelect = lean.sql.split("\n").find((l) => /from customers/.test(l)) ?? "";
      expect(customerSelect).toMatch(/journey_stage/);
      expect(customerSelect).not.toMatch(/traits|email|external_id|rfm_score/);
      expect(lean.sql).not.toMatch(/sum\(amount_cents\)|max\(ordered_at\)|s\.definition|s\.name/);
      // Everything, through a fragment, an inline fragment and an alias: the lean answer is part of it.
      const full = await logged(`{ customers(first: 20) { edges { node { ...All ... on Customer { email traits createdAt }
          recent: lastOrders(first: 2) { id externalId orderedAt amount items } } } } }
        fragment All on Customer { id externalId journeyStage ladderTier scores { engagement rfm predictedClv pAlive }
          lastOrders(first: 2) { amount } orders { count totalSpent lastOrderAt } segments { id key name description definition } }`);
      expect(full.sql.split("\n").find((l) => /from customers/.test(l))).toMatch(/traits/);
      expect(full.nodes).toHaveLength(20);
      for (const [i, node] of lean.nodes.entries()) {
        const whole = full.nodes[i] as Record<string, unknown> & { orders: Record<string, unknown>; segments: Record<string, unknown>[] };
        expect(node).toEqual({
          id: whole.id,
          journeyStage: whole.journeyStage,
          lastOrders: whole.lastOrders,
          orders: { count: whole.orders.count },
          segments: whole.segments.map((s) => ({ key: s.key })),
        });
        expect((whole.recent as { amount: number }[]).map((o) => ({ amount: o.amount }))).toEqual(whole.lastOrders);
      }
      // Customer 0001 (CDNOW_sample.txt): 4 purchases, the latest on 1997-12-12.
      const first = full.nodes.find((n) => n.id === app.apiId("cus", 1)) as { externalId: string; orders: { count: number; lastOrderAt: string } };
      expect(first.orders.count).toBe(4);
      expect(first.orders.lastOrderAt.slice(0, 10)).toBe("1997-12-12");
    });

    it("should serve /healthz and the offline GraphiQL page", async () => {
      const base = app.url.replace(/\/graphql$/, "");
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok" });
      const ide = await fetch(`${base}/graphiql`);
      expect(ide.status).toBe(200);
      const html = await ide.text();
      expect(html).toContain("engagekit GraphiQL");
      // Self-contained: no <script src> or <link href> pointing off the machine.
      expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=["']https?:\/\//i);
    });

    it("should leave no migration to generate: the committed migrations match the entities", async () => {
      const pending = await app.orm.getMigrator().checkMigrationNeeded();
      expect(pending).toBe(false);
    });
  });
}
