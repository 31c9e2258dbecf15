import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleOperations } from "../src/operations.js";
import { startApp, type App } from "./harness.js";

/** Every example operation shown in GraphiQL must run without errors on the demo data. */
describe("example operations (apps/server/operations/*.graphql)", () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp("sqlite");
  });
  afterAll(async () => {
    await app?.close();
  });

  const ops = exampleOperations();
  it("should find the examples", () => {
    expect(ops.map((o) => o.name)).toEqual(["1-csat", "10-proactive-triggers", "2-csat-by-month", "3-customers", "4-record-interactions", "5-refresh-values", "6-compare-surgeries", "7-engagement-models", "8-assign-engagement-models", "9-model-effectiveness"]);
  });

  for (const op of ops) {
    it(`should run ${op.name} on the demo data without errors`, async () => {
      const res = await app.gql(op.query);
      expect(res.errors).toBeUndefined();
      expect(res.data).toBeTruthy();
    });
  }
});
