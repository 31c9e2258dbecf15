import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chanceToBeat, cohortRetention, differenceInProportions, kaplanMeier, netPromoterScore, npsDifference } from "@engagekit/core";
import { databases, demoDataDir, startApp, type App } from "./harness.js";

/** The CDNOW sample read straight from the file: one purchase line per row. */
function cdnow(): { customer: string; t: number }[] {
  return readFileSync(join(demoDataDir, "cdnow/CDNOW_sample.txt"), "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 5)
    .map((f) => ({ customer: f[1] as string, t: Date.UTC(+(f[2] as string).slice(0, 4), +(f[2] as string).slice(4, 6) - 1, +(f[2] as string).slice(6, 8)) }));
}

function nhs(surgery: string): number[] {
  return readFileSync(join(demoDataDir, "nhs_fft_gp_feedback/fft_gp_responses.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","))
    .filter((f) => f[1] === surgery && f[3] !== "")
    .map((f) => Math.round(Number(f[3])));
}

for (const db of databases()) {
  describe.skipIf(!db.available)(`retention and comparisons on the demo data, ${db.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(db.name);
    });
    afterAll(async () => {
      await app?.close();
    });

    it("should return the monthly cohort matrix, repeat-purchase rate and churn survival the core computes from the file", async () => {
      const res = await app.gql<{
        cohortRetention: { rows: { cohort: string; size: number; counts: number[] }[] };
        repeatPurchaseRate: { rate: number; n: number; count: number };
        churnSurvival: { n: number; churned: number; steps: { time: number; survival: number }[] };
      }>(`{ cohortRetention(period: MONTH) { rows { cohort size counts } } repeatPurchaseRate { rate n count } churnSurvival(definition: { inactiveDays: 90 }) { n churned steps { time survival } } }`);
      expect(res.errors).toBeUndefined();
      const rows = cdnow();
      const m = cohortRetention(rows.map((r) => r.customer), rows.map((r) => r.t), "month");
      expect(res.data?.cohortRetention.rows.map((r) => r.cohort)).toEqual(["1997-01", "1997-02", "1997-03"]); // SOURCE.md: first purchases Jan–Mar 1997
      expect(res.data?.cohortRetention.rows.map((r) => r.counts)).toEqual(m.counts);
      const lines = new Map<string, number>();
      for (const r of rows) lines.set(r.customer, (lines.get(r.customer) ?? 0) + 1);
      expect(res.data?.repeatPurchaseRate).toMatchObject({ n: 2357, count: [...lines.values()].filter((n) => n > 1).length });
      // Kaplan–Meier oracle: the same churn definition applied to the file.
      const asOf = Math.max(...rows.map((r) => r.t));
      const span = new Map<string, [number, number]>();
      for (const r of rows) {
        const s = span.get(r.customer) ?? [r.t, r.t];
        span.set(r.customer, [Math.min(s[0], r.t), Math.max(s[1], r.t)]);
      }
      const times: number[] = [];
      const events: number[] = [];
      for (const [first, last] of span.values()) {
        const churned = asOf - last > 90 * 86_400_000;
        times.push(((churned ? last : asOf) - first) / 86_400_000);
        events.push(churned ? 1 : 0);
      }
      const km = kaplanMeier(times, events);
      expect(res.data?.churnSurvival.n).toBe(2357);
      expect(res.data?.churnSurvival.churned).toBe(km.events);
      expect(res.data?.churnSurvival.steps.map((s) => s.survival)).toEqual(km.steps.map((s) => s.survival));
    });

    it("should restrict retention, repeat purchase, churn survival and response times to a segment, a stage or a rung", async () => {
      // A segment holding the even-numbered CDNOW customers, and odd ones on the advocate rung.
      const conn = app.orm.em.getConnection();
      const ws = app.seed.workspaceId;
      const now = db.name === "sqlite" ? String(Date.now()) : "now()";
      await conn.execute(`insert into segments (workspace_id, key, name, definition, created_at, updated_at) values (${ws}, 'even', 'Even', '{"type":"all","conditions":[]}', ${now}, ${now})`);
      const [seg] = (await conn.execute(`select id from segments where workspace_id = ${ws} and key = 'even'`)) as { id: number }[];
      const customers = (await conn.execute(`select id, external_id from customers where workspace_id = ${ws} and external_id like 'cdnow-%'`)) as { id: number; external_id: string }[];
      const even = customers.filter((c) => Number(c.external_id.slice(6)) % 2 === 0);
      for (let i = 0; i < even.length; i += 500) {
        await conn.execute(`insert into segment_memberships (workspace_id, segment_id, customer_id, entered_at) values ${even.slice(i, i + 500).map((c) => `(${ws}, ${seg?.id}, ${c.id}, ${now})`).join(", ")}`);
      }
      await conn.execute(`update customers set ladder_tier = 'advocate' where workspace_id = ${ws} and external_id like 'cdnow-%' and id not in (select customer_id from segment_memberships where segment_id = ${seg?.id})`);
      type R = { cohortRetention: { rows: { counts: number[] }[] }; repeatPurchaseRate: { n: number; count: number }; churnSurvival: { n: number; churned: number } };
      const ask = (filter: string) =>
        app.gql<R>(`{ cohortRetention(period: MONTH, filter: ${filter}) { rows { counts } } repeatPurchaseRate(filter: ${filter}) { n count } churnSurvival(definition: { inactiveDays: 90 }, filter: ${filter}) { n churned } }`);
      // Oracle: the core on the file's rows of the same customers.
      const oracle = (keep: (n: number) => boolean) => {
        const rows = cdnow().filter((r) => keep(Number(r.customer)));
        const m = cohortRetention(rows.map((r) => r.customer), rows.map((r) => r.t), "month");
        const lines = new Map<string, number>();
        for (const r of rows) lines.set(r.customer, (lines.get(r.customer) ?? 0) + 1);
        return { counts: m.counts, n: lines.size, repeat: [...lines.values()].filter((n) => n > 1).length };
      };
      for (const [filter, keep] of [
        ['{ segment: "even" }', (n: number) => n % 2 === 0],
        ['{ ladderTier: "advocate" }', (n: number) => n % 2 === 1],
      ] as const) {
        const res = await ask(filter);
        expect(res.errors).toBeUndefined();
        const o = oracle(keep);
        expect(o.n).toBeGreaterThan(1000);
        expect(o.n).toBeLessThan(2357);
        expect(res.data?.cohortRetention.rows.map((r) => r.counts)).toEqual(o.counts);
        expect(res.data?.repeatPurchaseRate).toEqual({ n: o.n, count: o.repeat });
        expect(res.data?.churnSurvival.n).toBe(o.n);
      }
      // No customer matches: no data, not a zero.
      const none = await ask('{ segment: "no-such-segment" }');
      expect(none.errors).toBeUndefined();
      expect(none.data).toEqual({ cohortRetention: null, repeatPurchaseRate: null, churnSurvival: null });

      // Response times: one ticket of an even customer, one of an odd customer.
      const q = `mutation($input: [TicketEventInput!]!) { recordTicketEvents(input: $input) { created } }`;
      const input = [
        { idempotencyKey: "f1-open", ticket: { externalId: "F-1", customer: { externalId: "cdnow-0002" }, channel: "email" }, type: "OPENED", occurredAt: "2026-05-01T09:00:00Z" },
        { idempotencyKey: "f1-reply", ticket: { externalId: "F-1" }, type: "AGENT_REPLY", occurredAt: "2026-05-01T09:10:00Z" },
        { idempotencyKey: "f2-open", ticket: { externalId: "F-2", customer: { externalId: "cdnow-0003" }, channel: "email" }, type: "OPENED", occurredAt: "2026-05-01T09:00:00Z" },
        { idempotencyKey: "f2-reply", ticket: { externalId: "F-2" }, type: "AGENT_REPLY", occurredAt: "2026-05-01T10:00:00Z" },
      ];
      expect((await app.gql(q, { input })).errors).toBeUndefined();
      type T = { responseTimes: { tickets: number; firstResponse: { median: { value: number } } } | null };
      const rt = async (customers: string) => (await app.gql<T>(`{ responseTimes(customers: ${customers}) { tickets firstResponse { median { value } } } }`)).data?.responseTimes;
      expect(await rt('{ segment: "even" }')).toEqual({ tickets: 1, firstResponse: { median: { value: 10 * 60_000 } } });
      expect(await rt('{ ladderTier: "advocate" }')).toEqual({ tickets: 1, firstResponse: { median: { value: 60 * 60_000 } } });
      expect(await rt('{ segment: "no-such-segment" }')).toBeNull();
    });

    it("should break NPS down by segment, journey stage and ladder rung of the respondents, as the core scores each group", async () => {
      const conn = app.orm.em.getConnection();
      const ws = app.seed.workspaceId;
      const now = db.name === "sqlite" ? String(Date.now()) : "now()";
      await conn.execute(`insert into segments (workspace_id, key, name, definition, created_at, updated_at) values (${ws}, 'first20', 'First 20', '{"type":"all","conditions":[]}', ${now}, ${now}), (${ws}, 'thirds', 'Thirds', '{"type":"all","conditions":[]}', ${now}, ${now})`);
      const segs = (await conn.execute(`select id, key from segments where workspace_id = ${ws} and key in ('first20', 'thirds')`)) as { id: number; key: string }[];
      const customers = (await conn.execute(`select id, external_id from customers where workspace_id = ${ws} and external_id like 'cdnow-%' order by external_id limit 40`)) as { id: number; external_id: string }[];
      const n = (c: { external_id: string }) => Number(c.external_id.slice(6));
      const inFirst20 = (k: number) => k <= 20;
      const inThirds = (k: number) => k % 3 === 0;
      for (const c of customers) {
        for (const s of segs) {
          if ((s.key === "first20" && inFirst20(n(c))) || (s.key === "thirds" && inThirds(n(c)))) {
            await conn.execute(`insert into segment_memberships (workspace_id, segment_id, customer_id, entered_at) values (${ws}, ${s.id}, ${c.id}, ${now})`);
          }
        }
      }
      const score = (k: number) => (k * 7) % 11;
      const input = customers.map((c) => ({ idempotencyKey: `brk-${c.external_id}`, survey: "brk", kind: "NPS", score: score(n(c)), respondedAt: "2026-04-01T00:00:00Z", customer: { externalId: c.external_id } }));
      expect((await app.gql(`mutation($input: [SurveyAnswerInput!]!) { recordSurveyAnswers(input: $input) { created } }`, { input })).errors).toBeUndefined();
      // Set stage and rung after ingestion (which re-derives them: a promoter climbs to advocate).
      for (const c of customers) {
        await conn.execute(`update customers set journey_stage = '${n(c) % 2 ? "retention" : "advocacy"}', ladder_tier = '${n(c) % 4 === 0 ? "advocate" : "active"}' where id = ${c.id}`);
      }
      type B = { npsBreakdown: { key: string | null; nps: { score: number; n: number; promoters: number; detractors: number } | null }[] };
      const breakdown = async (by: string) => {
        const res = await app.gql<B>(`{ npsBreakdown(by: ${by}, filter: { survey: "brk" }) { key nps { score n promoters detractors } } }`);
        expect(res.errors).toBeUndefined();
        return new Map(res.data?.npsBreakdown.map((g) => [g.key, g.nps]));
      };
      const core = (keep: (k: number) => boolean) => {
        const r = netPromoterScore(customers.map(n).filter(keep).map(score));
        return { score: r.score, n: r.n, promoters: r.promoters, detractors: r.detractors };
      };
      const bySegment = await breakdown("SEGMENT");
      expect(bySegment.get("first20")).toEqual(core(inFirst20));
      expect(bySegment.get("thirds")).toEqual(core(inThirds));
      const byStage = await breakdown("JOURNEY_STAGE");
      expect(byStage.get("retention")).toEqual(core((k) => k % 2 === 1));
      expect(byStage.get("advocacy")).toEqual(core((k) => k % 2 === 0));
      const byRung = await breakdown("LADDER_TIER");
      expect(byRung.get("advocate")).toEqual(core((k) => k % 4 === 0));
      expect(byRung.get("active")).toEqual(core((k) => k % 4 !== 0));
      // A segment filter narrows a segment breakdown to that segment.
      const one = await app.gql<B>(`{ npsBreakdown(by: SEGMENT, filter: { survey: "brk", segment: "thirds" }) { key nps { n } } }`);
      expect(one.data?.npsBreakdown).toEqual([{ key: "thirds", nps: { n: core(inThirds).n } }]);
    });

    it("should compare two surgeries' CSAT and two groups' NPS exactly as the core does", async () => {
      const a = "Earls Court Surgery";
      const b = "The Chelsea Practice";
      const res = await app.gql<{ compareCsat: { share: { difference: number; pValue: number; interval: { lower: number } }; chanceBBeatsA: number } }>(
        `{ compareCsat(a: { touchpoint: "${a}" }, b: { touchpoint: "${b}" }) { share { difference pValue interval { lower } } mean { difference pValue } chanceBBeatsA } }`,
      );
      expect(res.errors).toBeUndefined();
      const sa = nhs(a);
      const sb = nhs(b);
      const pa = { successes: sa.filter((x) => x >= 4).length, n: sa.length };
      const pb = { successes: sb.filter((x) => x >= 4).length, n: sb.length };
      const core = differenceInProportions(pa, pb);
      expect(res.data?.compareCsat.share.difference).toBeCloseTo(core.difference, 12);
      expect(res.data?.compareCsat.share.pValue).toBeCloseTo(core.pValue, 12);
      expect(res.data?.compareCsat.share.interval.lower).toBeCloseTo(core.interval.lower, 12);
      expect(res.data?.compareCsat.chanceBBeatsA).toBeCloseTo(chanceToBeat(pa, pb), 12);
      // NPS: record two small groups and compare.
      const input = [[10, 9, 7, 3], [10, 10, 9, 8, 6]].flatMap((scores, g) =>
        scores.map((score, i) => ({ idempotencyKey: `cmp-${g}-${i}`, survey: `g${g}`, kind: "NPS", score, respondedAt: "2026-03-01T00:00:00Z" })),
      );
      await app.gql(`mutation($input: [SurveyAnswerInput!]!) { recordSurveyAnswers(input: $input) { created } }`, { input });
      const nps = await app.gql<{ compareNps: { difference: number; pValue: number } }>(`{ compareNps(a: { survey: "g0" }, b: { survey: "g1" }) { difference pValue } }`);
      const coreNps = npsDifference({ promoters: 2, passives: 1, detractors: 1 }, { promoters: 3, passives: 1, detractors: 1 });
      expect(nps.data?.compareNps.difference).toBeCloseTo(coreNps.difference, 12);
      expect(nps.data?.compareNps.pValue).toBeCloseTo(coreNps.pValue, 12);
    });
  });
}
