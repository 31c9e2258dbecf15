import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditServer, type AuditResult } from "graphql-http";
import { databases, startApp, type App } from "./harness.js";

/**
 * The SHOULDs of the GraphQL-over-HTTP spec the server does not follow, each
 * explained in the README ("Operations" → "GraphQL over HTTP"): for the legacy
 * `application/json` response type Apollo answers 400, not 200, on parse,
 * validation and variable-coercion failures. A new failing SHOULD fails this test.
 */
const EXPLAINED_SHOULDS = ["572B", "7B9B", "FDE2"];
/** The MAYs left out: GETs without a preflight header, which Apollo's CSRF prevention refuses. */
const EXPLAINED_MAYS = ["5A70", "6A70", "D6D5"];

describe.each(databases())("GraphQL-over-HTTP audit (graphql-http auditServer, real HTTP) on $name", ({ name, available }) => {
  let app: App;
  let results: AuditResult[];
  beforeAll(async () => {
    if (!available) return;
    app = await startApp(name, { seed: false });
    results = await auditServer({ url: app.url, fetchFn: fetch });
  });
  afterAll(async () => {
    await app?.close();
  });

  const notOk = (level: string) =>
    results
      .filter((r) => r.name.startsWith(`${level} `) && r.status !== "ok")
      .map((r) => r.id)
      .sort();

  it.skipIf(!available)("passes every MUST", () => {
    expect(results.filter((r) => r.name.startsWith("MUST ")).length).toBeGreaterThanOrEqual(13);
    const failed = results.filter((r) => r.name.startsWith("MUST ") && r.status !== "ok").map((r) => `${r.id} ${r.name}: ${r.status === "ok" ? "" : r.reason}`);
    expect(failed).toEqual([]);
  });

  it.skipIf(!available)("passes every SHOULD except the ones the README explains (400 for application/json parse/validation/coercion errors)", () => {
    expect(notOk("SHOULD")).toEqual(EXPLAINED_SHOULDS);
  });

  it.skipIf(!available)("leaves out only the documented MAYs (GETs without a CSRF preflight header)", () => {
    expect(notOk("MAY")).toEqual(EXPLAINED_MAYS);
  });
});
