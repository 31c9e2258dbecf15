import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { printSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchema } from "@engagekit/graphql";
import { start } from "../src/main.js";
import { VipResolver } from "../src/VipResolver.js";

describe("extending the schema with an integrator's resolver", () => {
  let app: Awaited<ReturnType<typeof start>>;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ek-ext-"));
    app = await start(join(dir, "ext.sqlite"), 0, resolve(import.meta.dirname, "../../../datasets"));
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("should add the field and the query to the schema, leaving engagekit's types intact", async () => {
    const sdl = printSchema(await createSchema({ resolvers: [VipResolver] }));
    expect(sdl).toMatch(/type Customer \{[^}]*vipLevel: String!/s);
    expect(sdl).toContain("revenue(currencyRate: Float! = 1): Float!");
    expect(sdl).toContain("csat(");
  });

  it("should serve the new field over HTTP on engagekit's demo data", async () => {
    const res = await fetch(app.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ customers(first: 3) { edges { node { externalId vipLevel orders { totalSpent } } } } revenue }" }),
    });
    const body = (await res.json()) as { data: { customers: { edges: { node: { vipLevel: string; orders: { totalSpent: number } } }[] }; revenue: number } };
    for (const { node } of body.data.customers.edges) {
      const expected = node.orders.totalSpent >= 500 ? "gold" : node.orders.totalSpent >= 100 ? "silver" : "bronze";
      expect(node.vipLevel).toBe(expected);
    }
    // SOURCE.md: the CDNOW sample totals $244,091.94.
    expect(body.data.revenue).toBeCloseTo(244_091.94, 2);
  });
});
