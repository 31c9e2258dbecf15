import { raw } from "@mikro-orm/core";
import { ErrorCodes, InputError, type CsatStats, type NpsCounts, type Scale } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { SurveyResponseSchema } from "../../entities/SurveyResponse.js";
import type { FeedbackFilterInput } from "./FeedbackFilter.input.js";

type Kind = "CSAT" | "NPS" | "CES";

/** The shared WHERE of every feedback aggregate. */
function filtered(scope: WorkspaceScope, kind: Kind, filter: FeedbackFilterInput | undefined) {
  const qb = scope.qb(SurveyResponseSchema).andWhere({ kind });
  if (filter?.survey) qb.andWhere({ survey: filter.survey });
  if (filter?.touchpoint) qb.andWhere({ touchpoint: filter.touchpoint });
  if (filter?.from) qb.andWhere({ respondedAt: { $gte: filter.from } });
  if (filter?.to) qb.andWhere({ respondedAt: { $lt: filter.to } });
  return qb;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * Sufficient statistics of CSAT answers, aggregated in SQL (counts and sums
 * only — the statistics are the core's). Answers on different scales cannot
 * be pooled: that is a BAD_USER_INPUT asking for a narrower filter.
 * Returns `null` when nothing matches.
 */
export async function csatStats(
  scope: WorkspaceScope,
  filter: FeedbackFilterInput | undefined,
  topBoxes: number,
): Promise<{ stats: CsatStats; scale: Scale } | null> {
  const rows = await filtered(scope, "CSAT", filter)
    .select([
      "scaleMin",
      "scaleMax",
      raw("count(t.score) as n"),
      raw("count(*) - count(t.score) as skipped"),
      raw("sum(case when t.score >= t.scale_max - ? + 1 then 1 else 0 end) as satisfied", [topBoxes]),
      raw("sum(t.score) as s"),
      raw("sum(t.score * t.score) as ss"),
    ])
    .groupBy(["scaleMin", "scaleMax"])
    .execute<Record<string, unknown>[]>("all", false);
  if (rows.length === 0) return null;
  if (rows.length > 1) {
    throw new InputError(
      ErrorCodes.INCONSISTENT,
      `csat requires answers on one scale, found ${rows.length} scales; filter by survey`,
      ["filter", "survey"],
      filter?.survey ?? null,
    );
  }
  const row = rows[0] as Record<string, unknown>;
  return {
    scale: { min: num(row.scale_min), max: num(row.scale_max) },
    stats: { n: num(row.n), satisfied: num(row.satisfied), sum: num(row.s), sumOfSquares: num(row.ss), skipped: num(row.skipped) },
  };
}

/** Bucket counts of NPS answers, aggregated in SQL. Returns `null` when nothing matches. */
export async function npsCounts(scope: WorkspaceScope, filter: FeedbackFilterInput | undefined): Promise<NpsCounts | null> {
  const rows = await filtered(scope, "NPS", filter)
    .select([
      raw("count(*) as total"),
      raw("sum(case when t.score >= 9 then 1 else 0 end) as promoters"),
      raw("sum(case when t.score in (7, 8) then 1 else 0 end) as passives"),
      raw("sum(case when t.score <= 6 then 1 else 0 end) as detractors"),
      raw("count(*) - count(t.score) as skipped"),
    ])
    .execute<Record<string, unknown>[]>("all", false);
  const row = rows[0];
  if (!row || num(row.total) === 0) return null;
  return { promoters: num(row.promoters), passives: num(row.passives), detractors: num(row.detractors), skipped: num(row.skipped) };
}
