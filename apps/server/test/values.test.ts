import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fitBgNbd, rfmSummary } from "@engagekit/core";
import { databases, demoDataDir, startApp, type App } from "./harness.js";

/** The CDNOW sample as the core's transaction log, read straight from the file. */
function cdnowTransactions() {
  return readFileSync(join(demoDataDir, "cdnow/CDNOW_sample.txt"), "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 5)
    .map((f) => {
      const ymd = f[2] as string;
      return { customerId: Number(f[1]), date: Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8)), amount: Number(f[4]) };
    });
}

for (const db of databases()) {
  describe.skipIf(!db.available)(`customer values (BG/NBD, Gamma-Gamma, RFM) on ${db.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(db.name);
    });
    afterAll(async () => {
      await app?.close();
    });

    type Report = { refreshCustomerValues: { customers: number; purchaseModel: { params: { name: string; value: number }[]; logLikelihood: number; converged: boolean }; spendModel: { converged: boolean } | null; rfmSegments: { segment: string; customers: number }[] } };

    it("should fit the purchase model on the stored orders exactly as the core does on the CDNOW file, and match Fader, Hardie & Lee (2005)", async () => {
      const res = await app.gql<Report>(
        `mutation { refreshCustomerValues(input: { asOf: "1997-09-30T00:00:00Z" }) { customers purchaseModel { params { name value } logLikelihood converged } spendModel { converged } rfmSegments { segment customers } } }`,
      );
      expect(res.errors).toBeUndefined();
      const report = res.data?.refreshCustomerValues;
      // The oracle: the core on the raw file, no database in between.
      const core = fitBgNbd(rfmSummary(cdnowTransactions(), { timeUnit: "weeks", observationEnd: Date.UTC(1997, 8, 30) }));
      const params = Object.fromEntries((report?.purchaseModel.params ?? []).map((p) => [p.name, p.value]));
      for (const [name, value] of Object.entries(core.params)) expect(params[name]).toBeCloseTo(value as number, 6);
      expect(report?.purchaseModel.logLikelihood).toBeCloseTo(core.logLikelihood, 6);
      expect(report?.purchaseModel.converged).toBe(true);
      // Fader, Hardie & Lee (2005), 39-week calibration of the 1/10 sample: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
      expect(params.r).toBeCloseTo(0.243, 3);
      expect(params.alpha).toBeCloseTo(4.414, 2);
      expect(params.a).toBeCloseTo(0.793, 3);
      expect(params.b).toBeCloseTo(2.426, 2);
      expect(report?.purchaseModel.logLikelihood).toBeCloseTo(-9582.4, 0);
      expect(report?.customers).toBe(2357);
      expect(report?.rfmSegments.reduce((a, s) => a + s.customers, 0)).toBe(2357);
    });

    it("should expose the written values on customers and summarise them with intervals", async () => {
      const res = await app.gql<{ customers: { edges: { node: { scores: { pAlive: number; predictedClv: number; rfm: string } } }[] }; valueSummary: { n: number; meanPAlive: number; meanClvInterval: { lower: number; upper: number } } }>(
        `{ customers(first: 50) { edges { node { scores { pAlive predictedClv rfm } } } } valueSummary { n meanPAlive meanClv meanClvInterval { lower upper } } }`,
      );
      expect(res.errors).toBeUndefined();
      for (const e of res.data?.customers.edges ?? []) {
        expect(e.node.scores.pAlive).toBeGreaterThanOrEqual(0);
        expect(e.node.scores.pAlive).toBeLessThanOrEqual(1);
        expect(e.node.scores.rfm).toMatch(/^[1-5]{3}$/);
        expect(e.node.scores.predictedClv).toBeGreaterThanOrEqual(0);
      }
      expect(res.data?.valueSummary.n).toBe(2357);
    });
  });
}
