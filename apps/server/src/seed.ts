import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { MikroORM } from "@mikro-orm/core";
import { CustomerSchema, JourneyMapSchema, OrderSchema, SurveyResponseSchema, WorkspaceSchema } from "@engagekit/graphql";
import { validateJourneyMap } from "@engagekit/core";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The demo journey map (apps/server/demo/journey-map.json), validated by the core like any other. */
export const demoJourneyMapFile = resolve(dirname(fileURLToPath(import.meta.url)), "../demo/journey-map.json");

/** What {@link ensureWorkspace} did. */
export interface SeedReport {
  readonly workspaceId: number;
  readonly created: boolean;
  readonly customers: number;
  readonly orders: number;
  readonly surveyResponses: number;
}

const CHUNK = 500;

/**
 * Makes sure the default workspace exists. On first start (the workspace is
 * new) and unless seeding is off, fills it with real demo data:
 * - the CDNOW 1/10 sample (6,919 purchases of 2,357 customers, 1997–98) as
 *   customers `cdnow-0001`… and their orders (amounts in cents, CDs as items);
 * - the NHS Friends and Family Test answers of 11 London GP surgeries
 *   (3,882 answers on the 5-point scale, "Don't know" stored as a null score)
 *   as CSAT responses of survey `nhs-fft`, the surgery as touchpoint; and the
 *   same answers as NPS responses of `nhs-fft`, mapped onto 0–10 with
 *   {@link fftNetScorePoints} so that `nps` reproduces the FFT's original
 *   net score (NHS England, 2013: % extremely likely − % neither, unlikely or
 *   extremely unlikely; "likely" counts as passive).
 * - a journey map of the (imagined) store: stages, personas, touchpoints.
 * Timestamps without a zone in the sources are read as UTC.
 */
export async function ensureWorkspace(orm: MikroORM, slug: string, seed: boolean, demoDataDir: string): Promise<SeedReport> {
  const em = orm.em.fork();
  const existing = await em.findOne(WorkspaceSchema, { slug });
  if (existing) return { workspaceId: existing.id, created: false, customers: 0, orders: 0, surveyResponses: 0 };
  return em.transactional(async (tx) => {
    const workspace = tx.create(WorkspaceSchema, { slug, name: seed ? "Demo workspace (CDNOW + NHS FFT)" : slug });
    await tx.flush();
    if (!seed) return { workspaceId: workspace.id, created: true, customers: 0, orders: 0, surveyResponses: 0 };
    const ws = workspace.id;

    const purchases = parseCdnow(readFileSync(join(demoDataDir, "cdnow/CDNOW_sample.txt"), "utf8"));
    const externalIds = [...new Set(purchases.map((p) => p.customer))];
    const now = new Date();
    for (let i = 0; i < externalIds.length; i += CHUNK) {
      await tx.insertMany(
        CustomerSchema,
        externalIds.slice(i, i + CHUNK).map((externalId) => ({ workspace: ws, externalId, email: null, traits: { source: "cdnow" }, createdAt: now })),
      );
    }
    const ids = new Map<string, number>();
    const rows = await tx.find(CustomerSchema, { workspace: ws }, { fields: ["id", "externalId"], filters: false });
    for (const row of rows) ids.set(row.externalId, row.id);
    for (let i = 0; i < purchases.length; i += CHUNK) {
      await tx.insertMany(
        OrderSchema,
        purchases.slice(i, i + CHUNK).map((p) => ({
          workspace: ws,
          customer: ids.get(p.customer) as number,
          externalId: null,
          orderedAt: p.date,
          amountCents: p.cents,
          items: p.items,
        })),
      );
    }

    const answers = parseNhsFft(readFileSync(join(demoDataDir, "nhs_fft_gp_feedback/fft_gp_responses.csv"), "utf8"));
    // Each answer twice: as CSAT on its 5-point scale, and as NPS through the FFT net-score mapping.
    const asCsat = (score: number | null) => ({ kind: "CSAT" as const, score, scaleMin: 1, scaleMax: 5 });
    const asNps = (score: number | null) => ({ kind: "NPS" as const, score: score === null ? null : fftNetScorePoints(score), scaleMin: 0, scaleMax: 10 });
    for (const as of [asCsat, asNps]) {
      for (let i = 0; i < answers.length; i += CHUNK) {
        await tx.insertMany(
          SurveyResponseSchema,
          answers.slice(i, i + CHUNK).map((a) => ({ workspace: ws, customer: null, survey: "nhs-fft", ...as(a.score), touchpoint: a.surgery, channel: null, respondedAt: a.time })),
        );
      }
    }
    const document = JSON.parse(readFileSync(demoJourneyMapFile, "utf8")) as Record<string, unknown>;
    const checked = validateJourneyMap(document);
    if (!checked.valid) throw new Error(`demo journey map is invalid: ${checked.errors.map((e) => e.message).join("; ")}`);
    await tx.insert(JourneyMapSchema, { workspace: ws, key: checked.map.id, name: checked.map.name, document, updatedAt: now });
    return { workspaceId: ws, created: true, customers: externalIds.length, orders: purchases.length, surveyResponses: 2 * answers.length };
  });
}

/** One line of CDNOW_sample.txt: master id, sample id, YYYYMMDD, CDs, dollars (whitespace-separated). */
export function parseCdnow(text: string): { customer: string; date: Date; items: number; cents: number }[] {
  const out = [];
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const [, sampleId, ymd, cds, dollars] = f as [string, string, string, string, string];
    out.push({
      customer: `cdnow-${sampleId}`,
      date: new Date(Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8))),
      items: Number(cds),
      cents: Math.round(Number(dollars) * 100),
    });
  }
  return out;
}

/**
 * An FFT answer (1 extremely unlikely … 5 extremely likely) as NPS points, so
 * that promoters, passives and detractors are the FFT net score's groups
 * (NHS England, "The Friends and Family Test", 2013 guidance, withdrawn in
 * 2015 for the % recommending): 5 → 10 (promoter), 4 → 8 (passive),
 * 3 → 5, 2 → 3, 1 → 0 (detractors). Not a textbook 0–10 NPS: the scale is
 * 5-point (datasets/nhs_fft_gp_feedback/SOURCE.md).
 */
export function fftNetScorePoints(fft: number): number {
  const points = [0, 3, 5, 8, 10][fft - 1];
  if (points === undefined) throw new RangeError(`fftNetScorePoints requires an FFT answer 1–5, got ${fft}`);
  return points;
}

/** fft_gp_responses.csv: time, surgery, rating, rating_score (empty for "Don't know"). No quoted fields. */
export function parseNhsFft(text: string): { time: Date; surgery: string; score: number | null }[] {
  const lines = text.split(/\r?\n/).filter((l) => l !== "");
  return lines.slice(1).map((line) => {
    const [time = "", surgery = "", , score = ""] = line.split(",");
    return {
      time: new Date(`${time.replace(" ", "T")}Z`),
      surgery,
      score: score === "" ? null : Math.round(Number(score)),
    };
  });
}
