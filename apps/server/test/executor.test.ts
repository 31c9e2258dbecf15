import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchema, createServer, type EngagekitServer } from "@engagekit/graphql";
import { exampleOperations } from "../src/operations.js";
import { databases, startApp, type App } from "./harness.js";

/**
 * The server executes with graphql-jit (compiled once per operation); the
 * reference is graphql-js. Both servers share one database, so every answer
 * (data and errors alike) must be the same. One known difference: graphql-js
 * takes any error with an array `path` for an already-located GraphQL error,
 * so the core's InputError (whose `path` names the input field) reaches the
 * client without the response path and locations; graphql-jit locates it as
 * the spec asks. Errors are compared without those two keys, and the
 * compiled answer must carry the response path.
 */
for (const db of databases()) {
  describe.skipIf(!db.available)(`compiled executor ≡ graphql-js on ${db.name}`, () => {
    let app: App;
    let reference: EngagekitServer;
    let referenceUrl: string;
    beforeAll(async () => {
      app = await startApp(db.name);
      reference = await createServer({ orm: app.orm, schema: await createSchema(), defaultWorkspace: "demo", executor: "graphql-js" });
      referenceUrl = await reference.listen(0, "127.0.0.1");
    });
    afterAll(async () => {
      await reference?.stop();
      await app?.close();
    });

    async function both(query: string, variables?: Record<string, unknown>): Promise<[unknown, unknown, unknown[]]> {
      const ask = async (url: string) => {
        const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
        const body = (await res.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
        // Stack traces (development mode only) name different frames; everything else must match.
        for (const e of body.errors ?? []) delete e.extensions?.stacktrace;
        const located = (body.errors ?? []).map((e) => ("path" in e ? (e as { path: unknown }).path : null));
        for (const e of body.errors ?? []) {
          delete (e as { path?: unknown }).path;
          delete (e as { locations?: unknown }).locations;
        }
        return { status: res.status, body, located };
      };
      const compiled = await ask(app.url);
      const referenceAnswer = await ask(referenceUrl);
      return [{ status: compiled.status, body: compiled.body }, { status: referenceAnswer.status, body: referenceAnswer.body }, compiled.located];
    }

    const reads = exampleOperations().filter((op) => !/^\s*mutation/m.test(op.query));
    it("should have read-only example operations to compare", () => {
      expect(reads.length).toBeGreaterThanOrEqual(4);
    });
    for (const op of reads) {
      it(`should answer ${op.name} identically`, async () => {
        const [compiled, referenceAnswer] = await both(op.query);
        expect(compiled).toEqual(referenceAnswer);
      });
    }

    it.each([
      ["the nested customer page", "{ customers(first: 100) { totalCount edges { cursor node { id journeyStage ladderTier scores { engagement rfm predictedClv pAlive } segments { key name } lastOrders(first: 3) { amount orderedAt } orders { count totalSpent lastOrderAt } } } pageInfo { hasNextPage endCursor } } }", undefined, []],
      ["a page size over the cap (BAD_USER_INPUT)", "{ customers(first: 1000) { totalCount } }", undefined, [["customers"]]],
      ["a cursor the server did not issue", '{ interactions(first: 5, after: "bogus") { edges { cursor } } }', undefined, [["interactions"]]],
      ["a variable of the wrong type", "query($n: Int!) { customers(first: $n) { edges { cursor } } }", { n: "ten" }, [null]],
      ["an input object relying on a non-null field's default", "query($input: FunnelInput!) { funnel(input: $input) { customers entered steps { id count conversionFromStart } } }", { input: { steps: [{ id: "view", match: { type: ["page_view"] } }, { id: "buy", match: { type: ["purchase"] } }], windowHours: 168, mode: "ORDERED" } }, []],
    ])("should answer %s identically", async (_label, query, variables, paths) => {
      const [compiled, referenceAnswer, located] = await both(query, variables);
      expect(compiled).toEqual(referenceAnswer);
      expect(located).toEqual(paths);
      expect(JSON.stringify(compiled).length).toBeGreaterThan(40);
    });
  });
}
