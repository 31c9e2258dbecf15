import { readFileSync } from "node:fs";
import { printSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { createSchema } from "../src/index.js";

describe("schema.graphql", () => {
  it("should match the committed schema file (run `npm run schema:print -w @engagekit/graphql` after a deliberate change)", async () => {
    const committed = readFileSync(new URL("../schema.graphql", import.meta.url), "utf8");
    expect(`${printSchema(await createSchema())}\n`).toBe(committed);
  });

  it("should expose the first slice: csat, nps, customers, workspace", async () => {
    const fields = Object.keys((await createSchema()).getQueryType()?.getFields() ?? {});
    expect(fields).toEqual(expect.arrayContaining(["csat", "nps", "customers", "customer", "workspace"]));
  });
});
