import { raw } from "@mikro-orm/core";
import { ErrorCodes, InputError, type CsatStats, type NpsCounts, type Scale } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { monthOf } from "../../data/sqlDialect.js";
import { FeedbackGroupBy } from "./FeedbackGroupBy.enum.js";
import { SurveyResponseSchema } from "../../entities/SurveyResponse.js";
import type { FeedbackFilterInput } from "./FeedbackFilter.input.js";

type Kind = "CSAT" | "NPS" | "CES";

/** The shared WHERE of every feedback aggregate. */
function filtered(scope: WorkspaceScope, kind: Kind, filter: FeedbackFilterInput | undefined) {
  const qb = scope.qb(SurveyResponseSchema).andWhere({ kind });
  if (filter?.survey) qb.andWhere({ survey: filter.survey });
  if (filter?.touchpoint) qb.andWhere({ touchpoint: filter.touchpoint });
  if (filter?.channel) qb.andWhere({ channel: filter.channel });
  if (filter?.segment) {
    qb.andWhere(
      raw(
        "t.customer_id in (select m.customer_id from segment_memberships m join segments s on s.id = m.segment_id where s.workspace_id = ? and s.key = ?)",
        [scope.workspaceId, filter.segment],
      ),
    );
  }
  if (filter?.from) qb.andWhere({ respondedAt: { $gte: filter.from } });
  if (filter?.to) qb.andWhere({ respondedAt: { $lt: filter.to } });
  return qb;
}

/** Orders a grouped query by its group key (PostgreSQL refuses ORDER BY on a constant, so only when grouped). */
function qbOrder(qb: { orderBy(o: never): unknown }, key: string): void {
  qb.orderBy({ [raw(key) as never]: "asc" } as never);
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * Sufficient statistics of CSAT (or CES: the same scale answers, "easy" for
 * "satisfied") answers, aggregated in SQL (counts and sums
 * only — the statistics are the core's). Answers on different scales cannot
 * be pooled: that is a BAD_USER_INPUT asking for a narrower filter.
 * Returns `null` when nothing matches.
 */
export async function csatStats(
  scope: WorkspaceScope,
  filter: FeedbackFilterInput | undefined,
  topBoxes: number,
  kind: "CSAT" | "CES" = "CSAT",
): Promise<{ stats: CsatStats; scale: Scale } | null> {
  const groups = await csatStatsBy(scope, filter, topBoxes, null, kind);
  return groups[0] ?? null;
}

/** SQL for the group key of a breakdown. */
function groupKey(scope: WorkspaceScope, by: FeedbackGroupBy): string {
  switch (by) {
    case FeedbackGroupBy.MONTH:
      return monthOf(scope.em, "t.responded_at");
    case FeedbackGroupBy.TOUCHPOINT:
      return "t.touchpoint";
    case FeedbackGroupBy.CHANNEL:
      return "t.channel";
    case FeedbackGroupBy.SURVEY:
      return "t.survey";
    case FeedbackGroupBy.JOURNEY_STAGE:
      return "c.journey_stage";
    case FeedbackGroupBy.LADDER_TIER:
      return "c.ladder_tier";
    case FeedbackGroupBy.SEGMENT:
      throw new Error("SEGMENT breakdowns run once per segment (bySegment)");
  }
}

/** Stage and rung live on the respondent: join it for those breakdowns. */
function withRespondent<Q extends { leftJoin(field: never, alias: string): unknown }>(qb: Q, by: FeedbackGroupBy | null): Q {
  if (by === FeedbackGroupBy.JOURNEY_STAGE || by === FeedbackGroupBy.LADDER_TIER) qb.leftJoin("t.customer" as never, "c");
  return qb;
}

/**
 * A per-segment breakdown: the metric once per segment of the workspace, with
 * the segment added to the filter (a customer in several segments counts in
 * each, which a single GROUP BY over memberships would also do, at the cost
 * of a join on every answer). Segments with no answers are left out.
 */
async function bySegment<G>(scope: WorkspaceScope, filter: FeedbackFilterInput | undefined, one: (f: FeedbackFilterInput) => Promise<G | null>): Promise<{ key: string; group: G }[]> {
  const segments = await scope.select<{ key: string }>("select key from segments where workspace_id = ? order by key");
  const out: { key: string; group: G }[] = [];
  for (const { key } of segments) {
    if (filter?.segment && filter.segment !== key) continue;
    const group = await one({ ...filter, segment: key } as FeedbackFilterInput);
    if (group !== null) out.push({ key, group });
  }
  return out;
}

/**
 * {@link csatStats} per group (`by` = null: one group for everything), in
 * ascending key order. Groups with no valid answer are still listed, with n = 0.
 */
export async function csatStatsBy(
  scope: WorkspaceScope,
  filter: FeedbackFilterInput | undefined,
  topBoxes: number,
  by: FeedbackGroupBy | null,
  kind: "CSAT" | "CES" = "CSAT",
): Promise<{ key: string | null; stats: CsatStats; scale: Scale }[]> {
  if (by === FeedbackGroupBy.SEGMENT) {
    const groups = await bySegment(scope, filter, async (f) => (await csatStatsBy(scope, f, topBoxes, null, kind))[0] ?? null);
    return groups.map(({ key: segment, group }) => ({ ...group, key: segment }));
  }
  const key = by ? groupKey(scope, by) : "null";
  const rowsQb = withRespondent(filtered(scope, kind, filter), by)
    .select([
      raw(`${key} as group_key`),
      "scaleMin",
      "scaleMax",
      raw("count(t.score) as n"),
      raw("count(*) - count(t.score) as skipped"),
      raw("sum(case when t.score >= t.scale_max - ? + 1 then 1 else 0 end) as satisfied", [topBoxes]),
      raw("sum(t.score) as s"),
      raw("sum(t.score * t.score) as ss"),
    ])
    .groupBy((by ? [raw(key), "scaleMin", "scaleMax"] : ["scaleMin", "scaleMax"]) as never);
  if (by) qbOrder(rowsQb, key);
  const rows = await rowsQb.execute<Record<string, unknown>[]>("all", false);
  const seen = new Set<string | null>();
  for (const row of rows) {
    const k = row.group_key === null || row.group_key === undefined ? null : String(row.group_key);
    if (seen.has(k)) {
      throw new InputError(
        ErrorCodes.INCONSISTENT,
        `${kind.toLowerCase()} requires answers on one scale per group, found several; filter by survey`,
        ["filter", "survey"],
        filter?.survey ?? null,
      );
    }
    seen.add(k);
  }
  return rows.map((row) => ({
    key: row.group_key === null || row.group_key === undefined ? null : String(row.group_key),
    scale: { min: num(row.scale_min), max: num(row.scale_max) },
    stats: { n: num(row.n), satisfied: num(row.satisfied), sum: num(row.s), sumOfSquares: num(row.ss), skipped: num(row.skipped) },
  }));
}

/** Bucket counts of NPS answers, aggregated in SQL. Returns `null` when nothing matches. */
export async function npsCounts(scope: WorkspaceScope, filter: FeedbackFilterInput | undefined): Promise<NpsCounts | null> {
  const groups = await npsCountsBy(scope, filter, null);
  return groups[0]?.counts ?? null;
}

/** {@link npsCounts} per group, in ascending key order. */
export async function npsCountsBy(
  scope: WorkspaceScope,
  filter: FeedbackFilterInput | undefined,
  by: FeedbackGroupBy | null,
): Promise<{ key: string | null; counts: NpsCounts }[]> {
  if (by === FeedbackGroupBy.SEGMENT) {
    const groups = await bySegment(scope, filter, async (f) => (await npsCountsBy(scope, f, null))[0] ?? null);
    return groups.map(({ key: segment, group }) => ({ ...group, key: segment }));
  }
  const key = by ? groupKey(scope, by) : "null";
  const qb = withRespondent(filtered(scope, "NPS", filter), by)
    .select([
      raw(`${key} as group_key`),
      raw("count(*) as total"),
      raw("sum(case when t.score >= 9 then 1 else 0 end) as promoters"),
      raw("sum(case when t.score in (7, 8) then 1 else 0 end) as passives"),
      raw("sum(case when t.score <= 6 then 1 else 0 end) as detractors"),
      raw("count(*) - count(t.score) as skipped"),
    ]);
  if (by) qbOrder(qb.groupBy(raw(key) as never), key);
  const rows = await qb.execute<Record<string, unknown>[]>("all", false);
  return rows
    .filter((row) => num(row.total) > 0)
    .map((row) => ({
      key: row.group_key === null || row.group_key === undefined ? null : String(row.group_key),
      counts: { promoters: num(row.promoters), passives: num(row.passives), detractors: num(row.detractors), skipped: num(row.skipped) },
    }));
}
