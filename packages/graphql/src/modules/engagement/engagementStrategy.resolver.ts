import { Arg, Ctx, Float, Int, Mutation, Query, Resolver } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import type { Context } from "../../server/Context.js";
import { assignModels } from "./assignmentService.js";
import { effectiveness } from "./effectivenessService.js";
import { EngagementStrategyInput, EngagementStrategyType } from "./EngagementStrategy.type.js";
import { loadStrategy, setStrategy, toStrategyType } from "./engagementStrategyService.js";
import { EngagementAssignmentReportType } from "./ModelAssignment.type.js";
import { EffectivenessBy, ModelEffectivenessReportType, PeriodInput, toEffectivenessType } from "./ModelEffectiveness.type.js";
import { Complexity, Market, ModelRecommendationsType } from "./ModelRecommendation.type.js";
import { recommendForSegment } from "./recommendationService.js";

/** The workspace's engagement strategy, the assignment of customers to models, and how the models do. */
@Resolver()
export class EngagementStrategyResolver {
  @Query(() => EngagementStrategyType, { nullable: true, description: "The workspace's strategy and capacities; null before one is set." })
  async engagementStrategy(@Ctx() ctx: Context): Promise<EngagementStrategyType | null> {
    const stored = await loadStrategy(ctx.scope);
    return stored ? toStrategyType(stored) : null;
  }

  @Mutation(() => EngagementStrategyType, {
    description: "Replaces the strategy after the core validates it against the workspace's models and segments. BAD_USER_INPUT with the path (input.rules.0.segment, input.capacities.1.capacity…); nothing is written then.",
  })
  async setEngagementStrategy(@Ctx() ctx: Context, @Arg("input", () => EngagementStrategyInput) input: EngagementStrategyInput): Promise<EngagementStrategyType> {
    return toStrategyType(await setStrategy(ctx.scope, input));
  }

  @Mutation(() => EngagementAssignmentReportType, {
    description: "Assigns every customer a model with the core (strategy rules, capacities, value at risk = predicted CLV × (1 − P(alive))) and stores model, version, reason and time, replacing the previous assignments; dryRun: true computes the same without writing.",
  })
  async assignEngagementModels(
    @Ctx() ctx: Context,
    @Arg("dryRun", () => Boolean, { defaultValue: false }) dryRun: boolean,
    @Arg("asOf", () => DateTimeResolver, { nullable: true, description: "When segment membership is evaluated; recorded as assignedAt. Default now." }) asOf?: Date,
  ): Promise<EngagementAssignmentReportType> {
    return (await assignModels(ctx.scope, { dryRun, asOf: asOf ?? new Date() })).report;
  }

  @Query(() => ModelEffectivenessReportType, {
    description: "Outcomes per model over a period (retention, repeat purchase, revenue, predicted CLV, NPS, CSAT) with n and intervals, differences to a reference model (Holm-adjusted), ROI and a composition check, from the stored assignments.",
  })
  async modelEffectiveness(
    @Ctx() ctx: Context,
    @Arg("period", () => PeriodInput) period: PeriodInput,
    @Arg("by", () => EffectivenessBy, { defaultValue: EffectivenessBy.MODEL }) by: EffectivenessBy,
  ): Promise<ModelEffectivenessReportType> {
    return toEffectivenessType(await effectiveness(ctx.scope, period.from, period.to, by), period);
  }

  @Query(() => ModelRecommendationsType, { description: "The core's ranking of the workspace's models for a segment (\"*\": every customer) from its size and predicted CLV." })
  async modelRecommendations(
    @Ctx() ctx: Context,
    @Arg("segment", () => String) segment: string,
    @Arg("horizonMonths", () => Int, { defaultValue: 12, description: "The horizon the predicted CLV covers (refreshCustomerValues' horizonMonths)." }) horizonMonths: number,
    @Arg("market", () => Market, { nullable: true }) market?: Market,
    @Arg("complexity", () => Complexity, { nullable: true }) complexity?: Complexity,
    @Arg("costPerCsmAccount", () => Float, { nullable: true, description: "Monthly cost of one-to-one coverage of one account (replaces the high-touch models' cost)." }) costPerCsmAccount?: number,
  ): Promise<ModelRecommendationsType> {
    return recommendForSegment(ctx.scope, segment, {
      horizonMonths,
      ...(market ? { market } : {}),
      ...(complexity ? { complexity } : {}),
      ...(costPerCsmAccount === undefined || costPerCsmAccount === null ? {} : { costPerCsmAccount }),
    });
  }
}
