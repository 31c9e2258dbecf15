import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { chanceToBeat, customerEffortScoreFromStats, customerSatisfactionScoreFromStats, differenceInMeans, differenceInProportions, netPromoterScoreFromCounts, npsDifference } from "@engagekit/core";
import type { CsatStats, Scale } from "@engagekit/core";
import { GraphQLError } from "graphql";
import { CsatComparisonType, DifferenceType } from "./Comparison.type.js";
import type { Context } from "../../server/Context.js";
import { CesResult } from "./CesResult.type.js";
import { CsatResult } from "./CsatResult.type.js";
import { FeedbackFilterInput } from "./FeedbackFilter.input.js";
import { NpsResult } from "./NpsResult.type.js";
import { emptyMetricReason } from "./emptyMetricReason.js";
import { csatStats, csatStatsBy, npsCounts, npsCountsBy } from "./feedbackStats.js";
import { FeedbackGroupBy } from "./FeedbackGroupBy.enum.js";
import { CesGroup, CsatGroup, NpsGroup } from "./FeedbackGroups.type.js";

/** The core's CES from the scale-answer statistics the SQL aggregated ("satisfied" = easy boxes). */
function cesOf(stats: CsatStats, scale: Scale, easyBoxes: number) {
  return customerEffortScoreFromStats({ n: stats.n, easy: stats.satisfied, sum: stats.sum, sumOfSquares: stats.sumOfSquares, skipped: stats.skipped ?? 0 }, { scale, easyBoxes });
}

@Resolver()
export class FeedbackResolver {
  @Query(() => CsatResult, {
    description: "CSAT of the workspace's CSAT answers matching the filter; with no valid answer, n = 0, share null and a reason (never scored as 0).",
  })
  async csat(
    @Ctx() ctx: Context,
    @Arg("filter", () => FeedbackFilterInput, { nullable: true }) filter?: FeedbackFilterInput,
    @Arg("topBoxes", () => Int, { defaultValue: 2, description: "How many top boxes count as satisfied." }) topBoxes = 2,
  ): Promise<CsatResult> {
    const agg = await csatStats(ctx.scope, filter, topBoxes);
    if (!agg || agg.stats.n === 0) {
      const skipped = agg?.stats.skipped ?? 0;
      return CsatResult.empty(emptyMetricReason("CSAT", filter, skipped), skipped, topBoxes);
    }
    return CsatResult.from(customerSatisfactionScoreFromStats(agg.stats, { scale: agg.scale, topBoxes }));
  }

  @Query(() => CesResult, {
    description: "CES of the workspace's CES answers matching the filter; with no valid answer, n = 0, mean null and a reason (never scored as 0).",
  })
  async ces(
    @Ctx() ctx: Context,
    @Arg("filter", () => FeedbackFilterInput, { nullable: true }) filter?: FeedbackFilterInput,
    @Arg("easyBoxes", () => Int, { defaultValue: 3, description: "How many top boxes count as easy (5, 6, 7 on 1–7)." }) easyBoxes = 3,
  ): Promise<CesResult> {
    const agg = await csatStats(ctx.scope, filter, easyBoxes, "CES");
    if (!agg || agg.stats.n === 0) {
      const skipped = agg?.stats.skipped ?? 0;
      return CesResult.empty(emptyMetricReason("CES", filter, skipped), skipped, easyBoxes);
    }
    return CesResult.from(cesOf(agg.stats, agg.scale, easyBoxes));
  }

  @Query(() => [CesGroup], { description: "CES broken down by month, touchpoint, channel, survey, segment, journey stage or ladder rung." })
  async cesBreakdown(
    @Ctx() ctx: Context,
    @Arg("by", () => FeedbackGroupBy) by: FeedbackGroupBy,
    @Arg("filter", () => FeedbackFilterInput, { nullable: true }) filter?: FeedbackFilterInput,
    @Arg("easyBoxes", () => Int, { defaultValue: 3 }) easyBoxes = 3,
  ): Promise<CesGroup[]> {
    const groups = await csatStatsBy(ctx.scope, filter, easyBoxes, by, "CES");
    return groups.map((g) => Object.assign(new CesGroup(), { key: g.key, ces: g.stats.n === 0 ? null : CesResult.from(cesOf(g.stats, g.scale, easyBoxes)) }));
  }

  @Query(() => NpsResult, {
    description: "NPS of the workspace's NPS answers matching the filter; with no valid answer, n = 0, score null and a reason (never scored as 0).",
  })
  async nps(
    @Ctx() ctx: Context,
    @Arg("filter", () => FeedbackFilterInput, { nullable: true }) filter?: FeedbackFilterInput,
  ): Promise<NpsResult> {
    const counts = await npsCounts(ctx.scope, filter);
    if (!counts || counts.promoters + counts.passives + counts.detractors === 0) return NpsResult.empty(emptyMetricReason("NPS", filter, counts?.skipped ?? 0), counts?.skipped ?? 0);
    return NpsResult.from(netPromoterScoreFromCounts(counts));
  }

  @Query(() => [CsatGroup], { description: "CSAT broken down by month, touchpoint, channel, survey, segment, journey stage or ladder rung, each group with its own n and intervals." })
  async csatBreakdown(
    @Ctx() ctx: Context,
    @Arg("by", () => FeedbackGroupBy) by: FeedbackGroupBy,
    @Arg("filter", () => FeedbackFilterInput, { nullable: true }) filter?: FeedbackFilterInput,
    @Arg("topBoxes", () => Int, { defaultValue: 2 }) topBoxes = 2,
  ): Promise<CsatGroup[]> {
    const groups = await csatStatsBy(ctx.scope, filter, topBoxes, by);
    return groups.map((g) =>
      Object.assign(new CsatGroup(), {
        key: g.key,
        csat: g.stats.n === 0 ? null : CsatResult.from(customerSatisfactionScoreFromStats(g.stats, { scale: g.scale, topBoxes })),
      }),
    );
  }

  @Query(() => [NpsGroup], { description: "NPS broken down by month, touchpoint, channel, survey, segment, journey stage or ladder rung." })
  async npsBreakdown(
    @Ctx() ctx: Context,
    @Arg("by", () => FeedbackGroupBy) by: FeedbackGroupBy,
    @Arg("filter", () => FeedbackFilterInput, { nullable: true }) filter?: FeedbackFilterInput,
  ): Promise<NpsGroup[]> {
    const groups = await npsCountsBy(ctx.scope, filter, by);
    return groups.map((g) => {
      const n = g.counts.promoters + g.counts.passives + g.counts.detractors;
      return Object.assign(new NpsGroup(), { key: g.key, nps: n === 0 ? null : NpsResult.from(netPromoterScoreFromCounts(g.counts)) });
    });
  }

  @Query(() => CsatComparisonType, { description: "Compares the CSAT of two groups of answers (B against A): is the difference a change or noise?" })
  async compareCsat(
    @Ctx() ctx: Context,
    @Arg("a", () => FeedbackFilterInput) a: FeedbackFilterInput,
    @Arg("b", () => FeedbackFilterInput) b: FeedbackFilterInput,
    @Arg("topBoxes", () => Int, { defaultValue: 2 }) topBoxes = 2,
  ): Promise<CsatComparisonType> {
    const [sa, sb] = await Promise.all([csatStats(ctx.scope, a, topBoxes), csatStats(ctx.scope, b, topBoxes)]);
    for (const [name, s] of [["a", sa], ["b", sb]] as const) {
      if (!s || s.stats.n === 0) throw new GraphQLError(`group ${name} has no valid answers`, { extensions: { code: "BAD_USER_INPUT", field: name } });
    }
    const A = (sa as NonNullable<typeof sa>).stats;
    const B = (sb as NonNullable<typeof sb>).stats;
    let mean: DifferenceType | null = null;
    if (A.n >= 2 && B.n >= 2) {
      try {
        mean = DifferenceType.ofMeans(differenceInMeans({ n: A.n, sum: A.sum, sumOfSquares: A.sumOfSquares }, { n: B.n, sum: B.sum, sumOfSquares: B.sumOfSquares }));
      } catch {
        mean = null; // no spread in either group: a mean difference has no interval
      }
    }
    const pa = { successes: A.satisfied, n: A.n };
    const pb = { successes: B.satisfied, n: B.n };
    return Object.assign(new CsatComparisonType(), { share: DifferenceType.ofProportions(differenceInProportions(pa, pb)), mean, chanceBBeatsA: chanceToBeat(pa, pb) });
  }

  @Query(() => DifferenceType, { description: "NPS of group B minus group A, with SE = √(SE_A² + SE_B²), an interval and a p-value." })
  async compareNps(
    @Ctx() ctx: Context,
    @Arg("a", () => FeedbackFilterInput) a: FeedbackFilterInput,
    @Arg("b", () => FeedbackFilterInput) b: FeedbackFilterInput,
  ): Promise<DifferenceType> {
    const [ca, cb] = await Promise.all([npsCounts(ctx.scope, a), npsCounts(ctx.scope, b)]);
    if (!ca) throw new GraphQLError("group a has no answers", { extensions: { code: "BAD_USER_INPUT", field: "a" } });
    if (!cb) throw new GraphQLError("group b has no answers", { extensions: { code: "BAD_USER_INPUT", field: "b" } });
    return DifferenceType.ofNps(npsDifference(ca, cb));
  }
}
