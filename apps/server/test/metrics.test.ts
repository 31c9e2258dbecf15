import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerSatisfactionScore } from "@engagekit/core";
import { databases, demoDataDir, startApp, type App } from "./harness.js";

/** The NHS answers read straight from the vendored CSV, grouped in plain code (the oracle). */
function nhsGroups(key: (time: string, surgery: string) => string): Map<string, (number | null)[]> {
  const lines = readFileSync(join(demoDataDir, "nhs_fft_gp_feedback/fft_gp_responses.csv"), "utf8").trim().split("\n").slice(1);
  const groups = new Map<string, (number | null)[]>();
  for (const line of lines) {
    const [time = "", surgery = "", , score = ""] = line.split(",");
    const k = key(time, surgery);
    const list = groups.get(k) ?? [];
    list.push(score === "" ? null : Math.round(Number(score)));
    groups.set(k, list);
  }
  return groups;
}

for (const db of databases()) {
  describe.skipIf(!db.available)(`feedback metrics on the seeded data, ${db.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(db.name);
    });
    afterAll(async () => {
      await app?.close();
    });

    type Group = { key: string; csat: { share: number; mean: number; n: number; skipped: number; shareInterval: { lower: number; upper: number } } | null };

    it("should give CSAT by month equal to the core on each month's answers", async () => {
      const res = await app.gql<{ csatBreakdown: Group[] }>(
        `{ csatBreakdown(by: MONTH, filter: { survey: "nhs-fft" }) { key csat { share mean n skipped shareInterval { lower upper } } } }`,
      );
      expect(res.errors).toBeUndefined();
      const oracle = nhsGroups((time) => time.slice(0, 7));
      const groups = res.data?.csatBreakdown ?? [];
      expect(groups.map((g) => g.key)).toEqual([...oracle.keys()].sort());
      for (const g of groups) {
        const core = customerSatisfactionScore(oracle.get(g.key) ?? []);
        expect(g.csat).toMatchObject({ n: core.n, skipped: core.skipped });
        expect(g.csat?.share).toBeCloseTo(core.share, 12);
        expect(g.csat?.mean).toBeCloseTo(core.mean, 12);
        expect(g.csat?.shareInterval.lower).toBeCloseTo(core.shareInterval.lower, 12);
      }
      // SOURCE.md: 2024-02 has 1,876 responses in all.
      const feb = groups.find((g) => g.key === "2024-02");
      expect((feb?.csat?.n ?? 0) + (feb?.csat?.skipped ?? 0)).toBe(1876);
    });

    it("should give CSAT by surgery (touchpoint) equal to the core on each surgery's answers", async () => {
      const res = await app.gql<{ csatBreakdown: Group[] }>(`{ csatBreakdown(by: TOUCHPOINT) { key csat { share n skipped } } }`);
      expect(res.errors).toBeUndefined();
      const oracle = nhsGroups((_, surgery) => surgery);
      const groups = res.data?.csatBreakdown ?? [];
      expect(groups).toHaveLength(11);
      for (const g of groups) {
        const core = customerSatisfactionScore(oracle.get(g.key) ?? []);
        expect(g.csat?.n).toBe(core.n);
        expect(g.csat?.share).toBeCloseTo(core.share, 12);
      }
      // SOURCE.md: Earls Court Surgery has 1,270 responses.
      const ec = groups.find((g) => g.key === "Earls Court Surgery");
      expect((ec?.csat?.n ?? 0) + (ec?.csat?.skipped ?? 0)).toBe(1270);
    });
  });
}
