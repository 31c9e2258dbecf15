import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { customerSatisfactionScoreFromStats, netPromoterScoreFromCounts } from "@engagekit/core";
import type { Context } from "../../server/Context.js";
import { CsatResult } from "./CsatResult.type.js";
import { FeedbackFilterInput } from "./FeedbackFilter.input.js";
import { NpsResult } from "./NpsResult.type.js";
import { csatStats, csatStatsBy, npsCounts, npsCountsBy } from "./feedbackStats.js";
import { FeedbackGroupBy } from "./FeedbackGroupBy.enum.js";
import { CsatGroup, NpsGroup } from "./FeedbackGroups.type.js";

@Resolver()
export class FeedbackResolver {
  @Query(() => CsatResult, {
    nullable: true,
    description: "CSAT of the workspace's CSAT answers matching the filter; null when there is no valid answer (never scored as 0).",
  })
  async csat(
    @Ctx() ctx: Context,
    @Arg("filter", () => FeedbackFilterInput, { nullable: true }) filter?: FeedbackFilterInput,
    @Arg("topBoxes", () => Int, { defaultValue: 2, description: "How many top boxes count as satisfied." }) topBoxes = 2,
  ): Promise<CsatResult | null> {
    const agg = await csatStats(ctx.scope, filter, topBoxes);
    if (!agg || agg.stats.n === 0) return null;
    return CsatResult.from(customerSatisfactionScoreFromStats(agg.stats, { scale: agg.scale, topBoxes }));
  }

  @Query(() => NpsResult, {
    nullable: true,
    description: "NPS of the workspace's NPS answers matching the filter; null when there is no valid answer.",
  })
  async nps(
    @Ctx() ctx: Context,
    @Arg("filter", () => FeedbackFilterInput, { nullable: true }) filter?: FeedbackFilterInput,
  ): Promise<NpsResult | null> {
    const counts = await npsCounts(ctx.scope, filter);
    if (!counts || counts.promoters + counts.passives + counts.detractors === 0) return null;
    return NpsResult.from(netPromoterScoreFromCounts(counts));
  }

  @Query(() => [CsatGroup], { description: "CSAT broken down by month, touchpoint, channel or survey, each group with its own n and intervals." })
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

  @Query(() => [NpsGroup], { description: "NPS broken down by month, touchpoint, channel or survey." })
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
}
