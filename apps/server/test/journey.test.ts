import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeFunnel, type Interaction } from "@engagekit/core";
import { databases, demoDataDir, startApp, type App } from "./harness.js";

/** The vendored OTTO sample (862 events, 20 sessions): session → customer, event type as interaction type, aid as touchpoint. */
function ottoEvents() {
  return readFileSync(join(demoDataDir, "otto_sessions_sample/otto_train_sample_events.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line, i) => {
      const [session = "", aid = "", ts = "", type = ""] = line.split(",");
      return { i, session, aid, ts: Number(ts), type };
    });
}

const steps = [
  { id: "click", match: { type: ["clicks"] } },
  { id: "cart", match: { type: ["carts"] } },
  { id: "order", match: { type: ["orders"] } },
];

for (const db of databases()) {
  describe.skipIf(!db.available)(`funnels and paths over GraphQL on ${db.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(db.name, { seed: false });
      const input = ottoEvents().map((e) => ({
        idempotencyKey: `otto-${e.i}`,
        customer: { externalId: `session-${e.session}` },
        type: e.type,
        channel: "web",
        touchpoint: `aid-${e.aid}`,
        occurredAt: new Date(e.ts).toISOString(),
      }));
      const res = await app.gql(`mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created } }`, { input });
      expect(res.errors).toBeUndefined();
    });
    afterAll(async () => {
      await app?.close();
    });

    it("should compute the OTTO clicks → carts → orders funnel exactly as the core does on the raw file", async () => {
      type F = { funnel: { customers: number; entered: number; steps: { id: string; count: number; conversionFromStart: number | null }[] } };
      for (const mode of ["ORDERED", "STRICT", "UNORDERED"] as const) {
        const res = await app.gql<F>(
          `query($input: FunnelInput!) { funnel(input: $input) { customers entered steps { id count conversionFromStart } } }`,
          { input: { steps, windowHours: 24 * 7, mode } },
        );
        expect(res.errors).toBeUndefined();
        // Oracle: the core directly on the CSV, session as the customer.
        const raw: Interaction[] = ottoEvents().map((e) => ({
          id: `otto-${e.i}`,
          customer: { kind: "externalId", value: e.session },
          timestamp: e.ts,
          touchpoint: `aid-${e.aid}`,
          channel: "web",
          type: e.type,
        }));
        const core = computeFunnel(raw, { steps, windowMs: 7 * 86_400_000, mode: mode.toLowerCase() as "ordered" }, { customerKey: (i) => i.customer.value });
        expect(res.data?.funnel.customers).toBe(20); // SOURCE.md: 20 sessions
        expect(res.data?.funnel.steps.map((s) => s.count)).toEqual(core.steps.map((s) => s.count));
      }
    });

    it("should list the touchpoints visited after one, with shares summing to at most 1", async () => {
      const first = ottoEvents()[0] as { aid: string };
      const res = await app.gql<{ touchpointTransitions: { touchpoint: string; count: number; share: number }[] }>(
        `{ touchpointTransitions(touchpoint: "aid-${first.aid}", k: 5) { touchpoint count share } }`,
      );
      expect(res.errors).toBeUndefined();
      const list = res.data?.touchpointTransitions ?? [];
      expect(list.length).toBeGreaterThan(0);
      expect(list.reduce((a, t) => a + t.share, 0)).toBeLessThanOrEqual(1 + 1e-12);
    });
  });
}

for (const db of databases()) {
  describe.skipIf(!db.available)(`journey maps, touchpoints and channels on ${db.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(db.name);
    });
    afterAll(async () => {
      await app?.close();
    });

    it("should seed the demo journey map and list its touchpoints and the channels", async () => {
      const res = await app.gql<{ journeyMaps: { key: string }[]; touchpoints: { id: string; journeyMap: string }[]; channels: { id: string }[] }>(
        `{ journeyMaps { key } touchpoints { id journeyMap } channels { id } }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.journeyMaps.map((m) => m.key)).toEqual(["music-store"]);
      expect(res.data?.touchpoints.map((t) => t.id)).toContain("checkout");
      expect(res.data?.channels.map((c) => c.id)).toEqual(expect.arrayContaining(["web", "email", "chat", "social"]));
    });

    it("should save a changed map, and refuse an invalid one with every problem and its path", async () => {
      const doc = (await app.gql<{ journeyMap: { document: Record<string, unknown> } }>(`{ journeyMap(key: "music-store") { document } }`)).data?.journeyMap.document as {
        name: string;
        touchpoints: { channel: string }[];
        cells: { touchpoints: string[] }[];
      };
      doc.name = "Renamed";
      const ok = await app.gql<{ saveJourneyMap: { name: string } }>(`mutation($d: JSONObject!) { saveJourneyMap(document: $d) { name } }`, { d: doc });
      expect(ok.data?.saveJourneyMap.name).toBe("Renamed");
      const bad = JSON.parse(JSON.stringify(doc));
      bad.touchpoints[0].channel = "fax";
      bad.cells[0].touchpoints.push("nowhere");
      const res = await app.gql(`mutation($d: JSONObject!) { saveJourneyMap(document: $d) { name } }`, { d: bad });
      expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const paths = (res.errors?.[0]?.extensions?.issues as { path: string }[]).map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(["document.touchpoints.0.channel", "document.cells.0.touchpoints.2"]));
    });
  });
}

for (const db of databases()) {
  describe.skipIf(!db.available)(`interactions checked against the journey map on ${db.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(db.name); // the demo workspace has the music-store map
    });
    afterAll(async () => {
      await app?.close();
    });
    const RECORD = `mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created } }`;
    const base = { idempotencyKey: "jm-1", customer: { externalId: "cdnow-0001" }, channel: "web", occurredAt: "2026-01-01T00:00:00Z" };

    it("should accept an interaction at a known touchpoint that emits its type", async () => {
      const res = await app.gql(RECORD, { input: [{ ...base, type: "page_view", touchpoint: "product_page" }] });
      expect(res.errors).toBeUndefined();
    });

    it.each([
      [{ type: "page_view", touchpoint: "homepage" }, "input.0.touchpoint"],
      [{ type: "purchase", touchpoint: "product_page" }, "input.0.type"],
      [{ type: "page_view", touchpoint: "product_page", channel: "email" }, "input.0.channel"],
      [{ type: "page_view", touchpoint: "product_page", channel: "fax" }, "input.0.channel"],
    ])("should refuse %o, naming %s", async (change, field) => {
      const res = await app.gql(RECORD, { input: [{ ...base, idempotencyKey: `bad-${field}-${JSON.stringify(change).length}`, ...change }] });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    });
  });
}
