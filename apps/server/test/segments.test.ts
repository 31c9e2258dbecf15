import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireDueMemberships } from "@engagekit/graphql";
import { netPromoterScore } from "@engagekit/core";
import { databases, demoDataDir, startApp, type App } from "./harness.js";

/** Independent count from CDNOW_sample.txt: customers (sample id) with at least `k` purchase lines. */
function cdnowCustomersWithAtLeast(k: number): Set<string> {
  const counts = new Map<string, number>();
  for (const line of readFileSync(join(demoDataDir, "cdnow/CDNOW_sample.txt"), "utf8").split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    counts.set(`cdnow-${f[1]}`, (counts.get(`cdnow-${f[1]}`) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= k).map(([id]) => id));
}

const CREATE = `mutation($input: SegmentInput!) { createSegment(input: $input) { key name memberCount } }`;
const repeat = { key: "repeat-buyers", name: "Repeat buyers", condition: { type: "performed", interaction: "purchase", op: "atLeast", times: 3 } };

for (const db of databases()) {
  describe.skipIf(!db.available)(`segments over GraphQL on ${db.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(db.name);
    });
    afterAll(async () => {
      await app?.close();
    });

    it("should create a segment whose members match an independent count of the CDNOW sample", async () => {
      const expected = cdnowCustomersWithAtLeast(3);
      const res = await app.gql<{ createSegment: { memberCount: number } }>(CREATE, { input: repeat });
      expect(res.errors).toBeUndefined();
      expect(res.data?.createSegment.memberCount).toBe(expected.size);
      const preview = await app.gql<{ previewSegment: { count: number; total: number } }>(
        `query($input: SegmentInput!) { previewSegment(input: $input) { count total } }`,
        { input: repeat },
      );
      expect(preview.data?.previewSegment).toEqual({ count: expected.size, total: 2357 });
      type Members = { segment: { members: { edges: { node: { externalId: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: { data?: Members } = await app.gql<Members>(
          `query($after: String) { segment(key: "repeat-buyers") { members(first: 100, after: $after) { edges { node { externalId } } pageInfo { hasNextPage endCursor } } } }`,
          after ? { after } : {},
        );
        const members = (page.data as Members).segment.members;
        seen.push(...members.edges.map((e) => e.node.externalId));
        after = members.pageInfo.hasNextPage ? members.pageInfo.endCursor : null;
      } while (after);
      expect(new Set(seen)).toEqual(expected);
    });

    it("should show segments on customers and explain a verdict", async () => {
      const member = [...cdnowCustomersWithAtLeast(3)][0] as string;
      const id = app.apiId("cus", Number(member.slice(6))); // sample ids are inserted in order: cdnow-0001 → row 1
      const res = await app.gql<{ customer: { segments: { key: string }[] }; explainSegment: { matched: boolean } }>(
        `{ customer(id: "${id}") { segments { key } } explainSegment(key: "repeat-buyers", customerId: "${id}") }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.customer.segments.map((s) => s.key)).toEqual(["repeat-buyers"]);
      expect(res.data?.explainSegment.matched).toBe(true);
    });

    it("should refuse an invalid definition with every issue and its path, and a duplicate key with CONFLICT", async () => {
      const bad = await app.gql(CREATE, {
        input: { key: "bad", name: "Bad", condition: { type: "all", conditions: [{ type: "trait", field: "plan", op: "resembles", value: 1 }] } },
      });
      expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(String(bad.errors?.[0]?.extensions?.field)).toMatch(/^input\.condition\.conditions\.0/);
      const validation = await app.gql<{ validateSegment: { valid: boolean; issues: { path: string; code: string }[] } }>(
        `query($input: SegmentInput!) { validateSegment(input: $input) { valid issues { code path } } }`,
        { input: { key: "bad", name: "Bad", condition: { type: "all", conditions: [{ type: "trait", field: "plan", op: "resembles", value: 1 }] } } },
      );
      expect(validation.data?.validateSegment.valid).toBe(false);
      expect(validation.data?.validateSegment.issues.length).toBeGreaterThan(0);
      const dup = await app.gql(CREATE, { input: repeat });
      expect(dup.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", field: "input.key" });
    });

    it("should reject a cycle between segments", async () => {
      const a = await app.gql(CREATE, { input: { key: "a", name: "A", condition: { type: "inSegment", segmentId: "repeat-buyers" } } });
      expect(a.errors).toBeUndefined();
      const cyc = await app.gql(`mutation($input: SegmentInput!) { updateSegment(key: "repeat-buyers", input: $input) { key } }`, {
        input: { key: "repeat-buyers", name: "Repeat buyers", condition: { type: "inSegment", segmentId: "a" } },
      });
      expect(cyc.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const del = await app.gql(`mutation { deleteSegment(key: "repeat-buyers") }`);
      expect(del.errors?.[0]?.extensions?.code).toBe("CONFLICT");
      expect((await app.gql(`mutation { deleteSegment(key: "a") }`)).data).toEqual({ deleteSegment: true });
      expect((await app.gql(`mutation { deleteSegment(key: "nope") }`)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    });
  });
}

for (const db of databases()) {
  describe.skipIf(!db.available)(`segment membership kept current by ingestion on ${db.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(db.name, { seed: false });
    });
    afterAll(async () => {
      await app?.close();
    });

    it("should report entered and exited segments in the ingestion payload, and agree with a full recomputation", async () => {
      await app.gql(CREATE, { input: { key: "two-clicks", name: "Two clicks", condition: { type: "performed", interaction: "email_click", op: "atLeast", times: 2 } } });
      await app.gql(CREATE, { input: { key: "no-clicks", name: "No clicks", condition: { type: "not", condition: { type: "performed", interaction: "email_click", op: "atLeast", times: 1 } } } });
      const RECORD = `mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created segmentChanges { customerId entered exited } } }`;
      const click = (key: string, who: string) => ({ idempotencyKey: key, customer: { externalId: who }, type: "email_click", channel: "email", occurredAt: "2026-06-01T10:00:00Z" });
      const view = (key: string, who: string) => ({ idempotencyKey: key, customer: { externalId: who }, type: "page_view", channel: "web", occurredAt: "2026-06-01T10:00:00Z" });
      type Res = { recordInteractions: { segmentChanges: { customerId: string; entered: string[]; exited: string[] }[] } };
      const first = await app.gql<Res>(RECORD, { input: [view("v1", "ann"), click("c1", "bob")] });
      expect(first.errors).toBeUndefined();
      const byId = (r: Res | undefined) => Object.fromEntries((r?.recordInteractions.segmentChanges ?? []).map((c) => [c.customerId, c]));
      const changes1 = Object.values(byId(first.data));
      // ann (page view only) enters no-clicks; bob (one click) enters nothing.
      expect(changes1).toEqual([expect.objectContaining({ entered: ["no-clicks"], exited: [] })]);
      const second = await app.gql<Res>(RECORD, { input: [click("c2", "bob"), click("c3", "ann")] });
      const changes2 = (second.data?.recordInteractions.segmentChanges ?? []).map((c) => ({ entered: c.entered, exited: c.exited })).sort((a, b) => a.entered.length - b.entered.length);
      // ann clicks once: leaves no-clicks. bob's second click: enters two-clicks.
      expect(changes2).toEqual([{ entered: [], exited: ["no-clicks"] }, { entered: ["two-clicks"], exited: [] }]);
      // Full recomputation (what preview computes from scratch) agrees with the incrementally kept members.
      for (const key of ["two-clicks", "no-clicks"]) {
        const seg = await app.gql<{ segment: { memberCount: number; condition: unknown; definition: Record<string, unknown> } }>(`{ segment(key: "${key}") { memberCount definition } }`);
        const def = seg.data?.segment.definition;
        const preview = await app.gql<{ previewSegment: { count: number } }>(`query($input: SegmentInput!) { previewSegment(input: $input) { count } }`, {
          input: { key: `${key}-check`, name: "check", condition: def },
        });
        expect(preview.data?.previewSegment.count).toBe(seg.data?.segment.memberCount);
      }
    });

    it("should expire a time-based membership at the customer's next check time, without any event", async () => {
      await app.gql(CREATE, {
        input: { key: "recent-clicker", name: "Clicked in the last day", condition: { type: "performed", interaction: "email_click", op: "atLeast", times: 1, withinDays: 1 } },
      });
      const at = new Date(Date.now() - 23 * 3600_000).toISOString();
      const rec = await app.gql<{ recordInteractions: { segmentChanges: { entered: string[] }[] } }>(
        `mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { segmentChanges { entered } } }`,
        { input: [{ idempotencyKey: "recent-1", customer: { externalId: "carol" }, type: "email_click", channel: "email", occurredAt: at }] },
      );
      expect(rec.data?.recordInteractions.segmentChanges[0]?.entered).toContain("recent-clicker");
      // Nothing is due yet...
      const early = await expireDueMemberships(app.orm, Date.now());
      expect(early.flatMap((w) => w.changes).filter((c) => c.exited.includes("recent-clicker"))).toEqual([]);
      // ...but two hours later the click is older than a day: carol leaves, with no new event.
      const later = await expireDueMemberships(app.orm, Date.now() + 2 * 3600_000);
      expect(later.flatMap((w) => w.changes).filter((c) => c.exited.includes("recent-clicker"))).toHaveLength(1);
      const seg = await app.gql<{ segment: { memberCount: number } }>(`{ segment(key: "recent-clicker") { memberCount } }`);
      expect(seg.data?.segment.memberCount).toBe(0);
    });

    it("should compute NPS for a segment's customers only", async () => {
      await app.gql(CREATE, { input: { key: "promoters-club", name: "Clicked twice", condition: { type: "performed", interaction: "email_click", op: "atLeast", times: 2 } } });
      const answers = [
        ["dave", 10], ["dave", 9], ["erin", 2], ["erin", 8], ["frank", 6],
      ] as const;
      await app.gql(`mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created } }`, {
        input: ["c-d1", "c-d2"].map((k) => ({ idempotencyKey: k, customer: { externalId: "dave" }, type: "email_click", channel: "email", occurredAt: "2026-06-02T10:00:00Z" })),
      });
      await app.gql(`mutation($input: [SurveyAnswerInput!]!) { recordSurveyAnswers(input: $input) { created } }`, {
        input: answers.map(([who, score], i) => ({ idempotencyKey: `seg-nps-${i}`, customer: { externalId: who }, survey: "rel", kind: "NPS", score, respondedAt: "2026-06-03T10:00:00Z" })),
      });
      const res = await app.gql<{ nps: { score: number; n: number } }>(`{ nps(filter: { segment: "promoters-club" }) { score n } }`);
      expect(res.errors).toBeUndefined();
      const members = new Set(["dave"]); // dave clicked twice; bob (two clicks earlier) has no NPS answers
      const core = netPromoterScore(answers.filter(([w]) => members.has(w)).map(([, s]) => s));
      expect(res.data?.nps).toEqual({ score: core.score, n: core.n });
    });
  });
}


for (const db of databases()) {
  describe.skipIf(!db.available)(`journey stage, ladder rung and engagement score kept by ingestion on ${db.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(db.name, { seed: false });
    });
    afterAll(async () => {
      await app?.close();
    });

    it("should promote a customer up the journey and the ladder as interactions arrive, each change with a reason", async () => {
      const RECORD = `mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { stateChanges { customerId kind from to reason } } }`;
      type Res = { recordInteractions: { stateChanges: { kind: string; from: string | null; to: string | null; reason: string }[] } };
      const at = (h: number) => new Date(Date.now() - (48 - h) * 3600_000).toISOString();
      const ev = (k: string, type: string, h: number) => ({ idempotencyKey: k, customer: { externalId: "gina" }, type, channel: "web", occurredAt: at(h) });
      const first = await app.gql<Res>(RECORD, { input: [ev("g1", "page_view", 0)] });
      expect(first.errors).toBeUndefined();
      const stage1 = first.data?.recordInteractions.stateChanges.find((c) => c.kind === "journeyStage");
      expect(stage1).toMatchObject({ from: null });
      expect(stage1?.to).toBeTruthy();
      expect(stage1?.reason).not.toBe("");
      const second = await app.gql<Res>(RECORD, { input: [ev("g2", "purchase", 1), ev("g3", "purchase", 2)] });
      const changes = second.data?.recordInteractions.stateChanges ?? [];
      // The core's default stage rules: a second purchase is a "repeat purchase" into retention;
      // its default ladder criteria: a purchase in the last 90 days makes a customer active.
      expect(changes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: "journeyStage", from: "awareness", to: "retention", reason: "repeat purchase" }),
          expect.objectContaining({ kind: "ladderTier", from: "passive", to: "active" }),
        ]),
      );
      // Stored, and the same values the core computes on the customer's history now.
      const res = await app.gql<{ customers: { edges: { node: { journeyStage: string; ladderTier: string; scores: { engagement: number } } }[] } }>(
        `{ customers { edges { node { journeyStage ladderTier scores { engagement } } } } }`,
      );
      const node = res.data?.customers.edges[0]?.node;
      expect(node?.journeyStage).toBe("retention");
      expect(node?.ladderTier).toBe("active");
      expect(node?.scores.engagement).toBeGreaterThan(0);
    });
  });
}
